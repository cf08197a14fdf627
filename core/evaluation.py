"""Scores of a fitted classifier and Bayes' rule spelled out at one point."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.mathutil import bayes_rule


def classification_metrics(y_true, proba) -> dict:
    """Accuracy, log-loss and Brier score of predicted probabilities.

    Parameters
    ----------
    y_true : ndarray of shape (n_samples,), int labels 0..K-1
    proba : ndarray of shape (n_samples, K)

    Returns
    -------
    dict with ``accuracy``, ``log_loss`` = -mean log p(y_i | x_i) (probabilities clipped
    to [1e-15, 1]) and ``brier`` = mean sum_k (p_ik - [y_i = k])^2; NaN when y_true is empty.
    """
    y_true = np.asarray(y_true, dtype=int)
    if len(y_true) == 0:
        return {"accuracy": np.nan, "log_loss": np.nan, "brier": np.nan}
    proba = np.asarray(proba, dtype=float)
    onehot = np.eye(proba.shape[1])[y_true]
    p_true = np.clip(proba[np.arange(len(y_true)), y_true], 1e-15, 1.0)
    return {
        "accuracy": float(np.mean(np.argmax(proba, axis=1) == y_true)),
        "log_loss": float(-np.mean(np.log(p_true))),
        "brier": float(np.mean(np.sum((proba - onehot) ** 2, axis=1))),
    }


def posterior_from_log_likelihood(log_lik, priors) -> np.ndarray:
    """Bayes' rule on rows of log p(x|y=k): P(y=k|x) = P(k) p(x|k) / sum_j P(j) p(x|j)."""
    return bayes_rule(log_lik, priors, axis=1)[0]


@dataclass(frozen=True)
class BayesRuleAt:
    """Every term of Bayes' rule at one point x, for K classes (arrays of shape (K,))."""

    x: tuple
    log_likelihood: np.ndarray  # log p(x | y=k)
    priors: np.ndarray  # P(y=k)
    log_px: float  # log p(x) = log sum_k P(k) p(x|k)
    posterior: np.ndarray  # P(y=k | x)


def bayes_rule_at(model, x, priors=None) -> BayesRuleAt:
    """Bayes' rule at ``x`` for a fitted generative model, with ``priors`` (default ``priors_``)."""
    x = np.asarray(x, dtype=float).reshape(1, -1)
    priors = np.asarray(model.priors_ if priors is None else priors, dtype=float)
    log_lik = model.class_log_likelihood(x)[0]
    posterior, log_px = bayes_rule(log_lik, priors)
    return BayesRuleAt(tuple(x[0]), log_lik, priors, float(log_px), posterior)
