"""Semi-supervised EM, checked against the supervised fits, scikit-learn and EM's own guarantees."""

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import GaussianNB

from core.datasets import make_dataset
from core.models import fit_model
from core.semisupervised import MAX_ITER, SUPPORTED, TOL, fit_em, total_log_likelihood


def two_blobs(y, rng):
    """Two unit-variance Gaussians at (-1.5, 0) and (1.5, 0), 3 standard deviations apart."""
    X = rng.standard_normal((len(y), 2))
    X[:, 0] += np.where(y == 1, 1.5, -1.5)
    return X


@pytest.fixture
def six_labels_and_unlabeled():
    rng = np.random.default_rng(1)
    y_labeled = np.array([0, 0, 0, 1, 1, 1])
    return two_blobs(y_labeled, rng), y_labeled, two_blobs(rng.integers(2, size=300), rng)


THREE_CLASSES_3D = np.random.default_rng(7).standard_normal((18, 3)) * [1.0, 2.0, 0.5] + np.repeat(
    [[0, 0, 0], [2, 1, 0], [0, 3, 1]], 6, axis=0)
THREE_LABELS = np.repeat([0, 1, 2], 6)


@pytest.mark.parametrize("name, params", [
    ("gnb", {}), ("gnb", {"var_smoothing": 0.05}),
    ("nb_shared", {}), ("nb_shared", {"var_smoothing": 0.05}),
    ("lda", {}), ("lda", {"shrinkage": 0.3}),
    ("qda", {}), ("qda", {"reg_param": 0.2}),
])
def test_no_unlabeled_points_gives_the_supervised_fit(name, params):
    result = fit_em(name, THREE_CLASSES_3D, THREE_LABELS, np.empty((0, 3)), **params)
    supervised = fit_model(name, THREE_CLASSES_3D, THREE_LABELS, **params)
    X_test = np.random.default_rng(0).standard_normal((200, 3)) * 3
    assert np.allclose(result.model.predict_proba(X_test), supervised.predict_proba(X_test), atol=1e-6)
    assert np.allclose(result.model.class_log_likelihood(X_test), supervised.class_log_likelihood(X_test),
                       atol=1e-6)
    assert result.stop == "converged" and len(result.history) == 1


def test_gnb_m_step_is_gaussian_nb_with_the_responsibilities_as_sample_weights(six_labels_and_unlabeled):
    X_labeled, y_labeled, X_unlabeled = six_labels_and_unlabeled
    last = fit_em("gnb", X_labeled, y_labeled, X_unlabeled).history[-1]
    # each point once per class, weighted by its responsibility (1 or 0 for a labelled point)
    weights = np.vstack([np.eye(2)[y_labeled], last.responsibilities])
    X = np.vstack([X_labeled, X_unlabeled])
    nb = GaussianNB().fit(np.vstack([X, X]), np.repeat([0, 1], len(X)), sample_weight=weights.T.ravel())
    assert np.allclose(last.means, nb.theta_)
    assert np.allclose(np.diagonal(last.covariances, axis1=1, axis2=2), nb.var_, rtol=1e-6)
    assert np.allclose(last.priors, nb.class_prior_)


def test_lda_with_six_labels_and_many_unlabeled_points_nears_the_bayes_error():
    em_errors, logreg_errors = [], []
    for seed in range(20):
        rng = np.random.default_rng(seed)
        y_labeled = np.array([0, 0, 0, 1, 1, 1])
        X_labeled, X_unlabeled = two_blobs(y_labeled, rng), two_blobs(rng.integers(2, size=1000), rng)
        y_test = rng.integers(2, size=20_000)
        X_test = two_blobs(y_test, rng)
        model = fit_em("lda", X_labeled, y_labeled, X_unlabeled).model
        em_errors.append(np.mean(model.predict(X_test) != y_test))
        logreg_errors.append(np.mean(LogisticRegression().fit(X_labeled, y_labeled).predict(X_test) != y_test))
    assert np.mean(em_errors) <= 0.08  # Bayes error Phi(-1.5) = 0.067
    assert np.mean(em_errors) <= np.mean(logreg_errors) - 0.02


@pytest.mark.parametrize("name, params", [(name, {}) for name in SUPPORTED] + [
    # strong regularisation: the M-step is no longer the maximiser EM's guarantee needs, so EM stops early
    ("gnb", {"var_smoothing": 0.1}), ("lda", {"shrinkage": 0.5}), ("qda", {"reg_param": 0.5}),
])
def test_log_likelihood_never_decreases(name, params, six_labels_and_unlabeled):
    X_labeled, y_labeled, X_unlabeled = six_labels_and_unlabeled
    result = fit_em(name, X_labeled, y_labeled, X_unlabeled, tol=0.0, **params)
    L = [step.log_likelihood for step in result.history]
    assert L[0] >= total_log_likelihood(result.supervised, X_labeled, y_labeled, X_unlabeled)
    assert np.all(np.diff(L) >= 0)
    assert np.isclose(L[-1], total_log_likelihood(result.model, X_labeled, y_labeled, X_unlabeled))


