"""AppTest of the "When each wins" page: it renders, reacts to its controls, keeps its view in the link with
registry keys, warns about bad links (its most expensive settings are timed in tests/test_worst_settings.py).

Most tests open the page through a link with small settings (largest size 50, 10 repeats) to stay fast.
"""

import numpy as np
import pytest
from apptest_utils import array, assert_clean, figure, open_page, traces

from core.models import MODELS
from core.scenarios import SCENARIOS
from ui.learning_curves import panels as learning_curves_panels
from ui.learning_curves.state import BOTH_REGIMES, NOT_OFFERED, OFFERED

PAGE = "pages/learning_curves.py"
SMALL = {"lc_n_max": "50", "lc_repeats": "10"}
NB, LR = "Naive Bayes, shared variances", "Logistic regression"


@pytest.fixture(autouse=True)
def no_clock(monkeypatch):
    """Every repeat asked for, however busy the machine: the tests of the clock set it themselves."""
    monkeypatch.setattr(learning_curves_panels, "CLOCK_SECONDS", float("inf"))


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


def heading(at) -> str:
    return next(h.value for h in at.subheader if "repeat" in h.value)


def link(at) -> dict:
    return {k: (v[-1] if isinstance(v, list) else v) for k, v in at.query_params.items()}


def link_warnings(at) -> list:
    return [w.value for w in at.warning if w.value.startswith("Link:")]


def test_default_view_has_a_curve_and_a_band_per_model_and_the_bayes_error():
    at = page()
    for label in (NB, LR):
        assert label in names(at) and f"{label} ± 1 s.e." in names(at)
    assert "Bayes error 10.6%" in names(at)
    bands = traces(chart(at), "s.e.")
    assert len(bands) == 2 and all(t["fill"] == "toself" for t in bands)
    assert chart(at)["layout"]["xaxis"]["type"] == "log"
    assert "At n = 6" in readout(at) and "At n = 1000" in readout(at)
    assert heading(at).endswith("· 20 repeats") and link(at) == {}  # the default view's link is the bare address


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_axis_text_is_dark_enough_on_white_and_the_legend_is_above_the_curves():
    layout = chart(page(**SMALL))["layout"]
    colours = [layout["font"]["color"], layout["legend"]["font"]["color"]]
    for axis in (layout["xaxis"], layout["yaxis"]):
        colours += [axis["tickfont"]["color"], axis["title"]["font"]["color"]]
    assert layout["plot_bgcolor"] == layout["paper_bgcolor"] == "white"
    for colour in colours:
        assert 1.05 / (_luminance(colour) + 0.05) >= 4.5, colour  # WCAG contrast against white
    legend = layout["legend"]
    assert legend["orientation"] == "h" and legend["y"] > 1 and legend["yanchor"] == "bottom"  # outside the plot


def test_a_link_with_registry_keys_sets_the_view():
    at = page(lc_scenario="nb_misspecified", lc_nb_misspecified_copies="2", lc_n_max="100", lc_repeats="10",
              lc_models="nb_shared,lda,logreg", lc_C="10", lc_seed="3")
    assert not link_warnings(at)
    assert at.selectbox(key="lc_scenario").value == "nb_misspecified"
    assert at.slider(key="lc_nb_misspecified_copies").value == 2
    assert at.multiselect(key="lc_models").value == ["nb_shared", "lda", "logreg"]
    assert at.select_slider(key="lc_n_max").value == 100 and at.select_slider(key="lc_C").value == 10.0
    assert at.slider(key="lc_repeats").value == 10 and at.number_input(key="lc_seed").value == 3
    assert heading(at).endswith("· 10 repeats") and "At n = 100" in readout(at)
    assert {NB, "LDA", LR} <= set(names(at))


def test_the_page_writes_its_link_with_keys_not_labels():
    at = page(**SMALL)
    at.selectbox(key="lc_scenario").set_value("nb_misspecified").run()
    at.multiselect(key="lc_models").set_value(["gnb", "logreg"]).run()
    assert link(at) == {"lc_scenario": "nb_misspecified", "lc_models": "gnb,logreg", **SMALL}


