"""The figures' shared layout (core/figures/layout.py): typed arrays, percent, added traces, axes, room for the
colour bar and the legend, and the size of what the default scene sends to the browser."""

import copy
import json

import numpy as np
import plotly.graph_objects as go
import plotly.io
import pytest

from core.figures import explorer as figures
from core.figures import layout as figure_layout
from core.figures.powers import legend_at_bottom
from core_tests.figure_cases import CORNERS, KINDS, SIZE_TARGET, decode, revalidated, scene_of


@pytest.mark.parametrize("values", [np.arange(6, dtype=np.uint8).reshape(2, 3), np.array([-100, 0, 100], np.int8),
                                    np.array([0.5, -1.25], np.float32)])
def test_typed_array_decodes_back_to_the_array(values):
    out = decode(figure_layout.typed_array(values))
    assert out.dtype == values.dtype and np.array_equal(out, values)


def test_to_percent_clips_and_rounds_to_uint8():
    out = figure_layout.to_percent([-0.2, 0.004, 0.126, 0.999, 1.7])
    assert out.dtype == np.uint8
    assert out.tolist() == [0, 0, 13, 100, 100]


def test_with_traces_returns_a_new_figure_with_the_extra_traces(two):
    base = KINDS["density"](two)
    extra = figures.point_traces(CORNERS, [0, 1], two.names, kind="sample")
    out = figure_layout.with_traces(base, extra)
    assert out is not base
    assert len(out.data) == len(base.data) + len(extra)
    assert out.layout.title.text == base.layout.title.text


def test_with_traces_leaves_the_original_unchanged(two):
    base = KINDS["density"](two)
    n_before = len(base.data)
    figure_layout.with_traces(base, figures.point_traces(CORNERS, [0, 1], two.names, kind="sample"))
    assert len(base.data) == n_before


def test_layout_axes_span_the_grid(two):
    layout = figure_layout.base_layout(two.grid, "t")
    assert layout["xaxis"]["range"] == [two.grid.xs[0], two.grid.xs[-1]]
    assert layout["yaxis"]["range"] == [two.grid.ys[0], two.grid.ys[-1]]
    assert layout["yaxis"]["scaleanchor"] == "x"


# ---- room for the colour bar and the legend: plotly.js draws each map once ---------------------

def _margin(fig) -> dict:
    return fig.to_plotly_json()["layout"]["margin"]


def test_a_map_with_a_colour_bar_reserves_its_width_and_one_without_does_not(three):
    bar = _margin(figures.marginal_figure(three.grid, three.gen.log_px, legend=False))
    regions = _margin(figures.posterior_figure(three.grid, three.gen.proba, three.names, legend=False))
    room = figure_layout.ROOM
    assert bar["r"] == room["colorbar"] and regions["r"] == room["r"]  # K >= 3: no colour bar


def test_a_legend_underneath_gets_room_for_its_entries_and_a_hidden_one_none(scene):
    shown = _margin(KINDS["density"](scene))
    hidden = _margin(figures.density_figure(scene.grid, scene.gen.log_density, scene.names, points=scene.points,
                                            legend=False))
    rows = max(0, len(scene.names) - 2)  # two entries share a row; three or more take one row each
    assert shown["b"] == figure_layout.ROOM["legend"] + rows * figure_layout.ROOM["legend_row"]
    assert hidden["b"] == figure_layout.ROOM["b"]


def test_a_legend_at_the_container_s_bottom_is_left_its_own_room_by_plotly(scene):  # the EM chart's (issue 27)
    layout = legend_at_bottom(figure_layout.base_layout(scene.grid, "t"))
    margin = figure_layout._reserve_room(layout, [dict(type="scatter", name=n) for n in "abcde"])["margin"]
    assert layout["legend"]["yref"] == "container" and layout["legend"]["y"] == 0
    assert margin["b"] == figure_layout.ROOM["b"]  # plotly.js reserves the legend's rows below this margin


