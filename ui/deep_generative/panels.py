"""The panels of "GANs and VAEs": the view's widgets, training (cached, with a progress bar), the replay,
the judged result and the explicit density beside it. The sentences are in ``ui/deep_generative/words.py``.
"""

from __future__ import annotations

import threading
import time
from dataclasses import replace

import numpy as np
import streamlit as st

from core.datasets import DATASETS, GENERATED
from core.deep import GAN, VAE
from core.deep_eval import N_REGIONS, data_regions, deep_facts, explicit_facts, fresh_real_points, latent_mesh
from core.evaluation import two_sample_accuracy
from core.figures import deep as figs
from core.figures.layout import chart_config
from core.models import GENERATIVE, MODELS, models_of
from core.surfaces import make_grid
from ui import cache, icons, page_view
from ui.deep_generative import words as deep_words
from ui.deep_generative.state import BATCH_CHOICES, BETA_CHOICES, DEEP_MODELS, LR_CHOICES, DeepView
from ui.page_view import KEEP
from ui.timing import timed

CHART = dict(width="stretch", config=chart_config("gans_and_vaes"))
KEYS = {"dataset": "dg_dataset", "n_samples": "dg_n", "seed": "dg_seed", "model": "dg_model", "hidden": "dg_hidden",
        "n_steps": "dg_steps", "lr": "dg_lr", "batch_size": "dg_batch", "noise_dim": "dg_noise", "beta": "dg_beta",
        "train_seed": "dg_tseed"}
GRID_SIDE = 70  # the discriminator's map: 70 x 70 points
PLAY_EVERY = 0.7  # seconds between two frames while playing
SETTINGS_LABEL = "Data, model and training: change them, then Train"

# One click each: a setting where a failure shows (tests/test_claims_deep.py checks that it does)
MODE_COLLAPSE = DeepView(dataset="xor", model="gan", lr=3e-2, batch_size=16, n_steps=1000)
BLURRY_VAE = DeepView(dataset="xor", model="vae", beta=10.0, n_steps=1000)
PRESETS = {"collapse": ("Mode collapse (GAN)", MODE_COLLAPSE), "blurry": ("A blurry VAE (β = 10)", BLURRY_VAE),
           "defaults": ("Back to the defaults", DeepView())}


# ---- the view: link -> widgets -> view -> link ---------------------------------------------

def _load(view: DeepView):
    ss = st.session_state
    for attr, key in KEYS.items():
        ss[key] = getattr(view, attr)
    ss["dg_explicit"], ss["dg_step_wanted"] = view.explicit, view.step


def _preset(name: str):
    _load(replace(PRESETS[name][1], explicit=st.session_state.get("dg_explicit", "gmm")))
    st.session_state["dg_problems"] = []


def view_from_widgets() -> DeepView:
    """Read the link once per session into the widgets, draw them, return the view they show.

    The settings, Train and the failure modes are on the page, folded under one line (a phone hides the sidebar
    behind its » button, where nobody finds Train: issue 27); a widget has one place, so there is no sidebar copy."""
    ss = st.session_state
    page_view.load_link_once("dg", DeepView, _load)
    with st.expander(SETTINGS_LABEL, icon=icons.SETTINGS):
        settings_form()
        st.caption("Settings apply when you press Train. Recent runs are kept: coming back to one does not retrain.")
        st.markdown("**Failure modes, one click**")
        presets = st.columns(len(PRESETS))
        for column, (name, (label, _)) in zip(presets, PRESETS.items()):
            column.button(label, key=f"dg_preset_{name}", on_click=_preset, args=(name,), width="stretch")
        st.caption(deep_words.PRESET_NOTE)
    view = page_view.view_from_keys("dg", DeepView, KEYS, step=ss.get("dg_step_wanted"),
                                    explicit=ss.get("dg_explicit", "gmm"))
    if deep_words.budget_note(view):
        st.info(deep_words.budget_note(view), icon="⏱️")
    return view


