"""Generative classifiers checked against scikit-learn and closed forms (the fixtures: conftest.py)."""

import numpy as np
import pytest
import scipy.special
import scipy.stats
from sklearn.base import clone
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis, QuadraticDiscriminantAnalysis
from sklearn.mixture import GaussianMixture
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KernelDensity

from core.generative import (
    LDA,
    QDA,
    GaussianMixtureClassifier,
    GaussianNaiveBayes,
    KernelDensityClassifier,
    _gaussian_kde_log_pdf,
    gaussian_log_pdf,
)
from core_tests.generative_cases import GENERATIVE

# ---- oracles: scikit-learn ------------------------------------------------------------------

SKLEARN_TWINS = {  # ours, scikit-learn's, the largest difference allowed in P(y | x)
    # var_smoothing adds 1e-9 * max variance: in std units for us, in data units for scikit-learn
    "gnb": (GaussianNaiveBayes(), GaussianNB(), 1e-6),
    # measured: max difference ~1e-14 (a Gaussian posterior is invariant to the standardisation)
    "lda_lsqr": (LDA(), LinearDiscriminantAnalysis(solver="lsqr"), 1e-10),
    "lda_svd": (LDA(), LinearDiscriminantAnalysis(solver="svd"), 1e-10),
    # ours always regularises by 1e-6 in std units; measured max difference ~3e-6
    "qda": (QDA(), QuadraticDiscriminantAnalysis(), 2e-5),
}


@pytest.mark.parametrize("data", ["two_classes", "three_classes"])
@pytest.mark.parametrize("name", list(SKLEARN_TWINS))
def test_posterior_matches_its_sklearn_twin(name, data, request):
    X, y, X_test = request.getfixturevalue(data)
    ours, theirs, atol = SKLEARN_TWINS[name]
    assert np.allclose(clone(ours).fit(X, y).predict_proba(X_test), clone(theirs).fit(X, y).predict_proba(X_test),
                       atol=atol)


def _standardised(X):
    return (X - X.mean(axis=0)) / X.std(axis=0)


STANDARDISED_TWINS = {  # ours regularises in standardised units: scikit-learn's twin, fitted on standardised data
    "lda_shrinkage": (LDA(shrinkage=0.3), LinearDiscriminantAnalysis(solver="lsqr", shrinkage=0.3)),
    "qda_reg_param": (QDA(reg_param=0.4), QuadraticDiscriminantAnalysis(reg_param=0.4)),
}


@pytest.mark.parametrize("name", list(STANDARDISED_TWINS))
def test_regularised_posterior_matches_its_sklearn_twin_on_standardised_data(name, three_classes):
    X, y, _ = three_classes
    Z = _standardised(X)
    ours, theirs = STANDARDISED_TWINS[name]
    assert np.allclose(clone(ours).fit(X, y).predict_proba(X), clone(theirs).fit(Z, y).predict_proba(Z), atol=1e-10)


@pytest.mark.parametrize("bandwidth", [0.05, 0.3, 2.0])
def test_kde_scorer_matches_sklearn_kernel_density(bandwidth):
    rng = np.random.default_rng(0)
    data = rng.standard_normal((60, 2))
    Z = rng.uniform(-4, 4, size=(400, 2))  # standardised units, as far out as a plotting grid reaches
    ours = _gaussian_kde_log_pdf(Z, data, bandwidth)
    theirs = KernelDensity(bandwidth=bandwidth).fit(data).score_samples(Z)
    assert np.allclose(ours, theirs, atol=1e-3, rtol=0)


def test_kde_scorer_works_across_chunks():
    rng = np.random.default_rng(1)
    data, Z = rng.standard_normal((30, 2)), rng.standard_normal((25, 2))
    assert np.allclose(_gaussian_kde_log_pdf(Z, data, 0.5, chunk=4), _gaussian_kde_log_pdf(Z, data, 0.5))


def test_kde_class_log_likelihood_matches_sklearn_on_standardised_data(three_classes):
    X, y, X_test = three_classes
    model = KernelDensityClassifier(bandwidth=0.4).fit(X, y)
    mean, std = X.mean(axis=0), X.std(axis=0)
    Z, Z_test = (X - mean) / std, (X_test - mean) / std
    theirs = np.column_stack([KernelDensity(bandwidth=0.4).fit(Z[y == k]).score_samples(Z_test)
                              for k in range(3)]) - np.sum(np.log(std))
    assert np.allclose(model.class_log_likelihood(X_test), theirs, atol=1e-3)


