"""Sections 4 (calibration and double counting) and 7 (regression) of the "What only generative models can do" page.

The page draws each section's subheader, then calls ``calibration_section(view)`` or
``regression_section(view)``. The sentences are built by the pure functions below from the numbers
they describe; ``tests/test_powers_more.py`` checks each claim on the settings where it is shown.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from core.calibration import (
    COPIES_MODELS,
    COPY_NOISE,
    FRESH_SEED_OFFSET,
    MAX_COPIES,
    N_BINS,
    N_FRESH,
    copies_experiment,
    probability_scores,
    reliability_curve,
)
from core.datasets import make_dataset
from core.figures import powers_more as figs
from core.glossary import term_link
from core.models import MODELS
from core.regression import INTERCEPT, N_SAMPLES, NOISE_SD, SLOPE, X_MEAN, regression_demo
from ui import cache
from ui.generative_powers.state import PowersView
from ui.page_view import KEEP

COPIES_KEY, CLASS_KEY = "pw_cal_copies", "pw_cal_class"
DEFAULT_COPIES = 3
TOLERANCE = 0.02  # |confidence - accuracy| within 2 points reads as "about as sure as it is right"
GROWTH = 0.03  # confidence - accuracy must grow by 3 points from c = 0 to c = MAX_COPIES to read as "grows"
MIN_BIN = N_FRESH // 100  # the "where it goes wrong" bin holds at least 1% of the fresh points
_ENTRIES = 24
_figure_cache = st.cache_resource(max_entries=_ENTRIES, show_spinner=False)


# ---- cached computations ---------------------------------------------------------------------

@st.cache_data(max_entries=_ENTRIES, show_spinner=False)
def fresh_data(data_key: tuple):
    """``N_FRESH`` new points from the view's dataset (same noise and shares), seed + ``FRESH_SEED_OFFSET``."""
    name, _, noise, share, seed, _ = data_key
    return make_dataset(name, N_FRESH, noise=noise, seed=seed + FRESH_SEED_OFFSET, share=share)


@st.cache_data(max_entries=_ENTRIES, show_spinner=False)
def family_calibration(data_key: tuple, gen: str, disc: str) -> dict:
    """name -> (scores, reliability curve per class) of the page's two fitted models on the fresh set."""
    fresh = fresh_data(data_key)
    out = {}
    for name in (gen, disc):
        proba = cache.fitted(data_key, name, ()).predict_proba(fresh.X)
        out[name] = (probability_scores(fresh.y, proba),
                     tuple(reliability_curve(fresh.y, proba, k) for k in range(len(fresh.class_names))))
    return out


@st.cache_data(max_entries=_ENTRIES, show_spinner=False)
def copies_result(data_key: tuple):
    train, _ = cache.load_data(data_key)
    return copies_experiment(train, fresh_data(data_key), seed=data_key[4])


@st.cache_data(max_entries=_ENTRIES, show_spinner=False)
def regression_result(seed: int):
    return regression_demo(seed)


def _families(names) -> dict:
    return {MODELS[n].label: MODELS[n].family for n in names}


@_figure_cache
def family_reliability_fig(data_key, gen, disc, k: int):
    result, names = family_calibration(data_key, gen, disc), fresh_data(data_key).class_names
    curves = {MODELS[n].label: result[n][1][k] for n in (gen, disc)}
    return figs.reliability_figure(curves, names[k], _families((gen, disc)),
                                   title=f"Reliability on {N_FRESH:,} fresh points")


@_figure_cache
def copies_figs(data_key, c: int, k: int):
    result, names = copies_result(data_key), fresh_data(data_key).class_names
    i = result.copies.index(c)
    labels = {n: MODELS[n].label for n in COPIES_MODELS}
    reliability = figs.reliability_figure({labels[n]: result.curves[n][i][k] for n in COPIES_MODELS}, names[k],
                                          _families(COPIES_MODELS), title=f"Reliability with c = {c} copies")
    trend = figs.copies_figure(result.copies, {labels[n]: result.series(n, "gap") for n in COPIES_MODELS},
                               {labels[n]: result.series(n, "log_loss") for n in COPIES_MODELS}, c,
                               _families(COPIES_MODELS))
    return reliability, trend


@_figure_cache
def regression_figs(seed: int):
    d = regression_result(seed)
    scene = figs.regression_figure(d.x, d.y, {"least squares": d.ls_line, "joint Gaussian's E[y | x]": d.joint_line},
                                   d.samples)
    return scene, figs.marginal_x_figure(d.x_grid, d.px, d.hist_edges, d.hist_density, d.prob_negative)


