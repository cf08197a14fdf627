"""Generative classifiers, checked against Bayes' rule, scikit-learn and closed forms."""

import numpy as np
import pytest
import scipy.special
import scipy.stats
from sklearn.base import clone
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis, QuadraticDiscriminantAnalysis
from sklearn.mixture import GaussianMixture
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KernelDensity

from core.datasets import make_dataset
from core.generative import (
    LDA,
    QDA,
    GaussianMixtureClassifier,
    GaussianNaiveBayes,
    KernelDensityClassifier,
    _gaussian_kde_log_pdf,
    check_training_data,
    gaussian_log_pdf,
)
from core.mathutil import logsumexp
from core.surfaces import make_grid

GENERATIVE = {
    "gnb": GaussianNaiveBayes,
    "lda": LDA,
    "qda": QDA,
    "gmm": lambda: GaussianMixtureClassifier(n_components=2),
    "kde": KernelDensityClassifier,
}

# Stretch and shift the toy data so the models' internal standardisation is not the identity.
STRETCH = np.array([3.0, 0.5])
SHIFT = np.array([10.0, -4.0])


def _stretched(name, n_samples, seed, share=None):
    data = make_dataset(name, n_samples=n_samples, seed=seed, share=share)
    return data.X * STRETCH + SHIFT, data.y


@pytest.fixture(scope="module")
def three_classes():
    """(X, y, X_test): three Gaussian classes with unequal covariances."""
    X, y = _stretched("three_gaussians", 240, seed=3)
    X_test, _ = _stretched("three_gaussians", 150, seed=4)
    return X, y, X_test


@pytest.fixture(scope="module")
def two_classes():
    """(X, y, X_test): two correlated Gaussian classes, 30 % / 70 %."""
    X, y = _stretched("correlated", 200, seed=5, share=0.7)
    X_test, _ = _stretched("correlated", 150, seed=6)
    return X, y, X_test


@pytest.fixture(scope="module", params=list(GENERATIVE))
def fitted(request, three_classes):
    X, y, X_test = three_classes
    return GENERATIVE[request.param]().fit(X, y), X_test


# ---- the generative story: Bayes' rule ---------------------------------------------------------

def test_predict_proba_is_bayes_rule_on_class_log_likelihood(fitted):
    model, X_test = fitted
    joint = np.exp(model.class_log_likelihood(X_test)) * model.priors_
    by_hand = joint / joint.sum(axis=1, keepdims=True)
    assert np.allclose(model.predict_proba(X_test), by_hand, rtol=1e-9, atol=1e-12)


def test_joint_log_likelihood_adds_log_prior(fitted):
    model, X_test = fitted
    expected = model.class_log_likelihood(X_test) + np.log(model.priors_)
    assert np.allclose(model.joint_log_likelihood(X_test), expected)


def test_log_px_is_logsumexp_of_joint(fitted):
    model, X_test = fitted
    expected = scipy.special.logsumexp(model.joint_log_likelihood(X_test), axis=1)
    assert np.allclose(model.log_px(X_test), expected)


def test_predict_is_argmax_of_predict_proba(fitted):
    model, X_test = fitted
    assert np.array_equal(model.predict(X_test), model.classes_[model.predict_proba(X_test).argmax(axis=1)])


def test_priors_are_training_class_proportions(two_classes):
    X, y, _ = two_classes
    model = GaussianNaiveBayes().fit(X, y)
    assert np.allclose(model.priors_, np.bincount(y) / len(y))
    assert np.allclose(model.priors_, [0.3, 0.7])


def test_predict_returns_the_original_labels():
    X = np.array([[0.0, 0.0], [0.2, 0.1], [0.1, 0.3], [5.0, 5.0], [5.2, 4.9], [4.8, 5.1]])
    y = np.array(["cat", "cat", "cat", "dog", "dog", "dog"])
    model = QDA().fit(X, y)
    assert model.classes_.tolist() == ["cat", "dog"]
    assert model.predict(np.array([[0.1, 0.1], [5.0, 5.0]])).tolist() == ["cat", "dog"]


@pytest.mark.parametrize("name", list(GENERATIVE))
def test_clone_gives_an_unfitted_copy_with_same_params(name):
    model = GENERATIVE[name]()
    copy = clone(model)
    assert copy.get_params() == model.get_params()
    assert not hasattr(copy, "classes_")


