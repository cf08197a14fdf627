"""Widgets for the explorer, built from the dataset and model registries.

The view is read from the URL once per session (bad values fall back with a message),
written into the widgets' session-state keys, and written back to the URL on every run,
so the address bar always holds a link to the current view.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import streamlit as st

from core.datasets import DATASETS, DRAWN, POOL, UPLOAD, pool_dataset
from core.models import DISCRIMINATIVE, GENERATIVE, MODELS, Param, models_of
from ui import focus
from ui.boot import arriving_link, write_link
from ui.explorer import own_data
from ui.explorer.state import DRAWN_CLASSES, ExplorerView
from ui.page_view import KEEP

# Presenter mode's strip and map titles: names that fit a sixth of a projector's width (the sidebar keeps the full ones)
SHORT_LABELS = {"nb_shared": "NB, shared variances", "gmm": "Gaussian mixture", "kde": "Kernel density",
                "mlp": "Neural network", "iris": "Iris (real)", "wine_2d": "Wine (real)",
                "cancer_2d": "Breast cancer (real)", "three_gaussians": "Three Gaussians"}


def short_label(key: str) -> str:
    """A model's or dataset's name for the strip: its short form if it has one, else its label."""
    return SHORT_LABELS.get(key) or (MODELS[key].label if key in MODELS else DATASETS[key].label)


def param_key(family_key: str, model: str, param: str) -> str:
    return f"{family_key}.{model}.{param}"


def log_options(p: Param, per_decade: int = 4) -> list:
    """Log-spaced choices between p.low and p.high (3 significant digits), including the default."""
    return list(_log_options(float(p.low), float(p.high), float(p.default), per_decade))


@functools.lru_cache(maxsize=64)
def _log_options(low: float, high: float, default: float, per_decade: int) -> tuple:
    """``log_options``, made once per parameter: the sidebar asks on every rerun."""
    lo, hi = np.log10(low), np.log10(high)
    values = {float(f"{v:.3g}") for v in np.logspace(lo, hi, int(round((hi - lo) * per_decade)) + 1)}
    values.add(default)
    return tuple(sorted(values))


def _snap(p: Param, value):
    if p.log:
        options = log_options(p)
        return min(options, key=lambda o: abs(np.log10(o) - np.log10(value)))
    return value


def balanced_share(dataset: str) -> float:
    return round(1.0 / DATASETS[dataset].n_classes, 2)


def seed_widgets_from(view: ExplorerView, reset: bool = False):
    """Write a view into the widgets' session-state keys (before the widgets are drawn).

    ``reset``: also put the shown models' other settings back to their defaults and clear the
    probe, so the widgets show exactly ``view`` (a demo scene, or the defaults).
    """
    ss = st.session_state
    if reset:
        for fam_key, name in (("gen", view.gen), ("disc", view.disc)):
            for pname, p in MODELS[name].params.items():
                ss[param_key(fam_key, name, pname)] = p.default
        ss["probe_x"] = ss["probe_y"] = None
        ss.pop("samples", None)
    ss["dataset"], ss["n_samples"] = view.dataset, view.n_samples
    ss.pop(ASKED, None)  # the view's n is the one asked for
    ss[f"noise.{view.dataset}"] = view.noise_value
    ss[f"share.{view.dataset}"] = balanced_share(view.dataset) if view.share is None else view.share
    ss["seed"], ss["test_fraction"], ss["resolution"] = view.seed, view.test_fraction, view.resolution
    ss["gen"], ss["disc"], ss["n_new"] = view.gen, view.disc, view.n_new
    ss["view_focus"] = view.focus  # a link's focus stays in the link until another view is applied
    ss["prior_on"] = view.prior is not None
    ss["prior_disc"] = view.prior_disc
    ss["prior_unknown"] = view.est > 0
    if view.est:
        ss["prior_unknown_n"] = view.est
    ss["present"] = view.present or (reset and bool(ss.get("present")))  # a scene or reset keeps the room's mode
    if view.prior is not None:
        ss["prior"] = view.prior
    for fam_key, name, params in (("gen", view.gen, view.gen_params), ("disc", view.disc, view.disc_params)):
        for pname, value in params:
            ss[param_key(fam_key, name, pname)] = _snap(MODELS[name].params[pname], value)
    if view.probe is not None:
        ss["probe_x"], ss["probe_y"] = view.probe
    if view.dataset == DRAWN and view.user_data is not None:  # a link's drawn points become the canvas
        data = pool_dataset(view.user_data)
        ss["drawn_points"] = [(float(a), float(b), int(k)) for (a, b), k in zip(data.X, data.y)]
        ss["drawn_classes"], ss["click_adds"] = data.n_classes, 0


def load_view_from_url():
    """Parse ``st.query_params`` into the widgets, keeping the problems found.

    On a session's first run, and whenever the page arrives with a link it did not write itself: a
    "show me" link from the quiz or a tour step opens the explorer inside the same session (a page
    switch, not a reload), and must show its view. A page switch from the menu arrives with no
    query at all and keeps the explorer as the user left it.
    """
    ss = st.session_state
    first = "view_loaded" not in ss
    query = arriving_link("explorer")
    if query is not None:
        view, problems = ExplorerView.from_query(query)
        seed_widgets_from(view, reset=not first)
        focus.land("explorer", view.focus)
        ss["view_loaded"] = True
        ss["url_problems"] = problems
        ss.pop("url_view", None)  # the new link's warnings stand until the user changes its view


def link_problems(requested: ExplorerView) -> list:
    """What was wrong with the opening link, until the user changes the view it gave."""
    ss = st.session_state
    ss.setdefault("url_view", requested)
    if ss["url_view"] != requested:
        ss["url_problems"] = []
    return ss.get("url_problems", [])


def apply_view(view: ExplorerView):
    """A callback: show ``view`` (widgets, then URL and panels on the rerun)."""
    seed_widgets_from(view, reset=True)
    st.session_state["url_problems"] = []  # a warning about the opening link no longer applies


def presenting() -> bool:
    return bool(st.session_state.get("present"))


def present_toggle(where=None):
    with where if where is not None else st.sidebar:
        st.toggle(":material/co_present: Presenter mode", key="present", **KEEP,
                  help="For a projector: the lecture's controls in one strip above three large maps; "
                       "explanations folded away. Collapse the sidebar (« at its top) for the most room.")


def write_view_to_url(view: ExplorerView):
    write_link("explorer", view.to_query())


def explorer_link(query: dict | None) -> dict:
    """Query parameters for an in-app link (``st.page_link``) that opens the explorer on ``query``.

    Never empty: an empty query is how a plain page switch arrives, which keeps the user's view."""
    query = dict(query or {})
    return query or {"dataset": ExplorerView().dataset}


