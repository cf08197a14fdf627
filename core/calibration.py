"""Calibration of predicted probabilities, and naive Bayes counting the same evidence twice.

A classifier is calibrated when, among the points it gives P(y = k | x) = p, a fraction p belong
to class k. ``reliability_curve`` bins the predictions as ``sklearn.calibration.calibration_curve``
does (and counts the points per bin); ``probability_scores`` gives log-loss, Brier score and the
average over- or under-confidence. ``copies_experiment`` appends near-copies of feature x1 and
refits Gaussian naive Bayes and logistic regression: naive Bayes multiplies one factor per feature,
so it counts x1's evidence once per copy (Hastie, Tibshirani & Friedman, ESL 2nd ed., 6.6.3).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.calibration import calibration_curve
from sklearn.metrics import log_loss

from core.evaluation import classification_metrics
from core.models import fit_model

N_FRESH = 4000  # points in the fresh reliability set: ~400 per bin where the predictions spread out
FRESH_SEED_OFFSET = 10_000  # the fresh set's seed is the view's seed + this: never the training draw
N_BINS = 10
COPY_NOISE = 0.1  # a near-copy is x1 + noise of this many standard deviations of x1
MAX_COPIES = 10
COPIES_MODELS = ("gnb", "logreg")


@dataclass(frozen=True)
class Reliability:
    """One reliability curve: P(y = ``positive`` | x) binned on [0, 1] into ``n_bins`` equal bins.

    Attributes (one entry per non-empty bin, in increasing order)
    ----------
    prob_pred : ndarray, mean predicted probability in the bin
    prob_true : ndarray, observed fraction of the positive class in the bin
    counts : ndarray of int, points in the bin
    lower, upper : ndarrays, the bin's edges
    """

    prob_pred: np.ndarray
    prob_true: np.ndarray
    counts: np.ndarray
    lower: np.ndarray
    upper: np.ndarray

    def worst_bin(self, min_count: int) -> int | None:
        """Index of the bin with the largest |prob_pred - prob_true| among those with >= ``min_count``
        points; None when no bin has that many."""
        gap = np.where(self.counts >= min_count, np.abs(self.prob_pred - self.prob_true), -1.0)
        return None if gap.max() < 0 else int(np.argmax(gap))

    def __repr__(self) -> str:
        return f"Reliability(bins={len(self.counts)}, n={int(self.counts.sum())})"


def reliability_curve(y_true, proba, positive: int = 1, n_bins: int = N_BINS) -> Reliability:
    """Reliability of P(y = ``positive`` | x), class ``positive`` against the rest.

    Parameters
    ----------
    y_true : ndarray of shape (n_samples,), int labels 0..K-1
    proba : ndarray of shape (n_samples, K)

    The curve is ``calibration_curve(y_true == positive, proba[:, positive], strategy="uniform")``;
    the counts use its binning: bin j holds probabilities in (j / n_bins, (j + 1) / n_bins], bin 0 also 0.
    """
    y_pos = (np.asarray(y_true) == positive).astype(int)
    p = np.clip(np.asarray(proba, dtype=float)[:, positive], 0.0, 1.0)
    prob_true, prob_pred = calibration_curve(y_pos, p, n_bins=n_bins, strategy="uniform", pos_label=1)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    counts = np.bincount(np.searchsorted(edges[1:-1], p), minlength=n_bins)
    full = counts > 0
    return Reliability(prob_pred, prob_true, counts[full], edges[:-1][full], edges[1:][full])


def probability_scores(y_true, proba) -> dict:
    """``core.evaluation.classification_metrics`` (same arguments: int labels, (n_samples, K) probabilities) with
    scikit-learn's log-loss, and the average confidence.

    Returns a dict with ``accuracy``; ``log_loss`` (``sklearn.metrics.log_loss``); ``brier``: the app's one Brier
    score, as in the explorer's table: the sum over classes, mean sum_k (p_ik - [y_i = k])^2, in [0, 2]; for two
    classes twice scikit-learn's ``brier_score_loss``; ``confidence``: mean max_k p_ik, the probability given to
    the class predicted; ``gap`` = confidence - accuracy (> 0 over-confident on average, < 0 under-confident).
    """
    base = classification_metrics(y_true, proba)  # accuracy and the app's one Brier score (sum over classes)
    proba = np.asarray(proba, dtype=float)
    labels = np.arange(proba.shape[1])
    confidence = float(np.mean(np.max(proba, axis=1)))
    return {"accuracy": base["accuracy"], "log_loss": float(log_loss(y_true, proba, labels=labels)),
            "brier": base["brier"], "confidence": confidence, "gap": confidence - base["accuracy"]}


def with_near_copies(X, noise) -> np.ndarray:
    """X with one near-copy of its first feature per column of ``noise``: x1 + noise[:, j].

    Parameters
    ----------
    X : ndarray of shape (n_samples, d)
    noise : ndarray of shape (n_samples, c), the copies' independent noise (c may be 0)

    Returns
    -------
    ndarray of shape (n_samples, d + c)
    """
    X = np.asarray(X, dtype=float)
    return np.hstack([X, X[:, :1] + np.asarray(noise, dtype=float).reshape(len(X), -1)])


@dataclass(frozen=True)
class CopiesResult:
    """Scores and reliability curves of each model as near-copies of x1 are added.

    Attributes
    ----------
    copies : tuple of int, the numbers of copies c tried
    scores : dict model -> list (one per c) of ``probability_scores`` dicts on the fresh set
    curves : dict model -> list (one per c) of tuples of ``Reliability``, one per class against the rest
    noise_sd : the copies' noise standard deviation, in x1's units
    """

    copies: tuple
    scores: dict
    curves: dict
    noise_sd: float

    def series(self, model: str, key: str) -> np.ndarray:
        """One score of ``model`` for every c, shape (len(copies),)."""
        return np.array([s[key] for s in self.scores[model]])

    def __repr__(self) -> str:
        return f"CopiesResult(copies={self.copies}, models={tuple(self.scores)})"


def copies_experiment(train, fresh, copies=tuple(range(MAX_COPIES + 1)), models=COPIES_MODELS,
                      relative_noise: float = COPY_NOISE, seed: int = 0) -> CopiesResult:
    """Fit each registry model on ``train`` with c near-copies of x1 appended, score on ``fresh``.

    The copies' noise has standard deviation ``relative_noise`` times x1's standard deviation in
    ``train``; the noise of copy j is the same for every c (c + 1 copies = c copies and one more).

    Parameters
    ----------
    train, fresh : Datasets (``core.datasets.Dataset``) with X of shape (n, d)
    copies : the numbers of copies to try
    models : registry keys
    """
    copies = tuple(int(c) for c in copies)
    if not copies or min(copies) < 0:
        raise ValueError(f"Numbers of copies must be 0 or more, got {copies}.")
    rng = np.random.default_rng(seed)
    noise_sd = relative_noise * float(np.std(train.X[:, 0]))
    noise_train = noise_sd * rng.standard_normal((len(train.y), max(copies)))
    noise_fresh = noise_sd * rng.standard_normal((len(fresh.y), max(copies)))
    n_classes = len(train.class_names)
    scores = {m: [] for m in models}
    curves = {m: [] for m in models}
    for c in copies:
        X_train = with_near_copies(train.X, noise_train[:, :c])
        X_fresh = with_near_copies(fresh.X, noise_fresh[:, :c])
        for name in models:
            proba = fit_model(name, X_train, train.y, class_names=train.class_names).predict_proba(X_fresh)
            scores[name].append(probability_scores(fresh.y, proba))
            curves[name].append(tuple(reliability_curve(fresh.y, proba, k) for k in range(n_classes)))
    return CopiesResult(copies, scores, curves, noise_sd)
