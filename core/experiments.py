"""Learning curves: test error against training-set size, averaged over repeats.

Ng & Jordan (2002), "On discriminative vs. generative classifiers: a comparison of logistic
regression and naive Bayes", NIPS 14: naive Bayes approaches its asymptotic error after
O(log d) examples, logistic regression needs O(d) to reach its own, which is lower or equal
(equal when naive Bayes' assumption holds), so the curves can cross. Xue & Titterington (2008)
showed which one wins depends on which model is correctly specified. ``learning_curve`` measures
this on any sampler; ``core.scenarios`` supplies samplers
where the answer is known.
"""

from __future__ import annotations

import warnings

import numpy as np
from sklearn.base import clone
from threadpoolctl import threadpool_limits

from core.models import DISCRIMINATIVE, GENERATIVE, MODELS, validate_params

DEFAULT_N_TEST = 2000  # test points per repeat for a sampler without a holdout (fresh data)

#: Seconds one fit and its score on ``DEFAULT_N_TEST`` points take, per model: overhead + linear * u + quadratic * u * n
#: with u = n * (n_features + 10) / 1000. Upper envelopes of timings on a 2-core machine shared with other work
#: (load about 4 per core, 2026-11-26), from n = 6 to 5,000 and 2 to 90 features; quiet, the same fits took a
#: third to a half of this. Only the SVM's kernel matrix grows with n squared.
FIT_SECONDS = {
    "gnb": (0.010, 0.0003, 0.0), "nb_shared": (0.010, 0.0003, 0.0), "lda": (0.010, 0.0008, 0.0),
    "qda": (0.010, 0.0006, 0.0), "gmm": (0.040, 0.010, 0.0), "kde": (0.010, 0.003, 0.0),
    "logreg": (0.025, 0.001, 0.0), "svm": (0.080, 0.015, 0.000010), "tree": (0.005, 0.002, 0.0),
    "forest": (0.700, 0.008, 0.0), "knn": (0.060, 0.0003, 0.0), "mlp": (1.500, 0.150, 0.0),
}
SAMPLING_SECONDS = 0.0002  # per unit u of drawn points (the training samples and each repeat's test set)


def fit_seconds(name: str, n: int, n_features: int) -> float:
    """Estimated seconds to fit model ``name`` on ``n`` points and score it (see ``FIT_SECONDS``)."""
    overhead, linear, quadratic = FIT_SECONDS[name]
    units = n * (n_features + 10) / 1000
    return overhead + linear * units + quadratic * units * n


def curve_seconds(names, train_sizes, n_features: int, n_repeats: int, n_test: int = DEFAULT_N_TEST) -> float:
    """Estimated seconds ``learning_curve`` takes for models ``names`` (keys of ``FIT_SECONDS``)."""
    drawn = (sum(train_sizes) + n_test) * (n_features + 10) / 1000
    per_repeat = sum(fit_seconds(m, n, n_features) for m in names for n in train_sizes) + SAMPLING_SECONDS * drawn
    return n_repeats * per_repeat


def curve_models(names, **params_by_model) -> dict:
    """Unfitted estimators for ``names`` (keys of ``MODELS``), each at its defaults updated with
    ``params_by_model[name]`` (a dict) where given."""
    out = {}
    for name in names:
        if name not in MODELS:
            raise ValueError(f"Unknown model {name!r}; choose from {', '.join(MODELS)}.")
        params = params_by_model.get(name, {})
        if name in MODELS:
            params = validate_params(name, params)
        out[name] = MODELS[name].build(**params)
    return out


def log_spaced_sizes(n_min: int, n_max: int, n_points: int = 10) -> tuple:
    """Training sizes from ``n_min`` to ``n_max``, evenly spaced on a log axis, rounded, distinct.

    Returns
    -------
    tuple of int, increasing, at most ``n_points`` long, starting at ``n_min`` and ending at ``n_max``.
    """
    if not 1 <= n_min <= n_max:
        raise ValueError(f"Need 1 <= n_min <= n_max, got {n_min} and {n_max}.")
    sizes = np.unique(np.round(np.geomspace(n_min, n_max, n_points)).astype(int))
    return tuple(int(n) for n in sizes)


