"""The explorer's panels, so that pages/explorer.py reads as a short flow.

Each function draws one part of the page from a resolved ``ExplorerView``; the heavy lifting
is in ``ui.cache`` (cached core calls) and ``core`` (models, surfaces, figures).
"""

from __future__ import annotations

import functools
from dataclasses import replace

import numpy as np
import streamlit as st

from core.datasets import DATASETS, DRAW_CANVAS, DRAWN, UPLOAD
from core.export import model_parameters, parameters_json
from core.figures import explorer as figures
from core.figures import layout
from core.glossary import term_link
from core.io import dataset_to_csv
from core.models import MODELS
from core.surfaces import make_grid, scoring_grid, support_vectors
from ui import cache
from ui.explorer import controls, notes, own_data
from ui.explorer.controls import prior_disc_from_state, prior_from_state, probe_from_state, write_view_to_url
from ui.explorer.copy_python import copy_python
from ui.explorer.prior_drag import prior_drag_listener
from ui.explorer.prior_panels import active_priors, prior_box, priors_in_use, shift_section
from ui.explorer.probe import bayes_line, disc_how, probe_numbers, probe_section
from ui.explorer.scene_menu import next_scene_button
from ui.explorer.scenes import SCENES, scene_key
from ui.explorer.share_link import share_link
from ui.explorer.state import LINK_POINTS, ExplorerView, drawn_dataset
from ui.timing import LIMIT_SECONDS, timed


def _fitted_pair(view: ExplorerView):
    """Load data, fit both models and compute their grids (the slow part at heavy settings, done
    under the page's spinner); raises ValueError with a readable message on failure."""
    train, _ = cache.load_data(view.data_key)
    cache.fitted_pair(view.data_key, view.gen, view.gen_params, view.disc, view.disc_params, view.resolution)
    return train


def resolve_view(requested: ExplorerView):
    """(view, train) to draw: ``requested`` when it can be fitted, else the last view that could.

    A setting the models cannot learn from (a class with one training point, ...) shows its
    message and keeps the previous picture, never a traceback.
    """
    spec = DATASETS[requested.dataset]
    if spec.kind == UPLOAD and requested.user_data is None:
        st.info("**Your CSV file:** upload one in the sidebar (under Dataset). A header row, two numeric columns and "
                "a label column; the file stays in this session only. Meanwhile the last dataset is shown.", icon="📄")
        return _last_good()
    try:
        train = _fitted_pair(requested)
        st.session_state["last_good_view"] = requested
        return requested, train
    except ValueError as exc:
        if spec.kind == DRAWN:
            drawing_canvas(str(exc) if requested.user_data else "Pick a class above and click on the map.")
            write_view_to_url(requested)
            st.stop()
        st.error(f"**This setting cannot be shown:** {exc}", icon="⚠️")
        st.caption("Showing the last view that worked; change the settings in the sidebar to continue.")
        return _last_good()


def _last_good():
    """The last view that could be shown (the defaults if even that is gone, e.g. its uploaded data)."""
    view = st.session_state.get("last_good_view", ExplorerView())
    try:
        return view, _fitted_pair(view)
    except ValueError:
        return ExplorerView(), _fitted_pair(ExplorerView())


def _samples_key(v: ExplorerView):
    return (v.data_key, v.gen, v.gen_params)


