"""The overview's sentences (``ui/overview/words.py``), checked against the registry and the models."""

import numpy as np
import pytest
from apptest_utils import APP, assert_clean
from streamlit.testing.v1 import AppTest

from core.datasets import make_dataset
from core.models import DISCRIMINANT, GENERATIVE, MODELS, PROBABILISTIC, fit_model
from core.scenarios import make_scenario
from ui.overview.words import CLAIMS, FAMILIES, FLIP

DISC, GEN = FAMILIES


def _words(family) -> str:
    return " ".join(family["lines"])


def test_the_three_kinds_are_named_as_the_registry_files_the_models():
    assert "Bishop" in CLAIMS["intro"] and "three ways" in CLAIMS["intro"]
    text = _words(DISC)
    kinds = {m.label: m.kind for m in MODELS.values()}
    assert kinds["Logistic regression"] == kinds["Neural network (MLP)"] == PROBABILISTIC
    assert "**Probabilistic**: logistic regression, a neural network" in text
    assert kinds["RBF SVM"] == kinds["Decision tree"] == kinds["k-nearest neighbours"] == DISCRIMINANT
    assert "**Discriminant functions**: an SVM's margin, a tree's or k-NN's vote" in text
    assert all(m.kind == GENERATIVE for m in MODELS.values() if m.family == GENERATIVE)
    assert "every classifier needs P(y | x)" not in CLAIMS["intro"]


def test_this_app_calibrates_its_svm_as_the_overview_says():
    assert "this app calibrates its SVM" in _words(DISC)
    data = make_dataset("blobs", 100, seed=0)
    svm = fit_model("svm", data.X, data.y)
    assert type(svm[-1]).__name__ == "CalibratedClassifierCV"


def test_a_probabilistic_model_can_take_a_new_prior_and_only_generative_ones_sample():
    assert "by reweighting" in _words(DISC) and "cannot generate data" in _words(DISC)
    data = make_dataset("blobs", 100, seed=0)
    for name, spec in MODELS.items():
        assert hasattr(fit_model(name, data.X, data.y), "sample") == (spec.family == GENERATIVE)


def test_ng_and_jordan_is_scoped_to_naive_bayes_and_logistic_regression():
    text = _words(GEN)
    assert "naive Bayes approaches its best error with fewer examples than logistic regression" in text
    assert "a result about that pair" in text and "QDA" in text  # QDA's slow start: test_claims_learning_curves.py
    assert "(higher)" not in text and "Often reach their (higher) best error" not in text
    assert "probabilistic discriminative model" in FLIP


def test_naive_bayes_best_error_is_higher_or_equal_and_equal_when_its_assumption_holds():
    """Ng & Jordan prove "higher or equal", not "higher": on the learning-curves page's scenario (a) naive Bayes
    is right and its asymptotic error is the Bayes error, as logistic regression's is (correctly specified in
    both scenarios); with copies of a feature (scenario (b)) it is strictly higher."""
    assert "higher than or equal to logistic regression's (equal when naive Bayes' assumption holds)" in _words(GEN)
    holds = make_scenario("nb_holds")
    assert holds.nb_error == pytest.approx(holds.bayes_error, abs=1e-12)
    wrong = make_scenario("nb_misspecified")
    assert wrong.nb_error > wrong.bayes_error + 0.01


def test_the_page_shows_every_line():
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert_clean(at)
    shown = " ".join(m.value for m in at.markdown)
    for family in FAMILIES:
        assert all(line in shown for line in family["lines"])
    assert CLAIMS["intro"] in shown and FLIP in shown
    assert np.all([s in " ".join(h.value for h in at.subheader) for s in ("Discriminative", "Generative")])
