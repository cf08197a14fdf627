"""AppTest of the "When each wins" page: it renders, reacts to its controls, and turns bad states into messages.

Most tests open the page through a link with small settings (largest size 50, 10 repeats) to stay fast.
"""

import numpy as np
import pytest
from apptest_utils import array, assert_clean, figure, open_page, traces

from core.scenarios import SCENARIOS

PAGE = "pages/learning_curves.py"
SMALL = {"lc_n_max": "50", "lc_repeats": "10"}
NB, LR = "Naive Bayes, shared variances", "Logistic regression"


def page(**query):
    at = open_page(PAGE, query)
    assert_clean(at)
    return at


def chart(at) -> dict:
    return figure(at, "lc_chart")


def names(at) -> list:
    return [t["name"] for t in chart(at)["data"]]


def curve(at, name) -> np.ndarray:
    return array(next(t for t in chart(at)["data"] if t["name"] == name)["y"])


def readout(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("**Now:**"))


def test_default_view_has_a_curve_and_a_band_per_model_and_the_bayes_error():
    at = page()
    for label in (NB, LR):
        assert label in names(at) and f"{label} ± 1 s.e." in names(at)
    assert "Bayes error 10.6%" in names(at)
    bands = traces(chart(at), "s.e.")
    assert len(bands) == 2 and all(t["fill"] == "toself" for t in bands)
    assert chart(at)["layout"]["xaxis"]["type"] == "log"
    assert "At n = 6" in readout(at) and "At n = 1000" in readout(at)


def test_a_link_sets_the_view():
    at = page(lc_n_max="100", lc_repeats="30", lc_nb_holds_d="4")
    assert at.select_slider(key="lc_n_max").value == 100
    assert at.slider(key="lc_repeats").value == 30
    assert at.slider(key="lc_nb_holds_d").value == 4
    assert "30 repeats" in chart(at)["layout"]["title"]["text"]
    assert "At n = 100" in readout(at)


def test_changing_c_moves_logistic_regression_and_leaves_naive_bayes():
    at = page(**SMALL)
    nb, lr = curve(at, NB), curve(at, LR)
    at.select_slider(key="lc_C").set_value(0.01).run()
    assert np.array_equal(curve(at, NB), nb)  # same samples, same naive Bayes
    assert not np.allclose(curve(at, LR), lr)


def test_changing_d_or_scenario_changes_the_figure():
    at = page(**SMALL)
    nb = curve(at, NB)
    at.slider(key="lc_nb_holds_d").set_value(20).run()
    assert not np.allclose(curve(at, NB), nb)
    at.selectbox(key="lc_scenario").set_value("nb_misspecified").run()
    assert_clean(at)
    assert "naive Bayes' limit 24.3%" in names(at)


def test_changing_the_models_changes_the_curves():
    at = page(**SMALL)
    at.multiselect(key="lc_models").set_value(["gnb", "lda", "logreg"]).run()
    assert {"Gaussian naive Bayes", "LDA", LR} <= set(names(at))
    assert NB not in names(at)


def test_c_control_only_shows_with_logistic_regression():
    at = page(**SMALL)
    at.multiselect(key="lc_models").set_value(["nb_shared", "lda"]).run()
    assert_clean(at)
    assert "lc_C" not in [s.key for s in at.select_slider]


def test_more_repeats_adds_twenty_and_redraws():
    at = page(**SMALL)
    nb = curve(at, NB)
    at.button(key="lc_more").click().run()
    assert at.slider(key="lc_repeats").value == 30
    assert "30 repeats" in chart(at)["layout"]["title"]["text"]
    assert not np.allclose(curve(at, NB), nb)


def test_no_model_selected_shows_a_message_not_a_chart():
    at = page(**SMALL)
    at.multiselect(key="lc_models").set_value([]).run()
    assert_clean(at)
    assert any("Pick at least one model" in i.value for i in at.info)
    assert len(at.get("plotly_chart")) == 0


def test_a_real_pool_smaller_than_the_largest_size_caps_the_curve():
    at = page(lc_scenario="(d) Real data", lc_real_dataset="Wine, cultivars 1 vs 2", lc_n_max="200",
              lc_repeats="10")
    assert at.selectbox(key="lc_scenario").value == "real"
    assert any("leaves 91 points for training" in i.value for i in at.info)
    assert "At n = 91" in readout(at)


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_every_scenario_renders(scenario):
    at = page(**SMALL)
    at.selectbox(key="lc_scenario").set_value(scenario).run()
    assert_clean(at)
    assert {NB, LR} <= set(names(at))
    assert np.all(np.isfinite(curve(at, NB)))
