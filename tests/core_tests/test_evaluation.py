"""Scores and Bayes' rule at a point, checked against scikit-learn and closed forms."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import accuracy_score, brier_score_loss, log_loss

from core.datasets import make_dataset
from core.evaluation import bayes_rule_at, classification_metrics, posterior_from_log_likelihood, two_sample_accuracy
from core.models import GENERATIVE, fit_model, models_of

# five points, three classes: two right and sure, one right and unsure, two wrong
Y3 = np.array([0, 1, 2, 2, 0])
P3 = np.array([
    [0.8, 0.1, 0.1],
    [0.2, 0.7, 0.1],
    [0.3, 0.3, 0.4],
    [0.6, 0.3, 0.1],
    [0.1, 0.5, 0.4],
])
# four points, two classes
Y2 = np.array([0, 1, 1, 0])
P2 = np.array([[0.9, 0.1], [0.4, 0.6], [0.7, 0.3], [0.5, 0.5]])
X_PROBE = (0.3, -0.2)


def onehot(y, n_classes):
    return np.eye(n_classes)[y]


# ---- classification_metrics -----------------------------------------------------------------

def test_accuracy_matches_sklearn():
    assert np.isclose(classification_metrics(Y3, P3)["accuracy"], accuracy_score(Y3, P3.argmax(axis=1)))


def test_log_loss_matches_sklearn():
    assert np.isclose(classification_metrics(Y3, P3)["log_loss"], log_loss(Y3, P3, labels=range(3)))


def test_log_loss_matches_sklearn_when_a_class_is_absent_from_y_true():
    y = np.array([0, 1, 1, 0, 1])  # class 2 never occurs, its column still counts
    assert np.isclose(classification_metrics(y, P3)["log_loss"], log_loss(y, P3, labels=range(3)))


def test_brier_is_mean_squared_distance_to_the_onehot_label():
    expected = np.mean(np.sum((P3 - onehot(Y3, 3)) ** 2, axis=1))
    assert np.isclose(classification_metrics(Y3, P3)["brier"], expected)


def test_two_class_brier_is_twice_sklearns_brier_score_loss():
    assert np.isclose(classification_metrics(Y2, P2)["brier"], 2 * brier_score_loss(Y2, P2[:, 1]))


def test_two_class_metrics_match_sklearn():
    got = classification_metrics(Y2, P2)
    assert np.isclose(got["accuracy"], accuracy_score(Y2, P2.argmax(axis=1)))
    assert np.isclose(got["log_loss"], log_loss(Y2, P2, labels=range(2)))


def test_zero_probability_on_the_true_class_gives_a_finite_clipped_log_loss():
    got = classification_metrics([0], [[0.0, 1.0]])["log_loss"]
    assert np.isclose(got, -np.log(1e-15))


def test_perfect_predictions_score_accuracy_1_and_zero_losses():
    got = classification_metrics(Y3, onehot(Y3, 3))
    assert got["accuracy"] == 1.0
    assert np.isclose(got["log_loss"], 0.0) and got["brier"] == 0.0


def test_empty_input_gives_nan_for_every_metric():
    got = classification_metrics(np.array([], dtype=int), np.empty((0, 3)))
    assert set(got) == {"accuracy", "log_loss", "brier"}
    assert all(np.isnan(v) for v in got.values())


# ---- posterior_from_log_likelihood ---------------------------------------------------------

LOG_LIK = np.log(np.array([[0.2, 0.05, 0.4], [1e-3, 0.3, 0.3], [0.1, 0.1, 0.1]]))
PRIORS = np.array([0.5, 0.3, 0.2])


def test_posterior_is_bayes_rule_in_closed_form():
    joint = PRIORS * np.exp(LOG_LIK)
    assert np.allclose(posterior_from_log_likelihood(LOG_LIK, PRIORS), joint / joint.sum(axis=1, keepdims=True))


def test_posterior_rows_sum_to_one():
    assert np.allclose(posterior_from_log_likelihood(LOG_LIK, PRIORS).sum(axis=1), 1.0)


def test_equal_likelihoods_give_the_priors_back():
    assert np.allclose(posterior_from_log_likelihood(LOG_LIK[2:], PRIORS), PRIORS)


def test_zero_prior_gives_zero_posterior_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        post = posterior_from_log_likelihood(LOG_LIK, [0.6, 0.0, 0.4])
    assert np.all(post[:, 1] == 0.0)
    assert np.allclose(post.sum(axis=1), 1.0)


def test_posterior_survives_log_likelihoods_far_below_exp_underflow():
    post = posterior_from_log_likelihood(LOG_LIK - 2000.0, PRIORS)
    assert np.allclose(post, posterior_from_log_likelihood(LOG_LIK, PRIORS))


# ---- bayes_rule_at ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def blobs():
    return make_dataset("blobs", n_samples=60, seed=0, share=0.3)


@pytest.fixture(scope="module", params=models_of(GENERATIVE))
def model(request, blobs):
    return fit_model(request.param, blobs.X, blobs.y)


def test_bayes_rule_at_gives_the_models_posterior(model):
    assert np.allclose(bayes_rule_at(model, X_PROBE).posterior, model.predict_proba([X_PROBE])[0])


def test_bayes_rule_at_gives_the_models_log_px(model):
    assert np.isclose(bayes_rule_at(model, X_PROBE).log_px, model.log_px([X_PROBE])[0])


def test_bayes_rule_at_reports_its_point_likelihoods_and_fitted_priors(model):
    rule = bayes_rule_at(model, X_PROBE)
    assert rule.x == X_PROBE
    assert np.allclose(rule.log_likelihood, model.class_log_likelihood([X_PROBE])[0])
    assert np.array_equal(rule.priors, model.priors_)


def test_new_priors_reweight_the_posterior_by_bayes_rule(model):
    new = np.array([0.9, 0.1])
    before, after = bayes_rule_at(model, X_PROBE).posterior, bayes_rule_at(model, X_PROBE, new).posterior
    reweighted = before * new / model.priors_
    assert np.allclose(after, reweighted / reweighted.sum())


def test_new_priors_match_the_refit_free_with_priors_model(model):
    new = np.array([0.2, 0.8])
    rule = bayes_rule_at(model, X_PROBE, new)
    moved = model.with_priors(new)
    assert np.allclose(rule.posterior, moved.predict_proba([X_PROBE])[0])
    assert np.isclose(rule.log_px, moved.log_px([X_PROBE])[0])


def test_a_zero_prior_rules_its_class_out(model):
    rule = bayes_rule_at(model, X_PROBE, [0.0, 1.0])
    assert rule.posterior.tolist() == [0.0, 1.0]
    assert np.isclose(rule.log_px, rule.log_likelihood[1])


# ---- classifier two-sample test ------------------------------------------------------------------

def test_two_sample_accuracy_is_near_chance_for_one_distribution_and_high_for_two():
    rng = np.random.default_rng(0)
    same = two_sample_accuracy(rng.normal(size=(400, 2)), rng.normal(size=(600, 2)))
    assert abs(same - 0.5) < 0.07
    apart = two_sample_accuracy(rng.normal(size=(400, 2)), rng.normal(size=(400, 2)) + [3.0, 0.0])
    assert apart > 0.9


def test_two_sample_accuracy_sees_a_model_that_misses_the_shape():
    # moons against samples from one Gaussian per class (QDA): told apart; against a mixture: much less so
    data = make_dataset("moons", 600, seed=0)
    rng = np.random.default_rng(1)
    scores = {name: two_sample_accuracy(data.X, fit_model(name, data.X, data.y).sample(600, rng)[0])
              for name in ("qda", "gmm")}
    assert scores["qda"] > scores["gmm"] + 0.1


def test_two_sample_accuracy_rejects_too_few_points_or_mismatched_features():
    with pytest.raises(ValueError, match="at least 5 points"):
        two_sample_accuracy(np.zeros((3, 2)), np.zeros((10, 2)))
    with pytest.raises(ValueError, match="same number of features"):
        two_sample_accuracy(np.zeros((10, 2)), np.zeros((10, 3)))


# ---- paired_verdict: exact McNemar and the paired difference's interval --------------------------

def mcnemar_oracle(only_a: int, only_b: int) -> float:
    """2 P(Binomial(m, 1/2) <= min) in exact fractions, from math.comb (no scipy)."""
    from fractions import Fraction
    from math import comb

    m = only_a + only_b
    tail = Fraction(sum(comb(m, i) for i in range(min(only_a, only_b) + 1)), 2**m) if m else Fraction(1, 2)
    return float(min(Fraction(1), 2 * tail))


@pytest.mark.parametrize(("only_a", "only_b"), [(0, 0), (0, 1), (0, 5), (0, 6), (3, 3), (1, 9), (12, 4), (40, 62),
                                                (300, 360), (700, 640)])
def test_mcnemar_p_matches_the_binomial_sums(only_a, only_b):
    from core.evaluation import mcnemar_exact_p

    assert mcnemar_exact_p(only_a, only_b) == pytest.approx(mcnemar_oracle(only_a, only_b), rel=1e-9, abs=1e-300)
    assert mcnemar_exact_p(only_a, only_b) == mcnemar_exact_p(only_b, only_a)


def test_five_against_none_is_not_enough_but_six_is():
    from core.evaluation import mcnemar_exact_p

    assert mcnemar_exact_p(0, 5) == 2 / 32 and mcnemar_exact_p(0, 6) == 2 / 64  # 0.0625 and 0.03125


def paired(n_both: int, n_neither: int, only_a: int, only_b: int):
    y = np.zeros(n_both + n_neither + only_a + only_b, dtype=int)
    right_a = np.r_[np.ones(n_both), np.zeros(n_neither), np.ones(only_a), np.zeros(only_b)].astype(bool)
    right_b = np.r_[np.ones(n_both), np.zeros(n_neither), np.zeros(only_a), np.ones(only_b)].astype(bool)
    return y, np.where(right_a, 0, 1), np.where(right_b, 0, 2)


def test_one_point_in_120_is_no_clear_change():
    from core.evaluation import paired_verdict

    v = paired_verdict(*paired(100, 19, 0, 1))
    assert (v.n, v.only_a, v.only_b, v.clear, v.sign) == (120, 0, 1, False, 0)
    assert v.difference == pytest.approx(1 / 120) and v.p_value == 1.0


def binomial_cdf(k: int, m: int, pi: float) -> float:
    from math import comb

    return sum(comb(m, i) * pi**i * (1 - pi) ** (m - i) for i in range(k + 1))


def bisect(f, lo=0.0, hi=1.0) -> float:
    """The root of a decreasing f on [lo, hi]."""
    for _ in range(100):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if f(mid) > 0 else (lo, mid)
    return (lo + hi) / 2


@pytest.mark.parametrize(("only_a", "only_b"), [(10, 30), (4, 0), (0, 4), (3, 7), (25, 2), (1, 1)])
def test_the_interval_is_clopper_pearsons_from_the_binomial_sums(only_a, only_b):
    """Its ends solve P(Binomial(m, lo) >= only_b) = 0.025 and P(Binomial(m, hi) <= only_b) = 0.025."""
    from core.evaluation import discordant_interval

    m = only_a + only_b
    lo, hi = discordant_interval(only_a, only_b)
    want_lo = 0.0 if only_b == 0 else bisect(lambda p: 0.025 - (1 - binomial_cdf(only_b - 1, m, p)))
    want_hi = 1.0 if only_a == 0 else bisect(lambda p: binomial_cdf(only_b, m, p) - 0.025)
    assert lo == pytest.approx(want_lo, abs=1e-9) and hi == pytest.approx(want_hi, abs=1e-9)


def test_the_half_width_spans_the_exact_interval_of_the_difference():
    from core.evaluation import discordant_interval, paired_verdict

    v = paired_verdict(*paired(60, 20, 10, 30))
    lo, hi = discordant_interval(10, 30)
    ends = (40 / 120 * (2 * lo - 1), 40 / 120 * (2 * hi - 1))
    assert v.difference == pytest.approx(20 / 120)
    assert v.half_width == pytest.approx(max(v.difference - ends[0], ends[1] - v.difference))
    assert v.clear and v.sign == 1 and v.p_value == pytest.approx(mcnemar_oracle(10, 30))


def test_with_no_disagreement_the_half_width_bounds_the_disagreement_rate():
    from core.evaluation import paired_verdict

    v = paired_verdict(*paired(100, 20, 0, 0))
    assert v.difference == 0 and not v.clear
    assert (1 - v.half_width) ** 120 == pytest.approx(0.025)  # 0 of 120 disagree: the rate is below 3.0% at 95%


def test_a_clear_loss_has_sign_minus_one_and_reads_well():
    from core.evaluation import paired_verdict

    v = paired_verdict(*paired(50, 10, 40, 5))
    assert v.sign == -1 and repr(v).startswith("PairedVerdict(-33.3 ± ")


def test_paired_verdict_refuses_mismatched_lengths():
    from core.evaluation import paired_verdict

    with pytest.raises(ValueError, match="same number"):
        paired_verdict([0, 1], [0, 1, 1], [0, 1])


def test_the_unpaired_half_width_is_the_two_proportion_wald_interval():
    from core.evaluation import Z95, unpaired_half_width

    assert unpaired_half_width(0.5, 100, 0.8, 400) == pytest.approx(Z95 * np.sqrt(0.25 / 100 + 0.16 / 400))


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 80), st.integers(0, 80), st.integers(0, 200))
def test_the_verdict_is_the_oracles_and_clear_only_below_alpha(only_a, only_b, agree):
    from core.evaluation import ALPHA, paired_verdict

    v = paired_verdict(*paired(agree, 1, only_a, only_b))
    assert v.p_value == pytest.approx(mcnemar_oracle(only_a, only_b), rel=1e-9)
    assert 0 < v.p_value <= 1 and v.clear == (v.p_value < ALPHA)
    assert v.sign == (0 if not v.clear else np.sign(only_b - only_a))
    if not v.clear:  # not clear: within ± half-width of 0
        assert abs(v.difference) <= v.half_width + 1e-12
    if only_a + only_b:  # the exact interval excludes "no change" (pi = 1/2) exactly when the test is clear
        from core.evaluation import discordant_interval

        lo, hi = discordant_interval(only_a, only_b)
        assert v.clear == (not lo <= 0.5 <= hi)
