"""The gallery's panels: its widgets and link, the cached tiles, the grid of maps.

Fits, scores and surfaces come from ``ui.cache`` with the explorer's keys (``GalleryView.data_key``, a model's
default parameters ``()``), so a model fitted on one page serves the other and a dataset switch fits each model
once. What is the gallery's own (a tile's figure, a fit that failed) is cached here.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from core.datasets import DATASETS
from core.evaluation import classification_metrics
from core.figures.gallery import tile_figure
from core.figures.layout import chart_config
from core.models import DISCRIMINATIVE, GENERATIVE, MODELS, models_of
from ui import cache, page_view
from ui.gallery import words
from ui.gallery.state import N_RANGE, OFFERED, SEED_RANGE, GalleryView
from ui.page_view import KEEP
from ui.safe import link_warning, md_text

TILE_RES = 60  # grid points a side: a tile is ~200-300 px wide
MAX_SHOWN = 300  # test points drawn on a tile at most (the same ones on every tile)
COLUMNS = {True: 6, False: 3}  # tiles a row: presenter mode, otherwise
HEIGHT = {True: 236, False: 300}
KEYS = {"dataset": "gl_dataset", "n_samples": "gl_n", "seed": "gl_seed", "contours": "gl_contours",
        "present": "gl_present"}
# presenter mode: less room above and beside the tiles (a fixed style, nothing a user typed)
PRESENT_STYLE = ("<style>[data-testid='stMainBlockContainer']{padding-top:3.6rem;padding-left:1.5rem;"
                 "padding-right:1.5rem;padding-bottom:1rem}</style>")


def _noise_key(dataset: str) -> str:
    return f"gl_noise.{dataset}"


# ---- the view: link -> widgets -> view -> link ---------------------------------------------

def _load(view: GalleryView):
    ss = st.session_state
    for attr, key in KEYS.items():
        ss[key] = getattr(view, attr)
    ss[_noise_key(view.dataset)] = view.noise_value


def view_from_widgets() -> GalleryView:
    """Read an arriving link into the widgets, draw them (the dataset and p(x | y) switch in a strip on top in
    presenter mode, the rest in the sidebar), and return the view they show, warning once about a bad link."""
    ss = st.session_state
    page_view.load_link_once("gl", GalleryView, _load)
    for attr, key in KEYS.items():
        ss.setdefault(key, getattr(GalleryView(), attr))
    present = bool(ss["gl_present"])
    if present:
        st.html(PRESENT_STYLE)
        strip = st.columns([1.3, 1, 2.4], vertical_alignment="center")
    with st.sidebar:
        st.toggle("📽️ Presenter mode", key="gl_present", **KEEP,
                  help="For a projector: all twelve maps on one 1280x720 slide, large text, the words folded away.")
        st.header("Data")
        dataset = (strip[0] if present else st).selectbox(
            "Dataset", OFFERED, format_func=lambda k: DATASETS[k].label, key="gl_dataset", **KEEP,
            label_visibility="collapsed" if present else "visible")
        spec = DATASETS[dataset]
        st.caption(spec.description)
        st.slider("Number of points", *N_RANGE, step=10, key="gl_n", **KEEP,
                  help="For a fixed dataset: a random subsample of this many (the seed picks it), or all its points.")
        noise = None
        if not spec.is_pool:
            ss.setdefault(_noise_key(dataset), spec.default_noise)
            value = st.slider("Noise", *map(float, spec.noise_range), step=0.05, key=_noise_key(dataset), **KEEP)
            noise = None if abs(value - spec.default_noise) < 1e-12 else float(value)
        st.number_input("Seed", *SEED_RANGE, step=1, key="gl_seed", **KEEP)
        (strip[1] if present else st).toggle("Show p(x | y)", key="gl_contours", **KEEP,
                                             help="Each class's density, as each generative model learned it.")
    view = GalleryView(**{attr: ss[key] for attr, key in KEYS.items()}, noise=noise)
    page_view.write_link("gl", view)  # first: a view changed from the link's clears the link's warning now
    if ss.get("gl_problems"):
        st.warning(link_warning(ss["gl_problems"]), icon="🔗")
    if present:
        strip[2].html(words.legend_html(cache.load_data(view.data_key)[0].class_names))
    return view


# ---- cached: what the gallery adds to ui.cache ------------------------------------------

@st.cache_data(max_entries=96, show_spinner=False)
def fit_problem(data_key: tuple, name: str) -> str | None:
    """Why ``name`` cannot be fitted on this data (None when it can): a failed fit is not tried on every rerun."""
    try:
        cache.fitted(data_key, name, ())
    except ValueError as exc:
        return str(exc)
    return None


def test_accuracy(data_key: tuple, name: str) -> float:
    """The model's test accuracy as the explorer's scores table computes it: P(y | x) on the test split with
    the learned P(y) (Bayes' rule for a generative model, as trained for a discriminative one)."""
    priors = tuple(cache.fitted(data_key, name, ()).priors_) if MODELS[name].family == GENERATIVE else None
    proba = cache.split_proba(data_key, name, (), priors)
    return classification_metrics(cache.load_data(data_key)[1].y, proba["test"])["accuracy"]


def shown_rows(n_test: int, seed: int) -> np.ndarray:
    """Which test points a tile draws: all, or ``MAX_SHOWN`` of them picked by the seed (the same on every tile)."""
    if n_test <= MAX_SHOWN:
        return np.arange(n_test)
    return np.sort(np.random.default_rng(seed).choice(n_test, MAX_SHOWN, replace=False))


@st.cache_resource(max_entries=96, show_spinner=False)
def tile(data_key: tuple, name: str, contours: bool, present: bool):
    """One model's tile (a shared figure: never changed after it is built)."""
    _, test = cache.load_data(data_key)
    surf = cache.surfaces(data_key, name, (), TILE_RES)
    rows = shown_rows(len(test.y), data_key[4])
    return tile_figure(surf.grid, surf.proba, test.class_names, words.short_label(name),
                       words.accuracy_line(test_accuracy(data_key, name)),
                       test_points=(test.X[rows], test.y[rows]),
                       log_density=surf.log_density if contours else None, height=HEIGHT[present])


# ---- the grid -------------------------------------------------------------------------------

def family_row(view: GalleryView, family: str):
    """One family's tiles, ``COLUMNS`` a row, each a chart (or, where the model cannot learn this data, why)."""
    st.markdown(words.GROUPS[family])
    names = models_of(family)
    per_row = COLUMNS[view.present]
    for start in range(0, len(names), per_row):
        for column, name in zip(st.columns(per_row, gap="small"), names[start:start + per_row]):
            with column:
                problem = fit_problem(view.data_key, name)
                if problem:
                    st.info(f"{words.failed_tile(name)} {md_text(problem)}")
                    continue
                fig = tile(view.data_key, name, view.contours and family == GENERATIVE, view.present)
                st.plotly_chart(fig, key=f"gl_tile_{name}", width="stretch",
                                config=chart_config(f"gallery_{name}", download=not view.present),
                                alt=f"P(y | x) of {MODELS[name].label} over the plane")


def tiles_panel(view: GalleryView):
    with st.spinner("Fitting every model…", show_time=True):
        for name in MODELS:
            fit_problem(view.data_key, name)
    for family in (GENERATIVE, DISCRIMINATIVE):
        family_row(view, family)
