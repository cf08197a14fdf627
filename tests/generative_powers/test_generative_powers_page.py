"""AppTest of "What only generative models can do": every control, its link, bad input as messages."""

import pytest
from apptest_utils import assert_clean, figure, open_page

PAGE = "pages/generative_powers.py"
CHARTS = ("pw_novelty_chart", "pw_confidence_chart", "pw_missing_chart", "pw_em_chart", "pw_k_curve_chart",
          "pw_samples_chart")


@pytest.fixture(scope="module")
def at():
    return open_page(PAGE, timeout=120)


def _text(at) -> str:
    return " ".join(e.value for kind in ("markdown", "caption", "info", "warning", "error")
                    for e in getattr(at, kind))


def test_default_view_draws_every_section(at):
    assert_clean(at)
    for key in CHARTS:
        assert figure(at, key)["data"], key
    headers = [h.value for h in at.header if h.value != "Data and models"]  # the sidebar's
    assert headers == ["1. p(x): knowing what is unusual", "2. A missing feature", "3. Unlabelled data",
                       "4. Calibration and double counting", "5. Generated points, judged",
                       "6. More data from the model", "7. Regression is discriminative too"]
    assert not at.error and dict(at.query_params) == {}


def test_the_default_views_verdicts_are_the_paired_tests(at):
    text = _text(at)
    assert "The unlabelled points **improve** QDA: +19.2 points of test accuracy; McNemar's exact test" in text
    assert "Here the drawn points make **no clear change** to logistic regression (+0.8 points, ± " in text
    assert f"EM converged after {at.slider(key='pw_iter').max:.0f} iterations" in text and "(converged)" not in text


def test_the_far_point_sentence_matches_its_numbers(at):
    text = _text(at)
    assert "below every training point's" in text and "QDA flags it" in text
    assert "Logistic regression puts **100.0%** on one class there" in text


@pytest.mark.parametrize(("key", "value", "query"), [
    ("pw_dataset", "moons", ("dataset", "moons")), ("pw_gen", "gnb", ("gen", "gnb")),
    ("pw_disc", "tree", ("disc", "tree")), ("pw_hide", "x1", ("hide", "x1")),
])
def test_each_choice_redraws_and_goes_into_the_link(key, value, query):
    at = open_page(PAGE, timeout=120)
    widget = at.radio(key=key) if key == "pw_hide" else at.selectbox(key=key)
    widget.set_value(value).run()
    assert_clean(at)
    assert at.query_params[query[0]] == query[1]
    assert figure(at, "pw_em_chart")["data"]


def test_numbers_and_sliders_go_into_the_link():
    at = open_page(PAGE, timeout=120)
    at.slider(key="pw_pct").set_value(5.0).run()
    at.slider(key="pw_k").set_value(8).run()
    at.number_input(key="pw_seed").set_value(3).run()
    at.slider(key="pw_n").set_value(300).run()
    assert_clean(at)
    assert {k: at.query_params[k] for k in ("pct", "k", "seed", "n")} == {"pct": "5", "k": "8", "seed": "3",
                                                                          "n": "300"}


def test_the_em_slider_replays_an_iteration_and_keeps_it():
    at = open_page(PAGE, timeout=120)
    last = at.slider(key="pw_iter").value
    before = figure(at, "pw_em_chart")
    at.slider(key="pw_iter").set_value(0).run()
    assert_clean(at)
    assert at.query_params["iter"] == "0" and at.slider(key="pw_iter").value == 0
    assert figure(at, "pw_em_chart") != before
    at.run()
    assert at.slider(key="pw_iter").value == 0  # a rerun keeps the chosen iteration
    at.slider(key="pw_iter").set_value(last).run()
    assert "iter" not in at.query_params


def test_a_link_opens_the_view_and_a_bad_link_says_what_it_ignored():
    at = open_page(PAGE, {"dataset": "xor", "gen": "gmm", "k": "4", "hide": "x1"}, timeout=120)
    assert_clean(at)
    assert at.selectbox(key="pw_dataset").value == "xor" and at.slider(key="pw_k").value == 4
    assert "EM here fits LDA" in _text(at)  # the mixture has no closed-form weighted fit
    bad = open_page(PAGE, {"dataset": "nope", "k": "500"}, timeout=120)
    assert_clean(bad)
    assert any("Unknown dataset" in w.value for w in bad.warning) and any("k=" in w.value for w in bad.warning)


def test_too_many_labels_for_a_class_is_a_message_not_a_traceback():
    at = open_page(PAGE, {"n": "40", "k": "20"}, timeout=120)
    assert_clean(at)
    assert any("would leave none unlabelled" in e.value for e in at.error)
    assert figure(at, "pw_samples_chart")["data"]  # the other sections still draw


def test_the_suggested_em_failure_is_shown_with_the_assumption_that_fails():
    at = open_page(PAGE, {"dataset": "correlated", "gen": "gnb"}, timeout=120)
    assert_clean(at)
    warning = next(w.value for w in at.warning if "make Gaussian naive Bayes worse" in w.value)
    assert "diagonal covariance" in warning and "one Gaussian per class is the wrong shape" not in warning
    assert "The unlabelled points make Gaussian naive Bayes **worse**" in _text(at)
    curve = figure(at, "pw_k_curve_chart")["data"]  # and over k, on average, EM stays below the labels alone
    em, alone = (next(t["y"] for t in curve if t["name"].startswith(p)) for p in ("EM", "labelled only"))
    assert all(e < a for e, a in zip(em, alone))


def test_drawn_points_hurt_when_the_generative_model_is_wrong_as_the_page_suggests():
    default = open_page(PAGE, timeout=120)
    assert "try Correlated Gaussians with Gaussian naive Bayes, 3 labels per class, 400 points" in _text(default)
    at = open_page(PAGE, {"dataset": "correlated", "gen": "gnb"}, timeout=120)
    assert_clean(at)
    assert "Here the drawn points **hurt** logistic regression: -" in _text(at)
    assert "learns the model's mistakes, as here." in _text(at)
    assert figure(at, "pw_k_curve_chart")["data"]
