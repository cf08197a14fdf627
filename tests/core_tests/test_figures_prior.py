"""The map that carries its own P(y) slider: what it shows under every prior is Bayes' rule.

A colour at z under prior b must be the two-class colour of sigmoid(z + b); the boundary line sits at
log-odds -b; every slider step restyles exactly those numbers; the shown posterior is within the int8
quantisation (1/12 of a logit, about 2 points of probability) of the model's.
"""

import numpy as np
import pytest
from apptest_utils import boundary_level, posterior_percent

from core.datasets import make_dataset
from core.figures import prior as fp
from core.figures.explorer import _two_class_colorscale
from core.figures.layout import TEXT
from core.models import fit_model
from core.prior_shift import reweight_proba
from core.surfaces import compute_surfaces, make_grid


def _colour_at(scale, t):
    return fp._interpolate(scale, t)


@pytest.mark.parametrize("prior", [0.01, 0.2, 0.5, 0.77, 0.99])
@pytest.mark.parametrize("log_odds", [-15.0, -2.0, -0.3, 0.0, 0.4, 3.0, 15.0])
def test_the_colour_at_z_under_a_prior_is_the_colour_of_its_posterior(prior, log_odds):
    base = _two_class_colorscale()
    scale = fp.sigmoid_colorscale(base)
    v = fp.shift(prior)
    z = fp.quantised_log_odds(np.array([log_odds]))[0]
    t = (z - v["zmin"]) / (v["zmax"] - v["zmin"])  # where plotly reads the colour scale
    posterior = 1 / (1 + np.exp(-(z / fp.LOG_ODDS_STEPS + np.log(prior / (1 - prior)))))
    got, want = fp._rgb(_colour_at(scale, t)), fp._rgb(_colour_at(base, posterior))
    assert 0 <= t <= 1
    assert np.abs(got - want).max() <= 6, (got, want)  # the scale's stops are dense enough to look the same


def test_the_boundary_level_is_minus_the_prior_log_odds_and_every_step_restyles_it():
    for p in (0.1, 0.5, 0.9):
        assert fp.shift(p)["level"] == pytest.approx(-np.log(p / (1 - p)) * fp.LOG_ODDS_STEPS)
    slider = fp.prior_slider(0.3, [0], [1], "P(y = B)")
    assert len(slider["steps"]) == 99 and slider["steps"][slider["active"]]["value"] == "0.30"
    # the thumb's value is shown in the text colour (the step labels under the rail are transparent: 99 of them)
    assert slider["currentvalue"]["font"]["color"] == TEXT and slider["font"]["color"] == "rgba(0,0,0,0)"
    assert not any(step["execute"] for step in slider["steps"])  # the page draws each step (ui/explorer/prior_drag.py)
    for step, p in zip(slider["steps"], fp.PRIORS):
        update, indices = step["args"]
        assert indices == [0, 1] and update == fp.follow_update(p)


def test_quantised_log_odds_clip_infinities_and_nan():
    z = fp.quantised_log_odds(np.array([np.inf, -np.inf, np.nan, 1.0, 100.0]))
    assert z.dtype == np.int8 and z.tolist() == [127, -127, 0, 6, 127]
    assert fp.llr_from_log_density(np.array([[-np.inf], [-np.inf]])).tolist() == [0.0]


def _fig_dict(fig):
    import json
    return json.loads(fig.to_json())


@pytest.mark.parametrize("prior", [0.05, 0.5, 0.8])
def test_the_generative_map_shows_bayes_rule_for_its_prior(prior):
    data = make_dataset("moons", 300, seed=0)
    model = fit_model("qda", data.X, data.y)
    grid = make_grid(data.X, 80)
    surf = compute_surfaces(model, grid)
    fig = _fig_dict(fp.posterior_figure(grid, fp.llr_from_log_density(surf.log_density), prior, data.class_names))
    want = 100 * model.with_priors([1 - prior, prior]).predict_proba(grid.points)[:, 1].reshape(grid.shape)
    assert np.abs(posterior_percent(fig) - want).max() <= 2.2
    assert boundary_level(fig) == pytest.approx(fp.shift(prior)["level"])


def test_the_reweighted_discriminative_map_follows_the_formula_and_has_no_slider_of_its_own():
    data = make_dataset("blobs", 300, seed=1, share=0.2)
    model = fit_model("logreg", data.X, data.y)
    grid = make_grid(data.X, 60)
    proba = model.predict_proba(grid.points)
    train = np.mean(data.y == 1)
    fig = _fig_dict(fp.posterior_figure(grid, fp.log_odds_from_proba(proba[:, 1].reshape(grid.shape), train), 0.5,
                                        data.class_names, slider=False))
    want = 100 * reweight_proba(proba, (1 - train, train), (0.5, 0.5))[:, 1].reshape(grid.shape)
    assert np.abs(posterior_percent(fig) - want).max() <= 2.2
    assert "sliders" not in fig["layout"]