# ---- standardisation: the fitted posterior does not depend on units ---------------------------

@pytest.mark.parametrize("name", list(GENERATIVE))
def test_posterior_is_invariant_to_rescaling_each_feature(name, three_classes):
    X, y, X_test = three_classes
    scale, shift = np.array([100.0, 0.01]), np.array([5e3, -7.0])
    a = GENERATIVE[name]().fit(X, y).predict_proba(X_test)
    b = GENERATIVE[name]().fit(X * scale + shift, y).predict_proba(X_test * scale + shift)
    assert np.allclose(a, b, atol=1e-9)


@pytest.mark.parametrize("name", list(GENERATIVE))
def test_density_picks_up_the_jacobian_of_rescaling(name, three_classes):
    # p_x'(a x + b) = p_x(x) / prod(a)
    X, y, X_test = three_classes
    scale, shift = np.array([100.0, 0.01]), np.array([5e3, -7.0])
    a = GENERATIVE[name]().fit(X, y).class_log_likelihood(X_test)
    b = GENERATIVE[name]().fit(X * scale + shift, y).class_log_likelihood(X_test * scale + shift)
    assert np.allclose(b, a - np.sum(np.log(scale)), atol=1e-8)


# ---- oracles: scikit-learn ------------------------------------------------------------------

@pytest.mark.parametrize("data", ["two_classes", "three_classes"])
def test_gnb_matches_sklearn_gaussian_nb(data, request):
    X, y, X_test = request.getfixturevalue(data)
    ours = GaussianNaiveBayes().fit(X, y).predict_proba(X_test)
    theirs = GaussianNB().fit(X, y).predict_proba(X_test)
    # var_smoothing adds 1e-9 * max variance: in std units for us, in data units for scikit-learn
    assert np.allclose(ours, theirs, atol=1e-6)


@pytest.mark.parametrize("solver", ["lsqr", "svd"])
@pytest.mark.parametrize("data", ["two_classes", "three_classes"])
def test_lda_matches_sklearn_lda(data, solver, request):
    X, y, X_test = request.getfixturevalue(data)
    ours = LDA().fit(X, y).predict_proba(X_test)
    theirs = LinearDiscriminantAnalysis(solver=solver).fit(X, y).predict_proba(X_test)
    # measured: max difference ~1e-14 (a Gaussian posterior is invariant to the standardisation)
    assert np.allclose(ours, theirs, atol=1e-10)


@pytest.mark.parametrize("data", ["two_classes", "three_classes"])
def test_qda_matches_sklearn_qda(data, request):
    X, y, X_test = request.getfixturevalue(data)
    ours = QDA().fit(X, y).predict_proba(X_test)
    theirs = QuadraticDiscriminantAnalysis().fit(X, y).predict_proba(X_test)
    # ours always regularises by 1e-6 in std units; measured max difference ~3e-6
    assert np.allclose(ours, theirs, atol=2e-5)


def _standardised(X):
    return (X - X.mean(axis=0)) / X.std(axis=0)


def test_lda_shrinkage_matches_sklearn_on_standardised_data(three_classes):
    X, y, _ = three_classes
    Z = _standardised(X)
    ours = LDA(shrinkage=0.3).fit(X, y).predict_proba(X)
    theirs = LinearDiscriminantAnalysis(solver="lsqr", shrinkage=0.3).fit(Z, y).predict_proba(Z)
    assert np.allclose(ours, theirs, atol=1e-10)


def test_qda_reg_param_matches_sklearn_on_standardised_data(three_classes):
    X, y, _ = three_classes
    Z = _standardised(X)
    ours = QDA(reg_param=0.4).fit(X, y).predict_proba(X)
    theirs = QuadraticDiscriminantAnalysis(reg_param=0.4).fit(Z, y).predict_proba(Z)
    assert np.allclose(ours, theirs, atol=1e-10)


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


# ---- sampling ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["lda", "qda"])
def test_samples_reproduce_fitted_means_and_covariances(name):
    data = make_dataset("three_gaussians", n_samples=150, seed=8)
    model = GENERATIVE[name]().fit(data.X, data.y)
    X_new, y_new = model.sample(20_000, rng=0)
    for k in range(3):
        assert np.allclose(X_new[y_new == k].mean(axis=0), model.means_[k], atol=0.05)
        assert np.allclose(np.cov(X_new[y_new == k].T), model.covariances_[k], atol=0.08)


