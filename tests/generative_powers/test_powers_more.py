"""Sections 4 (calibration) and 7 (regression): every claim on the setting where it is shown, then AppTest.

The sentences are built in ``ui/generative_powers/panels_more.py`` from measured numbers; these tests check that what
a sentence says holds for those numbers (a trend called "grows" rises steadily, "under-confident"
bins sit on the side of 0.5 they should, "none" of the data is negative, ...). The AppTest part runs
``tests/generative_powers/powers_more_script.py``, a page with only these two sections.
"""

import json
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from core.datasets import GENERATED
from core.evaluation import classification_metrics
from core.models import MODELS
from tests.apptest_utils import array, assert_clean
from ui import cache
from ui.generative_powers import panels_more as pm
from ui.generative_powers.state import PowersView

SCRIPT = str(Path(__file__).resolve().parent / "powers_more_script.py")
GROWING = ("blobs", "correlated", "three_gaussians")  # where the page says the copies make naive Bayes over-confident
CHARTS = ("pw_cal_reliability_chart", "pw_cal_copies_reliability_chart", "pw_cal_copies_trend_chart",
          "pw_reg_scene_chart", "pw_reg_px_chart")


def _view(dataset: str, **changes) -> PowersView:
    return PowersView(dataset=dataset, **changes)


# ---- section 4: claims --------------------------------------------------------------------------

@pytest.mark.parametrize("dataset", GROWING)
def test_copies_make_naive_bayes_over_confident_where_the_page_says_so(dataset):
    result = pm.copies_result(_view(dataset).data_key)
    gaps = result.series("gnb", "gap")
    assert "rises steadily" in pm.copies_trend(result) and "**over-confident**" in pm.copies_trend(result)
    assert gaps[-1] > pm.TOLERANCE
    assert np.all(gaps[1:] > gaps[0]) and np.all(np.diff(gaps) > -0.01)  # a rise all the way, not two lucky ends
    losses = result.series("gnb", "log_loss")
    assert losses[-1] > 2 * losses[0]


@pytest.mark.parametrize("view", [_view(d) for d in GENERATED] + [_view("xor", seed=1), _view("circles", seed=2)],
                         ids=lambda v: f"{v.dataset}-{v.seed}")
def test_the_trend_sentence_matches_the_trend(view):
    result = pm.copies_result(view.data_key)
    gaps, text = result.series("gnb", "gap"), pm.copies_trend(result)
    steady = np.all(gaps[1:] > gaps[0]) and np.all(np.diff(gaps) > -0.01) and gaps[-1] - gaps[0] > pm.GROWTH
    assert ("rises steadily" in text) == steady and ("no steady growth" in text) == (not steady)
    assert ("**over-confident**" in text) == (steady and gaps[-1] > pm.TOLERANCE)
    assert ("starts **under-confident**" in text) == (steady and gaps[0] < -pm.TOLERANCE)
    assert f"{100 * gaps[0]:+.1f}" in text and f"{100 * gaps[-1]:+.1f}" in text


@pytest.mark.parametrize("dataset", GROWING)
def test_logistic_regression_spreads_one_weight_over_the_copies(dataset):
    result = pm.copies_result(_view(dataset).data_key)
    assert np.ptp(result.series("logreg", "log_loss")) < 0.02


def test_on_correlated_naive_bayes_starts_under_confident_then_overshoots():
    result = pm.copies_result(_view("correlated").data_key)
    gaps, text = result.series("gnb", "gap"), pm.copies_trend(result)
    assert "starts **under-confident**" in text and "before it overshoots" in text
    j = int(np.argmin(np.abs(gaps)))
    assert gaps[0] < -0.1 and abs(gaps[j]) < abs(gaps[0]) / 3 and gaps[-1] > 0.1
    assert f"closest at c = {result.copies[j]}" in text


def test_correlated_naive_bayes_bins_are_under_confident():
    """The issue's measurement, redone: below 0.5 it predicts more B than there is, above 0.5 less."""
    view = _view("correlated", gen="gnb")
    scores, curves = pm.family_calibration(view.data_key, "gnb", "logreg")["gnb"]
    curve = curves[1]
    big = curve.counts >= pm.MIN_BIN
    low, high = big & (curve.upper <= 0.5), big & (curve.lower >= 0.5)
    assert low.any() and high.any()
    assert np.all(curve.prob_pred[low] > curve.prob_true[low])
    assert np.all(curve.prob_pred[high] < curve.prob_true[high])
    assert scores["gap"] < -pm.TOLERANCE
    assert "under-confident" in pm.family_sentence("Gaussian naive Bayes", scores)
    j = curve.worst_bin(pm.MIN_BIN)
    assert curve.prob_pred[j] - curve.prob_true[j] > 0.3


def test_on_xor_the_page_reports_no_steady_growth():
    result = pm.copies_result(_view("xor").data_key)
    gaps = result.series("gnb", "gap")
    assert "no steady growth" in pm.copies_trend(result)
    assert gaps[-1] - gaps[0] <= pm.GROWTH


def test_family_table_numbers_are_the_explorers_scores():
    view = _view("three_gaussians", gen="qda")
    fresh = pm.fresh_data(view.data_key)
    assert len(fresh.y) == 4000
    assert not np.array_equal(fresh.X[:10], cache.load_data(view.data_key)[0].X[:10])
    for name in ("qda", "logreg"):
        scores = pm.family_calibration(view.data_key, "qda", "logreg")[name][0]
        explorer = classification_metrics(fresh.y, cache.fitted(view.data_key, name, ()).predict_proba(fresh.X))
        assert scores["accuracy"] == pytest.approx(explorer["accuracy"])
        assert scores["log_loss"] == pytest.approx(explorer["log_loss"])
        assert scores["brier"] == pytest.approx(explorer["brier"])  # three classes: the same sum


