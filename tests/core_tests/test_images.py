"""Digit models: oracles against scikit-learn, exact marginals of hidden pixels, a held-out check, samples."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from proba_checks import assert_valid_proba
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.mixture import GaussianMixture
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB

from core.images import DIGIT_MODELS, fit_digits

NAMES = list(DIGIT_MODELS)
BOTTOM_HALF = np.arange(32, 64)  # rows 4-7 of the 8x8 image


@pytest.fixture(scope="module")
def split():
    """load_digits, 70/30 stratified, seed 0: X_train, X_test, y_train, y_test."""
    X, y = load_digits(return_X_y=True)
    return train_test_split(X, y, test_size=0.3, stratify=y, random_state=0)


@pytest.fixture(scope="module")
def fitted(split):
    X_train, _, y_train, _ = split
    return {name: fit_digits(name, X_train, y_train) for name in NAMES}


@pytest.fixture(scope="module")
def judge(split):
    """Logistic regression on raw pixels: recognises samples."""
    X_train, _, y_train, _ = split
    return LogisticRegression(max_iter=5000).fit(X_train, y_train)


def hide(X, pixels):
    X = X.copy()
    X[:, pixels] = np.nan
    return X


def mvn_logpdf(X, mean, cov):
    """log N(x; mean, cov) by a Cholesky factor, written here independently of core."""
    L = np.linalg.cholesky(cov)
    sol = np.linalg.solve(L, (X - mean).T)
    return -0.5 * (len(mean) * np.log(2 * np.pi) + 2 * np.sum(np.log(np.diag(L))) + np.sum(sol**2, axis=0))


def marginal_logpdf(x, hidden, mean, cov):
    """log p(x_visible) = log p(x) - log p(x_hidden | x_visible): Bayes' rule with the Gaussian conditional
    (PRML eq. 2.81-2.82), not the dropped-rows marginal core uses."""
    v, h = ~hidden, hidden
    gain = cov[np.ix_(h, v)] @ np.linalg.inv(cov[np.ix_(v, v)])
    cond_mean = mean[h] + gain @ (x[v] - mean[v])
    cond_cov = cov[np.ix_(h, h)] - gain @ cov[np.ix_(v, h)]
    return mvn_logpdf(x[None], mean, cov)[0] - mvn_logpdf(x[h][None], cond_mean, cond_cov)[0]


def pca_gmm_components(X_k, n_components=10, n_clusters=3, reg_covar=1e-2):
    """Pixel-space means and covariances of one class's mixture on PCA scores, refitted here."""
    pca = PCA(n_components).fit(X_k)
    gm = GaussianMixture(n_clusters, covariance_type="full", reg_covar=reg_covar, init_params="k-means++",
                         random_state=0)
    gm.fit(pca.transform(X_k))
    V = pca.components_
    off = pca.noise_variance_ * (np.eye(X_k.shape[1]) - V.T @ V)
    return pca, gm, gm.weights_, pca.mean_ + gm.means_ @ V, [V.T @ S @ V + off for S in gm.covariances_]


def random_masks(n_rows, d, rng):
    masks = rng.random((n_rows, d)) < rng.uniform(0.1, 0.9, size=(n_rows, 1))
    masks[:, 0] = False  # keep one pixel visible in every row
    return masks


# ---- oracles: the same density as scikit-learn -------------------------------------

@pytest.mark.parametrize("var_smoothing", [1e-2, 1e-9])
def test_gnb_predict_proba_is_gaussiannb(split, var_smoothing):
    X_train, X_test, y_train, _ = split
    ours = fit_digits("gnb", X_train, y_train, var_smoothing=var_smoothing)
    theirs = GaussianNB(var_smoothing=var_smoothing).fit(X_train, y_train)
    assert np.allclose(ours.predict_proba(X_test), theirs.predict_proba(X_test), atol=1e-9)
    assert np.array_equal(ours.predict(X_test), theirs.predict(X_test))


def test_ppca_class_log_likelihood_is_pca_score_samples(split, fitted):
    X_train, X_test, y_train, _ = split
    ll = fitted["ppca"].class_log_likelihood(X_test)
    for k in range(10):
        assert np.allclose(ll[:, k], PCA(10).fit(X_train[y_train == k]).score_samples(X_test), rtol=1e-8)