@st.fragment
@timed("density_panel")
def density_panel(view: ExplorerView, names: tuple, buttons=None):
    """p(x|y) contours with the sample button: a click reruns only this fragment.

    ``buttons``: where Sample goes (presenter mode's strip); Clear and the download then stay here."""
    if "samples" not in st.session_state or st.session_state["samples"]["key"] != _samples_key(view):
        st.session_state["samples"] = {"key": _samples_key(view), "X": None, "y": None, "draws": 0}
    state = st.session_state["samples"]
    base = cache.density_fig(view.data_key, view.gen, view.gen_params, view.resolution)
    fig = base if state["X"] is None else cache.density_with_samples(
        view.data_key, view.gen, view.gen_params, view.resolution, *_on_map(view, state), tuple(names))
    chart = st.empty()
    n_new = controls.state_slider("Points to sample", 10, 2000, step=10, key="n_new")
    row = st.container(horizontal=True)  # buttons at their own width: never clipped in a narrow column
    if (buttons or row).button("Sample", icon=":material/casino:", key="sample", type="primary",
                               help=None if buttons else "Draw y from P(y), then x from p(x | y)."):
        model = cache.fitted(view.data_key, view.gen, view.gen_params)
        model = model.with_priors(active_priors(replace(view, prior=prior_from_state()), model.priors_))
        rng = np.random.default_rng([view.seed, state["draws"] + 1])
        X_new, y_new = model.sample(n_new, rng)
        state.update(X=X_new, y=y_new, draws=state["draws"] + 1)
        fig = cache.density_with_samples(view.data_key, view.gen, view.gen_params, view.resolution,
                                         *_on_map(view, state), tuple(names))
    if row.button("Clear", key="clear_samples", disabled=state["X"] is None):
        state.update(X=None, y=None)
        fig = base
    csv = lambda X=state["X"], y=state["y"]: "x1,x2,y\n" + "".join(  # noqa: E731 (made on click: no file per Sample)
        f"{a:.5g},{b:.5g},{names[c]}\n" for (a, b), c in zip(X, y))
    row.download_button("CSV", csv, icon=":material/download:", file_name="samples.csv", mime="text/csv",
                        key="download_samples", on_click="ignore", disabled=state["X"] is None)
    if view.present:
        fig = layout.for_projector(fig, title=f"{controls.short_label(view.gen)}: p(x | y)", plot_height=PLOT_HEIGHT)
    chart.plotly_chart(fig, key="density_chart", **_chart("density", view.present),
                       alt=f"Contour lines of p(x | y) for each class, learned by {MODELS[view.gen].label}, over the "
                           "training points" + ("" if state["X"] is None else ", with the sampled points as crosses"))
    st.caption(notes.density_caption())
    if state["X"] is not None:
        counts = np.bincount(state["y"], minlength=len(names))
        off = len(state["y"]) - len(_on_map(view, state)[1])
        st.caption(f"Sample #{state['draws']}: {len(state['y'])} new points (✕), "
                   + ", ".join(f"{n}: {c}" for n, c in zip(names, counts)) + ". Drawn from the model, not the data."
                   + (f" {off} of them fall beyond the map's edges (they are in the CSV)." if off else ""))


# Outside presenter mode: less empty space beside the page (Streamlit's wide layout leaves 5rem a side), so that a
# map of the first row is large enough to read on a first screen beside the open sidebar. A fixed style, no input.
PAGE_STYLE = ("<style>@media (min-width: 1000px){[data-testid='stMainBlockContainer']{padding-left:2rem;"
              "padding-right:2rem}}</style>")
# Presenter mode: room under Streamlit's header bar, the page's sides for the maps, and the caption band's words
# (the scene and the probe's numbers) large enough for a room to read (1.2rem: 19 px). A fixed style, no input.
PRESENTER_STYLE = ("<style>[data-testid='stMainBlockContainer']{padding-top:4.25rem;padding-left:1.5rem;"
                   "padding-right:1.5rem;padding-bottom:2rem}"
                   ".st-key-scene_band [data-testid='stMarkdownContainer'] p{font-size:1.2rem;line-height:1.4;"
                   "margin-bottom:0.2rem}</style>")


PLOT_HEIGHT = 215  # presenter mode: every map's plot this tall (``layout.for_projector``), as wide at 1280 px


def _on_map(view: ExplorerView, state: dict) -> tuple:
    """(X, y) of the sampled points that fall on the maps' grid: a cross beyond it would be cut at the map's edge."""
    grid = cache.grid_for(view.data_key, view.resolution)
    X = state["X"]
    inside = ((X[:, 0] >= grid.xs[0]) & (X[:, 0] <= grid.xs[-1]) & (X[:, 1] >= grid.ys[0]) & (X[:, 1] <= grid.ys[-1]))
    return X[inside], state["y"][inside]


def presenter_strip() -> dict:
    """Presenter mode's one row of lecture controls: scene, data, models, P(y), next scene and Sample.

    Returns the containers the page and its fragments fill ("scene", "dataset", "gen", "disc", "prior",
    "sample"); "Next scene" is drawn here."""
    st.html(PRESENTER_STYLE)
    cols = st.columns([1.8, 1.25, 1.35, 1.3, 1.0, 0.9], vertical_alignment="bottom")
    strip = dict(zip(("scene", "dataset", "gen", "disc", "prior"), cols))
    next_scene_button(cols[5])
    strip["sample"] = cols[5].container(horizontal=True)
    return strip


