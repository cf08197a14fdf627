"""Presenter mode and readable maps: the link's ``present=1``, the strip of lecture controls, next scene,
and figures with axes, dark text and one legend a row (the browser tests check what fits on a screen)."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from apptest_utils import figure, open_page
from hypothesis import given
from hypothesis import strategies as st

from core.evaluation import BayesRuleAt
from core.figures import explorer as figures
from core.figures import layout as figure_layout
from core.mathutil import bayes_rule
from core.surfaces import make_grid
from ui.explorer.probe import _text_from_log, bayes_terms, shown_log
from ui.explorer.scenes import SCENES
from ui.explorer.state import ExplorerView

PAGE = "pages/explorer.py"


def _contrast(hex_color: str, background=(255, 255, 255)) -> float:
    def lum(rgb):
        c = [v / 255 for v in rgb]
        c = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    rgb = [int(hex_color[i:i + 2], 16) for i in (1, 3, 5)]
    hi, lo = sorted((lum(rgb), lum(background)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_present_round_trips_the_link_and_a_bad_value_warns():
    view = ExplorerView(present=True)
    assert view.to_query() == {"present": "1"} and ExplorerView.from_query({"present": "1"}) == (view, [])
    _, problems = ExplorerView.from_query({"present": "yes please"})
    assert problems and "present" in problems[0]


def test_a_present_link_opens_presenter_mode_with_the_lecture_controls_in_one_strip():
    at = open_page(PAGE, {"present": "1"})
    assert not at.exception and at.toggle(key="present").value
    assert not at.title  # the page's title and intro fold away; the maps carry the words
    for key in ("scene", "dataset", "gen", "disc"):
        assert key not in {w.key for w in at.sidebar.selectbox}  # in the strip, not behind the sidebar
    assert at.slider(key="prior") is not None and at.button(key="sample") and at.button(key="next_scene")
    assert figure(at, "gen_posterior_chart")["layout"]["title"]["text"] == "Gaussian naive Bayes: P(y | x)"
    assert at.query_params["present"] in ("1", ["1"])


def test_next_scene_steps_through_the_scenes_in_order_and_keeps_presenter_mode():
    at = open_page(PAGE, {"present": "1"})
    keys = list(SCENES)
    assert SCENES[keys[0]].shows(ExplorerView())  # the default view is the first scene
    for key in keys[1:3]:
        at.button(key="next_scene").click().run()
        view = SCENES[key].view
        assert at.selectbox(key="dataset").value == view.dataset and at.selectbox(key="gen").value == view.gen
        assert at.toggle(key="present").value and not at.exception
    at.selectbox(key="scene").set_value("three").run()
    assert at.toggle(key="present").value and at.selectbox(key="disc").value == "knn"


def test_presenter_mode_switches_off_and_the_page_comes_back():
    at = open_page(PAGE, {"present": "1"})
    at.toggle(key="present").set_value(False).run()
    assert at.title and "present" not in at.query_params and not at.exception
    assert "scene" not in {w.key for w in at.sidebar.selectbox}  # the scene menu is on the page for a phone


def test_the_prior_slider_in_the_strip_moves_the_boundary_and_the_link():
    at = open_page(PAGE, {"present": "1"})
    at.toggle(key="prior_on").set_value(True).run()
    at.slider(key="prior").set_value(0.2).run()
    assert at.query_params["prior"] in ("0.2", ["0.2"]) and not at.exception


# ---- the figures --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def two():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 2))
    y = (X[:, 0] > 0).astype(int)
    grid = make_grid(X, 40)
    p1 = 1 / (1 + np.exp(-3 * grid.points[:, 0].reshape(grid.shape)))
    return grid, np.stack([1 - p1, p1]), X, y


def test_maps_have_numbered_axes_named_x1_and_x2_in_dark_text(two):
    grid, proba, X, y = two
    layout = figures.posterior_figure(grid, proba, ("A", "B"), points=(X, y)).to_plotly_json()["layout"]
    for axis, name in (("xaxis", "x₁"), ("yaxis", "x₂")):
        assert layout[axis]["showticklabels"] and layout[axis]["title"]["text"] == name
        assert _contrast(layout[axis]["tickfont"]["color"]) >= 4.5
    assert _contrast(layout["title"]["font"]["color"]) >= 4.5 and _contrast(figure_layout.TEXT) >= 4.5


def test_colour_bars_have_dark_numbers_and_titles(two):
    grid, proba, X, y = two
    fig = figures.posterior_figure(grid, proba, ("A", "B")).to_plotly_json()
    bar = fig["data"][0]["colorbar"]
    assert _contrast(bar["tickfont"]["color"]) >= 4.5 and _contrast(bar["title"]["font"]["color"]) >= 4.5


def test_one_legend_a_row_the_others_hide_theirs(two):
    grid, proba, X, y = two
    assert not figures.posterior_figure(grid, proba, ("A", "B"), legend=False).layout.showlegend
    assert figures.density_figure(grid, np.log(proba + 1e-3), ("A", "B")).layout.showlegend


def test_explorer_shows_one_legend_in_each_row():
    at = open_page(PAGE)
    shown = {key: figure(at, key)["layout"].get("showlegend", True) for key in
             ("density_chart", "gen_posterior_chart", "marginal_chart", "disc_posterior_chart", "difference_chart")}
    assert shown == {"density_chart": True, "gen_posterior_chart": False, "marginal_chart": False,
                     "disc_posterior_chart": True, "difference_chart": False}


def test_for_projector_enlarges_text_markers_and_lines_and_leaves_the_original(two):
    grid, proba, X, y = two
    fig = figures.posterior_figure(grid, proba, ("A", "B"), points=(X, y))
    before = json.dumps(fig.to_plotly_json(), sort_keys=True, default=str)
    big = figure_layout.for_projector(fig, "LDA: P(y | x)", legend=False).to_plotly_json()
    assert json.dumps(fig.to_plotly_json(), sort_keys=True, default=str) == before
    layout = big["layout"]
    assert layout["title"]["text"] == "LDA: P(y | x)" and layout["showlegend"] is False
    assert min(layout["font"]["size"], layout["xaxis"]["tickfont"]["size"], layout["title"]["font"]["size"]) >= 18
    points = [t for t in big["data"] if t.get("name") == "A"][0]
    assert points["marker"]["size"] > 7 and big["data"][0]["line"]["width"] > 3.5


# ---- the caption band and the probe's line (issue 27) -----------------------------------------------

def _band(at) -> list:
    """The caption band's paragraphs: the scene's words, then the probe's line."""
    return [m.value for m in at.markdown if m.value.startswith(("🎬", "At x"))]


