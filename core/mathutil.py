"""Small numerical helpers shared by core modules."""

import numpy as np

SHORT_AXIS = 16  # an axis at most this long is reduced slice by slice (``reduce_axis``)


def reduce_axis(ufunc, a: np.ndarray, axis: int) -> np.ndarray:
    """``ufunc.reduce(a, axis=axis)`` (``np.add``, ``np.maximum``…), the axis dropped.

    A short axis (classes: 2 to ``SHORT_AXIS``) is reduced as K whole-array operations on its slices: numpy's own
    reduction of an (n, 2) array along either axis costs ~50x as much (~0.1 ms instead of 2 us for n = 4,000),
    and Bayes' rule, the scores and EM reduce over the classes on every P(y) change."""
    a = np.asarray(a)
    axis = axis % a.ndim
    if a.ndim == 1 or not 1 <= a.shape[axis] <= SHORT_AXIS:
        return ufunc.reduce(a, axis=axis)
    index = [slice(None)] * a.ndim
    out = None
    for k in range(a.shape[axis]):
        index[axis] = k
        part = a[tuple(index)]
        out = part.copy() if out is None else ufunc(out, part, out=out)
    return out


def column_means(a: np.ndarray) -> np.ndarray:
    """The mean of each column of an (n, K) array with few columns (``a.mean(axis=0)``, ~20x as fast for K = 2)."""
    a = np.asarray(a, dtype=float)
    if a.shape[1] > SHORT_AXIS:
        return a.mean(axis=0)
    return np.array([a[:, k].mean() for k in range(a.shape[1])])


def logsumexp(a, axis=None, keepdims=False):
    """log(sum(exp(a))) along ``axis``, stable for large or -inf entries.

    Same result as ``scipy.special.logsumexp`` (tests check it), several times faster
    on the (n_points, n_classes) and (n_points, n_train) arrays used here.
    """
    a = np.asarray(a)
    if axis is None:
        peak = np.max(a, keepdims=True)
    else:
        axis = axis % a.ndim
        peak = np.expand_dims(reduce_axis(np.maximum, a, axis), axis)
    peak = np.where(np.isfinite(peak), peak, 0.0)
    shifted = np.exp(a - peak)
    with np.errstate(divide="ignore"):
        total = shifted.sum(keepdims=True) if axis is None else np.expand_dims(reduce_axis(np.add, shifted, axis), axis)
        out = np.log(total) + peak
    return out if keepdims else np.squeeze(out, axis=axis)


def bayes_rule(log_likelihood, priors, axis: int = -1):
    """Bayes' rule in log space: P(y=k|x) = P(k) p(x|k) / sum_j P(j) p(x|j).

    Parameters
    ----------
    log_likelihood : ndarray of log p(x | y=k), classes along ``axis``
    priors : ndarray of shape (K,); a zero prior gives that class probability 0

    Returns
    -------
    proba : ndarray of the shape of ``log_likelihood``
    log_px : ndarray without ``axis``: log p(x) = log sum_k P(k) p(x|k)
    """
    log_likelihood = np.asarray(log_likelihood, dtype=float)
    axis = axis % log_likelihood.ndim
    shape = [1] * log_likelihood.ndim
    shape[axis] = -1
    with np.errstate(divide="ignore"):
        jll = np.log(np.asarray(priors, dtype=float)).reshape(shape) + log_likelihood
    log_px = logsumexp(jll, axis=axis, keepdims=True)
    return np.exp(jll - log_px), np.squeeze(log_px, axis=axis)
