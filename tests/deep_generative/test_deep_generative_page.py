"""AppTest of "GANs and VAEs": every control, its link, the replay without retraining, bad input as messages.

Short runs (100-300 steps) keep it fast; the page's own settings and their claims are checked in
tests/deep_generative/test_claims_deep.py.
"""

import numpy as np
import pytest
from apptest_utils import assert_clean, figure, open_page

import core.deep
import core.deep_eval
from core.datasets import Dataset
from ui.deep_generative import panels as page
from ui.deep_generative import words as deep_words
from ui.deep_generative.state import DEEP_MODELS, TRAIN_SECONDS, DeepView, max_steps, train_seconds

PAGE = "pages/deep_generative.py"
SHORT = {"steps": "100", "hidden": "8", "n": "100"}  # fast: 70 training points, 100 steps


def _text(at) -> str:
    return " ".join(e.value for kind in ("markdown", "caption", "info", "warning", "error")
                    for e in getattr(at, kind))


@pytest.fixture(scope="module", autouse=True)
def quick_judge():
    """The random-forest judge (1-2 s a call) is checked in test_claims_deep.py; the controls need no verdict."""
    with pytest.MonkeyPatch.context() as mp:
        for module in (core.deep_eval, page):
            mp.setattr(module, "two_sample_accuracy", lambda X_real, X_generated, seed=0: 0.6)
        yield


@pytest.fixture(scope="module")
def at(quick_judge):
    return open_page(PAGE, SHORT, timeout=300)


def test_a_short_run_draws_every_panel_and_says_the_labels_are_ignored(at):
    assert_clean(at)
    for key in ("dg_frame_chart", "dg_curves_chart", "dg_regions_chart", "dg_explicit_chart"):
        assert figure(at, key)["data"], key
    assert [h.value for h in at.header if h.value != "Data and model"] == [
        "Training, replayed", "The trained model, judged", "Explicit and implicit densities"]
    assert "the dataset's labels are ignored" in _text(at)
    assert dict(at.query_params) == SHORT and not at.error


def test_train_its_settings_and_the_failure_modes_are_on_the_page_not_behind_a_phones_sidebar(at):
    keys = ["dg_train", "dg_preset_collapse", "dg_preset_blurry", "dg_preset_defaults"]
    settings = [e for e in at.main.expander if e.label == page.SETTINGS_LABEL]
    assert len(settings) == 1 and [b.key for b in settings[0].button] == keys
    assert {w.key for w in settings[0].slider} == {"dg_n", "dg_hidden", "dg_noise", "dg_steps"}
    assert not at.sidebar.button and not at.sidebar.slider and not at.sidebar.selectbox


def test_the_step_slider_and_play_replay_snapshots_without_retraining(at, monkeypatch):
    def no_training(*args, **kwargs):
        raise AssertionError("retrained")

    monkeypatch.setattr(core.deep.GAN, "fit", no_training)
    steps = at.select_slider(key="dg_step").options
    assert len(steps) == 51 and steps[0] == "0" and steps[-1] == "100"  # a snapshot every 2 steps
    last = figure(at, "dg_frame_chart")
    at.select_slider(key="dg_step").set_value(50).run()
    assert_clean(at)
    assert at.query_params["step"] == "50" and figure(at, "dg_frame_chart") != last
    assert "Step 50 of 100" in _text(at)
    at.button(key="dg_play").click().run()  # shows the frame it starts from, then one more per tick
    assert "Playing: step 50 of 100" in at.get("progress")[0].proto.text
    assert "dg_step" not in [s.key for s in at.select_slider]  # no slider while playing
    at.run()
    assert "Playing: step 52 of 100" in at.get("progress")[0].proto.text
    assert at.query_params["step"] == "52" and "Step 52 of 100" in _text(at)
    at.button(key="dg_pause").click().run()  # the slider is back where playing stopped
    assert at.select_slider(key="dg_step").value == 52
    at.select_slider(key="dg_step").set_value(96).run()
    at.button(key="dg_play").click().run()  # 96
    at.run()  # 98
    at.run()  # 100, the last frame: playing stops by itself
    assert at.select_slider(key="dg_step").value == 100 and at.button(key="dg_play")
    assert "step" not in at.query_params
    assert_clean(at)