def test_the_projector_copy_reserves_the_projector_room_and_keeps_a_wider_margin_it_was_given(two):
    fig = figures.posterior_figure(two.grid, two.gen.proba, two.names, points=two.points, clickable=True)
    room = figure_layout.PROJECTOR_ROOM
    assert _margin(figure_layout.for_projector(fig, legend=False)) == {
        "l": room["l"], "r": room["colorbar"], "t": room["t"], "b": room["b"]}
    fig.layout.margin.b = 300  # e.g. room for a slider under the map
    assert _margin(figure_layout.for_projector(fig, legend=False))["b"] == 300


# ---- the default scene: size of what goes to the browser ------------------------------------------

@pytest.fixture(scope="module")
def default_scene():
    """The explorer's default view: blobs, 400 points, gnb vs logreg, a 150 x 150 grid."""
    return scene_of("blobs", "gnb", n_samples=400, resolution=150)


DEFAULT_PANELS = ["density", "posterior", "disc_posterior", "marginal", "difference"]


@pytest.mark.parametrize("panel", DEFAULT_PANELS)
def test_default_scene_panel_json_is_within_the_size_target(default_scene, panel):
    size = len(KINDS[panel](default_scene).to_json())
    assert size <= SIZE_TARGET, f"{panel}: {size} bytes of JSON"


def test_default_density_panel_with_200_samples_is_within_the_size_target(default_scene):
    X, y = default_scene.points
    fig = figure_layout.with_traces(KINDS["density"](default_scene),
                                     figures.point_traces(X[:200], y[:200], default_scene.names, kind="sample"))
    size = len(fig.to_json())
    assert size <= SIZE_TARGET, f"density with samples: {size} bytes of JSON"


def test_default_scene_panels_pass_plotly_validation(default_scene):
    for panel in DEFAULT_PANELS:
        fig = KINDS[panel](default_scene)
        assert len(revalidated(fig).data) == len(fig.data), panel


@pytest.mark.parametrize("kind", KINDS)
def test_a_figure_s_own_dict_is_what_plotly_would_send(scene, kind):
    # BuiltFigure.to_dict skips plotly's deep copy: the browser must get the same figure either way
    fig = KINDS[kind](scene)
    sample = figure_layout.with_traces(fig, figures.point_traces(*scene.points, scene.names, kind="sample"))
    for f in (fig, sample):
        assert json.loads(plotly.io.to_json(f.to_dict())) == json.loads(plotly.io.to_json(go.Figure.to_dict(f)))


def test_a_built_figure_is_encoded_once_and_its_copies_are_plain_dicts(scene):
    figure_layout.send_json_once()  # as ui/cache.py does for the app
    fig = KINDS["posterior"](scene)
    shown = fig.to_dict()
    first = plotly.io.to_json(shown, validate=False)
    assert plotly.io.to_json(shown, validate=False) is first  # made once
    assert first == figure_layout._PLOTLY_TO_JSON(dict(shown), validate=False)  # what plotly itself would send
    twin = copy.deepcopy(shown)
    assert type(twin) is dict
    twin["layout"]["title"] = {"text": "changed"}
    assert json.loads(plotly.io.to_json(twin, validate=False))["layout"]["title"]["text"] == "changed"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_built_figure_s_json_is_plotly_s_own_text(scene, kind):
    # send_json_once encodes a built figure with json itself (a P(y) slider's shared steps once): the same text
    shown = KINDS[kind](scene).to_dict()
    assert figure_layout._dumps(shown) == figure_layout._PLOTLY_TO_JSON(shown, validate=False)


def test_a_p_y_map_s_json_is_plotly_s_and_escapes_what_could_end_a_script_tag(two):
    from core.figures import prior

    llr = prior.llr_from_log_density(two.gen.log_density)
    fig = prior.posterior_figure(two.grid, llr, 0.3, ("<b>A</b>", "B/</script>"), points=two.points)
    shown = fig.to_dict()
    ours = figure_layout._dumps(shown)
    assert ours == figure_layout._PLOTLY_TO_JSON(shown, validate=False)
    assert "<" not in ours and "</script>" not in ours
    assert figure_layout._dumps({"data": [{"x": [float("nan")]}], "layout": {}}) is None  # plotly's encoder does it
