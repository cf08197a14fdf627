"""Generative classifiers: learn p(x | y) and P(y), classify by Bayes' rule, sample.

Each class wraps a scikit-learn estimator for the fitting and adds what scikit-learn
lacks: one generative interface (``class_log_likelihood``, ``log_px``, ``sample``,
``with_priors``). All of it rests on one method, ``joint_log_likelihood``,
log P(y=k) + log p(x | y=k), as scikit-learn's ``_BaseNB._joint_log_likelihood`` does.

Models are fitted on standardised features z = (x - center) / scale so that
regularisation means the same on every dataset and huge coordinates stay finite;
densities are mapped back with the Jacobian, log p(x) = log p(z) - sum(log scale).

A NaN in X at prediction time is a missing feature: it is integrated out, not imputed,
so every density, posterior and log p(x) is that of the observed features alone.
"""

from __future__ import annotations

import copy

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis, QuadraticDiscriminantAnalysis
from sklearn.mixture import GaussianMixture
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KernelDensity

from core.fitting import (
    _EIG_FLOOR,
    _LOG_2PI,
    _as_rng,
    _floored,
    check_training_data,
    gaussian_log_pdf,
    readable_fit_errors,
)
from core.mathutil import logsumexp


class GenerativeClassifier(ClassifierMixin, BaseEstimator):
    """Base: subclasses implement ``_fit_z`` and ``_class_log_likelihood_z``, ``_sample_z``.

    ``_class_log_likelihood_z(Z, obs)`` scores standardised rows Z of shape (n_samples, len(obs))
    by the class densities marginalised onto the features ``obs`` (all of them by default).

    Fitted attributes: ``classes_``, ``priors_`` (class proportions of the training set),
    ``center_``, ``scale_`` (the standardisation).
    """

    family = "generative"

    def fit(self, X, y):
        X, y = check_training_data(X, y, min_per_class=getattr(self, "_min_per_class", 2))
        self.classes_, y_idx, counts = np.unique(y, return_inverse=True, return_counts=True)
        self.priors_ = counts / counts.sum()
        self.center_ = X.mean(axis=0)
        spread = X.std(axis=0)
        # a constant feature gets the width make_grid gives it, so Z stays O(1) even far from 0
        self.scale_ = np.where(spread > 1e-12 * (1 + np.abs(self.center_)), spread,
                               np.maximum(1.0, np.abs(self.center_)))
        Z = (X - self.center_) / self.scale_
        with readable_fit_errors(type(self).__name__):
            self._fit_z(Z, y_idx)
        return self

    # ---- the generative story ------------------------------------------------
    def class_log_likelihood(self, X):
        """log p(x_obs | y=k) for each class: NaN marks a missing feature, integrated out.

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features), NaN where a feature is missing

        Returns
        -------
        ndarray of shape (n_samples, n_classes)
            log p(x_obs | y=k) = log integral p(x | y=k) dx_mis: the right density when a value is
            missing at random (Little & Rubin, *Statistical Analysis with Missing Data*, 2nd ed., ch. 6).
            A row with nothing observed gets log 1 = 0. Rows are grouped by which features they miss;
            each group is scored on its observed columns ``obs`` by ``_class_log_likelihood_z(Z, obs)``,
            and the Jacobian of the standardisation counts the observed features only.
        """
        Z = (np.asarray(X, dtype=float) - self.center_) / self.scale_
        missing = np.isnan(Z)
        if not missing.any():
            return self._class_log_likelihood_z(Z) - np.sum(np.log(self.scale_))
        out = np.zeros((len(Z), len(self.classes_)))
        patterns, group = np.unique(missing, axis=0, return_inverse=True)
        for p, pattern in enumerate(patterns):
            rows, obs = group.reshape(-1) == p, np.flatnonzero(~pattern)
            if len(obs):
                out[rows] = self._class_log_likelihood_z(Z[np.ix_(rows, obs)], obs) - np.sum(np.log(self.scale_[obs]))
        return out

    def joint_log_likelihood(self, X):
        """log P(y=k) + log p(x | y=k), shape (n_samples, n_classes)."""
        with np.errstate(divide="ignore"):
            return np.log(self.priors_) + self.class_log_likelihood(X)

    def log_px(self, X):
        """Marginal log p(x) = log sum_k P(y=k) p(x | y=k), shape (n_samples,); of x_obs if X has NaN."""
        return logsumexp(self.joint_log_likelihood(X), axis=1)

    def predict_log_proba(self, X):
        jll = self.joint_log_likelihood(X)
        return jll - logsumexp(jll, axis=1, keepdims=True)

    def predict_proba(self, X):
        """P(y=k | x) by Bayes' rule, computed in log space; shape (n_samples, n_classes)."""
        return np.exp(self.predict_log_proba(X))

    def predict(self, X):
        return self.classes_[np.argmax(self.joint_log_likelihood(X), axis=1)]

    def sample(self, n_samples: int, rng=None):
        """Draw (X, y) from the fitted joint: y ~ P(y), then x ~ p(x | y).

        Returns
        -------
        X : ndarray of shape (n_samples, n_features)
        y : ndarray of shape (n_samples,), labels from ``classes_``
        """
        rng = _as_rng(rng)
        y_idx = rng.choice(len(self.classes_), size=int(n_samples), p=self.priors_)
        Z = np.empty((int(n_samples), len(self.center_)))
        for k in range(len(self.classes_)):
            mask = y_idx == k
            if mask.any():
                Z[mask] = self._sample_z(k, int(mask.sum()), rng)
        return Z * self.scale_ + self.center_, self.classes_[y_idx]

    def with_priors(self, priors):
        """A copy whose P(y) is ``priors`` (normalised); the fitted p(x | y) is shared, no refit."""
        priors = np.asarray(priors, dtype=float)
        if priors.shape != self.priors_.shape or np.any(priors < 0) or not np.isfinite(priors).all() \
                or priors.sum() <= 0:
            raise ValueError(f"priors must be {len(self.priors_)} non-negative numbers with a positive sum.")
        other = copy.copy(self)
        other.priors_ = priors / priors.sum()
        return other

    # ---- helpers for subclasses -------------------------------------------------
    def _to_x_mean(self, mean_z):
        return mean_z * self.scale_ + self.center_

    def _to_x_cov(self, cov_z):
        return cov_z * np.outer(self.scale_, self.scale_)


