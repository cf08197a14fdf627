"""AppTest: a new P(y) for both families (toggle ``prior_disc``), the scores where it holds, and the
explorer fixes that came with it (probe reset on a dataset change, class names in messages, probe digits)."""

import re

import numpy as np
import pytest
from apptest_utils import assert_clean, figure, first_z, open_page, posterior_percent

from core.datasets import make_dataset, train_test_split
from core.models import fit_model
from core.prior_shift import class_priors, reweight_proba
from core.surfaces import make_grid
from explorer.test_explorer_page import _bayes_rows
from ui.explorer.scenes import SCENES

PAGE = "pages/explorer.py"


def _rare(prior_disc: bool):
    at = open_page(PAGE)
    at.selectbox(key="scene").set_value("rare").run()
    if prior_disc:
        at.toggle(key="prior_disc").set_value(True).run()
    assert_clean(at)
    return at


@pytest.fixture(scope="module")
def rare_off():
    return _rare(False)


@pytest.fixture(scope="module")
def rare_on():
    return _rare(True)


@pytest.fixture(scope="module")
def rare_models():
    train, test = train_test_split(make_dataset("blobs", 400, seed=0, share=0.2), 0.3, seed=0)
    return train, test, fit_model("logreg", train.X, train.y)


def test_the_toggle_waits_for_a_hand_set_prior():
    at = open_page(PAGE)
    assert at.toggle(key="prior_disc").disabled
    at.toggle(key="prior_on").set_value(True).run()
    assert not at.toggle(key="prior_disc").disabled


def test_rare_scene_with_the_toggle_reweights_the_discriminative_map_by_the_formula(rare_off, rare_on, rare_models):
    train, _, logreg = rare_models
    off = posterior_percent(figure(rare_off, "disc_posterior_chart"))
    on = posterior_percent(figure(rare_on, "disc_posterior_chart"))
    assert (np.abs(on - off) > 1).mean() > 0.2  # a different map ...
    grid = make_grid(_all_points(), 150)
    proba = logreg.predict_proba(grid.points)
    expected = reweight_proba(proba, class_priors(train.y, 2), (0.5, 0.5))[:, 1].reshape(grid.shape)
    # ... that follows the formula (drawn as int8 log-odds, 1/6 a step: within 2.1 points of probability)
    assert np.abs(on - expected * 100).max() <= 2.2
    assert np.abs(off.astype(float) - np.rint(proba[:, 1].reshape(grid.shape) * 100)).max() <= 1
    assert figure(rare_on, "disc_posterior_chart")["layout"]["title"]["text"].endswith("reweighted")
    assert rare_on.query_params["prior_disc"] == "1" and "prior_disc" not in rare_off.query_params


def _all_points():
    train, test = train_test_split(make_dataset("blobs", 400, seed=0, share=0.2), 0.3, seed=0)
    return np.vstack([train.X, test.X])


def test_the_probe_shows_the_reweighted_discriminative_number(rare_on, rare_models):
    train, _, logreg = rare_models
    rows = _bayes_rows(rare_on)
    centre = np.round(train.X.mean(axis=0), 3)
    expected = reweight_proba(logreg.predict_proba(centre[None]), class_priors(train.y, 2), (0.5, 0.5))[0]
    assert [r[5] for r in rows] == pytest.approx(expected, abs=6e-4)
    (line,) = [m.value for m in rare_on.markdown if "| x\\*) = **" in m.value and not m.value.startswith("At x")]
    assert "reweighted to the P(y) above" in line


def test_the_difference_map_compares_both_models_under_the_same_prior(rare_off, rare_on):
    off, on = first_z(figure(rare_off, "difference_chart")), first_z(figure(rare_on, "difference_chart"))
    assert np.abs(on).mean() < np.abs(off).mean()  # with one P(y) for both, less is left to disagree about
    assert any("both with the P(y) set above" in c.value for c in rare_on.caption)