def test_pca_gmm_is_mixture_score_plus_isotropic_residual(split, fitted):
    X_train, X_test, y_train, _ = split
    ll = fitted["pca_gmm"].class_log_likelihood(X_test)
    for k in range(10):
        pca, gm, *_ = pca_gmm_components(X_train[y_train == k])
        scores = pca.transform(X_test)
        residual = X_test - pca.inverse_transform(scores)
        n_off = X_test.shape[1] - pca.n_components_
        expected = gm.score_samples(scores) - 0.5 * (n_off * np.log(2 * np.pi * pca.noise_variance_)
                                                     + np.sum(residual**2, axis=1) / pca.noise_variance_)
        assert np.allclose(ll[:, k], expected, rtol=1e-8)


# ---- hidden pixels are integrated out exactly ---------------------------------------

def test_gnb_marginal_keeps_the_visible_pixels_factors(split, fitted):
    X_train, X_test, y_train, _ = split
    masks = random_masks(12, 64, np.random.default_rng(1))
    X = np.where(masks, np.nan, X_test[:12])
    nb = GaussianNB(var_smoothing=1e-2).fit(X_train, y_train)
    terms = -0.5 * (np.log(2 * np.pi * nb.var_)[None] + (X_test[:12, None] - nb.theta_[None]) ** 2 / nb.var_[None])
    expected = np.sum(np.where(masks[:, None], 0.0, terms), axis=2)
    assert np.allclose(fitted["gnb"].class_log_likelihood(X), expected)


def test_ppca_marginal_is_the_visible_subvectors_density(split, fitted):
    X_train, X_test, y_train, _ = split
    masks = random_masks(8, 64, np.random.default_rng(2))
    ll = fitted["ppca"].class_log_likelihood(np.where(masks, np.nan, X_test[:8]))
    for k in (0, 3, 8):
        pca = PCA(10).fit(X_train[y_train == k])
        expected = [marginal_logpdf(x, m, pca.mean_, pca.get_covariance()) for x, m in zip(X_test[:8], masks)]
        assert np.allclose(ll[:, k], expected, rtol=1e-7)


def test_pca_gmm_marginal_is_the_visible_subvectors_density(split, fitted):
    X_train, X_test, y_train, _ = split
    masks = random_masks(6, 64, np.random.default_rng(3))
    ll = fitted["pca_gmm"].class_log_likelihood(np.where(masks, np.nan, X_test[:6]))
    for k in (1, 7):
        _, _, weights, means, covs = pca_gmm_components(X_train[y_train == k])
        for row, (x, m) in enumerate(zip(X_test[:6], masks)):
            per_component = [np.log(w) + marginal_logpdf(x, m, mu, c) for w, mu, c in zip(weights, means, covs)]
            assert np.isclose(ll[row, k], np.logaddexp.reduce(per_component), rtol=1e-7)


@pytest.mark.parametrize("name", NAMES)
def test_a_fully_hidden_image_gets_the_prior(fitted, name):
    model = fitted[name]
    proba = model.predict_proba(np.full((2, 64), np.nan))
    assert np.allclose(proba, model.priors_) and np.allclose(model.log_px(np.full((1, 64), np.nan)), 0.0)


@pytest.mark.parametrize("name", NAMES)
def test_posteriors_are_probabilities_with_hidden_pixels(split, fitted, name):
    _, X_test, _, _ = split
    masks = random_masks(50, 64, np.random.default_rng(4))
    proba = fitted[name].predict_proba(np.where(masks, np.nan, X_test[:50]))
    assert np.all(np.isfinite(proba)) and np.allclose(proba.sum(axis=1), 1.0)


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(image=arrays(np.float64, 64, elements=st.sampled_from([0.0, 8.0, 16.0])),
       hidden=arrays(bool, 64, elements=st.booleans()))
def test_any_drawn_image_with_any_hidden_pixels_gets_a_valid_answer(fitted, name, image, hidden):
    x = np.where(hidden, np.nan, image)[None]
    assert_valid_proba(fitted[name].predict_proba(x), 1)
    assert np.all(np.isfinite(fitted[name].log_px(x)))