def test_play_from_the_last_frame_starts_over():
    at = open_page(PAGE, SHORT, timeout=300)
    at.button(key="dg_play").click().run()
    assert "Playing: step 0 of 100" in at.get("progress")[0].proto.text
    at.run()
    assert "Playing: step 2 of 100" in at.get("progress")[0].proto.text


@pytest.mark.parametrize(("widget", "key", "value", "query"), [
    ("selectbox", "dg_dataset", "moons", ("dataset", "moons")),
    ("slider", "dg_n", 160, ("n", "160")),
    ("number_input", "dg_seed", 3, ("seed", "3")),
    ("slider", "dg_hidden", 12, ("hidden", "12")),
    ("slider", "dg_steps", 200, ("steps", "200")),
    ("select_slider", "dg_lr", 1e-2, ("lr", "0.01")),
    ("select_slider", "dg_batch", 32, ("batch", "32")),
    ("slider", "dg_noise", 3, ("noise", "3")),
    ("number_input", "dg_tseed", 5, ("tseed", "5")),
])
def test_each_training_setting_applies_on_train_and_goes_into_the_link(widget, key, value, query):
    at = open_page(PAGE, SHORT, timeout=300)
    getattr(at, widget)(key=key).set_value(value).run()
    assert at.query_params.get(query[0]) != query[1]  # a form: nothing changes before Train
    getattr(at, widget)(key=key).set_value(value)
    at.button(key="dg_train").click().run()
    assert_clean(at)
    assert at.query_params[query[0]] == query[1]
    assert figure(at, "dg_frame_chart")["data"]


def test_the_vae_and_its_beta_draw_the_latent_space():
    at = open_page(PAGE, SHORT, timeout=300)
    at.radio(key="dg_model").set_value("vae")
    at.select_slider(key="dg_beta").set_value(3.0)
    at.button(key="dg_train").click().run()
    assert_clean(at)
    assert at.query_params["model"] == "vae" and at.query_params["beta"] == "3"
    latent = figure(at, "dg_latent_chart")
    assert any("label unseen" in t.get("name", "") for t in latent["data"])
    assert "ELBO" in _text(at) and "KL term" in _text(at)


def test_the_explicit_model_choice_redraws_and_goes_into_the_link(at):
    before = figure(at, "dg_explicit_chart")
    at.selectbox(key="dg_explicit").set_value("kde").run()
    assert_clean(at)
    assert at.query_params["explicit"] == "kde" and figure(at, "dg_explicit_chart") != before
    assert "| Kernel density per class (explicit) |" in _text(at)


@pytest.mark.parametrize("preset", list(page.PRESETS))
def test_each_failure_mode_button_loads_its_setting(preset, monkeypatch):
    at = open_page(PAGE, SHORT, timeout=300)
    monkeypatch.setattr(page, "trained", lambda view: (_ for _ in ()).throw(ValueError(f"stub {view.model}")))
    at.button(key=f"dg_preset_{preset}").click().run()
    target = page.PRESETS[preset][1]
    assert at.radio(key="dg_model").value == target.model and at.selectbox(key="dg_dataset").value == target.dataset
    assert at.select_slider(key="dg_lr").value == target.lr and at.slider(key="dg_steps").value == target.n_steps
    assert any(f"stub {target.model}" in e.value for e in at.error)  # it trains at once, no Train click needed


def test_a_bad_link_says_what_it_ignored():
    at = open_page(PAGE, {**SHORT, "model": "diffusion", "lr": "0.5", "batch": "x"}, timeout=300)
    assert_clean(at)
    warnings = " ".join(w.value for w in at.warning)
    assert "Unknown model 'diffusion'" in warnings and "lr='0.5'" in warnings and "batch='x'" in warnings