def _param_widget(fam_key: str, model: str, pname: str, p: Param):
    key = param_key(fam_key, model, pname)
    label = (p.label or pname)[:1].upper() + (p.label or pname)[1:]
    # the value lives in session state (a link, a scene or the default)
    _init(key, p.default)
    if p.choices:
        return st.selectbox(label, p.choices, key=key, help=p.help or None, **KEEP)
    if p.log:
        options = log_options(p)
        if st.session_state[key] not in options:
            st.session_state[key] = _snap(p, st.session_state[key])
        return st.select_slider(label, options=options, key=key, help=p.help or None,
                                format_func=lambda v: f"{v:g}", **KEEP)
    if p.is_int:
        return state_slider(label, int(p.low), int(p.high), step=int(p.step or 1), key=key, help=p.help or None)
    return state_slider(label, float(p.low), float(p.high), step=float(p.step or 0.01), key=key, help=p.help or None)


def model_controls(fam_key: str, family: str, title: str, where=None):
    """A model selectbox (in ``where`` if given) and one widget per hyperparameter in its schema.

    Returns (name, params) where params holds only the values that differ from the defaults.
    """
    names = models_of(family)
    name = (where or st).selectbox(title, names, format_func=short_label if where else lambda k: MODELS[k].label,
                                   key=fam_key, **KEEP)
    st.caption(MODELS[name].description)
    changed = []
    for pname, p in MODELS[name].params.items():
        value = _param_widget(fam_key, name, pname, p)
        if value != p.default:
            changed.append((pname, value))
    return name, tuple(sorted(changed))


def _init(key, value):
    if key not in st.session_state:
        st.session_state[key] = value


