"""The digits page's panels: link -> widgets -> ``PicturesView`` -> link, and the first four parts.

The words are in ``ui/pictures/words.py``, cached core calls in ``ui/pictures/cache.py``; drawing and the
rare digit are in ``ui/pictures/drawing.py``.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from core.figures.layout import chart_config
from core.figures.pictures import accuracy_curve_figure, digit_figure, grid_figure, proba_bars_figure
from core.images import DIGIT_MODELS
from core.pictures import grey_share, hide_bottom_rows
from core.snippet_pictures import pictures_script
from ui import boot, icons
from ui.copy_python import copy_python
from ui.pictures import cache as compute
from ui.pictures import words as w
from ui.pictures.state import HIDDEN_ROWS, N_EXAMPLES, PARTS, PicturesView, problems_text

PAGE = "pictures"
KEEP = dict(persist_state="session")
CHART = dict(width="stretch", config=chart_config("digits"))
_PROBLEMS, _LINK_VIEW, _DRAW = "pictures_problems", "pictures_link_view", "pictures_draw"
WIDGETS = {"part": "pictures_part", "hidden_rows": "pictures_hidden", "example": "pictures_example",
           "mean_model": "pictures_mean_model", "rare_digit": "pictures_rare_digit", "rare_n": "pictures_rare_n",
           "rare_model": "pictures_rare_model", "n_generated": "pictures_generated"}
PER_CLASS = 3  # pictures per digit and model in the Sample grid
GRID_NAMES = {"gnb": "naive Bayes", "ppca": "PPCA", "pca_gmm": "mixture"}  # short: a phone shows them side by side


def seed_widgets(view: PicturesView):
    for name, key in WIDGETS.items():
        st.session_state[key] = getattr(view, name)


def load_view_from_url():
    """On the session's first visit, or a link the page did not write: the link's view into the widgets."""
    if boot.arriving_link(PAGE) is not None:
        view, problems = PicturesView.from_query({k: st.query_params.get_all(k) for k in st.query_params})
        seed_widgets(view)
        st.session_state[_PROBLEMS] = problems
        st.session_state.pop(_LINK_VIEW, None)
    default = PicturesView()
    for name, key in WIDGETS.items():
        st.session_state.setdefault(key, getattr(default, name))


def part_picker() -> str:
    load_view_from_url()
    return st.segmented_control("Part", list(PARTS), format_func=PARTS.get, key=WIDGETS["part"], required=True,
                                label_visibility="collapsed", **KEEP)


def current_view() -> PicturesView:
    ss = st.session_state
    return PicturesView(**{name: ss[key] for name, key in WIDGETS.items()})


def copy_box():
    """"Copy as Python" beside the part picker: the part as it is when the box opens (``core.snippet_pictures``)."""
    copy_python("pictures_copy_python", lambda: pictures_script(current_view().to_query()), "digits_view.py",
                "Needs numpy and scikit-learn. It prints both models' test accuracy on the page's 70/30 split; for "
                "a rare digit, seed 0's run (the one whose images the page shows).")


def link_warning(view: PicturesView):
    """One warning for what was wrong with the opening link, until the user changes the view it gave."""
    ss = st.session_state
    ss.setdefault(_LINK_VIEW, view)
    if ss[_LINK_VIEW] != view:
        ss[_PROBLEMS] = []
    if ss.get(_PROBLEMS):
        st.warning(problems_text(ss[_PROBLEMS]), icon="🔗")


def write_link(view: PicturesView):
    """The view's link; a presenter-mode link (``present=1``, app.py folds the sidebar) stays one."""
    query = view.to_query()
    if st.query_params.get("present") == "1":
        query["present"] = "1"
    boot.write_link(PAGE, query)


def bullets(lines: list) -> str:
    return "\n".join(f"- {line}" for line in lines)


def _draw_count() -> int:
    return st.session_state.setdefault(_DRAW, 0)


def _new_draw():
    st.session_state[_DRAW] = _draw_count() + 1


# ---- Sample and the average ---------------------------------------------------------------------

@st.fragment
def sample_grid():
    """Real digits beside each generative model's samples; the button redraws only this grid."""
    st.button("Sample new digits", key="pictures_sample", on_click=_new_draw, type="primary", icon=icons.SAMPLE)
    draw = _draw_count()
    blocks = [compute.real_examples(PER_CLASS, draw)] + [compute.samples(n, PER_CLASS, draw) for n in DIGIT_MODELS]
    images = np.concatenate(blocks, axis=1)
    groups = [("real", PER_CLASS)] + [(GRID_NAMES[n], PER_CLASS) for n in DIGIT_MODELS]
    st.plotly_chart(grid_figure(images, [str(k) for k in range(10)], groups, height=430), key="pictures_grid",
                    alt="Rows: digits 0 to 9. Columns: real test digits, then samples from naive Bayes, "
                        "probabilistic PCA and the mixture.", **CHART)
    st.caption(f"Draw {draw + 1}: {PER_CLASS} real test digits and {PER_CLASS} samples per model and digit.")


