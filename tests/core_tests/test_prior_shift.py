"""core.prior_shift: the label-shift correction of any P(y | x), checked against Bayes' rule itself."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from proba_checks import assert_valid_proba

from core.datasets import class_shares, make_dataset, train_test_split
from core.models import fit_model, models_of
from core.prior_shift import (
    DEPLOYMENT_SIZE,
    class_priors,
    deployment_pool,
    deployment_rows,
    estimate_new_prior,
    prior_shift_scores,
    reweight_proba,
)


@pytest.fixture(scope="module")
def rare():
    """The rare scene's data: B is 20% of the training points."""
    return train_test_split(make_dataset("blobs", 400, seed=0, share=0.2), 0.3, seed=0)


@pytest.mark.parametrize("name", models_of("generative"))
def test_reweighting_a_generative_posterior_is_bayes_rule_with_the_new_prior(name, rare):
    # the oracle: for a generative model the corrected P(y | x) must equal Bayes' rule with P_new(y)
    train, test = rare
    model = fit_model(name, train.X, train.y)
    new = np.array([0.5, 0.5])
    assert np.allclose(reweight_proba(model.predict_proba(test.X), model.priors_, new),
                       model.with_priors(new).predict_proba(test.X), atol=1e-9)


def test_the_training_prior_changes_nothing_and_a_grid_is_reweighted_along_its_class_axis(rare):
    train, test = rare
    proba = fit_model("logreg", train.X, train.y).predict_proba(test.X)
    priors = class_priors(train.y, 2)
    assert np.allclose(reweight_proba(proba, priors, priors), proba)
    grid_form = proba.T.reshape(2, 10, -1)
    assert np.allclose(reweight_proba(grid_form, priors, (0.5, 0.5), axis=0),
                       reweight_proba(proba, priors, (0.5, 0.5)).T.reshape(2, 10, -1))


def test_reweighting_moves_every_point_toward_the_class_made_more_likely():
    proba = np.array([[0.9, 0.1], [0.5, 0.5], [0.2, 0.8], [1.0, 0.0]])
    out = reweight_proba(proba, (0.8, 0.2), (0.5, 0.5))
    assert np.all(out[:3, 1] > proba[:3, 1]) and out[3, 1] == 0.0  # a zero stays zero
    assert out[1, 1] == pytest.approx(0.8)  # odds 1 x (0.5 / 0.2) / (0.5 / 0.8) = 4


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0.0, 1.0), min_size=3, max_size=3).filter(lambda v: sum(v) > 1e-6),
       st.lists(st.floats(0.01, 1.0), min_size=3, max_size=3), st.lists(st.floats(0.01, 1.0), min_size=3, max_size=3))
def test_reweighted_probabilities_are_valid(p, train, new):
    proba = np.asarray(p)[None] / sum(p)
    assert_valid_proba(reweight_proba(proba, np.asarray(train) / sum(train), np.asarray(new) / sum(new)), 1)


def test_class_priors_are_the_label_shares():
    assert np.allclose(class_priors([0, 1, 1, 1], 2), [0.25, 0.75])
    assert np.allclose(class_priors([0, 0, 2], 3), [2 / 3, 0, 1 / 3])


def test_deployment_sets_have_the_new_shares_and_fresh_points():
    pool = deployment_pool("three_gaussians", 0.8, seed=0)
    assert np.bincount(pool.y).tolist() == [DEPLOYMENT_SIZE] * 3
    for share in (0.6, 0.99, 0.01):
        rows = deployment_rows(pool.y, class_shares(share, 3))
        assert len(rows) == DEPLOYMENT_SIZE and len(np.unique(rows)) == len(rows)
        assert np.allclose(np.bincount(pool.y[rows], minlength=3) / len(rows), class_shares(share, 3), atol=1e-3)
    train = make_dataset("three_gaussians", 400, 0.8, seed=0)
    assert not np.isclose(pool.X[:, None, :], train.X[None]).all(axis=2).any()  # no training point reappears


def test_rare_scene_both_families_improve_on_data_drawn_with_the_new_prior(rare):
    # the measurement: logistic regression 0.917 / 0.206 -> 0.931 / 0.176; naive Bayes new prior 0.932 / 0.168
    train, test = rare
    gen, disc = fit_model("gnb", train.X, train.y), fit_model("logreg", train.X, train.y)
    pool = deployment_pool("blobs", 1.0, seed=0)
    deploy = pool.X[deployment_rows(pool.y, (0.5, 0.5))], pool.y[deployment_rows(pool.y, (0.5, 0.5))]
    sets = {name: (gen.class_log_likelihood(X), disc.predict_proba(X), y)
            for name, (X, y) in {"split": (test.X, test.y), "deployed": deploy}.items()}
    rows = prior_shift_scores(sets, gen.priors_, class_priors(train.y, 2), (0.5, 0.5))
    assert rows[("generative", "trained")]["split"]["accuracy"] == pytest.approx(
        np.mean(gen.predict(test.X) == test.y))  # "trained" is the model as fitted
    for family in ("generative", "discriminative"):
        before, after = rows[(family, "trained")]["deployed"], rows[(family, "shifted")]["deployed"]
        assert after["accuracy"] > before["accuracy"] and after["log_loss"] < before["log_loss"] - 0.02
        assert after["accuracy"] == pytest.approx(0.93, abs=0.01) and after["log_loss"] == pytest.approx(0.17, abs=0.01)
        # on the split, which keeps the training shares, the new prior scores worse
        assert rows[(family, "shifted")]["split"]["log_loss"] > rows[(family, "trained")]["split"]["log_loss"]