def test_next_scene_names_the_scene_in_the_band_and_the_menu_and_the_band_says_when_the_view_leaves_it():
    at = open_page(PAGE, {"present": "1"})
    for key in list(SCENES)[1:3]:
        at.button(key="next_scene").click().run()
        scene = SCENES[key]
        assert _band(at)[0] == f"🎬 **{scene.title}.** {scene.lesson}"  # the lesson verbatim, no second caption
        box = at.selectbox(key="scene")
        assert box.value == key and scene.title in box.label  # the box names the scene, its label in full
    at.selectbox(key="dataset").set_value("moons").run()  # the view leaves the scene
    assert at.selectbox(key="scene").value is None
    assert _band(at)[0].startswith("🎬 **No scene:**") and not any(s.title in _band(at)[0] for s in SCENES.values())
    assert not at.exception


def test_the_band_goes_outside_presenter_mode_when_the_view_leaves_the_scene():
    at = open_page(PAGE)
    assert any(SCENES["start"].title in i.value for i in at.info)
    at.number_input(key="seed").set_value(5).run()
    assert not any(s.title in i.value for s in SCENES.values() for i in at.info) and not _band(at)


def test_moving_p_y_off_a_scene_s_prior_empties_the_menu_too():  # the slider reruns only the panels: the menu follows
    at = open_page(PAGE, {"present": "1", "share": "0.2", "prior": "0.5"})
    assert at.selectbox(key="scene").value == "rare"
    at.slider(key="prior").set_value(0.7).run()
    assert at.selectbox(key="scene").value is None and _band(at)[0].startswith("🎬 **No scene:**")