def state_slider(label: str, low, high, key: str, **kwargs):
    """``st.slider`` whose value lives in session state (set beforehand, e.g. by ``_init``). Its default is given
    all the same: given none, Streamlit reads the whole session state to tell a range slider from a single one
    (~0.2 ms a slider on every rerun). The state's value wins over the default; the default only has to be valid
    (in range, typed)."""
    default = type(low)(min(max(st.session_state.get(key, low), low), high))
    return st.slider(label, low, high, value=default, key=key, **kwargs, **KEEP)


def sidebar_view(strip: dict | None = None) -> ExplorerView:
    """Draw the sidebar and return the view it describes.

    ``strip``: presenter mode's containers ("dataset", "gen", "disc"); those selectboxes go there,
    everything else stays in the sidebar."""
    d, strip = ExplorerView(), strip or {}
    with st.sidebar:
        st.header("Data")
        name = (strip.get("dataset") or st).selectbox(
            "Dataset", list(DATASETS), format_func=short_label if strip else lambda k: DATASETS[k].label, key="dataset",
            on_change=forget_probe, **KEEP)
        spec = DATASETS[name]
        st.caption(spec.description)
        user_data = own_data.csv_controls() if spec.kind == UPLOAD else \
            own_data.drawn_key() if spec.kind == DRAWN else None
        _init("n_samples", d.n_samples)
        size = pool_size(spec, user_data) if spec.is_pool else None
        if spec.kind == DRAWN:  # every drawn point is used (ExplorerView.data_key): no subsample to size
            n_samples = st.session_state["n_samples"]
        else:
            n_samples = points_slider(size)
        if spec.is_pool:
            noise, share = spec.default_noise, balanced_share(name)
            used = "" if size is None else (f"all {size} of its points are used" if n_samples >= size else
                                            f"{n_samples} of its {size} points are used")
            st.caption(f"A fixed dataset{': ' + used if used else ''}. Noise and class share do not apply: its points "
                       "are what they are. The seed picks the test split" + (" and the subsample." if used and
                                                                                n_samples < size else "."))
        else:
            noise_key = f"noise.{name}"
            _init(noise_key, spec.default_noise)
            lo, hi = spec.noise_range
            noise = state_slider("Noise", float(lo), float(hi), step=0.05, key=noise_key)
            who = spec.names()[1] if spec.n_classes == 2 else spec.names()[0]
            share_key = f"share.{name}"
            _init(share_key, balanced_share(name))
            share = state_slider(f"Share of class {who}", 0.05, 0.95, step=0.01, key=share_key,
                            help="Class imbalance: the proportion of points drawn from this class "
                                 "(the others share the rest equally).")
        _init("seed", d.seed)
        seed = int(st.number_input("Seed", 0, 9999, step=1, key="seed", **KEEP))
        _init("test_fraction", d.test_fraction)
        test_fraction = state_slider("Test fraction", 0.0, 0.8, step=0.05, key="test_fraction")
        if spec.kind != DRAWN and (user_data is not None or spec.kind != UPLOAD):
            n_classes = pool_dataset(user_data).n_classes if user_data else spec.n_classes
            st.button("Draw on these points", icon=":material/draw:", key="draw_from_data", on_click=draw_from,
                      disabled=n_classes > len(DRAWN_CLASSES),
                      args=((user_data or name, int(n_samples), 0.0 if spec.is_pool else float(noise),
                             None if spec.is_pool else float(share), seed, float(test_fraction)),),
                      help="Copy this dataset's points to a canvas where a click adds a point (classes become A, B, "
                           "C; up to 3 classes).")

        st.header("Generative model")
        gen, gen_params = model_controls("gen", GENERATIVE, "Generative: p(x|y), P(y)" if strip else
                                         "Learns p(x|y) and P(y)", strip.get("gen"))
        st.header("Discriminative model")
        disc, disc_params = model_controls("disc", DISCRIMINATIVE, "Discriminative: P(y|x)" if strip else
                                           "Learns P(y|x) directly", strip.get("disc"))

        st.header("Display")
        _init("resolution", d.resolution)
        resolution = state_slider("Grid resolution", 40, 250, step=10, key="resolution",
                             help="Points per axis of the grid the surfaces are computed on.")
    _init("n_new", d.n_new)
    noise_value = None if spec.is_pool or abs(noise - spec.default_noise) < 1e-12 else float(noise)
    share_value = None if spec.is_pool or abs(share - balanced_share(name)) < 1e-12 else float(share)
    return ExplorerView(dataset=name, n_samples=int(n_samples), noise=noise_value, share=share_value, seed=seed,
                        test_fraction=float(test_fraction), gen=gen, gen_params=gen_params, disc=disc,
                        disc_params=disc_params, resolution=int(resolution), n_new=int(st.session_state["n_new"]),
                        prior=prior_from_state(), prior_disc=prior_disc_from_state(), est=est_from_state(),
                        probe=probe_from_state(), present=presenting(), user_data=user_data,
                        focus=st.session_state.get("view_focus"))