def _shift_table(at) -> dict:
    table = next(m.value for m in at.markdown if m.value.startswith("| model | P(y) used"))
    rows = {}
    for line in table.splitlines()[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        rows[(cells[0], cells[1])] = [float(c) for c in cells[2:]]
    return rows


def test_the_shift_table_scores_both_families_on_data_with_the_new_shares(rare_on):
    rows = _shift_table(rare_on)
    lr_before = rows[("Logistic regression", "as trained")]
    lr_after = rows[("Logistic regression", "new, by reweighting")]
    nb_before, nb_after = rows[("Gaussian naive Bayes", "learned")], rows[("Gaussian naive Bayes", "new")]
    # columns: split accuracy, split log-loss, deployed accuracy, deployed log-loss
    for before, after in ((lr_before, lr_after), (nb_before, nb_after)):
        assert after[2] > before[2] and after[3] < before[3]
    caption = next(c.value for c in rare_on.caption if c.value.startswith("The test split has the training shares"))
    assert f"from {lr_before[3]:.3f} to {lr_after[3]:.3f}" in caption and "lowers" in caption
    assert "P(B) = 0.20" in caption and "P(B) = 0.50" in caption


def test_the_shift_section_is_there_only_while_p_y_is_set_by_hand(rare_off):
    assert any(s.value == "A new P(y) for both families" for s in rare_off.subheader)
    at = open_page(PAGE)
    assert not any(s.value == "A new P(y) for both families" for s in at.subheader)


def test_the_scene_lesson_goes_away_once_the_slider_leaves_the_prior_it_names():
    at = _rare(False)
    assert any(SCENES["rare"].title in i.value for i in at.info)
    assert at.slider(key="prior").value == 0.5
    at.slider(key="prior").set_value(0.74).run()
    assert not any(SCENES["rare"].title in i.value for i in at.info)
    at.toggle(key="prior_on").set_value(False).run()
    assert not any(SCENES["rare"].title in i.value for i in at.info)


def test_links_carry_the_toggle_and_refuse_it_without_a_prior():
    at = open_page(PAGE, {"share": "0.2", "prior": "0.5", "prior_disc": "1"})
    assert_clean(at)
    assert at.toggle(key="prior_disc").value is True and not at.warning
    assert figure(at, "disc_posterior_chart")["layout"]["title"]["text"].endswith("reweighted")
    at = open_page(PAGE, {"prior_disc": "1"})
    assert any("prior_disc" in w.value for w in at.warning)
    assert "prior_disc" not in at.query_params
    at = open_page(PAGE, {"prior": "0.3", "prior_disc": "maybe"})
    assert any("prior_disc='maybe'" in w.value for w in at.warning)


def test_no_shown_sentence_says_a_discriminative_model_needs_retraining_for_a_new_prior():
    for name in SCENES:
        at = open_page(PAGE)
        at.selectbox(key="scene").set_value(name).run()
        text = " ".join(e.value for kind in ("markdown", "caption", "info") for e in getattr(at, kind))
        assert "retrain" not in text and "baked" not in text, name


# ---- fixes found while trying it as a new user ----------------------------------------------

def test_a_dataset_change_returns_the_probe_to_the_centre_of_the_new_data():
    at = open_page(PAGE, {"probe": "1.5,3.79"})
    assert at.query_params["probe"] == "1.5,3.79"
    at.selectbox(key="dataset").set_value("moons").run()
    assert_clean(at)
    assert at.number_input(key="probe_x").value is None and "probe" not in at.query_params
    caption = next(c.value for c in at.caption if c.value.startswith("x* = "))
    assert "the centre of the data" in caption
    at.number_input(key="probe_x").set_value(0.5).run()
    at.number_input(key="probe_y").set_value(0.25).run()
    at.slider(key="n_samples").set_value(300).run()  # other data changes keep a typed probe
    assert at.query_params["probe"] == "0.5,0.25"


def test_messages_name_classes_as_the_app_does():
    at = open_page(PAGE)
    at.slider(key="n_samples").set_value(20).run()
    at.slider(key="share.blobs").set_value(0.05).run()
    at.slider(key="test_fraction").set_value(0.8).run()
    assert at.error and re.search(r"Class [AB] has only 1 training point;", at.error[0].value), at.error[0].value


@pytest.mark.parametrize(("gen", "probe", "prior"), [("lda", "2,1", "0.3"), ("gnb", "0.2,-0.7", None),
                                                     ("qda", "-3,2", "0.9"), ("kde", "1.1,0.4", "0.45")])
def test_the_shown_terms_of_bayes_rule_reproduce_the_shown_posterior(gen, probe, prior):
    # the case: LDA, x* = (2, 1), priors 0.7 / 0.3 printed 0.3 x 0.0889 / 0.0268 = 0.995 beside 0.998
    query = {"gen": gen, "probe": probe, **({"prior": prior} if prior else {})}
    rows = _bayes_rows(open_page(PAGE, query))
    for _, p, lik, px, post, _ in rows:
        assert p * lik / px == pytest.approx(post, abs=6e-4)
    assert sum(r[1] * r[2] for r in rows) == pytest.approx(rows[0][3], rel=2e-4)


def test_the_brier_score_is_named_for_what_it_sums():
    # the multi-class Brier score sums over classes: for two classes it is twice scikit-learn's brier_score_loss
    from sklearn.metrics import brier_score_loss

    from core.evaluation import classification_metrics
    at = open_page(PAGE)
    table = next(m.value for m in at.markdown if "test accuracy" in m.value)
    row = next(line for line in table.splitlines() if line.startswith("| test Brier (sum over classes) |"))
    shown = [float(c) for c in row.strip("|").split("|")[1:]]
    train, test = train_test_split(make_dataset("blobs", 400, seed=0), 0.3, seed=0)
    gen = fit_model("gnb", train.X, train.y)
    p = gen.predict_proba(test.X)
    assert classification_metrics(test.y, p)["brier"] == pytest.approx(2 * brier_score_loss(test.y, p[:, 1]))
    assert shown[0] == pytest.approx(classification_metrics(test.y, p)["brier"], abs=5e-4)