def test_confidence_words_follow_the_sign():
    assert pm.confidence_words(0.05).startswith("over-confident by 5.0")
    assert pm.confidence_words(-0.05).startswith("under-confident by 5.0")
    assert pm.confidence_words(0.01).startswith("about as sure")


def test_brier_caption_names_the_score_shown():
    assert "twice scikit-learn's `brier_score_loss` of P(B | x)" in pm.brier_caption(("A", "B"))
    assert "multi-class sum" in pm.brier_caption(("A", "B", "C"))
    assert all("explorer's table" in pm.brier_caption(names) for names in (("A", "B"), ("A", "B", "C")))


# ---- section 7: claims --------------------------------------------------------------------------

@pytest.mark.parametrize("seed", [0, 7])
def test_regression_sentences_hold(seed):
    d = pm.regression_result(seed)
    assert d.x.min() > 0 and "have **none**" in pm.regression_samples(d)
    assert f"{int(np.sum(d.samples[:, 0] < 0))} of its {len(d.samples)} draws" in pm.regression_samples(d)
    assert d.prob_negative > 0.05 and d.skewness > 0.5
    assert "**the same line**" in pm.regression_numbers(d) and d.line_gap < 1e-9
    assert abs(d.joint_var - d.ls_mse) < 1e-9
    assert abs(d.x_grid[np.argmax(d.px)] - d.x_mean) < 2 * np.diff(d.x_grid)[0]  # the bell's peak is the mean


# ---- figures ------------------------------------------------------------------------------------

def test_figures_pass_plotly_validation_and_draw_the_lines_twice():
    view = _view("correlated")
    figures = [pm.family_reliability_fig(view.data_key, "gnb", "logreg", 1), *pm.copies_figs(view.data_key, 4, 1),
               *pm.regression_figs(0)]
    for fig in figures:
        go.Figure(fig.to_dict())  # raises on a misspelt property
    scene = figures[3].to_plotly_json()
    ls, joint = (t for t in scene["data"] if t["mode"] == "lines")
    assert np.allclose(array(ls["y"]), array(joint["y"]), atol=1e-5)
    assert len(array(scene["data"][1]["x"])) == len(pm.regression_result(0).samples)
    trend = figures[2].to_plotly_json()
    assert trend["layout"]["shapes"][1]["x0"] == 4


# ---- AppTest --------------------------------------------------------------------------------------

def _run(query: dict | None = None, state: dict | None = None) -> AppTest:
    at = AppTest.from_file(SCRIPT, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    for key, value in (state or {}).items():
        at.session_state[key] = value
    return at.run()


def _chart(at: AppTest, key: str) -> dict:
    return json.loads(at.get_by_key(key).proto.spec)


def _text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_sections_draw_their_charts_and_numbers():
    at = _run({"dataset": "three_gaussians", "gen": "qda"})
    assert_clean(at)
    for key in CHARTS:
        assert _chart(at, key)["data"]
    assert at.slider(key=pm.COPIES_KEY).value == pm.DEFAULT_COPIES
    assert at.selectbox(key=pm.CLASS_KEY).value == "A"
    assert f"With c = {pm.DEFAULT_COPIES}:" in _text(at) and "**the same line**" in _text(at)
    assert not at.warning


def test_copies_slider_redraws_at_the_new_c():
    at = _run({"dataset": "blobs"})
    at.slider(key=pm.COPIES_KEY).set_value(7).run()
    assert_clean(at)
    assert _chart(at, "pw_cal_copies_trend_chart")["layout"]["shapes"][1]["x0"] == 7
    assert "c = 7" in _chart(at, "pw_cal_copies_reliability_chart")["layout"]["title"]["text"]
    assert "With c = 7:" in _text(at)


def test_class_selector_changes_the_class_against_the_rest():
    at = _run({"dataset": "three_gaussians"})
    at.selectbox(key=pm.CLASS_KEY).set_value("C").run()
    assert_clean(at)
    assert "P(C | x)" in _chart(at, "pw_cal_reliability_chart")["layout"]["xaxis"]["title"]["text"]


def test_two_classes_have_no_class_selector_and_show_the_positive_class():
    at = _run({"dataset": "correlated", "gen": "gnb"})
    assert_clean(at)
    assert not at.selectbox
    assert "P(B | x)" in _chart(at, "pw_cal_reliability_chart")["layout"]["xaxis"]["title"]["text"]
    assert f"**{MODELS['gnb'].label}** is under-confident" in _text(at)


@pytest.mark.parametrize("state", [{pm.COPIES_KEY: 99}, {pm.COPIES_KEY: "three"}, {pm.COPIES_KEY: 3.5},
                                   {pm.CLASS_KEY: "Z"}])
def test_a_bad_widget_value_gives_a_message_not_a_traceback(state):
    at = _run({"dataset": "three_gaussians"}, state)
    assert_clean(at)
    assert any("Ignored" in w.value for w in at.warning)
    assert at.slider(key=pm.COPIES_KEY).value == pm.DEFAULT_COPIES
    assert at.selectbox(key=pm.CLASS_KEY).value == "A"