def scene_band(band) -> dict:
    """The caption band's slots, filled by ``linked_panels``: the scene's title and lesson ("scene"), and the
    probe's numbers in one line ("probe_line"). One element each (``st.empty``): two fewer a rerun than containers."""
    with band:
        return {"scene": st.empty(), "probe_line": st.empty()}


def scores_panel(view: ExplorerView, train, active_priors, gen_label: str, disc_label: str, disc_priors, found):
    """Train/test accuracy, log-loss and Brier score of both models."""
    key = view.data_key
    st.markdown("##### Scores")
    _, test = cache.load_data(key)
    scores = cache.split_scores(key, view.gen, view.gen_params, view.disc, view.disc_params,
                                tuple(float(p) for p in active_priors), disc_priors)
    table = ["| | gen. | disc. |", "|---|---:|---:|"]  # short heads: the table fits a third of a projector
    for metric in scores[0]:
        table.append(f"| {metric} | " + " | ".join("–" if np.isnan(s[metric]) else f"{s[metric]:.3f}"
                                                   for s in scores) + " |")
    st.markdown("\n".join(table))
    st.caption(f"gen.: {gen_label}; disc.: {disc_label}. Lower {term_link('log-loss')} and "
               f"{term_link('Brier score', 'Brier')} are better.")
    if len(test.y) == 0:
        st.caption("Test fraction is 0: there is no test set, so only training scores are shown.")
    if view.prior is not None:
        st.caption("With " + ("each model's estimate of the P(y) set above." if found else "the P(y) set above" + (
            " (both models)." if view.prior_disc else " (generative model)."))
                   + " Both families on data drawn with that P(y): below.")
    st.info(notes.no_density_note(view.disc), icon="ℹ️")


def probe_from_click(event, chart: str):
    """A click on a posterior map (anywhere: see ``figures.click_targets``) makes that point the probe,
    or, while drawing, adds a point of the chosen class there (``own_data.adding_class``).

    A chart reports its selection until its figure changes, and moving the probe redraws the
    star on both maps, so only a click away from the current probe is news (then rerun once). A
    point is added once per new selection of a chart (``click_seen``), then the whole page reruns.
    """
    sel = getattr(getattr(event, "selection", None), "points", None) or []
    seen = st.session_state.setdefault("click_seen", {})
    if not sel:
        seen[chart] = None
        return
    clicked = (round(float(sel[0]["x"]), 3), round(float(sel[0]["y"]), 3))
    adding, new = own_data.adding_class(), clicked != seen.get(chart)
    seen[chart] = clicked
    if adding is not None:
        if new:
            own_data.add_point(*clicked, adding)
            st.rerun(scope="app")
        return
    if clicked != probe_from_state():
        st.session_state["probe_x"], st.session_state["probe_y"] = clicked
        st.rerun()


def drawing_canvas(message: str):
    """Drawn points too few to fit a model: an empty map to click on, the points so far, and what is missing."""
    ss = st.session_state
    data = drawn_dataset(ss.get("drawn_points") or [])
    grid = make_grid(np.vstack([data.X, DRAW_CANVAS]), 60)
    fig = figures.canvas_figure(grid, data.class_names, points=(data.X, data.y) if len(data.y) else None)
    left, right = st.columns(2)
    with left:
        event = st.plotly_chart(fig, key="canvas_chart", on_select="rerun", selection_mode="points",
                                alt="An empty map: click to add a point of the chosen class", **_chart("canvas"))
    with right:
        st.info(f"**Draw your data.** {message}", icon="✏️")
        if own_data.adding_class() is None:
            st.caption("Pick “adds A” (or another class) above, then click on the map.")
    probe_from_click(event, "canvas_chart")




def _chart(filename: str, present: bool = False) -> dict:
    """A chart's width and config: a "download as PNG" button while the pointer is on it; none on a projector."""
    return dict(width="stretch", config=layout.chart_config(filename, download=not present))