@pytest.mark.parametrize("covariance_type", ["full", "tied", "diag", "spherical"])
def test_gmm_matches_sklearn_gaussian_mixture_per_class(covariance_type, three_classes):
    X, y, X_test = three_classes
    model = GaussianMixtureClassifier(n_components=2, covariance_type=covariance_type).fit(X, y)
    mean, std = X.mean(axis=0), X.std(axis=0)
    Z, Z_test = (X - mean) / std, (X_test - mean) / std
    theirs = np.column_stack([
        GaussianMixture(n_components=2, covariance_type=covariance_type, reg_covar=1e-3,
                        init_params="k-means++", random_state=0).fit(Z[y == k]).score_samples(Z_test)
        for k in range(3)]) - np.sum(np.log(std))
    assert np.allclose(model.class_log_likelihood(X_test), theirs)


def test_gmm_uses_no_more_components_than_a_class_has_points():
    X = np.array([[0.0, 0.0], [1.0, 0.5], [4.0, 4.0], [5.0, 4.5], [4.5, 5.5], [6.0, 5.0]])
    y = np.array([0, 0, 1, 1, 1, 1])
    model = GaussianMixtureClassifier(n_components=3).fit(X, y)
    assert [gm.n_components for gm in model.mixtures_] == [2, 3]


# ---- oracles: closed forms ------------------------------------------------------------------

def test_gaussian_log_pdf_matches_scipy():
    Z = np.array([[0.0, 0.0], [1.0, -2.0], [3.0, 0.5]])
    mean, cov = np.array([0.5, -0.5]), np.array([[2.0, 0.6], [0.6, 1.0]])
    assert np.allclose(gaussian_log_pdf(Z, mean, cov), scipy.stats.multivariate_normal(mean, cov).logpdf(Z))


def test_gaussian_log_pdf_of_singular_covariance_is_finite():
    Z = np.array([[0.0, 0.0], [1.0, 1.0], [1.0, -1.0]])
    out = gaussian_log_pdf(Z, np.zeros(2), np.array([[1.0, 1.0], [1.0, 1.0]]))
    assert np.all(np.isfinite(out))
    assert out[2] < out[1]  # off the line is far less likely than on it


def test_gnb_means_and_variances_are_per_class_moments(three_classes):
    X, y, _ = three_classes
    model = GaussianNaiveBayes().fit(X, y)
    assert np.allclose(model.means_, [X[y == k].mean(axis=0) for k in range(3)])
    assert np.allclose(model.var_, [X[y == k].var(axis=0) for k in range(3)], rtol=1e-6)


def test_lda_covariance_is_pooled_within_class_covariance(three_classes):
    # ESL eq. (4.8)-style pooled estimate, normalised by n (what scikit-learn's lsqr solver uses)
    X, y, _ = three_classes
    centred = np.vstack([X[y == k] - X[y == k].mean(axis=0) for k in range(3)])
    model = LDA().fit(X, y)
    assert np.allclose(model.covariance_, centred.T @ centred / len(X))
    assert np.allclose(model.covariances_, model.covariance_[None])


def test_qda_covariances_are_per_class_covariances(three_classes):
    X, y, _ = three_classes
    model = QDA().fit(X, y)
    expected = [np.cov(X[y == k].T, ddof=0) for k in range(3)]
    # the 1e-6 floor in std units shows up as ~1e-6 * scale**2
    assert np.allclose(model.covariances_, expected, atol=1e-4)
    assert np.allclose(model.means_, [X[y == k].mean(axis=0) for k in range(3)])


def _integral_of_density(model, X, half_width=8.0, n=301):
    center, std = X.mean(axis=0), X.std(axis=0)
    xs = np.linspace(center[0] - half_width * std[0], center[0] + half_width * std[0], n)
    ys = np.linspace(center[1] - half_width * std[1], center[1] + half_width * std[1], n)
    xx, yy = np.meshgrid(xs, ys)
    density = np.exp(model.class_log_likelihood(np.column_stack([xx.ravel(), yy.ravel()])))
    density = density.T.reshape(-1, n, n)
    return np.trapezoid(np.trapezoid(density, xs, axis=2), ys, axis=1)


@pytest.mark.parametrize("name", list(GENERATIVE))
def test_class_densities_integrate_to_one(name, three_classes):
    X, y, _ = three_classes
    model = GENERATIVE[name]().fit(X, y)
    assert np.allclose(_integral_of_density(model, X), 1.0, atol=1e-2)