# ---- the view alone (no Streamlit) -------------------------------------------------------------

def test_the_view_round_trips_through_its_link_with_keys_not_labels():
    view = DeepView(dataset="moons", model="vae", hidden=16, n_steps=500, lr=3e-3, batch_size=128, beta=10.0,
                    train_seed=4, step=250, explicit="kde", n_samples=600, seed=2, noise_dim=3)
    query = view.to_query()
    assert query == {"dataset": "moons", "model": "vae", "explicit": "kde", "n": "600", "seed": "2", "hidden": "16",
                     "steps": "500", "noise": "3", "tseed": "4", "step": "250", "lr": "0.003", "batch": "128",
                     "beta": "10"}
    assert DeepView.from_query(query) == (view, [])
    assert DeepView().to_query() == {} and DeepView.from_query({}) == (DeepView(), [])


@pytest.mark.parametrize(("query", "problem"), [
    ({"step": "400", "steps": "100"}, "training has only 100 steps"),
    ({"steps": "99999"}, "must be between 100 and 4000"),
    ({"beta": "2"}, "choose one of 0.1, 0.3, 1, 3, 10, 30, 100"),
    ({"explicit": "logreg"}, "Unknown explicit density model"),
    ({"dataset": ["xor", "nope"]}, "Unknown dataset 'nope'"),
])
def test_a_bad_value_falls_back_with_one_sentence(query, problem):
    view, problems = DeepView.from_query(query)
    assert len(problems) == 1 and problem in problems[0]
    assert view.step is None or "step" not in query


def test_the_train_key_ignores_what_does_not_change_the_model():
    gan, vae = DeepView(), DeepView(model="vae")
    assert DeepView(beta=10.0, step=200, explicit="kde").train_key == gan.train_key  # beta is the VAE's
    assert DeepView(model="vae", noise_dim=5).train_key == vae.train_key  # the noise is the GAN's
    assert gan.train_key != vae.train_key and DeepView(train_seed=1).train_key != gan.train_key


def test_the_defaults_and_the_presets_train_every_step_they_ask_for():
    for view in (DeepView(), *(v for _, v in page.PRESETS.values())):
        assert view.trained_steps == view.n_steps and deep_words.budget_note(view) == "", view


def test_the_most_expensive_training_is_cut_to_its_budget_and_the_page_says_so():
    worst = DeepView(model="gan", hidden=48, batch_size=128, n_steps=4000)
    assert worst.trained_steps < 4000 and worst.trained_steps % 100 == 0
    assert train_seconds("gan", 48, 128, worst.trained_steps) <= TRAIN_SECONDS
    assert train_seconds("gan", 48, 128, worst.trained_steps + 100) > TRAIN_SECONDS
    assert worst.model_params()["n_steps"] == worst.trained_steps and worst.to_query()["steps"] == "4000"  # as asked
    assert f"train at most {worst.trained_steps:,} steps" in deep_words.budget_note(worst)


def test_wider_networks_and_larger_batches_train_fewer_steps_within_the_budget():
    for model in DEEP_MODELS:
        assert max_steps(model, 48, 128) <= max_steps(model, 48, 16) <= max_steps(model, 4, 16)
        assert max_steps(model, 48, 128) <= max_steps(model, 4, 128)


def test_data_no_model_can_learn_is_a_message_not_a_traceback(monkeypatch):
    at = open_page(PAGE, SHORT, timeout=300)
    flat = Dataset(np.ones((50, 2)), np.repeat([0, 1], 25), ("A", "B"))
    monkeypatch.setattr(page.cache, "load_data", lambda key: (flat, flat))
    at.number_input(key="dg_seed").set_value(11)  # a setting not trained before
    at.button(key="dg_train").click().run()
    assert_clean(at)
    assert any("cannot be trained" in e.value and "All the points are the same" in e.value for e in at.error)