def repeat_rng(seed: int, repeat: int) -> np.random.Generator:
    """The generator of one repeat: child ``repeat`` of ``SeedSequence(seed)``.

    Repeat i gets the same stream whatever the number of repeats, so adding repeats keeps the
    earlier ones (``SeedSequence(seed).spawn(k)[i]`` is the same sequence).
    """
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(int(repeat),)))


def _test_split(sampler, n_test, rng):
    """(train_sampler, (X_test, y_test)): the sampler's own ``holdout`` or a fresh sample of ``n_test``."""
    holdout = getattr(sampler, "holdout", None)
    if holdout is not None:
        return holdout(rng)
    return sampler, sampler(n_test, rng)


def _draw_training_sample(sampler, n, classes, rng, min_per_class, max_redraws):
    """A sample of ``n`` points with at least ``min_per_class`` of every class in ``classes``; redraws otherwise."""
    for _ in range(max_redraws):
        X, y = sampler(n, rng)
        labels, counts = np.unique(y, return_counts=True)
        if np.array_equal(labels, classes) and counts.min() >= min_per_class:
            return X, y
    raise ValueError(f"{max_redraws} samples of {n} points in a row lacked a class (fewer than "
                     f"{min_per_class} points of it): use larger training sizes.")


def _test_error(model, X, y, X_test, y_test) -> float:
    """Fit ``model`` and return its error rate on the test set; NaN if it cannot be fitted on this sample."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            model.fit(X, y)
            return float(np.mean(model.predict(X_test) != y_test))
        except (ValueError, np.linalg.LinAlgError):
            return np.nan


def learning_curve(sampler, models: dict, train_sizes, n_repeats: int = 20, seed: int = 0,
                   n_test: int = DEFAULT_N_TEST, progress=None, first_repeat: int = 0, min_per_class: int = 2,
                   max_redraws: int = 100) -> dict:
    """Test error of each model against training-set size.

    Each repeat r draws one test set, then for every size n a fresh training sample of n points;
    every model is trained (a ``clone``) on that same sample and scored on that same test set, so
    differences between models are paired.

    Parameters
    ----------
    sampler : callable ``sampler(n, rng) -> (X, y)``
        Draws a labelled sample. If it has ``holdout(rng) -> (train_sampler, (X_test, y_test))``
        (a fixed pool of real data), that gives each repeat's test set and training pool instead.
    models : dict name -> unfitted estimator
    train_sizes : sequence of int
    n_repeats : number of repeats
    seed : repeat r uses ``repeat_rng(seed, first_repeat + r)``
    n_test : size of each repeat's test set, when the sampler has no ``holdout``
    progress : callable(fraction) or None, called after every (repeat, size) with the fraction done
    first_repeat : index of the first repeat; runs of consecutive blocks concatenate to one longer run
    min_per_class : a training sample with fewer points of some class is redrawn (a Gaussian class
        model needs two points for a variance)
    max_redraws : give up (``ValueError``) after this many rejected samples in a row

    Returns
    -------
    dict name -> ndarray of shape (len(train_sizes), n_repeats)
        Test error rates in [0, 1]; NaN where the model could not be fitted on that sample.
    """
    sizes = [int(n) for n in train_sizes]
    if not sizes or min(sizes) < 1:
        raise ValueError("Training sizes must be positive integers.")
    if not models:
        raise ValueError("No models to compare.")
    errors = {name: np.full((len(sizes), n_repeats), np.nan) for name in models}
    total = len(sizes) * n_repeats
    # thousands of fits on tiny matrices: BLAS threads only add overhead (6x slower here with 2)
    with threadpool_limits(limits=1):
        for r in range(n_repeats):
            rng = repeat_rng(seed, first_repeat + r)
            train_sampler, (X_test, y_test) = _test_split(sampler, n_test, rng)
            classes = np.unique(y_test)
            for i, n in enumerate(sizes):
                X, y = _draw_training_sample(train_sampler, n, classes, rng, min_per_class, max_redraws)
                for name, estimator in models.items():
                    errors[name][i, r] = _test_error(clone(estimator), X, y, X_test, y_test)
                if progress is not None:
                    progress((r * len(sizes) + i + 1) / total)
    return errors


def mean_and_se(errors) -> tuple:
    """Mean error and its standard error over repeats, ignoring NaN.

    Parameters
    ----------
    errors : ndarray of shape (n_sizes, n_repeats)

    Returns
    -------
    mean : ndarray of shape (n_sizes,)
    se : ndarray of shape (n_sizes,), std / sqrt(count) with ddof=1 (0 where count < 2)
    """
    errors = np.asarray(errors, dtype=float)
    count = np.sum(np.isfinite(errors), axis=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        mean = np.nanmean(errors, axis=1)
        std = np.nanstd(errors, axis=1, ddof=1)
    se = np.where(count >= 2, std / np.sqrt(np.maximum(count, 1)), 0.0)
    return mean, se


def crossover(train_sizes, mean_a, mean_b, tol=0.0):
    """Training size where curve a and curve b swap places, interpolated on log n; None if they do not.

    A size where the curves differ by more than ``tol`` is a clear lead; smaller differences are ties.
    The curves cross when the last clear lead (the winner with most data) follows a clear lead of the
    other curve at some smaller size. The crossing reported is the last sign change of
    ``mean_a - mean_b`` between those two sizes, found by linear interpolation in log n. Curves that
    only meet (Ng & Jordan's case when both models are right) have no crossover.

    Parameters
    ----------
    train_sizes : array-like of shape (n_sizes,), increasing
    mean_a, mean_b : array-like of shape (n_sizes,)
    tol : float or array-like of shape (n_sizes,), e.g. two standard errors of the difference

    Returns
    -------
    float or None
    """
    log_n = np.log(np.asarray(train_sizes, dtype=float))
    diff = np.asarray(mean_a, dtype=float) - np.asarray(mean_b, dtype=float)
    tol = np.broadcast_to(np.asarray(tol, dtype=float), diff.shape)
    ok = np.isfinite(diff)
    log_n, diff, tol = log_n[ok], diff[ok], tol[ok]
    lead = np.where(np.abs(diff) > tol, np.sign(diff), 0.0)  # +1: b lower, -1: a lower, 0: tie
    clear = np.flatnonzero(lead)
    if len(clear) == 0:
        return None
    winner = lead[clear[-1]]
    earlier = np.flatnonzero(lead == -winner)
    if len(earlier) == 0:
        return None
    # the last size, from the other's last clear lead on, where the winner is not yet ahead
    i = int(np.flatnonzero(np.sign(diff[:clear[-1]]) != winner)[-1])
    t = diff[i] / (diff[i] - diff[i + 1])
    return float(np.exp(log_n[i] + t * (log_n[i + 1] - log_n[i])))


def family_crossover(train_sizes, means: dict, ses: dict, families: dict) -> tuple:
    """Ng & Jordan's comparison: the first generative curve against the first discriminative one.

    Parameters
    ----------
    means, ses : dict label -> ndarray of shape (n_sizes,), in display order
    families : dict label -> "generative" | "discriminative"

    Returns
    -------
    pair : (generative label, discriminative label), or None without one of each
    crossover : their ``crossover`` with ties within two standard errors of the difference
        (sqrt(se_a^2 + se_b^2), an upper bound for paired curves), or None
    """
    gen = next((label for label in means if families.get(label) == GENERATIVE), None)
    dis = next((label for label in means if families.get(label) == DISCRIMINATIVE), None)
    if gen is None or dis is None:
        return None, None
    tol = 2 * np.hypot(ses[gen], ses[dis])
    return (gen, dis), crossover(train_sizes, means[gen], means[dis], tol=tol)
