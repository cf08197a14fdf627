"""core.calibration against scikit-learn and closed forms, on tiny named arrays."""

import numpy as np
import pytest
from sklearn.calibration import calibration_curve
from sklearn.metrics import brier_score_loss

from core.calibration import copies_experiment, probability_scores, reliability_curve, with_near_copies
from core.datasets import make_dataset, train_test_split
from core.evaluation import classification_metrics
from core.models import fit_model

Y_FOUR = np.array([0, 0, 1, 1])
P_FOUR = np.array([[0.95, 0.05], [0.85, 0.15], [0.85, 0.15], [0.05, 0.95]])  # bins 0, 1, 1, 9


def _random_proba(n=500, k=3, seed=0):
    rng = np.random.default_rng(seed)
    logits = rng.normal(size=(n, k)) * 2
    proba = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    y = np.array([rng.choice(k, p=p) for p in proba])
    return y, proba


def test_reliability_on_four_points():
    curve = reliability_curve(Y_FOUR, P_FOUR, positive=1)
    assert np.allclose(curve.prob_pred, [0.05, 0.15, 0.95])
    assert np.allclose(curve.prob_true, [0.0, 0.5, 1.0])
    assert curve.counts.tolist() == [1, 2, 1]
    assert np.allclose(curve.lower, [0.0, 0.1, 0.9]) and np.allclose(curve.upper, [0.1, 0.2, 1.0])


def test_reliability_is_sklearns_calibration_curve_one_class_against_the_rest():
    y, proba = _random_proba()
    for k in range(3):
        curve = reliability_curve(y, proba, positive=k)
        prob_true, prob_pred = calibration_curve(y == k, proba[:, k], n_bins=10)
        assert np.allclose(curve.prob_true, prob_true) and np.allclose(curve.prob_pred, prob_pred)
        assert curve.counts.sum() == len(y)
        assert np.all((curve.prob_pred >= curve.lower) & (curve.prob_pred <= curve.upper))


def test_a_probability_on_a_bin_edge_falls_in_the_lower_bin_as_in_sklearn():
    curve = reliability_curve(np.array([0, 1]), np.array([[0.9, 0.1], [0.8, 0.2]]), positive=1)
    assert curve.counts.tolist() == [1, 1]
    assert np.allclose(curve.upper, [0.1, 0.2])


def test_worst_bin_skips_small_bins():
    curve = reliability_curve(Y_FOUR, P_FOUR, positive=1)
    assert curve.worst_bin(1) == 1  # |0.15 - 0.5| is the largest miss
    assert curve.worst_bin(2) == 1
    assert curve.worst_bin(3) is None


def test_scores_two_classes_against_closed_forms():
    s = probability_scores(Y_FOUR, P_FOUR)
    p_true = P_FOUR[np.arange(4), Y_FOUR]
    assert s["log_loss"] == pytest.approx(-np.mean(np.log(p_true)))
    assert s["brier"] == pytest.approx(2 * np.mean((P_FOUR[:, 1] - Y_FOUR) ** 2))  # the sum over both classes
    assert s["accuracy"] == pytest.approx(0.75)
    assert s["confidence"] == pytest.approx(np.mean(P_FOUR.max(axis=1)))
    assert s["gap"] == pytest.approx(s["confidence"] - 0.75)


def test_two_class_brier_is_the_explorers_sum_twice_sklearns():
    y, proba = _random_proba(k=2)
    assert probability_scores(y, proba)["brier"] == pytest.approx(classification_metrics(y, proba)["brier"])
    assert probability_scores(y, proba)["brier"] == pytest.approx(2 * brier_score_loss(y, proba[:, 1]))


def test_three_class_brier_is_the_explorers_sum():
    y, proba = _random_proba(k=3)
    ours, explorer = probability_scores(y, proba), classification_metrics(y, proba)
    assert ours["brier"] == pytest.approx(explorer["brier"])
    assert ours["log_loss"] == pytest.approx(explorer["log_loss"])


