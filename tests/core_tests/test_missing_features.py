"""Missing features (NaN) at prediction time: integrated out of every generative model, not imputed.

Checked against numerical integration of the full density over the missing feature, and against
scipy / scikit-learn on the sub-mean and sub-covariance for the models with closed forms.
"""

import numpy as np
import pytest
import scipy.special
import scipy.stats
from sklearn.neighbors import KernelDensity

from core.datasets import make_dataset
from core.generative import LDA, QDA, GaussianMixtureClassifier, KernelDensityClassifier
from core.models import fit_model, make_model, models_of

GENERATIVE = models_of("generative")

# Stretch and shift the toy data so the models' internal standardisation is not the identity.
STRETCH = np.array([3.0, 0.5])
SHIFT = np.array([10.0, -4.0])


@pytest.fixture(scope="module", params=["correlated", "three_gaussians"])
def data(request):
    """(X, y): 200 points of a named 2D dataset, two or three classes, stretched and shifted."""
    d = make_dataset(request.param, 200, seed=1)
    return d.X * STRETCH + SHIFT, d.y


@pytest.fixture(scope="module", params=GENERATIVE)
def fitted(request, data):
    X, y = data
    return fit_model(request.param, X, y), X


def _with_missing(X, axis):
    """Six training points with feature ``axis`` (or every feature, for None) set to NaN."""
    out = X[:6].copy()
    out[:, slice(None) if axis is None else axis] = np.nan
    return out


def _integrated_log_likelihood(model, X, X_missing, axis, half_width=10.0, n=2001):
    """log p(x_obs | y=k), shape (n_points, n_classes), by the trapezoid rule over feature ``axis``
    of the complete-data density, on +-``half_width`` standard deviations of the training data."""
    t = np.linspace(X[:, axis].mean() - half_width * X[:, axis].std(),
                    X[:, axis].mean() + half_width * X[:, axis].std(), n)
    out = []
    for x in X_missing:
        points = np.tile(x, (n, 1))
        points[:, axis] = t
        out.append(np.log(np.trapezoid(np.exp(model.class_log_likelihood(points)), t, axis=0)))
    return np.array(out)


# ---- the marginal is the integral of the full density ------------------------------------------

@pytest.mark.parametrize("axis", [0, 1])
def test_posterior_with_a_missing_feature_matches_numerical_integration(fitted, axis):
    model, X = fitted
    X_missing = _with_missing(X, axis)
    joint = model.priors_ * np.exp(_integrated_log_likelihood(model, X, X_missing, axis))
    assert np.allclose(model.predict_proba(X_missing), joint / joint.sum(axis=1, keepdims=True), atol=1e-3, rtol=0)


@pytest.mark.parametrize("axis", [0, 1])
def test_log_px_with_a_missing_feature_matches_numerical_integration(fitted, axis):
    model, X = fitted
    X_missing = _with_missing(X, axis)
    expected = scipy.special.logsumexp(np.log(model.priors_) + _integrated_log_likelihood(model, X, X_missing, axis),
                                       axis=1)
    assert np.allclose(model.log_px(X_missing), expected, atol=1e-2, rtol=0)


# ---- every feature missing: nothing observed, the prior is the answer ----------------------------

def test_all_missing_row_has_posterior_equal_to_the_priors(fitted):
    model, X = fitted
    assert np.allclose(model.predict_proba(_with_missing(X, None)), model.priors_[None], atol=1e-12)


def test_all_missing_row_has_log_px_zero(fitted):
    model, X = fitted
    assert np.all(model.class_log_likelihood(_with_missing(X, None)) == 0)
    assert np.allclose(model.log_px(_with_missing(X, None)), 0.0, atol=1e-12)


# ---- no NaN: the old numbers; mixed patterns: the same as one row at a time -----------------------

def _batch_atol(model):
    """How far one row's score may move with the batch it is scored in: the KDE scores in float32."""
    return 1e-5 if isinstance(model, KernelDensityClassifier) else 1e-9


def test_no_nan_is_one_call_on_every_feature(fitted):
    model, X = fitted
    Z = (X - model.center_) / model.scale_
    one_call = model._class_log_likelihood_z(Z)
    assert np.array_equal(model.class_log_likelihood(X), one_call - np.sum(np.log(model.scale_)))
    assert np.array_equal(one_call, model._class_log_likelihood_z(Z, np.arange(X.shape[1])))


def test_complete_rows_are_unchanged_by_nan_rows_in_the_same_call(fitted):
    model, X = fitted
    alone = model.class_log_likelihood(X[:20])
    mixed = model.class_log_likelihood(np.vstack([X[:20], _with_missing(X, 0)]))
    assert np.allclose(mixed[:20], alone, atol=_batch_atol(model), rtol=0)


def test_mixed_missingness_patterns_match_one_call_per_row(fitted):
    model, X = fitted
    X_mixed = X[:8].copy()
    X_mixed[[1, 5], 0] = np.nan
    X_mixed[[2, 6], 1] = np.nan
    X_mixed[3] = np.nan
    per_row = np.vstack([model.predict_log_proba(x[None]) for x in X_mixed])
    assert np.allclose(model.predict_log_proba(X_mixed), per_row, atol=_batch_atol(model), rtol=0)
    assert np.allclose(model.log_px(X_mixed), [model.log_px(x[None])[0] for x in X_mixed],
                       atol=_batch_atol(model), rtol=0)