def sample_panel():
    left, right = st.columns([3, 2])
    with left:
        sample_grid()
    with right:
        st.markdown(bullets(w.sample_lines(compute.sample_measures())))


@st.fragment
def mean_grid(name: str):
    st.button("Sample again", key="pictures_mean_sample", on_click=_new_draw, icon=icons.SAMPLE)
    draw = _draw_count()
    means = compute.class_means(name)[:, None, :]
    images = np.concatenate([means, compute.samples(name, 4, draw)], axis=1)
    st.plotly_chart(grid_figure(images, [str(k) for k in range(10)], [("mean", 1), ("samples", 4)], height=470),
                    key="pictures_mean_grid", alt="Each digit's mean image beside four samples of it.", **CHART)


def mean_panel(view: PicturesView):
    left, right = st.columns([2, 3])
    with left:
        st.selectbox("Model", list(DIGIT_MODELS), format_func=lambda k: DIGIT_MODELS[k].label,
                     key=WIDGETS["mean_model"], **KEEP)
        mean_grid(view.mean_model)
    with right:
        _, X_test, _, _ = compute.split()
        typ = compute.typicality()[view.mean_model]
        st.markdown(bullets(w.mean_lines(view.mean_model, grey_share(compute.class_means(view.mean_model)),
                                         grey_share(X_test), typ["average"])))


# ---- both classify; hidden rows ------------------------------------------------------------------

def classify_panel():
    acc = compute.accuracies()
    rows = [("gnb", "generative"), ("ppca", "generative"), ("pca_gmm", "generative"), ("logreg", "discriminative"),
            ("mlp", "discriminative")]
    table = ["| Model | Family | Test accuracy |", "|---|---|---:|"]
    table += [f"| {w.LABELS[n]} | {fam} | {w.pct(acc[n])} |" for n, fam in rows]
    left, right = st.columns([1, 1])
    left.markdown("\n".join(table))
    with right:
        st.markdown(bullets(w.classify_lines(acc)))
        icons.page_link(st, "pages/learning_curves.py", "Learning curves on digits (3 vs 8): who wins with few images",
                        query_params={"lc_scenario": "real", "lc_real_dataset": "digits_3_8"})


def hide_panel(view: PicturesView):
    curves = compute.hidden_curves()
    left, right = st.columns([3, 2])
    with left:
        rows = st.slider("Bottom rows hidden", *HIDDEN_ROWS, key=WIDGETS["hidden_rows"], **KEEP)
        tests = compute.hidden_tests(rows) if rows else {}
        names = ["pca_gmm", "ppca", "gnb", "logreg_mean", "logreg_visible"]
        fig = accuracy_curve_figure(compute.ROWS, {n: curves[n] for n in names}, w.LABELS,
                                    dashed=("logreg_mean", "logreg_visible"), marked_rows=rows)
        st.plotly_chart(fig, key="pictures_hidden_chart", **CHART)
    with right:
        st.markdown(bullets(w.hide_lines(rows, curves, tests)))
    example_panel(view.example, rows)


def example_panel(index: int, rows: int):
    """One test image with its hidden rows, and P(y | x) from both families."""
    X_train, X_test, _, y_test = compute.split()
    x = hide_bottom_rows(X_test[index:index + 1], rows)
    visible = 64 - 8 * rows
    filled = np.where(np.isnan(x), X_train.mean(axis=0), x)
    probas = {w.LABELS["pca_gmm"]: compute.model("pca_gmm").predict_proba(x)[0],
              w.LABELS["logreg_mean"]: compute.model("logreg").predict_proba(filled)[0],
              w.LABELS["logreg_visible"]: compute.retrained_visible(rows).predict_proba(X_test[index:index + 1,
                                                                                              :visible])[0]}
    left, right = st.columns([1, 3])
    with left:
        st.number_input("Test image (0-539)", 0, N_EXAMPLES - 1, step=1, key=WIDGETS["example"], **KEEP)
        st.plotly_chart(digit_figure(x[0], title=f"a {y_test[index]}, {rows} rows hidden"),
                        key="pictures_example_fig", **CHART)
    right.plotly_chart(proba_bars_figure(probas), key="pictures_example_bars", **CHART)
