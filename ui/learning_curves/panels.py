"""The panels of "When each wins": the view's widgets and link, cached computations, the chart.

link -> widgets -> ``LearningView`` -> link, as the explorer does (``ui/explorer/controls.py``); the words are in
``ui/learning_curves/words.py``.
"""

from __future__ import annotations

import time

import numpy as np
import streamlit as st

from core.experiments import curve_models, family_crossover, learning_curve, mean_and_se
from core.figures.layout import chart_config
from core.figures.learning_curves import learning_curve_figure, readout
from core.models import MODELS
from core.scenarios import SCENARIOS, make_scenario
from ui import boot
from ui.learning_curves import words
from ui.learning_curves.state import (
    BLOCK,
    BOTH_REGIMES,
    C_GRID,
    CHOICE_LABELS,
    CLOCK_SECONDS,
    LIMIT_SECONDS,
    N_MAX_CHOICES,
    NOT_OFFERED,
    OFFERED,
    REPEATS,
    SEED_RANGE,
    LearningView,
    Run,
    param_key,
)
from ui.page_view import KEEP

_PROBLEMS, _LINK_VIEW = "lc_problems", "lc_link_view"
CHART = dict(width="stretch", config=chart_config("learning_curves"))


# ---- the view: link -> widgets -> view -> link ---------------------------------------------

def seed_widgets(view: LearningView):
    """Write a view into the widgets' session-state keys (before the widgets are drawn)."""
    ss = st.session_state
    ss["lc_models"], ss["lc_scenario"] = list(view.models), view.scenario
    for pname, value in view.options:
        ss[param_key(view.scenario, pname)] = value
    ss["lc_C"], ss["lc_n_max"], ss["lc_repeats"], ss["lc_seed"] = view.C, view.n_max, view.repeats, view.seed


def load_view_from_url():
    """Parse the link into the widgets on a session's first visit, and whenever the page arrives with a link it
    did not write itself (a tour step, a pasted link). A menu switch arrives with no query and keeps the view."""
    ss = st.session_state
    if boot.arriving_link("learning_curves") is not None:
        view, problems = LearningView.from_query({k: st.query_params.get_all(k) for k in st.query_params})
        seed_widgets(view)
        ss[_PROBLEMS] = problems
        ss.pop(_LINK_VIEW, None)  # the new link's warnings stand until the user changes its view


def apply_view(view: LearningView):
    """A callback: show ``view`` (widgets, then the link and the chart on the rerun)."""
    seed_widgets(view)
    st.session_state[_PROBLEMS] = []  # a warning about the opening link no longer applies


def more_repeats():
    st.session_state.lc_repeats = min(REPEATS[1], st.session_state.lc_repeats + 2 * BLOCK)


def _init(key, value):
    if key not in st.session_state:
        st.session_state[key] = value


def view_from_widgets() -> LearningView:
    """The "Both regimes" button, the models, the sidebar; returns the view they show."""
    load_view_from_url()
    d = LearningView()
    st.button("Both regimes", key="lc_both", on_click=apply_view, args=(BOTH_REGIMES,), type="primary",
              icon=":material/compare_arrows:",
              help="Scenario (b), two near-copies, naive Bayes against logistic regression, default training.")
    st.caption(words.BOTH_REGIMES_HINT)
    _init("lc_models", list(d.models))
    models = st.multiselect("Models (solid: generative, dashed: discriminative)", list(OFFERED),
                            format_func=lambda k: MODELS[k].label, key="lc_models", **KEEP)
    st.caption(words.not_offered(NOT_OFFERED))
    with st.sidebar:
        st.header("Data")
        _init("lc_scenario", d.scenario)
        scenario = st.selectbox("Scenario", list(SCENARIOS), format_func=lambda k: SCENARIOS[k].label,
                                key="lc_scenario", **KEEP)
        spec = SCENARIOS[scenario]
        st.caption(spec.description)
        options = []
        for pname, p in spec.params.items():
            key = param_key(scenario, pname)
            _init(key, p.default)
            if p.choices:
                value = st.selectbox(p.label, p.choices, format_func=CHOICE_LABELS.get, key=key, **KEEP)
            else:
                value = st.slider(p.label, int(p.low), int(p.high), step=int(p.step), key=key, **KEEP)
            options.append((pname, value))
        st.header("Training")
        _init("lc_C", d.C)
        if "logreg" in models:
            st.select_slider("Logistic regression's C (inverse regularisation)", C_GRID,
                             format_func=lambda c: f"{c:g}", key="lc_C", **KEEP,
                             help="Small C = strong regularisation. 100 is close to the unregularised "
                                  "logistic regression Ng & Jordan analysed.")
        _init("lc_n_max", d.n_max)
        st.select_slider("Largest training size", N_MAX_CHOICES, key="lc_n_max", **KEEP)
        _init("lc_repeats", d.repeats)
        repeats = st.slider("Repeats (more = smoother curves, slower)", *REPEATS, step=BLOCK, key="lc_repeats",
                            **KEEP)
        st.button("More repeats (+20)", on_click=more_repeats, key="lc_more", disabled=repeats >= REPEATS[1])
        _init("lc_seed", d.seed)
        st.number_input("Seed", *SEED_RANGE, step=1, key="lc_seed", **KEEP)
    ss = st.session_state
    return LearningView(scenario=scenario, options=tuple(options), models=tuple(models), C=float(ss["lc_C"]),
                        n_max=int(ss["lc_n_max"]), repeats=int(repeats), seed=int(ss["lc_seed"]))


def link_problems(view: LearningView) -> list:
    """What was wrong with the opening link, until the user changes the view it gave."""
    ss = st.session_state
    ss.setdefault(_LINK_VIEW, view)
    if ss[_LINK_VIEW] != view:
        ss[_PROBLEMS] = []
    return ss.get(_PROBLEMS, [])


