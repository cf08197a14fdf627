"""The gallery page under AppTest: one chart per registry model, every widget, the link in and out, bad links."""

from dataclasses import replace

import pytest
from apptest_utils import assert_clean, figure, first_z, open_page

from core.models import DISCRIMINATIVE, GENERATIVE, MODELS, models_of
from ui.gallery.state import OFFERED, GalleryView

PAGE = "pages/gallery.py"



def tiles(at) -> dict:
    return {name: figure(at, f"gl_tile_{name}") for name in MODELS}


def link_warnings(at) -> list:
    return [w.value for w in at.warning if w.value.startswith("Link:")]


@pytest.fixture(scope="module")
def at():
    return open_page(PAGE)


def test_one_chart_per_registry_model_generative_first(at):
    assert_clean(at)
    charts = at.get("plotly_chart")
    assert len(charts) == len(MODELS)
    order = [c.proto.id for c in charts]
    assert all(f"gl_tile_{n}" in i for n, i in zip(models_of(GENERATIVE) + models_of(DISCRIMINATIVE), order))
    assert not link_warnings(at)
    assert at.title[0].value.startswith("🖼️ Every model")


def test_tiles_are_small_and_compact(at):
    total = sum(len(c.proto.spec) for c in at.get("plotly_chart"))
    assert total < 160_000, total  # twelve maps: coarse uint8 grids, no template
    for fig in tiles(at).values():
        surface = fig["data"][0]
        assert surface["z"]["dtype"] == "u1" and first_z(fig).shape == (60, 60)
        assert not fig["layout"]["xaxis"]["showticklabels"] and not fig["layout"]["yaxis"]["showticklabels"]
        assert fig["layout"]["title"]["font"]["size"] >= 18
        assert all(a["font"]["size"] >= 18 for a in fig["layout"]["annotations"])


def test_the_dataset_switch_redraws_every_tile():
    at = open_page(PAGE)
    before = {n: first_z(f) for n, f in tiles(at).items()}
    at.selectbox(key="gl_dataset").set_value("circles").run()
    assert_clean(at)
    assert at.query_params["dataset"] == "circles"
    after = tiles(at)
    assert len(after) == len(MODELS)
    assert all((first_z(after[n]) != before[n]).any() for n in MODELS)


@pytest.mark.parametrize("key, value, param", [("gl_n", 800, "n"), ("gl_seed", 3, "seed"),
                                               ("gl_noise.moons", 0.35, "noise")])
def test_each_data_widget_changes_the_maps_and_the_link(key, value, param):
    at = open_page(PAGE)
    before = first_z(figure(at, "gl_tile_kde"))
    widget = at.number_input(key=key) if key == "gl_seed" else at.slider(key=key)
    widget.set_value(value).run()
    assert_clean(at)
    assert float(at.query_params[param]) == value
    assert (first_z(figure(at, "gl_tile_kde")) != before).any()


def test_the_contours_switch_adds_p_x_given_y_to_the_generative_tiles_only():
    at = open_page(PAGE)
    at.toggle(key="gl_contours").set_value(True).run()
    assert_clean(at)
    assert at.query_params["contours"] == "1"
    for name, fig in tiles(at).items():
        lines = [t for t in fig["data"] if t.get("name", "").startswith("p(x | ")]
        assert len(lines) == (2 if MODELS[name].family == GENERATIVE else 0), name
    at.toggle(key="gl_contours").set_value(False).run()
    assert "contours" not in at.query_params
    assert not any(t.get("name", "").startswith("p(x") for f in tiles(at).values() for t in f["data"])


def test_presenter_mode_puts_six_tiles_a_row_and_folds_the_words():
    at = open_page(PAGE)
    at.toggle(key="gl_present").set_value(True).run()
    assert_clean(at)
    assert at.query_params["present"] == "1"
    assert not at.title  # the slide: controls, two rows of maps
    assert len(at.get("plotly_chart")) == len(MODELS)
    assert all(f["layout"]["height"] <= 240 for f in tiles(at).values())
    assert at.expander[0].proto.expanded is False


def test_a_link_opens_its_view_and_shows_no_warning():
    at = open_page(PAGE, {"dataset": "xor", "noise": "0.6", "seed": "7", "n": "600", "contours": "1", "present": "1"})
    assert_clean(at)
    assert not link_warnings(at)
    assert at.selectbox(key="gl_dataset").value == "xor"
    assert at.slider(key="gl_noise.xor").value == 0.6
    assert (at.slider(key="gl_n").value, at.number_input(key="gl_seed").value) == (600, 7)
    assert at.toggle(key="gl_contours").value and at.toggle(key="gl_present").value


def test_a_bad_link_gives_one_warning_and_the_defaults():
    at = open_page(PAGE, {"dataset": "csv", "n": "5", "seed": "x", "noise": "9", "contours": "maybe",
                          "present": "<b>"})
    assert_clean(at)
    warnings = link_warnings(at)
    assert len(warnings) == 1 and "problems" in warnings[0]
    assert "<b>" not in warnings[0]  # the user's string is text, escaped
    assert at.selectbox(key="gl_dataset").value == GalleryView.dataset
    assert len(at.get("plotly_chart")) == len(MODELS)
    at.slider(key="gl_n").set_value(500).run()  # the user changes the view: the warning about the link goes
    assert not link_warnings(at)


def test_a_fixed_dataset_has_no_noise_and_a_link_that_sets_one_is_told():
    at = open_page(PAGE, {"dataset": "iris", "noise": "0.3"})
    assert_clean(at)
    assert any("fixed dataset has no noise" in w for w in link_warnings(at))
    assert not [s for s in at.slider if s.key.startswith("gl_noise")]
    assert len(at.get("plotly_chart")) == len(MODELS)


def test_a_model_that_cannot_learn_the_data_says_why_in_its_place(monkeypatch):
    # no offered dataset makes a model fail at its defaults (20 points, 30 seeds each, tried): one is made to fail
    class Failing:
        def fit(self, X, y):
            raise ValueError("no luck <b>here</b>")

    monkeypatch.setitem(MODELS, "gmm", replace(MODELS["gmm"], build=lambda **_: Failing()))
    at = open_page(PAGE, {"seed": "9912"})  # a seed no other test fits with
    assert_clean(at)
    assert len(at.info) == 1 and "could not be fitted on this data" in at.info[0].value
    assert "<b>" not in at.info[0].value
    assert "gl_tile_gmm" not in [c.proto.id for c in at.get("plotly_chart")]
    assert len(at.get("plotly_chart")) == len(MODELS) - 1


def test_every_offered_dataset_draws_every_model():
    at = open_page(PAGE)
    for name in OFFERED:
        at.selectbox(key="gl_dataset").set_value(name).run()
        assert_clean(at)
        assert len(at.get("plotly_chart")) == len(MODELS), name