# ---- estimate_new_prior: Saerens et al.'s EM for an unknown P_new(y) -------------------------------

def _independent_em(proba, train, n_iter=5000):
    """The same EM written point by point, in log space, without numpy's broadcasting."""
    K, prior = len(train), list(train)
    for _ in range(n_iter):
        total = [0.0] * K
        for row in proba:
            logs = [np.log(max(row[k], 1e-300)) + np.log(prior[k]) - np.log(train[k]) for k in range(K)]
            peak = max(logs)
            weights = [np.exp(v - peak) for v in logs]
            for k in range(K):
                total[k] += weights[k] / sum(weights)
        prior = [t / len(proba) for t in total]
    return np.array(prior)


def _likelihood_maximum(proba, train):
    """P_new(y) maximising the unlabelled points' likelihood, sum_i log sum_k P(k | x_i) P_new(k) / P_train(k):
    the fixed point EM must reach, found here by a general optimiser over softmax coordinates."""
    from scipy.optimize import minimize

    def loss(theta):
        w = np.exp(theta - theta.max())
        w /= w.sum()
        return -np.sum(np.log(proba @ (w / train)))

    theta = minimize(loss, np.zeros(len(train)), method="Nelder-Mead",
                     options=dict(xatol=1e-10, fatol=1e-12, maxiter=20000)).x
    w = np.exp(theta - theta.max())
    return w / w.sum()


@pytest.fixture(scope="module")
def shifted_logreg(rare):
    """Logistic regression trained at P(B) = 0.2, its P(y | x) on 600 fresh points drawn at P(B) = 0.6."""
    train, _ = rare
    model = fit_model("logreg", train.X, train.y)
    pool = deployment_pool("blobs", 1.0, seed=0)
    rows = deployment_rows(pool.y, (0.4, 0.6), 600)
    return model.predict_proba(pool.X[rows]), class_priors(train.y, 2)


def test_estimate_matches_an_independent_em_and_the_likelihood_maximum(shifted_logreg):
    proba, train = shifted_logreg
    found = estimate_new_prior(proba, train)
    assert found.converged
    assert np.allclose(found.prior, _likelihood_maximum(proba, train), atol=1e-3)
    part = proba[:150]
    assert np.allclose(estimate_new_prior(part, train).prior, _independent_em(part, train, 400), atol=1e-3)


def test_estimate_matches_an_independent_em_on_three_classes():
    rng = np.random.default_rng(1)
    proba = rng.dirichlet((0.6, 1.0, 2.0), size=120)
    train = np.array([0.5, 0.3, 0.2])
    found = estimate_new_prior(proba, train)
    assert np.allclose(found.prior, _independent_em(proba, train, 400), atol=1e-3)
    assert np.allclose(found.prior, _likelihood_maximum(proba, train), atol=1e-3)


def _true_posteriors(X, means, prior):
    """P(y | x) of one-dimensional unit Gaussians at ``means`` with class shares ``prior``: the calibrated truth."""
    log_lik = -0.5 * (X[:, None] - np.asarray(means)[None]) ** 2
    joint = np.exp(log_lik) * np.asarray(prior)[None]
    return joint / joint.sum(axis=1, keepdims=True)


@pytest.mark.parametrize("new", [(0.6, 0.3, 0.1), (0.1, 0.1, 0.8), (0.34, 0.33, 0.33)])
def test_estimate_recovers_a_known_prior_from_the_true_posteriors(new):
    rng = np.random.default_rng(0)
    means, train = (-2.0, 0.0, 2.0), np.array([0.2, 0.5, 0.3])
    y = rng.choice(3, size=20_000, p=new)
    X = rng.normal(np.asarray(means)[y], 1.0)
    found = estimate_new_prior(_true_posteriors(X, means, train), train)
    assert found.converged and np.allclose(found.prior, new, atol=0.02)
    assert np.allclose(found.history[0], train) and np.allclose(found.history[-1], found.prior)
    assert len(found.history) == found.iterations + 1
    # each step moves toward the truth (EM climbs the likelihood): the error shrinks over the history
    error = np.abs(found.history - np.asarray(new)).sum(axis=1)
    assert error[-1] < 0.5 * error[0]


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 30), st.integers(2, 4), st.integers(0, 10_000),
       st.lists(st.floats(0.02, 1.0), min_size=4, max_size=4), st.booleans())
