"""Demo scenes and the reset: each scene is a valid, shareable view; choosing one sets every widget."""

import re

import pytest
from apptest_utils import assert_clean, figure, n_points, open_page, posterior_percent

from core.datasets import make_dataset, train_test_split
from core.models import fit_model
from ui.explorer.scenes import SCENES, scene_showing
from ui.explorer.state import ExplorerView

PAGE = "pages/explorer.py"


# ---- the scenes themselves -------------------------------------------------------------------

@pytest.mark.parametrize("name", SCENES)
def test_scene_view_round_trips_through_a_link(name):
    view = SCENES[name].view
    again, problems = ExplorerView.from_query(view.to_query())
    assert problems == [] and again == view


@pytest.mark.parametrize("name", SCENES)
def test_scene_models_can_learn_the_scene_data(name):
    view = SCENES[name].view
    dataset, n, noise, share, seed, test_fraction = view.data_key
    train, _ = train_test_split(make_dataset(dataset, n, noise=noise, seed=seed, share=share), test_fraction, seed)
    for model, params in ((view.gen, view.gen_params), (view.disc, view.disc_params)):
        assert fit_model(model, train.X, train.y, **dict(params)).predict_proba(train.X).shape[0] == len(train.y)


def test_each_view_shows_at_most_one_scene():
    for name, scene in SCENES.items():
        assert scene_showing(scene.view) is scene, name
    assert len({s.title for s in SCENES.values()}) == len(SCENES)


def test_a_scene_keeps_showing_while_the_prior_or_probe_moves_but_not_after_a_data_change():
    view = SCENES["straight"].view
    assert scene_showing(ExplorerView(**{**view.__dict__, "prior": 0.7, "probe": (1.0, 2.0)})) is SCENES["straight"]
    assert scene_showing(ExplorerView(**{**view.__dict__, "seed": 5})) is None


def test_a_scene_that_names_a_prior_shows_only_while_that_prior_is_set():
    view = SCENES["rare"].view
    assert scene_showing(ExplorerView(**{**view.__dict__, "probe": (1.0, 2.0)})) is SCENES["rare"]
    assert scene_showing(ExplorerView(**{**view.__dict__, "prior": 0.7})) is None


# ---- choosing a scene in the app -------------------------------------------------------------

def _choose(at, name):
    at.selectbox(key="scene").set_value(name).run()
    assert_clean(at)
    return at


@pytest.mark.parametrize("name", SCENES)
def test_choosing_a_scene_sets_the_widgets_link_and_lesson(name):
    at = open_page(PAGE)
    at.number_input(key="seed").set_value(7).run()  # something to undo first
    scene = SCENES[name]
    _choose(at, name)
    view = scene.view
    assert at.selectbox(key="dataset").value == view.dataset
    assert at.selectbox(key="gen").value == view.gen and at.selectbox(key="disc").value == view.disc
    assert at.number_input(key="seed").value == view.seed
    for pname, value in view.gen_params:
        assert at.get_by_key(f"gen.{view.gen}.{pname}").value == value
    assert dict(at.query_params) == view.to_query()
    assert any(scene.title in i.value for i in at.info), [i.value for i in at.info]
    assert at.selectbox(key="scene").value == name  # the menu names the scene shown
    assert not at.warning and not at.error


def test_the_menu_names_no_scene_once_the_view_leaves_it_and_the_scene_again_when_it_returns():
    at = _choose(open_page(PAGE), "moons")
    at.number_input(key="seed").set_value(5).run()
    assert at.selectbox(key="scene").value is None and not any(SCENES["moons"].title in i.value for i in at.info)
    at.number_input(key="seed").set_value(SCENES["moons"].view.seed).run()
    assert at.selectbox(key="scene").value == "moons"


@pytest.mark.parametrize("name", SCENES)
def test_a_lesson_has_at_most_two_sentences(name):  # a caption a room can read (issue 27)
    sentences = re.findall(r"[.!?](?=\s|$)", SCENES[name].lesson)
    assert 1 <= len(sentences) <= 2, SCENES[name].lesson


def test_rare_class_scene_learns_20_percent_and_applies_50():
    at = _choose(open_page(PAGE), "rare")
    learned = next(c.value for c in at.caption if c.value.startswith("Learned from the training data"))
    p_b = float(re.search(r"P\(B\) = ([0-9]\.[0-9]+)", learned).group(1))
    assert p_b == pytest.approx(0.2, abs=0.03)
    assert at.toggle(key="prior_on").value is True and at.slider(key="prior").value == 0.5
    assert not at.slider(key="prior").disabled


def test_a_scene_resets_settings_it_does_not_name():
    at = open_page(PAGE)
    at.selectbox(key="gen").set_value("qda").run()
    at.slider(key="gen.qda.reg_param").set_value(0.5).run()
    at.number_input(key="probe_x").set_value(1.0).run()
    at.number_input(key="probe_y").set_value(1.0).run()
    _choose(at, "curved")  # QDA again, with its default regularisation and no probe
    assert at.slider(key="gen.qda.reg_param").value == 0.0
    assert at.number_input(key="probe_x").value is None
    assert "probe" not in at.query_params and "gen.reg_param" not in at.query_params


def test_reset_restores_the_default_view_and_drops_samples():
    at = open_page(PAGE)
    default_z = posterior_percent(figure(at, "gen_posterior_chart"))
    at.selectbox(key="dataset").set_value("moons").run()
    at.toggle(key="prior_on").set_value(True).run()
    at.slider(key="prior").set_value(0.2).run()
    at.button(key="sample").click().run()
    assert n_points(figure(at, "density_chart"), "sampled") > 0
    at.button(key="reset_view").click().run()
    assert_clean(at)
    assert dict(at.query_params) == {}
    assert at.selectbox(key="dataset").value == "blobs" and at.toggle(key="prior_on").value is False
    assert n_points(figure(at, "density_chart"), "sampled") == 0
    assert (posterior_percent(figure(at, "gen_posterior_chart")) == default_z).all()


# ---- link warnings ---------------------------------------------------------------------------

def test_a_link_warning_stays_until_the_user_changes_the_view():
    at = open_page(PAGE, {"dataset": "nope"})
    assert any("Unknown dataset" in w.value for w in at.warning)
    at.run()
    assert any("Unknown dataset" in w.value for w in at.warning)  # a plain rerun keeps it
    at.number_input(key="seed").set_value(3).run()
    assert not at.warning


def test_choosing_a_scene_clears_a_link_warning():
    at = open_page(PAGE, {"seed": "abc"})
    assert at.warning
    _choose(at, "moons")
    assert not at.warning