def settings_form():
    """The data, the model and its training, in three columns (one under the other on a phone), and Train."""
    with st.form("dg_form", border=False):
        data, model, training = st.columns(3)
        with data:
            st.selectbox("Dataset (its labels are not used)", GENERATED, format_func=lambda k: DATASETS[k].label,
                         key="dg_dataset", **KEEP)
            st.slider("Number of points (70% train the model)", 40, 1000, step=20, key="dg_n", **KEEP)
            st.number_input("Data seed", 0, 9999, step=1, key="dg_seed", **KEEP)
        with model:
            st.radio("Model", list(DEEP_MODELS), format_func=DEEP_MODELS.get, key="dg_model", horizontal=True,
                     **KEEP)
            st.slider("Units per hidden layer (2 layers, both networks)", 4, 48, step=4, key="dg_hidden", **KEEP)
            st.slider("Noise dimension (GAN)", 1, 8, key="dg_noise", **KEEP)
            st.select_slider("β, weight of the KL term (VAE)", BETA_CHOICES, key="dg_beta",
                             format_func=lambda v: f"{v:g}", **KEEP)
        with training:
            st.slider("Training steps", 100, 4000, step=100, key="dg_steps", **KEEP)
            st.select_slider("Learning rate (Adam)", LR_CHOICES, key="dg_lr", format_func=lambda v: f"{v:g}", **KEEP)
            st.select_slider("Batch size", BATCH_CHOICES, key="dg_batch", **KEEP)
            st.number_input("Training seed", 0, 9999, step=1, key="dg_tseed", **KEEP)
        st.form_submit_button("Train", type="primary", key="dg_train", icon=icons.TRAIN)


def write_link(view: DeepView):
    page_view.write_link("dg", view)


# ---- training: cached, with a progress bar on a cache miss -----------------------------------

@st.cache_resource(max_entries=8, show_spinner=False)
def _slot(train_key: tuple) -> dict:
    """One shared slot per setting, filled once by ``trained``. The training runs outside any cached
    function, so its progress bar is never recorded for replay (Streamlit cannot replay an element made
    outside the function: STREAMLIT-NOTES); the lock makes two sessions asking for one setting train it once."""
    return {"lock": threading.Lock(), "model": None}


def trained(view: DeepView) -> dict:
    """The run of ``view``: ``model`` (the fitted GAN or VAE), ``seconds`` (its training time) and ``frames``
    (the replay's figures, one per snapshot, drawn once here so that moving the step computes nothing)."""
    slot = _slot(view.train_key)
    with slot["lock"]:
        if slot["model"] is None:
            train, test = cache.load_data(view.data_key)
            label = DEEP_MODELS[view.model]
            bar = st.progress(0.0, text=f"Training the {label}…")
            model = (GAN if view.model == "gan" else VAE)(**view.model_params())
            try:
                start = time.perf_counter()
                model.fit(train.X, progress=lambda step, n: bar.progress(
                    0.95 * step / n, text=f"Training the {label}: step {step} of {n}"))
                seconds = time.perf_counter() - start
                bar.progress(0.95, text="Drawing the replay's frames…")
                frames = replay_frames(model, train, make_grid(np.vstack([train.X, test.X]), GRID_SIDE))
            finally:
                bar.empty()
            slot.update(seconds=seconds, frames=frames, model=model)
    return slot


def replay_frames(model, train, grid) -> list:
    """For each snapshot, its figures: the data panel, the curves with a line at its step (and the VAE's codes)."""
    curves = training_curves(model)
    frames = []
    for index, snap in enumerate(model.snapshots_):
        frame = {"curves": figs.curves_figure(*curves, current_step=snap.step, **curve_style(model))}
        if isinstance(model, GAN):
            proba = model.discriminator_proba(grid.points, snapshot=index).reshape(grid.shape)
            frame["data"] = figs.gan_figure(grid, proba, train.X, snap.samples, snap.push,
                                            title="P(real | x) and the samples")
        else:
            mesh = latent_mesh()
            frame["data"] = figs.vae_data_figure(grid, train.X, snap.samples,
                                                 [model.decode(line, snapshot=index) for line in mesh])
            frame["latent"] = figs.latent_figure(model.encode(train.X, snapshot=index)[0], train.y,
                                                 train.class_names, mesh)
        frames.append(frame)
    return frames