def coarse_map_note(view: ExplorerView, label: str) -> str:
    """What the discriminative map leaves out to answer in time (``core.surfaces.scoring_grid``); "" when nothing."""
    model, grid = cache.fitted(view.data_key, view.disc, view.disc_params), cache.grid_for(view.data_key,
                                                                                            view.resolution)
    coarse = scoring_grid(model, grid)
    if coarse is grid:
        return ""
    return (f"So that the page answers within {LIMIT_SECONDS} seconds, this map is computed on a "
            f"{coarse.shape[1]} × {coarse.shape[0]} grid and interpolated: {label} compares each point with its "
            f"{support_vectors(model):,} support vectors.")


@st.fragment
@timed("linked_panels")
def linked_panels(view: ExplorerView, requested: ExplorerView, train, slots: dict):
    """Everything that depends on P(y) or the probe, drawn into the page's ``slots`` (containers).

    A fragment: moving the prior or the probe reruns only this, not the sidebar, the density panel
    or the notes. On such a rerun ``view`` is the one of the last full run, so the prior and the
    probe are read from their widgets' state.
    """
    view = replace(view, prior=prior_from_state(), prior_disc=prior_disc_from_state(), est=controls.est_from_state(),
                   probe=probe_from_state())
    shown = replace(requested, prior=view.prior, prior_disc=view.prior_disc, est=view.est, probe=view.probe)
    key, res, names = view.data_key, view.resolution, train.class_names
    gen_label, disc_label = MODELS[view.gen].label, MODELS[view.disc].label
    priors, disc_priors, found = priors_in_use(view, names)
    shown_key = scene_key(view)
    st.session_state["shown_scene"] = shown_key  # for Next scene
    if scene_key(shown) != st.session_state.get("scene") and not st.session_state.get("scene_menu_stale"):
        st.session_state["scene_menu_stale"] = True  # the P(y) left (or found) a scene: the menu must say so
        st.rerun(scope="app")
    st.session_state["scene_menu_stale"] = False
    with slots["scene"]:  # written on every run: a fragment may only write where the last full run did
        scene_words(SCENES.get(shown_key), view.present)
    with slots["prior"]:
        current = prior_box(view, names, found)
    figs = cache.linked_figs(key, view.gen, view.gen_params, view.disc, view.disc_params, res, priors, view.probe,
                             disc_priors)
    disc_fig = cache.disc_posterior_fig(key, view.disc, view.disc_params, res, view.probe, disc_priors)
    if view.present:  # large text and markers; the model's name on each map, one legend (p(x | y)'s)
        short = controls.short_label
        big = functools.partial(layout.for_projector, plot_height=PLOT_HEIGHT)
        figs = dict(figs, gen_posterior=big(figs["gen_posterior"], f"{short(view.gen)}: P(y | x)"),
                    marginal=big(figs["marginal"]), difference=big(figs["difference"]))
        disc_fig = big(disc_fig, f"{short(view.disc)}: P(y | x)", legend=False)
    clicks = []  # the selection events of the two posterior maps
    with slots["gen_posterior"]:
        clicks.append(st.plotly_chart(
            figs["gen_posterior"], key="gen_posterior_chart", on_select="rerun", selection_mode="points",
            alt=f"Map of P(y | x) from {gen_label} by Bayes' rule, with its decision boundary",
            **_chart("generative_posterior", view.present)))
        st.caption("Click anywhere on a posterior map to probe that point (below).")
    with slots["marginal"]:
        st.plotly_chart(figs["marginal"], key="marginal_chart", alt=f"Map of the marginal density p(x) under "
                        f"{gen_label}: dark where any data is likely", **_chart("marginal", view.present))
    with slots["disc_posterior"]:
        clicks.append(st.plotly_chart(
            disc_fig, key="disc_posterior_chart", on_select="rerun", selection_mode="points",
            alt=f"Map of P(y | x) learned directly by {disc_label}, with its decision boundary",
            **_chart("discriminative_posterior", view.present)))
        if disc_priors is not None:
            st.caption(f"Reweighted to {'its estimate of ' if found else ''}the P(y) set above: no refit.")
        if (coarse := coarse_map_note(view, disc_label)):
            st.caption(coarse)
    with slots["difference"]:
        st.plotly_chart(figs["difference"], key="difference_chart", alt=f"Map of where {gen_label} and "
                        f"{disc_label} disagree about P(y | x)", **_chart("difference", view.present))
        st.caption(notes.difference_caption(figs["disagreement"], disc_priors is not None))
    with slots["scores"]:
        scores_panel(view, train, current, gen_label, disc_label, disc_priors, found)
    with slots["shift"]:  # written on every run: a fragment may only write where the last full run did
        if view.prior is not None:
            shift_section(view, train, gen_label, disc_label, found)
        else:
            st.empty()
    if len(names) == 2:  # the generative map's own P(y) slider: the page learns its value when a drag ends
        with slots["prior"]:
            prior_drag_listener("gen_posterior_chart", [("disc_posterior_chart", (0, 1))] if disc_priors else [])
    with slots["probe"]:
        for event, chart in zip(clicks, ("gen_posterior_chart", "disc_posterior_chart")):
            probe_from_click(event, chart)
        numbers = probe_numbers(view, train, current, disc_priors)
        probe_section(view, train, numbers, disc_label, disc_priors)
    with slots["probe_line"]:  # the probe's numbers in one line on the first screen (presenter mode: always)
        if view.present or view.probe is not None:
            labels = (controls.short_label(view.gen), controls.short_label(view.disc)) if view.present else \
                (gen_label, disc_label)  # on a projector, one line: the maps' short names
            st.markdown(bayes_line(numbers[0], names, *numbers[1:], *labels, disc_how(view, disc_priors))
                        + ("" if view.present else " · [in full below](#probe)"))
        else:
            st.empty()
    with slots["share"]:
        share_box(shown)
    write_view_to_url(shown)