@pytest.mark.parametrize("name", NAMES)
def test_log_px_is_logsumexp_of_the_joint(split, fitted, name):
    _, X_test, _, _ = split
    model = fitted[name]
    X = hide(X_test[:20], BOTTOM_HALF)
    assert np.allclose(model.log_px(X), np.logaddexp.reduce(model.joint_log_likelihood(X), axis=1))


# ---- the held-out check (issue 29) -----------------------------------------------------

@pytest.mark.parametrize("name", ["ppca", "pca_gmm"])
def test_held_out_accuracy_at_defaults(split, fitted, name):
    _, X_test, _, y_test = split
    assert np.mean(fitted[name].predict(X_test) == y_test) >= 0.95


@pytest.mark.parametrize("name", ["ppca", "pca_gmm"])
def test_held_out_accuracy_with_the_bottom_half_hidden(split, fitted, name):
    _, X_test, _, y_test = split
    assert np.mean(fitted[name].predict(hide(X_test, BOTTOM_HALF)) == y_test) >= 0.85


@pytest.mark.parametrize("name", ["ppca", "pca_gmm"])
def test_samples_are_recognised_as_their_class(fitted, judge, name):
    X, y = fitted[name].sample(500, np.random.default_rng(0))
    assert np.mean(judge.predict(X) == y) >= 0.90


# ---- sampling ----------------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_samples_are_pixels_in_the_data_range_with_known_labels(fitted, name):
    X, y = fitted[name].sample(300, np.random.default_rng(5))
    assert X.shape == (300, 64) and y.shape == (300,)
    assert X.min() >= 0.0 and X.max() <= 16.0
    assert set(y.tolist()) <= set(range(10))


@pytest.mark.parametrize("name", NAMES)
def test_sampling_is_seeded(fitted, name):
    a, ya = fitted[name].sample(20, np.random.default_rng(6))
    b, yb = fitted[name].sample(20, np.random.default_rng(6))
    assert np.array_equal(a, b) and np.array_equal(ya, yb)


@pytest.mark.parametrize("name", NAMES)
def test_samples_of_a_class_differ_from_each_other_and_from_its_mean(split, fitted, name):
    X_train, _, y_train, _ = split
    X, y = fitted[name].with_priors(np.eye(10)[4]).sample(10, np.random.default_rng(7))
    assert np.all(y == 4)
    assert np.min(np.abs(X[1:] - X[0]).sum(axis=1)) > 1.0
    assert np.min(np.abs(X - X_train[y_train == 4].mean(axis=0)).sum(axis=1)) > 1.0


# ---- registry and bad input ----------------------------------------------------------

def test_registry_entries_are_generative_with_defaults_that_fit(split):
    X_train, _, y_train, _ = split
    for name, spec in DIGIT_MODELS.items():
        assert spec.family == "generative"
        model = fit_digits(name, X_train[:300], y_train[:300], **spec.defaults())
        assert model.predict_proba(X_train[:3]).shape == (3, 10)


def test_unknown_model_or_hyperparameter_is_a_clear_error(split):
    X_train, _, y_train, _ = split
    with pytest.raises(ValueError, match="Unknown digit model 'vae'"):
        fit_digits("vae", X_train, y_train)
    with pytest.raises(ValueError, match="has no hyperparameter 'bandwidth'"):
        fit_digits("ppca", X_train, y_train, bandwidth=1.0)
    with pytest.raises(ValueError, match=r"must be in \[1, 40\]"):
        fit_digits("ppca", X_train, y_train, n_components=0)


def test_nan_in_training_images_is_refused(split):
    X_train, _, y_train, _ = split
    with pytest.raises(ValueError, match="NaN"):
        fit_digits("ppca", hide(X_train, [3]), y_train)


@pytest.mark.parametrize("name", NAMES)
def test_a_rare_class_of_three_images_still_gives_finite_densities(split, name):
    X_train, X_test, y_train, _ = split
    keep = (y_train != 9) | (np.cumsum(y_train == 9) <= 3)
    model = fit_digits(name, X_train[keep], y_train[keep])
    assert np.all(np.isfinite(model.class_log_likelihood(X_test[:50])))
    X, y = model.with_priors(np.eye(10)[9]).sample(5, np.random.default_rng(8))
    assert np.all(np.isfinite(X)) and np.all(y == 9)
