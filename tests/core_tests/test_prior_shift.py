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
