"""A new class prior P(y) for any probabilistic classifier, and scores where that prior holds.

Under label shift only P(y) changes; p(x | y) stays. Bayes' rule then gives, for any model of
P(y | x) trained with class shares P_train(y) (Saerens, Latinne & Decaestecker 2002, eq. 2.4):

    P_new(y=k | x) = P(y=k | x) P_new(k) / P_train(k)  /  sum_j P(y=j | x) P_new(j) / P_train(j)

A generative model applies P_new as the explicit factor it keeps; a discriminative one needs
this correction, which is only as good as its probabilities are calibrated.
"""

from __future__ import annotations

import numpy as np

from core.datasets import Dataset, make_dataset
from core.evaluation import classification_metrics
from core.mathutil import bayes_rule

DEPLOYMENT_SIZE = 4000  # test points drawn with the new class shares: accuracy to about +-0.005


def class_priors(y, n_classes: int) -> np.ndarray:
    """Class shares of the labels ``y`` (ints 0..K-1): the P_train(y) a model saw, shape (K,)."""
    return np.bincount(np.asarray(y, dtype=int), minlength=n_classes) / len(y)


def reweight_proba(proba, train_priors, new_priors, axis: int = -1) -> np.ndarray:
    """P(y | x) moved from the prior it was trained with to ``new_priors``, no refit.

    Parameters
    ----------
    proba : ndarray of P(y=k | x), classes along ``axis`` (e.g. (n_samples, K) or (K, ny, nx))
    train_priors, new_priors : ndarrays of shape (K,), positive

    Returns
    -------
    ndarray of the shape of ``proba``: P(y=k | x) P_new(k) / P_train(k), normalised over k.
    """
    ratio = np.asarray(new_priors, dtype=float) / np.asarray(train_priors, dtype=float)
    with np.errstate(divide="ignore"):
        return bayes_rule(np.log(np.asarray(proba, dtype=float)), ratio, axis=axis)[0]


def prior_shift_scores(gen_model, disc_model, train_priors, new_priors, test_sets: dict) -> dict:
    """Accuracy and log-loss of both families before and after a prior shift, on each test set.

    Parameters
    ----------
    gen_model : fitted generative classifier (``with_priors``)
    disc_model : fitted classifier with ``predict_proba``, trained with class shares ``train_priors``
    test_sets : {name: (X, y)}, e.g. the app's split and a set drawn with the new class shares

    Returns
    -------
    {(family, "trained" | "shifted"): {set name: classification_metrics dict}}; "shifted" is the
    generative model with P(y) = ``new_priors`` and the discriminative one reweighted to it.
    """
    shifted_gen = gen_model.with_priors(new_priors)
    out = {}
    for name, (X, y) in test_sets.items():
        disc_proba = disc_model.predict_proba(X)
        probas = {
            ("generative", "trained"): gen_model.predict_proba(X),
            ("generative", "shifted"): shifted_gen.predict_proba(X),
            ("discriminative", "trained"): disc_proba,
            ("discriminative", "shifted"): reweight_proba(disc_proba, train_priors, new_priors),
        }
        for row, proba in probas.items():
            out.setdefault(row, {})[name] = classification_metrics(y, proba)
    return out


def deployment_set(dataset: str, noise: float, seed: int, share: float, n_samples: int = DEPLOYMENT_SIZE) -> Dataset:
    """A fresh test set from the same generator with the new class shares: the world a new P(y) describes.

    Its seed is ``seed + 10000`` (the app's seeds stop at 9999), so it never repeats a training draw.
    ``share`` is read as ``make_dataset`` reads it (P(y=1) for two classes, else the first class's share).
    """
    return make_dataset(dataset, n_samples=n_samples, noise=noise, seed=seed + 10_000, share=share)