# ---- words: each built from the numbers it states ----------------------------------------------

def calibration_intro(class_names: tuple, k: int) -> str:
    who = class_names[k]
    rest = "" if len(class_names) == 2 else f" ({who} against the rest)"
    return (f"A model is {term_link('calibration', '**calibrated**')} when its probabilities can be taken at "
            f"their word: of the points it gives P({who} | x) ≈ 0.8, about 80% are {who}. The reliability diagram "
            f"cuts P({who} | x){rest} into {N_BINS} equal bins and plots, per bin, the observed fraction of {who} "
            "against the mean prediction (scikit-learn's `calibration_curve`); a calibrated model lies on the "
            f"diagonal. Both models are trained on the page's training split and scored on **{N_FRESH:,} fresh "
            f"points** drawn from the same dataset with another seed (the page's seed + {FRESH_SEED_OFFSET:,}), so "
            "that the bins hold enough points for the curves not to be noise; a marker grows with its bin's count.")


def brier_caption(class_names: tuple) -> str:
    common = (f"{term_link('log-loss', 'Log-loss')}: scikit-learn's `log_loss`, −mean log P(true class | x). Mean "
              "confidence: the average probability given to the class predicted; above the accuracy is "
              f"over-confident, below under-confident. {term_link('Brier score', 'Brier')}: the sum over classes, "
              "mean Σₖ (P(k | x) − [y = k])², in [0, 2], as in the explorer's table")
    if len(class_names) == 2:
        return common + f"; for two classes that is twice scikit-learn's `brier_score_loss` of P({class_names[1]} | x)."
    return common + " (the multi-class sum)."


def scores_table(rows: dict) -> str:
    """A markdown table, one column per model (label -> ``probability_scores`` dict): narrow enough for half a
    projector's width."""
    metrics = (("accuracy", lambda s: f"{s['accuracy']:.3f}"), ("mean confidence", lambda s: f"{s['confidence']:.3f}"),
               ("confidence − accuracy", lambda s: f"{100 * s['gap']:+.1f} points"),
               ("log-loss", lambda s: f"{s['log_loss']:.3f}"), ("Brier", lambda s: f"{s['brier']:.3f}"))
    lines = ["| | " + " | ".join(rows) + " |", "|---|" + "---:|" * len(rows)]
    lines += [f"| {name} | " + " | ".join(cell(s) for s in rows.values()) + " |" for name, cell in metrics]
    return "\n".join(lines)


def confidence_words(gap: float) -> str:
    if gap > TOLERANCE:
        return f"over-confident by {100 * gap:.1f} points"
    if gap < -TOLERANCE:
        return f"under-confident by {-100 * gap:.1f} points"
    return f"about as sure as it is right ({100 * gap:+.1f} points)"


def worst_bin_sentence(label: str, curve, class_name: str) -> str:
    """Where a reliability curve is farthest from the diagonal, among bins with at least ``MIN_BIN`` points."""
    j = curve.worst_bin(MIN_BIN)
    if j is None:
        return f"**{label}**: no bin holds {MIN_BIN} points."
    return (f"**{label}**, largest miss in a bin of at least {MIN_BIN} points: on the {curve.counts[j]} points "
            f"where its P({class_name} | x) is between {curve.lower[j]:.1f} and {curve.upper[j]:.1f} "
            f"({curve.prob_pred[j]:.2f} on average), the observed rate of {class_name} is {curve.prob_true[j]:.2f}.")


def family_sentence(label: str, scores: dict) -> str:
    return (f"**{label}** is {confidence_words(scores['gap'])} on average: mean confidence {scores['confidence']:.3f}, "
            f"accuracy {scores['accuracy']:.3f}.")


def copies_intro(noise_sd: float) -> str:
    return ("Naive Bayes multiplies one factor p(xⱼ | y) per feature, as if each feature were "
            f"{term_link('naive (conditional independence) assumption', 'separate evidence')}. "
            f"Here c **near-copies of x₁** are appended to this dataset's two features: each is x₁ plus its own "
            f"Gaussian noise of standard deviation σ = {noise_sd:.3g} ({COPY_NOISE:g} × x₁'s). They add almost no "
            "information, but Gaussian naive Bayes counts x₁'s evidence nearly c + 1 times. Logistic regression fits "
            "all its weights together and can spread x₁'s one weight over the copies. These two, whichever models "
            "are chosen above, are refitted on the training split with the copies and scored on the same "
            f"{N_FRESH:,} fresh points (with copies of their own).")