def test_gnb_samples_reproduce_fitted_means_and_variances():
    data = make_dataset("three_gaussians", n_samples=150, seed=8)
    model = GaussianNaiveBayes().fit(data.X, data.y)
    X_new, y_new = model.sample(20_000, rng=0)
    for k in range(3):
        assert np.allclose(X_new[y_new == k].mean(axis=0), model.means_[k], atol=0.05)
        assert np.allclose(X_new[y_new == k].var(axis=0), model.var_[k], atol=0.08)
        assert abs(np.corrcoef(X_new[y_new == k].T)[0, 1]) < 0.05  # independent given the class


def test_kde_samples_have_data_covariance_plus_kernel_covariance():
    data = make_dataset("blobs", n_samples=100, seed=8)
    model = KernelDensityClassifier(bandwidth=0.5).fit(data.X, data.y)
    X_new, y_new = model.sample(20_000, rng=0)
    Xk = data.X[data.y == 0]
    expected = np.cov(Xk.T, ddof=0) + np.diag((0.5 * model.scale_) ** 2)
    assert np.allclose(np.cov(X_new[y_new == 0].T), expected, atol=0.08)


@pytest.mark.parametrize("name", list(GENERATIVE))
def test_sampled_label_proportions_match_priors(name, two_classes):
    X, y, _ = two_classes
    model = GENERATIVE[name]().fit(X, y)
    _, y_new = model.sample(20_000, rng=1)
    assert np.allclose(np.bincount(y_new) / len(y_new), model.priors_, atol=0.015)


@pytest.mark.parametrize("name", list(GENERATIVE))
def test_sample_is_deterministic_under_a_seed(name, three_classes):
    X, y, _ = three_classes
    model = GENERATIVE[name]().fit(X, y)
    X_a, y_a = model.sample(50, rng=3)
    X_b, y_b = model.sample(50, rng=np.random.default_rng(3))
    assert np.array_equal(X_a, X_b)
    assert np.array_equal(y_a, y_b)
    assert not np.array_equal(X_a, model.sample(50, rng=4)[0])


def test_sample_returns_labels_from_classes_and_right_shape():
    X = np.array([[0.0, 0.0], [1.0, 0.2], [0.3, 1.0], [5.0, 5.0], [6.0, 5.5], [5.5, 6.0]])
    y = np.array([-1, -1, -1, 7, 7, 7])
    X_new, y_new = QDA().fit(X, y).sample(30, rng=0)
    assert X_new.shape == (30, 2)
    assert set(y_new.tolist()) <= {-1, 7}


def test_sample_with_zero_prior_never_draws_that_class(two_classes):
    X, y, _ = two_classes
    _, y_new = LDA().fit(X, y).with_priors([0.0, 1.0]).sample(500, rng=0)
    assert set(y_new.tolist()) == {1}


# ---- changing the priors ----------------------------------------------------------------------

NEW_PRIORS = np.array([0.6, 0.1, 0.3])


def test_with_priors_scales_posterior_odds_by_prior_odds(fitted):
    # P'(k|x) / P'(j|x) = P(k|x) / P(j|x) * (pi'_k / pi_k) / (pi'_j / pi_j)
    model, X_test = fitted
    before = model.predict_proba(X_test)
    after = model.with_priors(NEW_PRIORS).predict_proba(X_test)
    ratio = NEW_PRIORS / model.priors_
    for k, j in [(0, 1), (0, 2), (1, 2)]:
        assert np.allclose(after[:, k] / after[:, j], before[:, k] / before[:, j] * ratio[k] / ratio[j])


def test_with_priors_keeps_class_densities(fitted):
    model, X_test = fitted
    assert np.array_equal(model.with_priors(NEW_PRIORS).class_log_likelihood(X_test),
                          model.class_log_likelihood(X_test))


def test_with_priors_leaves_the_original_untouched(fitted):
    model, X_test = fitted
    priors, proba = model.priors_.copy(), model.predict_proba(X_test)
    other = model.with_priors(NEW_PRIORS)
    assert other is not model
    assert np.array_equal(model.priors_, priors)
    assert np.array_equal(model.predict_proba(X_test), proba)


def test_with_priors_does_not_refit(three_classes):
    X, y, _ = three_classes
    model = QDA().fit(X, y)
    other = model.with_priors(NEW_PRIORS)
    assert other.estimator_ is model.estimator_
    assert other.covariances_ is model.covariances_