class GaussianNaiveBayes(GenerativeClassifier):
    """Gaussian naive Bayes: p(x | y=k) = prod_j N(x_j; mu_kj, sigma_kj^2), fitted by ``GaussianNB``.

    Fitted: ``means_`` (K, d), ``var_`` (K, d), in data units.
    """

    def __init__(self, var_smoothing: float = 1e-9):
        self.var_smoothing = var_smoothing

    def _fit_z(self, Z, y):
        nb = GaussianNB(var_smoothing=self.var_smoothing).fit(Z, y)
        self.estimator_ = nb
        self._mu = nb.theta_
        self._var = np.maximum(nb.var_, _EIG_FLOOR)
        self.means_ = self._to_x_mean(self._mu)
        self.var_ = self._var * self.scale_**2

    def _class_log_likelihood_z(self, Z, obs=slice(None)):
        # a missing feature's factor integrates to 1: keep the observed factors only
        mu, var = self._mu[:, obs], self._var[:, obs]
        diff = Z[:, None, :] - mu[None]
        return -0.5 * np.sum(_LOG_2PI + np.log(var)[None] + diff**2 / var[None], axis=2)

    def _sample_z(self, k, n, rng):
        return self._mu[k] + np.sqrt(self._var[k]) * rng.standard_normal((n, self._mu.shape[1]))


class SharedVarianceNB(GaussianNaiveBayes):
    """Gaussian naive Bayes with one variance per feature shared by all classes: Ng & Jordan's (2002) NB.

    p(x | y=k) = prod_j N(x_j; mu_kj, sigma_j^2), sigma_j^2 the pooled within-class variance
    sum_k n_k var_kj / n. Its log-odds are then linear in x, log P(y=1|x)/P(y=0|x) = w . x + b with
    w_j = (mu_1j - mu_0j) / sigma_j^2: the same family as logistic regression, which makes the two a
    generative-discriminative pair. scikit-learn's ``GaussianNB`` (the ``gnb`` registry entry) fits a
    variance per class, so its log-odds are quadratic and it has twice the variances to estimate.
    """

    def _fit_z(self, Z, y):
        super()._fit_z(Z, y)
        counts = np.bincount(y, minlength=len(self.classes_))
        pooled = counts @ self._var / counts.sum()
        self._var = np.tile(pooled, (len(self.classes_), 1))
        self.var_ = self._var * self.scale_**2


