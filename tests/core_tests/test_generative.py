"""Generative classifiers: Bayes' rule, standardisation, sampling, new priors, input checks (the oracles:
test_generative_oracles.py)."""

import numpy as np
import pytest
import scipy.special
import scipy.stats
from sklearn.base import clone

from core.datasets import make_dataset
from core.generative import (
    LDA,
    QDA,
    GaussianNaiveBayes,
    KernelDensityClassifier,
    check_training_data,
)
from core.mathutil import logsumexp
from core.surfaces import make_grid
from core_tests.generative_cases import GENERATIVE


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

SCALE, SHIFT = np.array([100.0, 0.01]), np.array([5e3, -7.0])  # x' = a x + b, a unit change per feature


def _fit_in_both_units(name, three_classes, method):
    """``method``'s output on the test points of a model fitted in the data's units and of one fitted after x' = a x
    + b."""
    X, y, X_test = three_classes
    a = getattr(GENERATIVE[name]().fit(X, y), method)(X_test)
    b = getattr(GENERATIVE[name]().fit(X * SCALE + SHIFT, y), method)(X_test * SCALE + SHIFT)
    return a, b


@pytest.mark.parametrize("name", list(GENERATIVE))
def test_posterior_is_invariant_to_rescaling_each_feature(name, three_classes):
    a, b = _fit_in_both_units(name, three_classes, "predict_proba")
    assert np.allclose(a, b, atol=1e-9)


@pytest.mark.parametrize("name", list(GENERATIVE))
def test_density_picks_up_the_jacobian_of_rescaling(name, three_classes):
    # p_x'(a x + b) = p_x(x) / prod(a)
    a, b = _fit_in_both_units(name, three_classes, "class_log_likelihood")
    assert np.allclose(b, a - np.sum(np.log(SCALE)), atol=1e-8)


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