def test_near_copies_are_x1_plus_noise():
    X = np.array([[1.0, 2.0], [3.0, 4.0]])
    noise = np.array([[0.1, -0.1, 0.0], [0.2, 0.0, 0.3]])
    out = with_near_copies(X, noise)
    assert out.shape == (2, 5)
    assert np.array_equal(out[:, :2], X)
    assert np.allclose(out[:, 2:], X[:, :1] + noise)
    assert np.array_equal(with_near_copies(X, noise[:, :0]), X)


def _log_odds(model, X):
    p = model.predict_proba(X)
    return np.log(p[:, 1]) - np.log(p[:, 0])


def test_naive_bayes_counts_an_exact_copy_twice():
    """One feature, balanced classes: c exact copies multiply the log-odds by c + 1."""
    rng = np.random.default_rng(0)
    x = np.concatenate([rng.normal(-1, 1, 50), rng.normal(1, 1.5, 50)])[:, None]
    y = np.repeat([0, 1], 50)
    probe = np.linspace(-2, 2, 9)[:, None]
    once = _log_odds(fit_model("gnb", x, y), probe)
    for c in (1, 4):
        copies = _log_odds(fit_model("gnb", np.repeat(x, c + 1, axis=1), y), np.repeat(probe, c + 1, axis=1))
        assert np.allclose(copies, (c + 1) * once, rtol=1e-6, atol=1e-9)


@pytest.fixture(scope="module")
def blobs():
    train, _ = train_test_split(make_dataset("blobs", 200, seed=0), 0.3, seed=0)
    return train, make_dataset("blobs", 1000, seed=1)


def test_near_copies_add_nearly_x1s_term_once_per_copy(blobs):
    """The log-odds increment from c near-copies is close to c times x1's own naive Bayes term."""
    train, fresh = blobs
    x1_only = fit_model("gnb", train.X[:, :1], train.y)
    plain = fit_model("gnb", train.X, train.y)
    rng = np.random.default_rng(0)
    c, sd = 5, 0.1 * train.X[:, 0].std()
    n_tr, n_fr = sd * rng.standard_normal((len(train.y), c)), sd * rng.standard_normal((len(fresh.y), c))
    copied = fit_model("gnb", with_near_copies(train.X, n_tr), train.y)
    increment = _log_odds(copied, with_near_copies(fresh.X, n_fr)) - _log_odds(plain, fresh.X)
    term = _log_odds(x1_only, fresh.X[:, :1]) - np.log(x1_only.priors_[1] / x1_only.priors_[0])
    slope = float(increment @ term / (term @ term))  # increment ~ slope * term
    assert 0.85 * c < slope <= 1.01 * c


def test_copies_experiment_at_zero_copies_is_the_plain_fit(blobs):
    train, fresh = blobs
    result = copies_experiment(train, fresh, copies=(0, 2))
    for name in ("gnb", "logreg"):
        plain = probability_scores(fresh.y, fit_model(name, train.X, train.y).predict_proba(fresh.X))
        assert result.scores[name][0] == pytest.approx(plain)
        assert len(result.curves[name]) == 2 and len(result.curves[name][0]) == 2
    assert result.series("gnb", "gap").shape == (2,)
    assert result.noise_sd == pytest.approx(0.1 * train.X[:, 0].std())


def test_copies_noise_is_nested_so_c_plus_one_adds_one_copy(blobs):
    train, fresh = blobs
    a = copies_experiment(train, fresh, copies=(0, 1, 2), models=("gnb",), seed=3)
    b = copies_experiment(train, fresh, copies=(2,), models=("gnb",), seed=3)
    assert a.scores["gnb"][2] == pytest.approx(b.scores["gnb"][0])


def test_negative_copies_raise(blobs):
    with pytest.raises(ValueError, match="0 or more"):
        copies_experiment(*blobs, copies=(-1,))