def test_with_priors_normalises(three_classes):
    X, y, _ = three_classes
    model = LDA().fit(X, y)
    assert np.allclose(model.with_priors([6, 1, 3]).priors_, NEW_PRIORS)


def test_with_priors_zero_prior_gives_zero_posterior_and_no_nan(fitted):
    model, X_test = fitted
    proba = model.with_priors([0.0, 0.5, 0.5]).predict_proba(X_test)
    assert np.all(np.isfinite(proba))
    assert np.all(proba[:, 0] == 0)
    assert np.allclose(proba.sum(axis=1), 1)


@pytest.mark.parametrize("priors", [[0.5, 0.5], [-0.1, 0.6, 0.5], [0, 0, 0], [np.nan, 1, 1]])
def test_with_priors_rejects_bad_priors(priors, three_classes):
    X, y, _ = three_classes
    with pytest.raises(ValueError, match="priors must be 3 non-negative numbers"):
        LDA().fit(X, y).with_priors(priors)


# ---- input validation -------------------------------------------------------------------------

TOY_X = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
TOY_Y = np.array([0, 0, 1, 1])


def test_check_training_data_rejects_nan():
    X = TOY_X.copy()
    X[1, 0] = np.nan
    with pytest.raises(ValueError, match="NaN or infinite"):
        check_training_data(X, TOY_Y)


def test_check_training_data_rejects_length_mismatch():
    with pytest.raises(ValueError, match="one label per row"):
        check_training_data(TOY_X, TOY_Y[:3])


def test_check_training_data_rejects_empty_set():
    with pytest.raises(ValueError, match="empty"):
        check_training_data(np.empty((0, 2)), np.empty(0))


def test_check_training_data_rejects_one_class():
    with pytest.raises(ValueError, match="Only one class"):
        check_training_data(TOY_X, np.zeros(4))


def test_check_training_data_rejects_class_with_one_point():
    with pytest.raises(ValueError, match="Class 1 has only 1 training point"):
        check_training_data(TOY_X, np.array([0, 0, 0, 1]))


def test_check_training_data_rejects_coordinates_too_large_for_a_variance():
    with pytest.raises(ValueError, match="out of range: rescale the data"):
        check_training_data(TOY_X * 1e200, TOY_Y)


@pytest.mark.parametrize("name", list(GENERATIVE))
def test_constant_feature_far_from_zero_gives_finite_densities_on_a_grid(name):
    # x2 is the same huge number for every point: its standardisation must not blow up
    X = np.column_stack([[0.0, 1.0, 2.0, 3.0, 4.0, 5.0], np.full(6, 1.4e49)])
    y = np.array([0, 0, 0, 1, 1, 1])
    model = GENERATIVE[name]().fit(X, y)
    grid = make_grid(X, resolution=5)
    assert np.all(np.isfinite(model.class_log_likelihood(grid.points)))
    assert np.all(np.isfinite(model.predict_proba(grid.points)))


def test_kde_rejects_non_positive_bandwidth():
    with pytest.raises(ValueError, match="bandwidth must be positive"):
        KernelDensityClassifier(bandwidth=0.0).fit(TOY_X, TOY_Y)


# ---- logsumexp --------------------------------------------------------------------------------

LSE_INPUT = np.array([
    [0.0, 1.0, -2.0],
    [1000.0, 1000.0, 999.0],        # exp overflows without the max trick
    [-1000.0, -1001.0, -np.inf],    # exp underflows; one -inf entry
    [-np.inf, -np.inf, -np.inf],    # all -inf: log of zero
])


@pytest.mark.parametrize("axis", [0, 1, None])
@pytest.mark.parametrize("keepdims", [False, True])
def test_logsumexp_matches_scipy(axis, keepdims):
    ours = logsumexp(LSE_INPUT, axis=axis, keepdims=keepdims)
    theirs = scipy.special.logsumexp(LSE_INPUT, axis=axis, keepdims=keepdims)
    assert np.shape(ours) == np.shape(theirs)
    assert np.allclose(ours, theirs, equal_nan=False)


def test_logsumexp_of_all_minus_inf_row_is_minus_inf():
    out = logsumexp(LSE_INPUT, axis=1)
    assert out[3] == -np.inf
    assert np.all(np.isfinite(out[:3]))
