"""A new class prior P(y) for any probabilistic classifier, and scores where that prior holds.

Under label shift only P(y) changes; p(x | y) stays. Bayes' rule then gives, for any model of
P(y | x) trained with class shares P_train(y) (Saerens, Latinne & Decaestecker 2002, eq. 2.4):

    P_new(y=k | x) = P(y=k | x) P_new(k) / P_train(k)  /  sum_j P(y=j | x) P_new(j) / P_train(j)

A generative model applies P_new as the explicit factor it keeps; a discriminative one needs
this correction, which is only as good as its probabilities are calibrated.

When P_new(y) is unknown, ``estimate_new_prior`` finds it from unlabelled deployment points by
Saerens et al.'s EM, with the classifier's own P(y | x): any family can use unlabelled data this way.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.datasets import DATASETS, Dataset, class_counts
from core.evaluation import classification_metrics
from core.mathutil import bayes_rule, column_means, reduce_axis

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


def prior_shift_scores(sets: dict, gen_priors, train_priors, new_priors, disc_new_priors=None) -> dict:
    """Accuracy and log-loss of both families before and after a prior shift, on each test set.

    Parameters
    ----------
    sets : {name: (gen_log_lik, disc_proba, y)}: a generative model's log p(x | y=k) rows, a
        discriminative model's P(y | x) rows and the labels, e.g. for the app's test split and
        for a set drawn with the new class shares
    gen_priors : the P(y) the generative model learned
    train_priors : the class shares the discriminative model was trained with
    new_priors : the new P(y)
    disc_new_priors : the discriminative model's new P(y), if not ``new_priors`` (e.g. its own estimate)

    Returns
    -------
    {(family, "trained" | "shifted"): {set name: classification_metrics dict}}; "shifted" is the
    generative model with P(y) = ``new_priors`` and the discriminative one reweighted to it.
    """
    out = {}
    for name, (log_lik, disc_proba, y) in sets.items():
        probas = {
            ("generative", "trained"): bayes_rule(log_lik, gen_priors)[0],
            ("generative", "shifted"): bayes_rule(log_lik, new_priors)[0],
            ("discriminative", "trained"): disc_proba,
            ("discriminative", "shifted"): reweight_proba(
                disc_proba, train_priors, new_priors if disc_new_priors is None else disc_new_priors),
        }
        for row, proba in probas.items():
            out.setdefault(row, {})[name] = classification_metrics(y, proba)
    return out


def deployment_pool(dataset: str, noise: float, seed: int, n_per_class: int = DEPLOYMENT_SIZE) -> Dataset:
    """Fresh points from the same generator, ``n_per_class`` of every class, sorted by class.

    ``deployment_rows`` picks from it a test set with any class shares: the world a new P(y)
    describes. One pool serves every P(y), so a model scores it once, not once per prior.
    Its seed is ``seed + 10000`` (the app's seeds stop at 9999): it never repeats a training draw.
    """
    spec = DATASETS[dataset]
    rng = np.random.default_rng(seed + 10_000)
    X, y = spec.generator((n_per_class,) * spec.n_classes, noise, rng)
    order = np.argsort(y, kind="stable")
    return Dataset(np.asarray(X, dtype=float)[order], np.asarray(y, dtype=int)[order], spec.names(), dataset)


def resampled_pool(test: Dataset, seed: int, n_per_class: int = DEPLOYMENT_SIZE) -> Dataset:
    """For a fixed dataset, which has no generator to draw fresh points from: the held-out test
    points, ``n_per_class`` of every class drawn with replacement, sorted by class (the layout of
    ``deployment_pool``). Rows picked by ``deployment_rows`` then weight the held-out points to a
    new P(y); no training point is used. Raises ValueError when a class has no test point."""
    counts = np.bincount(test.y, minlength=test.n_classes)
    if len(test.y) == 0 or counts.min() == 0:
        raise ValueError("every class needs a test point: raise the test fraction")
    rng = np.random.default_rng(seed + 10_000)
    rows = np.concatenate([rng.choice(np.flatnonzero(test.y == k), size=n_per_class) for k in range(test.n_classes)])
    return Dataset(test.X[rows], test.y[rows], test.class_names, test.name, test.feature_names)


def deployment_rows(y_pool, new_priors, n_samples: int = DEPLOYMENT_SIZE) -> np.ndarray:
    """Indices into a pool (``deployment_pool``) of a test set of ``n_samples`` with class shares ``new_priors``."""
    y_pool = np.asarray(y_pool)
    counts = class_counts(n_samples, np.asarray(new_priors, dtype=float))
    return np.concatenate([np.flatnonzero(y_pool == k)[:c] for k, c in enumerate(counts)])


@dataclass(frozen=True, repr=False)
class PriorEstimate:
    """What ``estimate_new_prior`` found.

    prior : ndarray of shape (K,), the EM estimate of P_new(y)
    history : ndarray of shape (iterations + 1, K): row 0 is the start (the training prior), row i
        the estimate after iteration i
    iterations : EM steps taken; converged : whether the last step moved every share by less than tol
    std_error : ndarray of shape (K,), each share's standard error from the points' Fisher information:
        the noise of the estimate from this many points if ``proba`` is calibrated (nan when singular)
    """

    prior: np.ndarray
    history: np.ndarray
    iterations: int
    converged: bool
    std_error: np.ndarray

    def __repr__(self) -> str:
        shares = ", ".join(f"{p:.3f}" for p in self.prior)
        how = "converged" if self.converged else "stopped at the cap"
        return f"PriorEstimate(prior=[{shares}], {how} after {self.iterations} iterations)"


def estimate_new_prior(proba, train_prior, max_iter: int = 1000, tol: float = 1e-8) -> PriorEstimate:
    """P_new(y) estimated from a classifier's P(y | x) on unlabelled deployment points, by EM.

    Saerens, Latinne & Decaestecker (2002), section 2: start at P_train; then repeat

        E-step: P_new(y=k | x_i) = P(y=k | x_i) P_new(k) / P_train(k), normalised over k
        M-step: P_new(k) = mean over i of P_new(y=k | x_i)

    until no share moves by ``tol`` (or ``max_iter`` steps). This maximises the likelihood of the
    unlabelled points over P_new if p(x | y) did not change and ``proba`` is calibrated; with
    uncalibrated probabilities the fixed point is off by as much as they are.

    Parameters
    ----------
    proba : ndarray of shape (n_samples, K), P(y | x) of a model trained with class shares
        ``train_prior``; rows are normalised (a row of zeros is an error)
    train_prior : ndarray of shape (K,), positive

    Returns
    -------
    PriorEstimate; raises ValueError (with the reason) on empty, negative or non-finite input.
    """
    proba = np.asarray(proba, dtype=float)
    train_prior = np.asarray(train_prior, dtype=float)
    if proba.ndim != 2 or proba.shape[0] == 0:
        raise ValueError("no unlabelled points to estimate P(y) from")
    if train_prior.shape != (proba.shape[1],):
        raise ValueError(f"{len(train_prior)} training shares for {proba.shape[1]} classes")
    if not (np.all(np.isfinite(proba)) and np.all(proba >= 0)):
        raise ValueError("P(y | x) must be finite and non-negative")
    if not (np.all(np.isfinite(train_prior)) and np.all(train_prior > 0)):
        raise ValueError("every class needs a positive training share: a class the model never saw cannot be "
                         "reweighted")
    totals = proba.sum(axis=1, keepdims=True)
    if np.any(totals == 0):
        raise ValueError("a row of P(y | x) sums to 0")
    proba = proba / totals
    train_prior = train_prior / train_prior.sum()
    prior, history, converged = train_prior.copy(), [train_prior.copy()], False
    for _ in range(max_iter):
        weighted = proba * (prior / train_prior)  # E-step; a row sums to 0 only if every class it holds hit 0
        sums = reduce_axis(np.add, weighted, 1)[:, None]
        posterior = np.divide(weighted, sums, out=proba.copy(), where=sums > 0)
        new = column_means(posterior)  # M-step
        new /= new.sum()
        history.append(new)
        step, prior = np.max(np.abs(new - prior)), new
        if step < tol:
            converged = True
            break
    return PriorEstimate(prior, np.array(history), len(history) - 1, converged,
                         _std_error(proba / train_prior, prior))


def _std_error(ratios: np.ndarray, prior: np.ndarray) -> np.ndarray:
    """Standard errors of the maximum-likelihood P_new from the observed Fisher information.

    With c_ik = P(k | x_i) / P_train(k) the log-likelihood is sum_i log sum_k c_ik P_new(k); in the
    free coordinates P_new(1..K-1) (P_new(0) = 1 - their sum) its gradient per point is
    (c_ij - c_i0) / sum_k c_ik P_new(k); the covariance is the inverse of the gradients' sum of squares.
    """
    sums = ratios @ prior
    grads = (ratios[:, 1:] - ratios[:, :1]) / np.where(sums > 0, sums, np.inf)[:, None]
    try:
        cov = np.linalg.inv(grads.T @ grads)
    except np.linalg.LinAlgError:
        return np.full(len(prior), np.nan)
    var = np.concatenate([[cov.sum()], np.diag(cov)])  # Var P_new(0) = 1' cov 1
    return np.sqrt(np.clip(var, 0, None))
