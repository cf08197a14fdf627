"""What every generative classifier's fit shares: a training set checked with messages a person can act on, a
library's fit errors made readable, and a Gaussian's log density with a floored covariance (``core.generative``).
"""

from __future__ import annotations

import warnings
from contextlib import contextmanager

import numpy as np

# Smallest covariance eigenvalue, in standardised units: keeps collinear or
# duplicated points from giving a singular covariance.
_EIG_FLOOR = 1e-6
_LOG_2PI = np.log(2 * np.pi)
# Largest coordinate accepted: squared deviations (variances) must stay finite in float64.
_MAX_ABS_X = 1e150


def check_training_data(X, y, min_per_class: int = 2, class_names=None):
    """Validate a training set; raise ``ValueError`` with a message a person can act on.

    ``class_names`` (one per label 0..K-1) names the classes in messages as the app shows them.

    Returns
    -------
    X : ndarray of shape (n_samples, n_features), float64
    y : ndarray of shape (n_samples,), int
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    if X.ndim != 2 or len(X) != len(y):
        raise ValueError(f"X must be (n_samples, n_features) with one label per row; got X {X.shape}, y {y.shape}.")
    if len(y) == 0:
        raise ValueError("The training set is empty.")
    if not np.all(np.isfinite(X)):
        raise ValueError("The data contain NaN or infinite coordinates.")
    if np.max(np.abs(X), initial=0.0) > _MAX_ABS_X:
        raise ValueError(f"Coordinates larger than {_MAX_ABS_X:.0e} in size are out of range: rescale the data.")
    classes, counts = np.unique(y, return_counts=True)
    name = (lambda k: class_names[int(k)]) if class_names is not None else (lambda k: k)
    if len(classes) < 2:
        raise ValueError(f"Only one class ({name(classes[0])}) in the training data: a classifier needs at least "
                         "two.")
    if class_names is not None and len(classes) < len(class_names):
        missing = [class_names[k] for k in range(len(class_names)) if k not in set(classes.tolist())]
        raise ValueError(f"Class {missing[0]} has no training points; every class needs at least {min_per_class}. "
                         "Add points or lower the test fraction.")
    if counts.min() < min_per_class:
        k = classes[np.argmin(counts)]
        points = "point" if counts.min() == 1 else "points"
        raise ValueError(f"Class {name(k)} has only {counts.min()} training {points}; every class needs at least "
                         f"{min_per_class}. Add points or lower the test fraction.")
    return X, y


@contextmanager
def readable_fit_errors(label: str):
    """Run a fit with warnings silenced; a library's ValueError or LinAlgError becomes
    ``ValueError("<label> could not be fitted: ...")``. An error already worded so passes as it is."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            yield
        except (ValueError, np.linalg.LinAlgError) as exc:
            if "could not be fitted" in str(exc):
                raise
            raise ValueError(f"{label} could not be fitted: {exc}") from exc


def gaussian_log_pdf(Z, mean, cov):
    """log N(z; mean, cov) for each row of Z, with the covariance's eigenvalues floored.

    Parameters
    ----------
    Z : ndarray of shape (n_samples, d)
    mean : ndarray of shape (d,)
    cov : ndarray of shape (d, d)

    Returns
    -------
    ndarray of shape (n_samples,)
        -1/2 [d log 2 pi + log|cov| + (z - mean)^T cov^-1 (z - mean)]
    """
    eigval, eigvec = np.linalg.eigh(cov)
    eigval = np.maximum(eigval, _EIG_FLOOR)
    proj = (Z - mean) @ eigvec / np.sqrt(eigval)
    d = Z.shape[1]
    return -0.5 * (d * _LOG_2PI + np.sum(np.log(eigval)) + np.sum(proj**2, axis=1))


def _floored(cov):
    eigval, eigvec = np.linalg.eigh(cov)
    return (eigvec * np.maximum(eigval, _EIG_FLOOR)) @ eigvec.T


def _as_rng(rng):
    return rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