def test_history_has_at_most_n_iter_entries(six_labels_and_unlabeled):
    result = fit_em("qda", *six_labels_and_unlabeled, n_iter=3, tol=0.0)
    assert len(result.history) == 3 and result.stop == "n_iter"
    assert len(fit_em("qda", *six_labels_and_unlabeled, n_iter=100).history) <= 100


def test_by_default_em_runs_to_convergence_within_its_cap(six_labels_and_unlabeled):
    result = fit_em("qda", *six_labels_and_unlabeled)
    assert result.stop == "converged" and len(result.history) < MAX_ITER
    L = [step.log_likelihood for step in result.history]
    assert (L[-1] - L[-2]) / 306 < TOL


@pytest.mark.parametrize("name", SUPPORTED)
def test_responsibilities_are_probabilities(name, six_labels_and_unlabeled):
    X_labeled, y_labeled, X_unlabeled = six_labels_and_unlabeled
    for step in fit_em(name, X_labeled, y_labeled, X_unlabeled).history:
        r = step.responsibilities
        assert r.shape == (len(X_unlabeled), 2) and np.isfinite(r).all()
        assert np.all((r >= 0) & (r <= 1)) and np.allclose(r.sum(axis=1), 1)
        assert step.means.shape == (2, 2) and step.covariances.shape == (2, 2, 2)


def test_result_reads_well(six_labels_and_unlabeled):
    result = fit_em("lda", *six_labels_and_unlabeled)
    assert repr(result).startswith("EMResult('lda', iterations=")
    assert repr(result.history[0]).startswith("EMStep(log_likelihood=")


@pytest.mark.parametrize("X_labeled, y_labeled, X_unlabeled, match", [
    ([[0, 0], [1, 1], [2, 2]], [0, 1, 1], np.zeros((5, 2)), "only 1 training point"),
    ([[0, 0], [np.nan, 1], [2, 2], [3, 3]], [0, 0, 1, 1], np.zeros((5, 2)), "NaN"),
    ([[0, 0], [1, 1], [2, 2], [3, 3]], [0, 0, 1, 1], [[0, np.nan]], "unlabelled points contain NaN"),
    ([[0, 0], [1, 1], [2, 2], [3, 3]], [0, 0, 1, 1], np.zeros((5, 3)), r"\(n_unlabeled, 2\)"),
])
def test_bad_data_is_a_readable_value_error(X_labeled, y_labeled, X_unlabeled, match):
    with pytest.raises(ValueError, match=match):
        fit_em("lda", X_labeled, y_labeled, X_unlabeled)


@pytest.mark.parametrize("name, match", [
    ("gmm", "EM inside this EM"), ("kde", "no parameters to re-estimate"),
    ("logreg", "only P\\(y \\| x\\)"), ("nope", "Unknown model 'nope'"),
])
def test_unsupported_models_say_why(name, match, six_labels_and_unlabeled):
    with pytest.raises(ValueError, match=f"supports gnb, nb_shared, lda, qda.*{match}"):
        fit_em(name, *six_labels_and_unlabeled)


def test_unlabeled_points_hurt_lda_on_moons():
    """Cozman & Cohen (2002, FLAIRS); Cozman, Cohen & Cirelo (2003, ICML): with the wrong model, unlabelled data
    pull the Gaussians toward a better fit of p(x), not a better boundary. Moons with 20 labels per class and 1,000
    unlabelled points: EM is worse in all 10 draws (test accuracy 0.841 against 0.863 on average), a difference
    seen over draws and 5,000 test points; the page's 120 test points are too few to call it (see
    tests/test_claims_powers.py)."""
    test = make_dataset("moons", 5000, seed=999)
    em_acc, supervised_acc = [], []
    for seed in range(10):
        data = make_dataset("moons", 1040, seed=seed)
        labeled = np.isin(np.arange(len(data.y)), [np.flatnonzero(data.y == k)[:20] for k in (0, 1)])
        model = fit_em("lda", data.X[labeled], data.y[labeled], data.X[~labeled]).model
        em_acc.append(np.mean(model.predict(test.X) == test.y))
        supervised = fit_model("lda", data.X[labeled], data.y[labeled])
        supervised_acc.append(np.mean(supervised.predict(test.X) == test.y))
    assert np.mean(em_acc) <= np.mean(supervised_acc) - 0.01
    assert np.sum(np.array(em_acc) < supervised_acc) >= 8