def copies_now(result, c: int) -> str:
    """The live numbers at c copies, against c = 0."""
    i, parts = result.copies.index(c), []
    for name in COPIES_MODELS:
        s, s0 = result.scores[name][i], result.scores[name][0]
        parts.append(f"**{MODELS[name].label}** is {confidence_words(s['gap'])} (mean confidence "
                     f"{s['confidence']:.3f}, accuracy {s['accuracy']:.3f}; at c = 0: {100 * s0['gap']:+.1f} points), "
                     f"log-loss {s['log_loss']:.3f} (at c = 0: {s0['log_loss']:.3f}).")
    return f"With c = {c}: " + " ".join(parts)


def rises_steadily(gaps) -> bool:
    """Above its start at every c > 0, never falling by more than 1 point, and up by more than ``GROWTH``."""
    gaps = np.asarray(gaps)
    return bool(np.all(gaps[1:] > gaps[0]) and np.all(np.diff(gaps) > -0.01) and gaps[-1] - gaps[0] > GROWTH)


def copies_trend(result, name: str = "gnb") -> str:
    """What the data show as c grows from 0 to its largest value, for ``name``."""
    gaps, last = result.series(name, "gap"), result.copies[-1]
    label = MODELS[name].label
    start, end = 100 * gaps[0], 100 * gaps[-1]
    if not rises_steadily(gaps):
        return (f"On this dataset the copies show **no steady growth** in {label}'s over-confidence: its confidence "
                f"− accuracy is {start:+.1f} points at c = 0 and {end:+.1f} at c = {last}, between "
                f"{100 * gaps.min():+.1f} and {100 * gaps.max():+.1f} on the way.")
    text = (f"From c = 0 to c = {last}, {label}'s confidence − accuracy rises steadily from {start:+.1f} to "
            f"{end:+.1f} points")
    text += ": the copies make it **over-confident**." if gaps[-1] > TOLERANCE else ", towards over-confidence."
    if gaps[0] < -TOLERANCE:
        text += f" On this dataset it starts **under-confident** ({start:+.1f} points at c = 0)"
        j = int(np.argmin(np.abs(gaps)))
        if 0 < j < len(gaps) - 1 and gaps[-1] > TOLERANCE:
            text += (f", so the first copies bring it closer to calibrated (closest at c = {result.copies[j]}: "
                     f"{100 * gaps[j]:+.1f} points) before it overshoots")
        text += "."
    return text


# ---- section 4 -------------------------------------------------------------------------------

def _checked_widget_value(key: str, allowed, default, what: str):
    """Put ``default`` in session state when ``key`` is unset or holds a value not in ``allowed``;
    a bad value is reported in one sentence, not a traceback."""
    if key in st.session_state and not any(type(st.session_state[key]) is type(a) and st.session_state[key] == a
                                           for a in allowed):
        st.warning(f"Ignored {what} {st.session_state[key]!r}: showing {default!r}.", icon="⚠️")
        st.session_state[key] = default
    elif key not in st.session_state:
        st.session_state[key] = default


def _chosen_class(names: tuple) -> int:
    if len(names) == 2:
        return 1
    _checked_widget_value(CLASS_KEY, names, names[0], "class")
    return names.index(st.selectbox("Class against the rest", names, key=CLASS_KEY, **KEEP))


def calibration_section(view: PowersView) -> None:
    """Section 4: reliability of both families on fresh data, then naive Bayes with near-copies of x₁."""
    try:
        train, _ = cache.load_data(view.data_key)
        result = family_calibration(view.data_key, view.gen, view.disc)
    except ValueError as exc:
        st.error(f"**Calibration cannot be shown for this setting:** {exc}", icon="⚠️")
        return
    names = train.class_names
    k = _chosen_class(names)
    st.markdown(calibration_intro(names, k))
    left, right = st.columns(2)
    with left:
        st.plotly_chart(family_reliability_fig(view.data_key, view.gen, view.disc, k), width="stretch",
                        key="pw_cal_reliability_chart")
    with right:
        labels = {n: MODELS[n].label for n in (view.gen, view.disc)}
        st.markdown(scores_table({labels[n]: result[n][0] for n in labels}))
        st.caption(brier_caption(names))
        st.markdown("\n".join(f"- {family_sentence(labels[n], result[n][0])}" for n in labels))
        st.markdown("**Where it goes wrong**\n\n"
                    + "\n".join(f"- {worst_bin_sentence(labels[n], result[n][1][k], names[k])}" for n in labels))
    _copies_part(view, names, k)