def moving_mean(values, window: int = 25) -> np.ndarray:
    """At each step, the mean of its last ``window`` values (fewer at the start)."""
    idx = np.arange(len(values))
    counts = np.minimum(idx + 1, window)
    total = np.concatenate([[0.0], np.cumsum(values)])  # total[i] = sum of values[:i]
    return (total[idx + 1] - total[idx + 1 - counts]) / counts


def training_curves(model) -> tuple:
    """(steps, {name: moving mean}) with at most ~300 points a curve."""
    every = max(1, model.n_steps // 300)
    steps = np.arange(model.n_steps)[::every]
    if isinstance(model, GAN):
        named = {"L_D (discriminator)": model.d_losses_, "L_G (generator)": model.g_losses_}
    else:
        named = {"ELBO": -(model.reconstructions_ + model.kls_), "E log p(x | z)": -model.reconstructions_,
                 "−KL": -model.kls_}
    return steps, {name: moving_mean(values)[::every] for name, values in named.items()}


def curve_style(model) -> dict:
    if isinstance(model, GAN):
        return dict(references={"2 log 2": 2 * deep_words.LOG2, "log 2": deep_words.LOG2}, title="Losses")
    return dict(title="ELBO and its two terms", height=340)


# ---- cached computations (the model comes from its slot: trained() ran first) ---------------

@st.cache_resource(max_entries=16, show_spinner=False)
def regions(data_key: tuple):
    return data_regions(cache.load_data(data_key)[0].X)


@st.cache_data(max_entries=16, show_spinner=False)
def baseline(data_key: tuple, seed: int) -> float:
    """The judge on real training against real held-out points: what "indistinguishable" scores here."""
    train, test = cache.load_data(data_key)
    return two_sample_accuracy(train.X, test.X, seed=seed)


@st.cache_resource(max_entries=16, show_spinner=False)
def judged(train_key: tuple, data_key: tuple, seed: int) -> dict:
    train, test = cache.load_data(data_key)
    return deep_facts(_slot(train_key)["model"], train.X, test.X, regions(data_key), seed=seed,
                      baseline=baseline(data_key, seed), X_fresh=fresh_real_points(data_key, len(train.X)))


@st.cache_resource(max_entries=16, show_spinner=False)
def explicit(data_key: tuple, name: str, seed: int) -> dict:
    train, test = cache.load_data(data_key)
    model = cache.fitted(data_key, name, ())
    facts = explicit_facts(model, train.X, test.X, regions(data_key), seed=seed)
    grid = make_grid(np.vstack([train.X, test.X]), GRID_SIDE)
    facts["figure"] = figs.explicit_figure(grid, model.log_px(grid.points).reshape(grid.shape), train.X,
                                           facts["samples"], title="p(x) and samples")
    return facts


@st.cache_resource(max_entries=16, show_spinner=False)
def regions_figure(train_key: tuple, data_key: tuple, seed: int, explicit_name: str, model: str):
    facts, ex = judged(train_key, data_key, seed), explicit(data_key, explicit_name, seed)
    deep = DEEP_MODELS[model]
    shares = {"real (training points)": facts["real_shares"], f"generated by the {deep}": facts["shares"],
              f"sampled from {MODELS[explicit_name].label}": ex["shares"]}
    return figs.regions_figure(facts["centres"], shares,
                               title="Share of points per region")


# ---- sections --------------------------------------------------------------------------------

def _nearest(steps: list, wanted) -> int:
    return steps[-1] if wanted is None else min(steps, key=lambda s: abs(s - wanted))


def replay_section(view: DeepView, run: dict):
    """Step slider, Play / Pause, and the frames, in a fragment: a step or a frame reruns only this part.

    Playing is plain session state switched by buttons, and the slider is hidden while playing: a widget
    whose value the server changes every tick would race the values the browser sends back."""
    ss = st.session_state
    model = run["model"]
    steps = [s.step for s in model.snapshots_]
    playing = bool(ss.get("dg_playing", False))

    def on_slide():
        ss["dg_step_wanted"] = None if ss["dg_step"] == steps[-1] else ss["dg_step"]

    def play():
        ss["dg_playing"], ss["dg_play_fresh"] = True, True  # show the frame it starts from before moving on
        if ss.get("dg_step_wanted") is None:
            ss["dg_step_wanted"] = steps[0]  # from the last frame: start over

    def pause():
        ss["dg_playing"] = False

    @st.fragment(run_every=PLAY_EVERY if playing else None)
    @timed("deep_replay")
    def replay():
        if bool(ss.get("dg_playing", False)) != playing:
            st.rerun()  # Play or Pause: build the fragment again, with or without its timer
        current = _nearest(steps, ss.get("dg_step_wanted"))
        if playing and not ss.pop("dg_play_fresh", False):
            current = steps[min(steps.index(current) + 1, len(steps) - 1)]
        if playing and current == steps[-1]:
            ss["dg_playing"] = False
        ss["dg_step_wanted"] = None if current == steps[-1] else current
        index = steps.index(current)
        c1, c2 = st.columns([5, 1], vertical_alignment="bottom")
        if playing:
            c1.progress(index / (len(steps) - 1), text=f"Playing: step {current} of {steps[-1]}")
            c2.button("Pause", key="dg_pause", on_click=pause, width="stretch", icon=":material/pause:")
        else:
            ss["dg_step"] = current
            c1.select_slider("Training step (replays the snapshots: no retraining)", steps, key="dg_step",
                             on_change=on_slide)
            c2.button("Play", key="dg_play", on_click=play, width="stretch", icon=":material/play_arrow:")
        figures = run["frames"][index]
        st.caption(deep_words.replay_caption(view, model.snapshots_[index]))
        a, b = st.columns(2)
        a.plotly_chart(figures["data"], key="dg_frame_chart", **CHART)
        if view.model == "gan":
            b.plotly_chart(figures["curves"], key="dg_curves_chart", **CHART)
        else:
            b.plotly_chart(figures["latent"], key="dg_latent_chart", **CHART)
            st.plotly_chart(figures["curves"], key="dg_curves_chart", **CHART)
        write_link(replace(view, step=ss["dg_step_wanted"]))
        if playing and not ss["dg_playing"]:
            st.rerun()  # the last frame: stop the timer

    replay()


def judged_section(view: DeepView, facts: dict, seconds: float):
    st.markdown(f"{len(facts['samples'])} fresh points from the trained {DEEP_MODELS[view.model]}, as many as the "
                f"training points, judged against them. Training took {seconds:.1f} s.")
    st.plotly_chart(regions_figure(view.train_key, view.data_key, view.train_seed, view.explicit, view.model),
                    key="dg_regions_chart", **CHART)
    st.caption(f"The regions: the {N_REGIONS} cells of k-means on the training points, each named by its centre. "
               "Each bar is the share of one set's points that falls in that cell.")
    st.subheader("What to notice")
    st.markdown("\n".join(f"- {note}" for note in deep_words.notes(view, facts)))


def explicit_section(view: DeepView, facts: dict):
    st.selectbox("Explicit density model (the explorer's generative models)", models_of(GENERATIVE),
                 format_func=lambda k: MODELS[k].label, key="dg_explicit", **KEEP)
    ex = explicit(view.data_key, view.explicit, view.train_seed)
    left, right = st.columns([1, 1])
    left.plotly_chart(ex["figure"], key="dg_explicit_chart", **CHART)
    right.markdown(deep_words.contrast(view, facts, ex))
    right.caption(deep_words.EXPLICIT_CAPTION)