def test_an_older_link_with_display_labels_still_opens():
    at = page(lc_scenario="(d) Real data", lc_real_dataset="Wine, cultivars 1 vs 2", lc_n_max="200",
              lc_repeats="10", lc_models=[NB, LR])
    assert not link_warnings(at)
    assert at.selectbox(key="lc_scenario").value == "real" and at.selectbox(key="lc_real_dataset").value == "wine"
    assert link(at) == {"lc_scenario": "real", "lc_real_dataset": "wine", "lc_n_max": "200", "lc_repeats": "10"}


def test_bad_link_values_warn_and_fall_back():
    at = page(lc_scenario="nb_wrong", lc_nb_holds_d="99", lc_repeats="35", lc_models="nb_shared,xgboost",
              lc_n_max="50")
    warned = " ".join(link_warnings(at))
    assert "Unknown scenario 'nb_wrong'" in warned and "Ignored lc_nb_holds_d='99'" in warned
    assert "Ignored lc_repeats='35'" in warned and "'xgboost'" in warned
    assert at.selectbox(key="lc_scenario").value == "nb_holds" and at.slider(key="lc_nb_holds_d").value == 10
    assert at.multiselect(key="lc_models").value == ["nb_shared"] and at.slider(key="lc_repeats").value == 20
    assert all(w.icon == "🔗" for w in at.warning if w.value.startswith("Link:"))
    at.slider(key="lc_repeats").set_value(10).run()  # the user changes the view: the warnings go
    assert not link_warnings(at)


def test_a_menu_switch_keeps_the_view_and_a_new_link_replaces_it():
    at = page(**SMALL)
    at.slider(key="lc_nb_holds_d").set_value(4).run()
    at.switch_page("pages/overview.py").run()
    at.query_params.clear()
    at.switch_page(PAGE).run()  # the menu: no query at all
    assert at.slider(key="lc_nb_holds_d").value == 4
    for key, value in {"lc_scenario": "nb_misspecified", **SMALL}.items():
        at.query_params[key] = value
    at.run()  # a link the page did not write (a tour step, a pasted link)
    assert at.selectbox(key="lc_scenario").value == "nb_misspecified"


def test_both_regimes_is_one_click_from_the_top_and_shows_the_crossover():
    at = page(**SMALL)
    at.button(key="lc_both").click().run()
    assert_clean(at)
    assert at.selectbox(key="lc_scenario").value == "nb_misspecified"
    assert at.slider(key="lc_nb_misspecified_copies").value == 2
    assert link(at) == BOTH_REGIMES.to_query()
    crossing = next(n for n in names(at) if n.startswith("crossover n ≈ "))
    n_cross = float(crossing.split("≈ ")[1])
    assert 50 < n_cross < 200
    assert any(m.value == f"**Both regimes:** {NB} is ahead below n ≈ {n_cross:.0f}, {LR} above it."
               for m in at.markdown)


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


def test_the_slowest_models_are_not_offered_and_a_link_to_them_says_so():
    at = page(**SMALL)
    assert at.multiselect(key="lc_models").options == [MODELS[m].label for m in OFFERED]
    assert NOT_OFFERED and any(c.value.startswith("Not offered here") for c in at.caption)
    at = page(lc_models="mlp,logreg", **SMALL)
    assert at.multiselect(key="lc_models").value == ["logreg"]
    assert any("too slow" in w for w in link_warnings(at))


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
    assert heading(at).endswith("· 30 repeats")
    assert not np.allclose(curve(at, NB), nb)


def test_no_model_selected_shows_a_message_not_a_chart():
    at = page(**SMALL)
    at.multiselect(key="lc_models").set_value([]).run()
    assert_clean(at)
    assert any("Pick at least one model" in i.value for i in at.info)
    assert len(at.get("plotly_chart")) == 0


def test_a_real_pool_smaller_than_the_largest_size_caps_the_curve():
    at = page(lc_scenario="real", lc_real_dataset="wine", lc_n_max="200", lc_repeats="10")
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


def test_a_run_stops_at_the_clock_and_continue_computes_more(monkeypatch):
    monkeypatch.setattr(learning_curves_panels, "CLOCK_SECONDS", 0.0)  # every repeat overruns it
    at = page(**SMALL)
    assert heading(at).endswith("· 1 repeat")
    assert any(i.value.startswith("**1 of the 10 repeats** are computed so far") for i in at.info)
    at.button(key="lc_continue").click().run()
    assert heading(at).endswith("· 2 repeats")