def write_link(view: LearningView):
    boot.write_link("learning_curves", view.to_query())


# ---- cached computations -------------------------------------------------------------------

@st.cache_resource(show_spinner=False, max_entries=64)
def scenario(name: str, options: tuple):
    """The scenario (its sampler is never changed, so it is shared, not copied)."""
    return make_scenario(name, **dict(options))


@st.cache_data(show_spinner=False, max_entries=64)
def scenario_facts(name: str, options: tuple) -> dict:
    sc = scenario(name, options)
    holdout = getattr(sc.sampler, "holdout", None)
    n_test = len(sc.sampler.y) - sc.max_train_size if holdout else None
    return dict(label=sc.label, bayes_error=sc.bayes_error, nb_error=sc.nb_error,
                max_train_size=sc.max_train_size, n_features=sc.n_features, n_test=n_test)


@st.cache_data(show_spinner=False, max_entries=4096)
def repeat_errors(name: str, options: tuple, models: tuple, C: float, sizes: tuple, seed: int, repeat: int,
                  _of: tuple = (0, 1)) -> dict:
    """Test errors of one repeat, dict model -> ndarray of shape (n_sizes, 1); shows a progress bar meanwhile.

    The bar is created and emptied in here, so a cache hit replays it as an empty slot.
    """
    done_before, total = _of
    text = f"Training the models on fresh samples: repeat {done_before + 1} of {total}…"
    bar = st.progress(done_before / total, text=text)
    sc = scenario(name, options)
    errors = learning_curve(sc.sampler, curve_models(models, logreg={"C": C}), sizes, n_repeats=1, seed=seed,
                            first_repeat=repeat,
                            progress=lambda fraction: bar.progress((done_before + fraction) / total, text=text))
    bar.empty()
    return errors


@st.cache_resource(show_spinner=False, max_entries=64)
def cached_figure(sizes, means, ses, families, bayes_error, nb_limit, crossover_at):
    """The figure, built once per distinct set of curves: plotly's validation costs ~50 ms a build."""
    return learning_curve_figure(sizes, means, ses, families, bayes_error, nb_limit, crossover_at)


def errors_within_clock(view: LearningView, run: Run) -> dict:
    """Each model's errors, shape (n_sizes, n_done): repeats in order until all are done or ``CLOCK_SECONDS``
    of computing have passed. Each run goes at least one repeat further than the last run of the same curves in
    this session (whose repeats are cached), so **Continue** always adds one."""
    key = (view.scenario, view.options, run.models, view.C, run.sizes, view.seed)
    last = st.session_state.setdefault("lc_done", {}).get(key, 0)
    start, done = time.monotonic(), []
    slot = st.empty()
    with slot.container():
        for r in range(view.repeats):
            if r > last and time.monotonic() - start > CLOCK_SECONDS:
                break
            done.append(repeat_errors(view.scenario, view.options, run.models, view.C, run.sizes, view.seed, r,
                                      _of=(r, view.repeats)))
    slot.empty()
    st.session_state["lc_done"] = {key: len(done)}  # only the curves shown: the dict stays one entry long
    return {m: np.hstack([d[m] for d in done]) for m in run.models}


# ---- the chart and its words ------------------------------------------------------------------

def curves_panel(view: LearningView, facts: dict, run: Run):
    """The chart, its heading and readout, and what a run left out or has still to compute."""
    if facts["max_train_size"] is not None and view.n_max > facts["max_train_size"]:
        st.info(f"{facts['label']} leaves {facts['max_train_size']} points for training after holding out the "
                f"test set, so the curve stops there instead of at {view.n_max}.")
    asked = min(view.n_max, facts["max_train_size"] or view.n_max)
    note = words.budget_note(asked, run.n_max, run.left_out, LIMIT_SECONDS)
    if note:
        st.info(note, icon="⏱️")
    try:
        errors = errors_within_clock(view, run)
    except ValueError as exc:
        st.warning(f"These settings cannot be computed: {exc}")
        st.stop()
    done = next(iter(errors.values())).shape[1]
    labels = {m: MODELS[m].label for m in run.models}
    means, ses = {}, {}
    for m in run.models:
        means[labels[m]], ses[labels[m]] = mean_and_se(errors[m])
    families = {labels[m]: MODELS[m].family for m in run.models}
    pair, cross = family_crossover(run.sizes, means, ses, families)
    nb_limit = facts["nb_error"] if {"nb_shared", "gnb"} & set(run.models) else None
    st.subheader(words.chart_heading(facts["label"], done), anchor=False)
    if done < view.repeats:
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.info(words.clock_note(done, view.repeats, CLOCK_SECONDS, LIMIT_SECONDS), icon="⏱️")
        right.button("Continue", key="lc_continue", width="stretch")  # a rerun: cached repeats cost nothing
    fig = cached_figure(run.sizes, means, ses, families, facts["bayes_error"], nb_limit, cross)
    st.plotly_chart(fig, key="lc_chart", **CHART)
    st.markdown(f"**Now:** {readout(run.sizes, means, cross, pair)}")
    both = words.regimes(run.sizes, means, ses, pair, cross)
    if both:
        st.markdown(both)
    failed = [label for label, m in means.items() if np.isnan(m).any()]
    if failed:
        st.info(f"{', '.join(failed)} could not be fitted at some of the smallest sizes (gaps in the curve).")


def notes_panel(view: LearningView):
    with st.expander("What to notice", expanded=True):
        st.markdown("\n".join(f"- {line}" for line in [words.scenario_note(view.scenario, dict(view.options)),
                                                        *words.GENERAL_NOTES]))