def _copies_part(view: PowersView, names: tuple, k: int) -> None:
    st.markdown("##### Double counting: near-copies of x₁")
    try:
        result = copies_result(view.data_key)
    except ValueError as exc:
        st.error(f"**The copies experiment cannot be run for this setting:** {exc}", icon="⚠️")
        return
    st.markdown(copies_intro(result.noise_sd))
    _checked_widget_value(COPIES_KEY, result.copies, DEFAULT_COPIES, "number of copies")
    c = st.slider("Near-copies of x₁ (c)", 0, MAX_COPIES, step=1, key=COPIES_KEY, **KEEP)
    reliability, trend = copies_figs(view.data_key, c, k)
    left, right = st.columns(2)
    with left:
        st.plotly_chart(reliability, width="stretch", key="pw_cal_copies_reliability_chart")
    with right:
        st.plotly_chart(trend, width="stretch", key="pw_cal_copies_trend_chart")
    st.markdown(copies_now(result, c))
    i = result.copies.index(c)
    st.markdown(f"**Where it goes wrong:** {copies_trend(result)} "
                + worst_bin_sentence(MODELS["gnb"].label, result.curves["gnb"][i][k], names[k]))


# ---- section 7 -------------------------------------------------------------------------------

def regression_intro(seed: int) -> str:
    return (f"This section has **its own data**, not the dataset above: n = {N_SAMPLES} points, x drawn from an "
            f"exponential distribution with mean {X_MEAN:g} (skewed and never negative: not Gaussian), "
            f"y = {INTERCEPT:g} + {SLOPE:g} x + Gaussian noise with standard deviation {NOISE_SD:g}, seed {seed} "
            "(the page's). **Least squares** (scikit-learn's `LinearRegression`) is discriminative: it models "
            "p(y | x), a line plus noise, and never asks where x comes from. Its **generative counterpart** is one "
            f"Gaussian over the pair (x, y), fitted by {term_link('likelihood', 'maximum likelihood')} (moments "
            r"divided by n); its conditional mean is "
            r"$E[y \mid x] = \mu_y + \frac{\Sigma_{yx}}{\Sigma_{xx}}(x - \mu_x)$.")


def regression_numbers(d) -> str:
    (a, b), (a2, b2) = d.ls_line, d.joint_line
    return (f"Least squares: y = {a:.3f} + {b:.3f} x. The joint Gaussian's E[y | x]: y = {a2:.3f} + {b2:.3f} x. The "
            f"largest difference between the two over the plot is {d.line_gap:.1e}: **the same line** (up to "
            f"rounding). Its spread around the line is the same too: Var[y | x] = {d.joint_var:.4f}, least squares' "
            f"mean squared residual {d.ls_mse:.4f}.")


def regression_samples(d) -> str:
    n_neg, n = int(np.sum(d.samples[:, 0] < 0)), len(d.samples)
    data_neg = int(np.sum(d.x < 0))
    data_words = (f"the data have **none** (smallest x: {d.x.min():.3f})" if data_neg == 0 else
                  f"the data have {data_neg} of {len(d.x)}")
    return (f"Only the joint model has a **p(x)** and can **draw new (x, y) pairs** (✕ in the plot). It assumed x is "
            f"Gaussian, so it gives P(x < 0) = {d.prob_negative:.1%}, and {n_neg} of its {n} draws "
            f"({d.share_negative:.1%}) have x < 0; {data_words}.")


def regression_wrong(d) -> str:
    j = int(np.argmax(d.hist_density))
    return (f"**Where it goes wrong:** p(x). The data's x has skewness {d.skewness:.2f} (any Gaussian's is 0) and "
            f"its histogram is highest between {d.hist_edges[j]:.1f} and {d.hist_edges[j + 1]:.1f}; the joint "
            f"model's p(x) is a symmetric bell centred on the mean, {d.x_mean:.2f}, with {d.prob_negative:.1%} of it "
            "on x < 0. The line is unaffected: the joint model's E[y | x] is the least-squares line whatever x's "
            "distribution, so the wrong p(x) shows only where the model speaks about x itself: p(x) and the pairs "
            "it draws.")


def regression_section(view: PowersView) -> None:
    """Section 7: least squares and a joint Gaussian give the same line; only the joint model samples."""
    st.markdown(regression_intro(view.seed))
    d = regression_result(view.seed)
    scene, marginal = regression_figs(view.seed)
    left, right = st.columns(2)
    with left:
        st.plotly_chart(scene, width="stretch", key="pw_reg_scene_chart")
    with right:
        st.plotly_chart(marginal, width="stretch", key="pw_reg_px_chart")
    st.markdown(regression_numbers(d))
    st.markdown(regression_samples(d))
    st.markdown(regression_wrong(d))