class _GaussianPerClass(GenerativeClassifier):
    """Shared code for LDA and QDA: one Gaussian per class, full covariance."""

    def _set_gaussians(self, means_z, covs_z):
        self._mu = np.asarray(means_z)
        self._cov = np.array([_floored(c) for c in covs_z])
        self.means_ = self._to_x_mean(self._mu)
        self.covariances_ = np.array([self._to_x_cov(c) for c in self._cov])

    def _class_log_likelihood_z(self, Z, obs=slice(None)):
        # marginal of a Gaussian: the sub-vector of the mean, the sub-matrix of the covariance (PRML eq. 2.98)
        return np.column_stack([gaussian_log_pdf(Z, m[obs], c[obs][:, obs]) for m, c in zip(self._mu, self._cov)])

    def _sample_z(self, k, n, rng):
        return rng.multivariate_normal(self._mu[k], self._cov[k], size=n)


class LDA(_GaussianPerClass):
    """Linear discriminant analysis: Gaussian classes sharing one covariance (ESL 4.3).

    Fitted by ``LinearDiscriminantAnalysis(solver="lsqr")``; ``shrinkage`` in [0, 1]
    pulls the shared covariance toward a scaled identity (0 = none).
    Fitted: ``means_`` (K, d), ``covariances_`` (K, d, d), all equal to ``covariance_``.
    """

    def __init__(self, shrinkage: float = 0.0):
        self.shrinkage = shrinkage

    def _fit_z(self, Z, y):
        lda = LinearDiscriminantAnalysis(solver="lsqr", shrinkage=self.shrinkage or None).fit(Z, y)
        self.estimator_ = lda
        K = len(self.classes_)
        self._set_gaussians(lda.means_, [lda.covariance_] * K)
        self.covariance_ = self.covariances_[0]


class QDA(_GaussianPerClass):
    """Quadratic discriminant analysis: one Gaussian per class, own covariance (ESL 4.3).

    Fitted by ``QuadraticDiscriminantAnalysis``; ``reg_param`` shrinks each class's
    covariance eigenvalues toward 1 in standardised units: S2 = (1 - r) S2 + r.
    """

    _min_per_class = 2

    def __init__(self, reg_param: float = 0.0):
        self.reg_param = reg_param

    def _fit_z(self, Z, y):
        qda = QuadraticDiscriminantAnalysis(reg_param=max(self.reg_param, _EIG_FLOOR), store_covariance=True,
                                            tol=_EIG_FLOOR / 10).fit(Z, y)
        self.estimator_ = qda
        self._set_gaussians(qda.means_, qda.covariance_)


class GaussianMixtureClassifier(GenerativeClassifier):
    """One ``GaussianMixture`` per class: p(x | y=k) = sum_m w_km N(x; mu_km, Sigma_km).

    A class with fewer points than ``n_components`` gets as many components as points.
    """

    def __init__(self, n_components: int = 3, covariance_type: str = "full", reg_covar: float = 1e-3,
                 random_state: int = 0):
        self.n_components = n_components
        self.covariance_type = covariance_type
        self.reg_covar = reg_covar
        self.random_state = random_state

    def _fit_z(self, Z, y):
        self.mixtures_ = []
        for k in range(len(self.classes_)):
            Zk = Z[y == k]
            gm = GaussianMixture(n_components=int(min(self.n_components, len(Zk))),
                                 covariance_type=self.covariance_type, reg_covar=self.reg_covar,
                                 init_params="k-means++", random_state=self.random_state)
            self.mixtures_.append(gm.fit(Zk))

    def _class_log_likelihood_z(self, Z, obs=slice(None)):
        return np.column_stack([_mixture_log_pdf(Z, gm, obs) for gm in self.mixtures_])

    def _sample_z(self, k, n, rng):
        gm = self.mixtures_[k]
        comp = rng.choice(gm.n_components, size=n, p=gm.weights_)
        covs = _full_covariances(gm)
        out = np.empty((n, gm.means_.shape[1]))
        for m in range(gm.n_components):
            mask = comp == m
            if mask.any():
                out[mask] = rng.multivariate_normal(gm.means_[m], covs[m], size=int(mask.sum()))
        return out


