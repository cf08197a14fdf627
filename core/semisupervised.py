"""Semi-supervised EM: fit a generative classifier to a few labelled points and many unlabelled ones.

A generative model gives every point a likelihood, labelled or not, so unlabelled points can
join the fit: EM treats their classes as missing data (Dempster, Laird & Rubin 1977), as
Nigam et al. (2000) do for text with naive Bayes. The objective is the total log-likelihood

    L = sum_labelled log P(y_i) p(x_i | y_i) + sum_unlabelled log sum_k P(k) p(x_i | k).

It pays off when the model's assumptions hold and can hurt when they do not (Cozman & Cohen 2002, FLAIRS;
Cozman, Cohen & Cirelo 2003, ICML): more data then pulls the Gaussians toward a better fit of p(x), not toward
a better boundary. Only the M-step has a closed form (weighted means and covariances); EM itself iterates.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.base import clone

from core.generative import _EIG_FLOOR, LDA, QDA, GaussianNaiveBayes, SharedVarianceNB, check_training_data
from core.mathutil import logsumexp
from core.models import MODELS, fit_model

SUPPORTED = ("gnb", "nb_shared", "lda", "qda")
_NOT_SUPPORTED = {
    "gmm": "a mixture per class would need an EM inside this EM, and its components and the classes are "
           "confounded (an unlabelled point's weight can go to a component of either class)",
    "kde": "a kernel density has no parameters to re-estimate from weighted points",
}


@dataclass(frozen=True, eq=False)
class EMStep:
    """One EM iteration: the E-step's responsibilities and the M-step's parameters (data units).

    Attributes
    ----------
    log_likelihood : float, L of the parameters below (all points)
    responsibilities : ndarray of shape (n_unlabeled, n_classes), the r_ik these parameters were fitted to
    priors : ndarray of shape (n_classes,)
    means : ndarray of shape (n_classes, n_features)
    covariances : ndarray of shape (n_classes, n_features, n_features); diagonal for naive Bayes
    """

    log_likelihood: float
    responsibilities: np.ndarray
    priors: np.ndarray
    means: np.ndarray
    covariances: np.ndarray

    def __repr__(self) -> str:
        return f"EMStep(log_likelihood={self.log_likelihood:.4f}, priors={np.round(self.priors, 3).tolist()})"


@dataclass(frozen=True, eq=False)
class EMResult:
    """What ``fit_em`` returns.

    Attributes
    ----------
    name : registry key of the model
    model : the fitted generative classifier after the last iteration
    history : tuple of EMStep, one per iteration (the start is ``supervised``)
    supervised : the same model fitted to the labelled points alone (EM's start)
    stop : why EM stopped: "converged", "n_iter" (at the cap, before converging) or "likelihood would decrease"
    """

    name: str
    model: object
    history: tuple
    supervised: object
    stop: str

    @property
    def log_likelihood(self) -> float:
        return self.history[-1].log_likelihood

    def __repr__(self) -> str:
        return (f"EMResult({self.name!r}, iterations={len(self.history)}, "
                f"log_likelihood={self.log_likelihood:.4f}, stop={self.stop!r})")


def _check_supported(name: str):
    if name in SUPPORTED:
        return
    why = _NOT_SUPPORTED.get(name)
    if why is None and name in MODELS:
        why = "a discriminative model learns only P(y | x), so it gives unlabelled points no likelihood"
    what = f"{MODELS[name].label} ({name!r})" if name in MODELS else f"Unknown model {name!r}"
    raise ValueError(f"Semi-supervised EM supports {', '.join(SUPPORTED)}: one Gaussian per class, whose "
                     f"weighted estimates have a closed form. {what} is not supported"
                     + (f": {why}." if why else "."))


def _check_unlabeled(X_unlabeled, n_features: int):
    X = np.asarray(X_unlabeled, dtype=float)
    if X.size == 0:
        return X.reshape(0, n_features)
    if X.ndim != 2 or X.shape[1] != n_features:
        raise ValueError(f"Unlabelled points must be (n_unlabeled, {n_features}) like the labelled ones; "
                         f"got shape {X.shape}.")
    if not np.all(np.isfinite(X)):
        raise ValueError("The unlabelled points contain NaN or infinite coordinates.")
    return X


def _standardisation(X):
    """center and scale as ``GenerativeClassifier.fit`` computes them (a constant feature gets width 1)."""
    center = X.mean(axis=0)
    spread = X.std(axis=0)
    return center, np.where(spread > 1e-12 * (1 + np.abs(center)), spread, np.maximum(1.0, np.abs(center)))


def _m_step(template, Z, W, center, scale):
    """Weighted maximum-likelihood fit in standardised units, regularised as the supervised estimator is.

    With N_k = sum_i W_ik: P(k) = N_k / N, mu_k = sum_i W_ik z_i / N_k and
    S_k = sum_i W_ik (z_i - mu_k)(z_i - mu_k)^T / N_k (biased, as scikit-learn's GaussianNB, LDA and QDA).
    Then, as those estimators do on hard labels:
    gnb: the diagonal of S_k + var_smoothing * max_j var(z_j); nb_shared: those variances pooled, sum_k P(k) var_k;
    lda: S_k shrunk to (1 - s) S_k + s tr(S_k)/d I, then pooled, sum_k P(k) S_k;
    qda: (1 - r) S_k + r I with r = max(reg_param, 1e-6).

    Parameters
    ----------
    template : fitted model whose class and hyperparameters are used (not changed)
    Z : ndarray of shape (n_samples, n_features), all points standardised with ``center``, ``scale``
    W : ndarray of shape (n_samples, n_classes), one-hot rows for labels, responsibilities otherwise

    Returns
    -------
    A new fitted model of the template's class.
    """
    N_k = W.sum(axis=0)
    priors = N_k / N_k.sum()
    mu = (W.T @ Z) / N_k[:, None]
    diff = Z[None] - mu[:, None]  # (K, n, d)
    model = clone(template)
    model.classes_, model.priors_, model.center_, model.scale_ = template.classes_, priors, center, scale
    if isinstance(model, GaussianNaiveBayes):
        var = np.einsum("nk,knd->kd", W, diff**2) / N_k[:, None] + model.var_smoothing * np.var(Z, axis=0).max()
        model._mu, model._var = mu, np.maximum(var, _EIG_FLOOR)
        if isinstance(model, SharedVarianceNB):
            model._var = np.tile(priors @ model._var, (len(priors), 1))
        model.means_, model.var_ = model._to_x_mean(mu), model._var * scale**2
        return model
    covs = np.einsum("nk,kni,knj->kij", W, diff, diff) / N_k[:, None, None]
    eye = np.eye(Z.shape[1])
    if isinstance(model, LDA):
        s = model.shrinkage or 0.0
        covs = (1 - s) * covs + s * (np.trace(covs, axis1=1, axis2=2) / Z.shape[1])[:, None, None] * eye
        covs = np.repeat(np.tensordot(priors, covs, axes=1)[None], len(priors), axis=0)
    elif isinstance(model, QDA):
        r = max(model.reg_param, _EIG_FLOOR)
        covs = (1 - r) * covs + r * eye
    model._set_gaussians(mu, covs)
    if isinstance(model, LDA):
        model.covariance_ = model.covariances_[0]
    return model


def _e_step(model, X_labeled, y_idx, X_unlabeled):
    """Responsibilities r_ik = P(k) p(x_i|k) / sum_j P(j) p(x_i|j) of the unlabelled points, and L."""
    jll = model.joint_log_likelihood(X_unlabeled)
    log_px = logsumexp(jll, axis=1)
    labeled = model.joint_log_likelihood(X_labeled)[np.arange(len(y_idx)), y_idx]
    return np.exp(jll - log_px[:, None]), float(labeled.sum() + log_px.sum())


def class_covariances(model):
    """Each class's covariance in data units, shape (K, d, d); diagonal for naive Bayes."""
    return np.array([np.diag(v) for v in model.var_]) if hasattr(model, "var_") else model.covariances_


def total_log_likelihood(model, X_labeled, y_labeled, X_unlabeled) -> float:
    """L = sum_labelled log P(y_i) p(x_i | y_i) + sum_unlabelled log p(x_i), in data units."""
    y_idx = np.searchsorted(model.classes_, np.asarray(y_labeled))
    return _e_step(model, np.asarray(X_labeled, dtype=float), y_idx, np.asarray(X_unlabeled, dtype=float))[1]


MAX_ITER = 1000  # EM's cap: a shared server needs a bound; runs on the page's data converge well before it
TOL = 1e-8  # nats per point: 1e-6 stopped some runs on a saddle's plateau, far from where EM converges


def fit_em(name: str, X_labeled, y_labeled, X_unlabeled, n_iter: int = MAX_ITER, tol: float = TOL, seed: int = 0,
           **params) -> EMResult:
    """Fit generative classifier ``name`` to labelled and unlabelled points by EM.

    Starts from the supervised fit on the labelled points, then alternates
    E-step: r_ik = P(k) p(x_i | k) / sum_j P(j) p(x_i | j) for each unlabelled x_i (a labelled point
    keeps r = 1 for its class), and M-step: the weighted estimates of ``_m_step`` with these weights
    (Dempster, Laird & Rubin 1977; Nigam et al. 2000, with the unlabelled points at full weight).
    Standardisation (``center_``, ``scale_``) comes from all points, so regularisation means what it
    would in a supervised fit on all of them; with no unlabelled points the result is ``fit_model``'s.

    Parameters
    ----------
    name : one of ``SUPPORTED``
    X_labeled : ndarray of shape (n_labeled, n_features)
    y_labeled : ndarray of shape (n_labeled,), at least two classes with two points each
    X_unlabeled : ndarray of shape (n_unlabeled, n_features); may be (0, n_features)
    n_iter : most EM iterations (entries of ``history``)
    tol : stop when the mean log-likelihood per point, L / (n_labeled + n_unlabeled), rises by less than
        ``tol`` (an absolute change, so it does not depend on the units of x or the number of points)
    seed : unused: every step is deterministic (kept so that a random start can be added)
    **params : the model's hyperparameters, as for ``core.models.fit_model``

    Returns
    -------
    EMResult
        L never decreases along ``history``: the regularisation (var_smoothing, shrinkage, reg_param) makes the
        M-step differ slightly from the maximiser EM's guarantee rests on, so an update that would lower L is
        not taken and EM stops there (``stop == "likelihood would decrease"``).
    """
    _check_supported(name)
    if int(n_iter) < 1 or not tol >= 0:
        raise ValueError(f"n_iter must be at least 1 and tol non-negative; got n_iter={n_iter}, tol={tol}.")
    X_l, y_l = check_training_data(X_labeled, y_labeled)
    X_u = _check_unlabeled(X_unlabeled, X_l.shape[1])
    template = fit_model(name, X_l, y_l, **params)
    y_idx = np.searchsorted(template.classes_, y_l)
    X = np.vstack([X_l, X_u])
    center, scale = _standardisation(X)
    Z = (X - center) / scale
    W = np.zeros((len(X), len(template.classes_)))
    W[np.arange(len(y_idx)), y_idx] = 1.0

    model = supervised = _m_step(template, Z, W, center, scale)
    r, L_prev = _e_step(model, X_l, y_idx, X_u)
    history, stop = [], "n_iter"
    for _ in range(int(n_iter)):
        W[len(X_l):] = r
        new = _m_step(template, Z, W, center, scale)
        r_new, L = _e_step(new, X_l, y_idx, X_u)
        if L < L_prev:  # a drop within rounding error means EM has converged
            stop = "converged" if (L_prev - L) / len(X) < 1e-12 else "likelihood would decrease"
            break
        history.append(EMStep(L, r, new.priors_, new.means_, class_covariances(new)))
        model = new
        if (L - L_prev) / len(X) < tol:
            stop = "converged"
            break
        r, L_prev = r_new, L
    if not history:  # the very first update would lower L: report the start as the one iteration
        history.append(EMStep(L_prev, r, model.priors_, model.means_, class_covariances(model)))
    return EMResult(name, model, tuple(history), supervised, stop)
