"""Random walks through the explorer's controls: whatever a visitor clicks, in whatever order,
the page never shows a traceback, always draws its five charts, and its link reproduces it."""

import random

import pytest
from apptest_utils import figure, open_page

from core.datasets import GENERATOR, POOL, datasets_of
from core.models import DISCRIMINATIVE, GENERATIVE, MODELS, models_of
from ui.explorer.scenes import SCENES

PAGE = "pages/explorer.py"
WALKS = 6  # 60 walks passed when this was written (1 minute); raise it to hunt for a bug
CHARTS = ("density_chart", "gen_posterior_chart", "marginal_chart", "disc_posterior_chart", "difference_chart")


def _param_step(at, rng):
    family_key = rng.choice(["gen", "disc"])
    model = at.selectbox(key=family_key).value
    if not MODELS[model].params:
        return f"{family_key} {model} has no settings"
    pname, p = rng.choice(sorted(MODELS[model].params.items()))
    key = f"{family_key}.{model}.{pname}"
    if p.choices:
        value = rng.choice(p.choices)
        at.selectbox(key=key).set_value(value)
    elif p.log:
        value = float(rng.choice(at.select_slider(key=key).options))
        at.select_slider(key=key).set_value(value)
    else:
        steps = int(round((p.high - p.low) / (p.step or 1)))
        value = p.low + rng.randint(0, steps) * (p.step or 1)
        value = int(value) if p.is_int else round(value, 4)
        at.slider(key=key).set_value(value)
    return f"{key}={value}"


STEPS = {
    "dataset": lambda at, rng: at.selectbox(key="dataset").set_value(rng.choice(datasets_of(GENERATOR, POOL))),
    "gen": lambda at, rng: at.selectbox(key="gen").set_value(rng.choice(models_of(GENERATIVE))),
    "disc": lambda at, rng: at.selectbox(key="disc").set_value(rng.choice(models_of(DISCRIMINATIVE))),
    "param": _param_step,
    "n": lambda at, rng: at.slider(key="n_samples").set_value(rng.choice([20, 60, 400, 1200])),
    "seed": lambda at, rng: at.number_input(key="seed").set_value(rng.randint(0, 9999)),
    "test": lambda at, rng: at.slider(key="test_fraction").set_value(rng.choice([0.0, 0.3, 0.8])),
    "res": lambda at, rng: at.slider(key="resolution").set_value(rng.choice([40, 150, 250])),
    "prior_on": lambda at, rng: at.toggle(key="prior_on").set_value(rng.random() < 0.7),
    "prior": lambda at, rng: at.slider(key="prior").set_value(rng.choice([0.01, 0.2, 0.5, 0.99])),
    "sample": lambda at, rng: at.button(key="sample").click(),
    "clear": lambda at, rng: at.button(key="clear_samples").click(),
    "n_new": lambda at, rng: at.slider(key="n_new").set_value(rng.choice([10, 200, 2000])),
    "probe": lambda at, rng: (at.number_input(key="probe_x").set_value(round(rng.uniform(-50, 50), 2)),
                              at.number_input(key="probe_y").set_value(round(rng.uniform(-50, 50), 2))),
    "scene": lambda at, rng: at.selectbox(key="scene").set_value(rng.choice(list(SCENES))),
    "reset": lambda at, rng: at.button(key="reset_view").click(),
}


@pytest.mark.parametrize("walk", range(WALKS))
def test_a_random_walk_never_breaks_the_page_and_its_link_reproduces_it(walk):
    rng = random.Random(walk)
    at = open_page(PAGE)
    history = []
    for _ in range(18):
        name = rng.choice(sorted(STEPS))
        if name == "prior" and not at.toggle(key="prior_on").value:
            name = "prior_on"
        if name == "clear" and at.button(key="clear_samples").disabled:
            name = "sample"
        history.append((name, STEPS[name](at, rng)))
        at.run()
        assert not at.exception, (history, [e.value for e in at.exception])
        for key in CHARTS:
            assert figure(at, key)["data"], (history, key)
    # the address bar reproduces what is on screen, also in a fresh session
    if at.error:  # a setting the models could not learn from: the page shows the last view that worked
        return
    again = open_page(PAGE, dict(at.query_params))
    assert not again.exception and not again.warning, history
    for key in ("gen_posterior_chart", "disc_posterior_chart", "difference_chart"):
        assert figure(again, key)["data"][0]["z"] == figure(at, key)["data"][0]["z"], (history, key)