def _mixture_log_pdf(Z, gm: GaussianMixture, obs=slice(None)):
    """log sum_m w_m N(z; mu_m[obs], Sigma_m[obs, obs]): the mixture marginalised onto features ``obs``.

    Each component is marginalised as a Gaussian (PRML eq. 2.98); ``gm.score_samples`` cannot
    drop features, so this replaces it (equal to it, to ~1e-12, when ``obs`` is every feature).

    Parameters
    ----------
    Z : ndarray of shape (n_samples, len(obs))

    Returns
    -------
    ndarray of shape (n_samples,)
    """
    covs = _full_covariances(gm)[:, obs][:, :, obs]
    return logsumexp(np.column_stack([np.log(w) + gaussian_log_pdf(Z, m[obs], c)
                                      for w, m, c in zip(gm.weights_, gm.means_, covs)]), axis=1)


def _full_covariances(gm: GaussianMixture):
    """The mixture's covariances as an array of shape (n_components, d, d), whatever the type."""
    d = gm.means_.shape[1]
    cov = gm.covariances_
    if gm.covariance_type == "full":
        return cov
    if gm.covariance_type == "tied":
        return np.repeat(cov[None], gm.n_components, axis=0)
    if gm.covariance_type == "diag":
        return np.array([np.diag(c) for c in cov])
    return np.array([c * np.eye(d) for c in cov])  # spherical


class KernelDensityClassifier(GenerativeClassifier):
    """One Gaussian ``KernelDensity`` per class; ``bandwidth`` is in standardised units."""

    def __init__(self, bandwidth: float = 0.3):
        self.bandwidth = bandwidth

    def _fit_z(self, Z, y):
        if self.bandwidth <= 0:
            raise ValueError("bandwidth must be positive")
        self.kdes_ = [KernelDensity(bandwidth=self.bandwidth).fit(Z[y == k]) for k in range(len(self.classes_))]

    def _class_log_likelihood_z(self, Z, obs=slice(None)):
        # each kernel N(x_i, h^2 I) marginalises to N(x_i[obs], h^2 I) in the observed features
        return np.column_stack([_gaussian_kde_log_pdf(Z, np.asarray(kde.tree_.data)[:, obs], self.bandwidth)
                                for kde in self.kdes_])

    def _sample_z(self, k, n, rng):
        # a Gaussian KDE is a mixture of equal-weight kernels: pick a point, add kernel noise
        data = np.asarray(self.kdes_[k].tree_.data)
        return data[rng.integers(len(data), size=n)] + self.bandwidth * rng.standard_normal((n, data.shape[1]))


def _gaussian_kde_log_pdf(Z, data, bandwidth, chunk=2048):
    """Log of a Gaussian KDE, = ``KernelDensity(bandwidth).fit(data).score_samples(Z)`` to ~1e-3.

    log p(z) = logsumexp_i(-|z - x_i|^2 / 2h^2) - log n - d/2 log(2 pi h^2), in float32 with one
    matrix product per chunk (Z is standardised, so float32 is ample): about 10x faster than the
    tree on a dense grid, which is what a live slider needs.
    """
    n, d = data.shape
    const = -np.log(n) - 0.5 * d * np.log(2 * np.pi * bandwidth**2)
    data32 = data.astype(np.float32)
    sq_data = np.sum(data32**2, axis=1)
    out = np.empty(len(Z))
    for start in range(0, len(Z), chunk):
        z = Z[start:start + chunk].astype(np.float32)
        a = z @ data32.T  # a becomes -|z - x_i|^2 / 2h^2, in place
        a *= 2
        a -= np.sum(z**2, axis=1)[:, None]
        a -= sq_data[None]
        np.minimum(a, 0, out=a)
        a *= 1 / (2 * bandwidth**2)
        peak = a.max(axis=1, keepdims=True)  # logsumexp, in place
        a -= peak
        np.exp(a, out=a)
        out[start:start + chunk] = np.log(a.sum(axis=1)) + peak[:, 0]
    return out + const