def test_predict_with_nan_is_argmax_of_the_marginal_posterior(fitted):
    model, X = fitted
    X_missing = np.vstack([_with_missing(X, 0), _with_missing(X, 1), _with_missing(X, None)])
    labels = model.predict(X_missing)
    assert np.array_equal(labels, model.classes_[model.predict_proba(X_missing).argmax(axis=1)])
    assert labels[-1] == model.classes_[np.argmax(model.priors_)]


# ---- fitting still refuses NaN ------------------------------------------------------------------

@pytest.mark.parametrize("name", GENERATIVE)
def test_fit_with_nan_raises_a_readable_error(name):
    d = make_dataset("correlated", 40, seed=1)
    X = d.X.copy()
    X[3, 1] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        fit_model(name, X, d.y)
    with pytest.raises(ValueError, match="NaN"):
        make_model(name).fit(X, d.y)


# ---- oracles: closed forms on the sub-mean and sub-covariance -----------------------------------

@pytest.mark.parametrize("axis", [0, 1])
@pytest.mark.parametrize("name", ["lda", "qda"])
def test_gaussian_marginal_matches_scipy_norm_on_the_observed_feature(name, axis, data):
    X, y = data
    model = fit_model(name, X, y)
    X_missing, obs = _with_missing(X, axis), 1 - axis
    expected = np.column_stack([
        scipy.stats.norm(m[obs], np.sqrt(c[obs, obs])).logpdf(X_missing[:, obs])
        for m, c in zip(model.means_, model.covariances_)])
    assert np.allclose(model.class_log_likelihood(X_missing), expected)


@pytest.fixture(scope="module")
def three_features():
    """(X, y): three Gaussian classes with a third feature correlated with the first two."""
    d = make_dataset("three_gaussians", 150, seed=2)
    x3 = d.X[:, 0] - 0.5 * d.X[:, 1] + 0.3 * np.random.default_rng(2).standard_normal(len(d.y))
    return np.column_stack([d.X * STRETCH + SHIFT, 4.0 * x3]), d.y


@pytest.mark.parametrize("missing", [0, 1, 2])
@pytest.mark.parametrize("model_class", [LDA, QDA])
def test_gaussian_marginal_matches_scipy_multivariate_normal_on_the_sub_covariance(model_class, missing,
                                                                                   three_features):
    X, y = three_features
    model = model_class().fit(X, y)
    X_missing = X[:6].copy()
    X_missing[:, missing] = np.nan
    obs = np.delete(np.arange(3), missing)
    expected = np.column_stack([
        scipy.stats.multivariate_normal(m[obs], c[np.ix_(obs, obs)]).logpdf(X_missing[:, obs])
        for m, c in zip(model.means_, model.covariances_)])
    assert np.allclose(model.class_log_likelihood(X_missing), expected)


@pytest.mark.parametrize("name", ["gnb", "nb_shared"])
def test_naive_bayes_marginal_is_the_observed_factor(name, data):
    X, y = data
    model = fit_model(name, X, y)
    X_missing = _with_missing(X, 0)
    expected = scipy.stats.norm(model.means_[:, 1], np.sqrt(model.var_[:, 1])).logpdf(X_missing[:, 1:])
    assert np.allclose(model.class_log_likelihood(X_missing), expected)


@pytest.mark.parametrize("covariance_type", ["full", "tied", "diag", "spherical"])
def test_gmm_without_nan_matches_score_samples(covariance_type, data):
    X, y = data
    model = GaussianMixtureClassifier(n_components=2, covariance_type=covariance_type).fit(X, y)
    Z = (X - model.center_) / model.scale_
    expected = np.column_stack([gm.score_samples(Z) for gm in model.mixtures_]) - np.sum(np.log(model.scale_))
    assert np.allclose(model.class_log_likelihood(X), expected, atol=1e-8, rtol=0)


def _component_variances(gm, j):
    """Each component's variance of feature j, read from ``covariances_`` for its ``covariance_type``."""
    cov = gm.covariances_
    return {"full": lambda: cov[:, j, j], "tied": lambda: np.full(gm.n_components, cov[j, j]),
            "diag": lambda: cov[:, j], "spherical": lambda: cov}[gm.covariance_type]()


@pytest.mark.parametrize("covariance_type", ["full", "tied", "diag", "spherical"])
def test_gmm_marginal_is_the_mixture_of_component_marginals(covariance_type, data):
    X, y = data
    model = GaussianMixtureClassifier(n_components=2, covariance_type=covariance_type).fit(X, y)
    X_missing = _with_missing(X, 1)
    z = (X_missing[:, :1] - model.center_[0]) / model.scale_[0]
    expected = np.column_stack([
        scipy.special.logsumexp(np.log(gm.weights_) + scipy.stats.norm(gm.means_[:, 0],
                                                                       np.sqrt(_component_variances(gm, 0))).logpdf(z),
                                axis=1)
        for gm in model.mixtures_]) - np.log(model.scale_[0])
    assert np.allclose(model.class_log_likelihood(X_missing), expected)


def test_kde_marginal_matches_kernel_density_on_the_observed_feature(data):
    X, y = data
    model = fit_model("kde", X, y, bandwidth=0.4)
    X_missing = _with_missing(X, 0)
    Z, z = (X - model.center_) / model.scale_, (X_missing[:, 1:] - model.center_[1]) / model.scale_[1]
    expected = np.column_stack([KernelDensity(bandwidth=0.4).fit(Z[y == k, 1:]).score_samples(z)
                                for k in range(len(model.classes_))]) - np.log(model.scale_[1])
    assert np.allclose(model.class_log_likelihood(X_missing), expected, atol=1e-3, rtol=0)