N_POINTS = (20, 2000, 10)  # the "Number of points" slider: low, high, step (a link's n: ui.explorer.state)
ASKED = "n_samples_asked"  # the number of points asked for, while a smaller fixed dataset holds the slider lower


def points_slider(size: int | None) -> int:
    """The "Number of points" slider (session key ``n_samples``); its value.

    On a fixed dataset of ``size`` points it ends at ``size`` (rounded up to a step: every point), since a larger
    number would use the same points; the number asked for stays in ``ASKED`` for the next dataset
    (``forget_probe``). At ``size`` <= its lowest value no position changes anything: it is disabled."""
    low, high, step = N_POINTS
    ss = st.session_state
    if size is not None and size <= low:  # a slider of its own: the one keyed n_samples keeps its value
        st.slider("Number of points", 0, size, value=size, step=1, disabled=True,
                  help=f"This dataset has only {size} points, no more than the slider's lowest value ({low}): all "
                       "of them are used, so there is nothing to choose.")
        return int(ss["n_samples"])
    if size is not None:
        high = min(high, low + math.ceil((size - low) / step) * step)
        if ss["n_samples"] > high:
            ss[ASKED] = max(ss.get(ASKED, 0), ss["n_samples"])
            ss["n_samples"] = high
    return state_slider("Number of points", low, high, step=step, key="n_samples", on_change=_forget_asked,
                   help="A random subsample of this many points (the seed picks it)." if size is None else
                        f"A random subsample of this many of its {size} points (the seed picks it); at the right "
                        "end, all of them.")


def _forget_asked():
    """A callback: the number of points moved by hand is the one asked for."""
    st.session_state.pop(ASKED, None)


def pool_size(spec, user_data: str | None) -> int | None:
    """How many points a fixed dataset has (None while a user's has not arrived)."""
    if spec.kind == POOL:
        return len(spec.load().y)
    return None if user_data is None else len(pool_dataset(user_data).y)


def draw_from(data_key: tuple):
    """A callback: the drawing canvas starts from the points of ``data_key`` (train and test)."""
    from ui import cache
    train, test = cache.load_data(data_key)
    own_data.start_drawing(np.vstack([train.X, test.X]), np.concatenate([train.y, test.y]), train.n_classes)


def forget_probe():
    """A callback for a dataset change: the probe returns to the centre of the new data, and the number of points
    to the one asked for before a smaller fixed dataset held it lower (``points_slider``).

    A point typed for one dataset means nothing on another (it may lie off the new map)."""
    st.session_state["probe_x"] = st.session_state["probe_y"] = None
    if ASKED in st.session_state:
        st.session_state["n_samples"] = st.session_state.pop(ASKED)


def prior_from_state():
    """P(y=1) (or P(y=A) for K >= 3) set by hand, None while the learned priors are used."""
    return float(st.session_state["prior"]) if st.session_state.get("prior_on") and "prior" in st.session_state \
        else None


def prior_disc_from_state() -> bool:
    """True while the hand-set P(y) is applied to the discriminative model too."""
    return bool(st.session_state.get("prior_disc")) and prior_from_state() is not None


def est_from_state() -> int:
    """How many unlabelled points the hand-set P(y) is estimated from; 0 while it is known."""
    return int(st.session_state.get("prior_unknown_n", 0)) if st.session_state.get("prior_unknown") and \
        prior_from_state() is not None else 0


def probe_from_state():
    """The probe point typed or clicked, None while it is unset."""
    x, y = st.session_state.get("probe_x"), st.session_state.get("probe_y")
    return None if x is None or y is None else (float(x), float(y))