LINE = re.compile(r"P\((\w+) \| x\\\*\) = ([0-9.]+) · ([0-9.]+(?: × 10[⁻⁰-⁹]+)?) / ([0-9.]+(?: × 10[⁻⁰-⁹]+)?) = "
                  r"\*\*([0-9.]+)\*\*.*P\(\1 \| x\\\*\) = \*\*([0-9.]+)\*\*")


@pytest.mark.parametrize("query", [{"present": "1", "probe": "0.5,0.5"}, {"probe": "-1.2,0.3"},
                                   {"present": "1", "dataset": "circles", "gen": "qda", "probe": "0.9,-0.4"},
                                   {"present": "1", "dataset": "three_gaussians", "probe": "0.2,1.0"},
                                   {"present": "1", "share": "0.2", "prior": "0.37", "prior_disc": "1",
                                    "probe": "1,1"}])
def test_the_probe_line_s_terms_give_its_result_and_both_agree_with_the_worked_numbers(query):
    at = open_page(PAGE, query)
    assert not at.exception
    line = next(b for b in _band(at) if b.startswith("At x"))
    m = LINE.search(line)
    assert m, line
    who, prior, lik, px, gen, disc = m.groups()
    assert f"{np.exp(shown_log(prior) + shown_log(lik) - shown_log(px)):.2f}" == gen  # the shown terms give the result
    worked = " ".join(x.value for x in at.latex)
    three = float(re.search(rf"\\text{{{who}}}:.*?\\mathbf{{([0-9.]+)}}", worked).group(1))
    assert abs(three - float(gen)) <= 0.005 + 1e-9  # the worked numbers below, to 3 decimals
    section = next(x.value for x in at.markdown if f"P(y={who} | x\\*) = **" in x.value)
    three = float(re.search(rf"P\(y={who} \| x\\\*\) = \*\*([0-9.]+)\*\*", section).group(1))
    assert abs(three - float(disc)) <= 0.005 + 1e-9
    x_star = tuple(float(v) for v in query["probe"].split(","))
    assert line.startswith(f"At x\\* = ({x_star[0]:.2f}, {x_star[1]:.2f}):")


def test_the_probe_line_is_on_the_projector_from_the_start_and_elsewhere_only_after_a_probe():
    assert any(b.startswith("At x") for b in _band(open_page(PAGE, {"present": "1"})))
    at = open_page(PAGE)
    assert not any(b.startswith("At x") for b in _band(at))
    at.number_input(key="probe_x").set_value(1.0).run()
    at.number_input(key="probe_y").set_value(0.5).run()
    assert any(b.startswith("At x\\* = (1.00, 0.50):") for b in _band(at))


@given(st.lists(st.floats(-3000, 5), min_size=2, max_size=3), st.lists(st.floats(0.01, 1.0), min_size=3, max_size=3))
def test_the_shown_terms_always_give_the_shown_posterior(log_lik, weights):
    log_lik = np.array(log_lik)
    priors = np.array(weights[:len(log_lik)]) / np.sum(weights[:len(log_lik)])
    posterior, log_px = bayes_rule(log_lik, priors)
    bayes = BayesRuleAt((0.0, 0.0), log_lik, priors, float(log_px), posterior)
    for k in range(len(log_lik)):
        prior, lik, px = bayes_terms(bayes, k)
        assert f"{np.exp(shown_log(prior) + shown_log(lik) - shown_log(px)):.2f}" == f"{posterior[k]:.2f}"


def test_terms_far_from_the_data_are_written_with_a_power_of_ten():
    assert _text_from_log(np.log(3.14e-300), 2) == "3.1 × 10⁻³⁰⁰"
    assert shown_log("3.1 × 10⁻³⁰⁰") == pytest.approx(np.log(3.1e-300)) and shown_log("0.0421") == np.log(0.0421)
    assert _text_from_log(np.log(0.04213), 3) == "0.0421" and _text_from_log(np.log(12.5), 2) == "13"
