"""Cached core calls of the digits page: the split -> fitted models -> measurements, keyed on small values.

Fitted models are resources (never mutated); measurements are data. Everything is on the 70/30 split,
seed 0, at each model's defaults, except the rare-digit experiment, which has its own seeds.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from core.evaluation import two_sample_accuracy
from core.images import DIGIT_MODELS, fit_digits
from core.models import fit_model
from core.pictures import (
    DISCRIMINATIVE_DIGITS,
    class_samples,
    digits_split,
    hidden_accuracies,
    hidden_predictions,
    mcnemar_exact,
    neighbour_correlation,
    percentile_below,
    quantised,
    rare_class_run,
    rare_class_verdict,
    recognition_judge,
)
from ui import cache  # noqa: F401  (one BLAS thread, as every page's cached calls run)

N_JUDGED = 540  # samples per model judged: as many as the test images
ROWS = tuple(range(8))


@st.cache_resource(show_spinner=False)
def split():
    return digits_split(0)


@st.cache_resource(show_spinner=False, max_entries=16)
def model(name: str):
    """A generative digit model (``core.images``) or a discriminative one (``core.models``), fitted on the split."""
    X_train, _, y_train, _ = split()
    return fit_digits(name, X_train, y_train) if name in DIGIT_MODELS else fit_model(name, X_train, y_train)


def generative() -> dict:
    return {name: model(name) for name in DIGIT_MODELS}


@st.cache_data(show_spinner=False)
def sample_measures() -> dict:
    """Per generative model, on N_JUDGED samples (x, y) ~ p(x, y): the share logistic regression on raw pixels
    labels y, the two-sample judge's accuracy against the test images, the neighbour correlation; and the
    test images' neighbour correlation."""
    X_train, X_test, y_train, y_test = split()
    judge = recognition_judge(X_train, y_train)
    out = {"real_correlation": neighbour_correlation(X_test, y_test)}
    for name, m in generative().items():
        X_new, y_new = m.sample(N_JUDGED, np.random.default_rng(0))
        out[name] = dict(recognised=float(np.mean(judge.predict(X_new) == y_new)),
                         judge=two_sample_accuracy(X_test, X_new, seed=0),
                         correlation=neighbour_correlation(X_new, y_new))
    return out


def real_examples(per_class: int, draw: int) -> np.ndarray:
    """``per_class`` test images of every digit, shape (10, per_class, 64): a different set each draw."""
    _, X_test, _, y_test = split()
    rng = np.random.default_rng(10_000 + draw)
    return np.array([X_test[rng.choice(np.flatnonzero(y_test == k), per_class, replace=False)] for k in range(10)])


def samples(name: str, per_class: int, draw: int) -> np.ndarray:
    """New images of every digit from model ``name``, shape (10, per_class, 64); ``draw`` seeds them."""
    return class_samples(model(name), per_class, np.random.default_rng(draw))


def class_means(name: str) -> np.ndarray:
    """Each digit's mean image under model ``name`` (its Gaussians' weighted mean), shape (10, 64)."""
    m = model(name)
    return np.array([_mean_of(m, k) for k in range(10)])


def _mean_of(m, k: int) -> np.ndarray:
    mixtures = getattr(m, "mixtures_", None)
    if mixtures is not None:
        return mixtures[k].weights_ @ mixtures[k].means_
    return m.means_[k]


@st.cache_data(show_spinner=False)
def accuracies() -> dict:
    """Test accuracy of every model on whole images, and the exact McNemar test of PPCA against logistic
    regression (the best of each family on this split)."""
    _, X_test, _, y_test = split()
    preds = {name: model(name).predict(X_test) for name in [*DIGIT_MODELS, *DISCRIMINATIVE_DIGITS]}
    out = {name: float(np.mean(p == y_test)) for name, p in preds.items()}
    out["mcnemar_ppca_logreg"] = mcnemar_exact(preds["ppca"] == y_test, preds["logreg"] == y_test)
    return out


@st.cache_data(show_spinner=False)
def hidden_curves() -> dict:
    """Accuracy against the bottom rows hidden (0-7) for every generative model and both logistic regressions."""
    X_train, X_test, y_train, y_test = split()
    return hidden_accuracies(generative(), X_train, y_train, X_test, y_test, ROWS)


@st.cache_data(show_spinner=False, max_entries=16)
def hidden_tests(rows: int) -> dict:
    """At ``rows`` hidden: McNemar of the mixture (integrating out) against each logistic regression."""
    X_train, X_test, y_train, y_test = split()
    p = hidden_predictions(generative(), X_train, y_train, X_test, rows)
    right = {k: v == y_test for k, v in p.items()}
    return {k: mcnemar_exact(right["pca_gmm"], right[k]) for k in ("logreg_mean", "logreg_visible")}


@st.cache_data(show_spinner=False, max_entries=16)
def retrained_visible(rows: int):
    X_train, _, y_train, _ = split()
    visible = 64 - 8 * rows
    return fit_model("logreg", X_train[:, :visible], y_train)


@st.cache_data(show_spinner=False)
def typicality() -> dict:
    """log p(x) of the test digits under each generative model, and where p(x) misleads: percentiles among
    them of the average training image, of every test digit redrawn with three ink levels (median) and of
    every test digit moved one column right (median)."""
    X_train, X_test, _, _ = split()
    shifted = np.roll(X_test.reshape(-1, 8, 8), 1, axis=2).reshape(-1, 64)
    out = {}
    for name, m in generative().items():
        ref = m.log_px(X_test)
        out[name] = dict(reference=ref,
                         average=float(percentile_below(m.log_px(X_train.mean(axis=0)[None]), ref)[0]),
                         quantised=float(np.median(percentile_below(m.log_px(quantised(X_test)), ref))),
                         shifted=float(np.median(percentile_below(m.log_px(shifted), ref))))
    return out


@st.cache_data(show_spinner=False, max_entries=32)
def rare_runs(digit: int, n_rare: int, n_generated: int, name: str) -> tuple:
    """The rare-digit experiment on seeds 0, 1, 2, and its verdict."""
    runs = [rare_class_run(digit, n_rare, n_generated, name, seed) for seed in range(3)]
    return runs, rare_class_verdict(runs)