def scene_words(scene, present: bool):
    """The caption band's words: the scene's title and lesson (verbatim); in presenter mode, once the view has left
    every scene, that it has (elsewhere the band goes)."""
    if scene is not None and present:
        st.markdown(f"🎬 **{scene.title}.** {scene.lesson}")
    elif scene is not None:
        st.info(f"**{scene.title}.** {scene.lesson}", icon="🎬")
    elif present:
        st.markdown("🎬 **No scene:** these settings are your own. **Next scene** starts again from the first.")
    else:
        st.empty()


def share_box(view: ExplorerView):
    """The link to this view, with a copy button (the address bar holds it too)."""
    with st.expander("Share this view", icon=":material/link:"):
        query = "&".join(f"{k}={v}" for k, v in view.to_query().items())
        base = st.context.url or ""
        share_link(f"{base}?{query}" if query else base)
        kind = DATASETS[view.dataset].kind
        if kind == UPLOAD:
            st.warning("This link cannot carry your uploaded file: whoever opens it is asked for a CSV. To share the "
                       "data, download it (“Take it away”, below) and send the file with the link.", icon="📄")
        elif kind == DRAWN and view.user_data is not None and "pts" not in view.to_query():
            st.warning(f"More than {LINK_POINTS} drawn points: the link opens an empty canvas. Download the points "
                       "(“Take it away”, below) and upload them as “Your CSV file”.", icon="✏️")
        st.caption("The address bar always holds this link too.")


def export_box(view: ExplorerView):
    """Downloads: the data shown, both fitted models' parameters (made only when clicked), and where the PNGs are."""
    train, test = cache.load_data(view.data_key)
    everything = replace(train, X=np.vstack([train.X, test.X]), y=np.concatenate([train.y, test.y]))
    models = [(view.gen, view.gen_params), (view.disc, view.disc_params)]

    def parameters() -> str:
        return parameters_json([model_parameters(name, dict(params), cache.fitted(view.data_key, name, params),
                                                 train.class_names, train.feature_names) for name, params in models])

    with st.expander("Take it away: the data, both models, the charts", icon=":material/download:"):
        row = st.container(horizontal=True)
        row.download_button("Data (CSV)", icon=":material/download:", data=lambda: dataset_to_csv(everything),
                            file_name=f"{view.dataset}.csv", mime="text/csv", key="download_data", on_click="ignore")
        row.download_button("Both models (JSON)", icon=":material/download:", data=parameters, file_name="models.json",
                            mime="application/json", key="download_models", on_click="ignore")
        st.caption(f"The CSV holds the {len(everything.y)} points shown (training and test); it opens again as “Your "
                   "CSV file”. The JSON holds what each model learned, by scikit-learn's names: means, covariances, "
                   "priors, mixture weights and bandwidths; coefficients, support vectors or tree thresholds (the "
                   "priors as learned, not a P(y) set by hand). For a picture of a chart, point at it and press "
                   "the camera at its top right (not in presenter mode).")
    copy_python(view)