def test_the_estimate_is_always_a_probability_vector(n, K, seed, train, hard):
    rng = np.random.default_rng(seed)
    proba = rng.dirichlet(np.full(K, 0.3), size=n)
    if hard:  # a tree's or k-NN's votes: many exact zeros and ones
        proba = np.eye(K)[proba.argmax(axis=1)]
    train = np.asarray(train[:K]) / sum(train[:K])
    found = estimate_new_prior(proba, train, max_iter=200)
    for p in (found.prior, *found.history):
        assert np.all(np.isfinite(p)) and np.all((p >= 0) & (p <= 1)) and p.sum() == pytest.approx(1)


def test_a_class_absent_from_the_deployment_points_gets_an_estimate_near_zero():
    rng = np.random.default_rng(2)
    means, train = (-3.0, 0.0, 3.0), np.array([1 / 3] * 3)
    y = rng.choice([0, 1], size=5000)  # class 2 never appears
    found = estimate_new_prior(_true_posteriors(rng.normal(np.asarray(means)[y], 1.0), means, train), train)
    assert found.prior[2] < 0.01 and np.allclose(found.prior[:2], 0.5, atol=0.03)
    assert np.all(np.isfinite(found.history))


def test_hard_votes_with_zeros_give_their_shares_and_no_nan():
    votes = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 0.0]])
    found = estimate_new_prior(votes, (0.5, 0.5))
    assert np.allclose(found.prior, [0.75, 0.25]) and found.converged  # one-hot rows are never reweighted
    only_a = estimate_new_prior(np.array([[1.0, 0.0]] * 3), (0.2, 0.8))
    assert np.allclose(only_a.prior, [1.0, 0.0]) and not np.isnan(only_a.history).any()


@pytest.mark.parametrize(("proba", "train", "match"), [
    (np.zeros((0, 2)), (0.5, 0.5), "no unlabelled points"),
    (np.array([[0.5, 0.5]]), (1.0, 0.0), "positive training share"),
    (np.array([[0.0, 0.0], [0.5, 0.5]]), (0.5, 0.5), "sums to 0"),
    (np.array([[np.nan, 1.0]]), (0.5, 0.5), "finite and non-negative"),
    (np.array([[0.5, 0.5]]), (0.3, 0.3, 0.4), "3 training shares for 2 classes"),
])
def test_bad_input_says_what_is_wrong(proba, train, match):
    with pytest.raises(ValueError, match=match):
        estimate_new_prior(proba, train)


def test_the_estimate_reads_as_its_shares_and_how_it_stopped():
    found = estimate_new_prior(np.array([[0.9, 0.1], [0.2, 0.8]]), (0.5, 0.5), max_iter=1)
    assert repr(found) == "PriorEstimate(prior=[0.550, 0.450], stopped at the cap after 1 iterations)"
    assert "converged after" in repr(estimate_new_prior(np.array([[0.9, 0.1], [0.2, 0.8]]), (0.5, 0.5)))


def test_the_standard_error_is_the_spread_of_the_estimate_over_repeated_draws():
    rng = np.random.default_rng(0)
    means, train, new = (-1.0, 0.5, 2.0), np.array([0.3, 0.3, 0.4]), (0.5, 0.2, 0.3)
    found = []
    for _ in range(200):
        y = rng.choice(3, size=500, p=new)
        found.append(estimate_new_prior(_true_posteriors(rng.normal(np.asarray(means)[y], 1.0), means, train), train))
    spread = np.std([f.prior for f in found], axis=0)
    assert np.allclose(np.mean([f.std_error for f in found], axis=0), spread, rtol=0.2)


def test_posteriors_that_say_nothing_leave_the_prior_where_it_was_and_its_noise_unmeasured():
    found = estimate_new_prior(np.full((10, 2), 0.5), (0.5, 0.5))
    assert np.allclose(found.prior, 0.5) and np.isnan(found.std_error).all()


def test_the_discriminative_model_can_be_scored_at_its_own_prior(rare):
    train, test = rare
    gen, disc = fit_model("gnb", train.X, train.y), fit_model("logreg", train.X, train.y)
    sets = {"split": (gen.class_log_likelihood(test.X), disc.predict_proba(test.X), test.y)}
    own = prior_shift_scores(sets, gen.priors_, class_priors(train.y, 2), (0.5, 0.5), (0.3, 0.7))
    alone = prior_shift_scores(sets, gen.priors_, class_priors(train.y, 2), (0.3, 0.7))
    same = prior_shift_scores(sets, gen.priors_, class_priors(train.y, 2), (0.5, 0.5))
    assert own[("discriminative", "shifted")] == alone[("discriminative", "shifted")]
    assert own[("generative", "shifted")] == same[("generative", "shifted")]
