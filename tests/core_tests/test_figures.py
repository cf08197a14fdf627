"""Figures: every kind passes plotly's validation, ships compact integer grids, and encodes what it claims.

``core.figures`` builds figures with ``_validate=False`` for speed, so these tests rebuild each one
with validation on (``go.Figure(fig.to_dict())``): a misspelt property fails here.
"""

import base64
import json
from types import SimpleNamespace

import numpy as np
import plotly.graph_objects as go
import pytest

from core.datasets import make_dataset
from core.figures import explorer as figures
from core.figures import layout as figure_layout
from core.models import fit_model
from core.surfaces import compute_surfaces, make_grid

SMALL_RES = 40
SIZE_TARGET = 60_000  # bytes of JSON per panel (issue target)
PROBE = (0.25, -0.5)
CORNERS = np.array([[0.0, 0.0], [1.0, 1.0]])  # a 2x2 grid over the unit square for hand-made surfaces


def _scene(dataset, gen, n_samples=90, resolution=SMALL_RES):
    data = make_dataset(dataset, n_samples=n_samples, seed=0)
    grid = make_grid(data.X, resolution)
    return SimpleNamespace(
        data=data, grid=grid, names=data.class_names, points=(data.X, data.y),
        gen=compute_surfaces(fit_model(gen, data.X, data.y), grid),
        disc=compute_surfaces(fit_model("logreg", data.X, data.y), grid))


@pytest.fixture(scope="module")
def two():
    return _scene("blobs", "gnb")


@pytest.fixture(scope="module")
def three():
    return _scene("three_gaussians", "qda")


@pytest.fixture(params=["two", "three"])
def scene(request):
    return request.getfixturevalue(request.param)


# every figure kind a page draws, from one scene
KINDS = {
    "density": lambda s: figures.density_figure(s.grid, s.gen.log_density, s.names, points=s.points),
    "posterior": lambda s: figures.posterior_figure(s.grid, s.gen.proba, s.names, points=s.points, probe=PROBE,
                                                    clickable=True),
    "disc_posterior": lambda s: figures.posterior_figure(s.grid, s.disc.proba, s.names, points=s.points,
                                                         clickable=True),
    "marginal": lambda s: figures.marginal_figure(s.grid, s.gen.log_px, s.names, points=s.points),
    "difference": lambda s: figures.difference_figure(s.grid, s.gen.proba, s.disc.proba, s.names, points=s.points),
    "bare_posterior": lambda s: figures.posterior_figure(s.grid, s.gen.proba, s.names),
    "bare_density": lambda s: figures.density_figure(s.grid, s.gen.log_density, s.names),
}


def wire(fig) -> dict:
    """The figure as the browser gets it (plotly's JSON), typed arrays left encoded."""
    return json.loads(fig.to_json())


def decode(array) -> np.ndarray:
    """A plotly typed array ``{dtype, bdata, shape}`` back to numpy (plain lists pass through)."""
    if not isinstance(array, dict):
        return np.asarray(array)
    out = np.frombuffer(base64.b64decode(array["bdata"]), dtype=np.dtype(array["dtype"]))
    shape = array.get("shape")
    return out.reshape([int(n) for n in shape.split(",")]) if shape else out


def z_on_wire(fig, i=0) -> np.ndarray:
    return decode(wire(fig)["data"][i]["z"])


def revalidated(fig) -> go.Figure:
    return go.Figure(fig.to_dict())


# ---- validation ------------------------------------------------------------------------------

def test_revalidation_catches_a_misspelt_property():
    fig = go.Figure(data=[dict(type="contour", z=[[1, 2]], linee=dict(width=2))], _validate=False)
    with pytest.raises(ValueError, match="Invalid property specified.*'linee'"):
        revalidated(fig)


@pytest.mark.parametrize("kind", KINDS)
def test_every_figure_kind_passes_plotly_validation(scene, kind):
    fig = KINDS[kind](scene)
    assert len(revalidated(fig).data) == len(fig.data)


@pytest.mark.parametrize("kind", ["train", "test", "sample"])
def test_point_traces_of_every_kind_pass_plotly_validation(two, kind):
    fig = go.Figure(figures.point_traces(two.data.X, two.data.y, two.names, kind=kind), _validate=False)
    assert len(revalidated(fig).data) == 2


def test_figure_with_added_traces_passes_plotly_validation(two):
    fig = figure_layout.with_traces(KINDS["density"](two), figures.point_traces(*two.points, two.names, kind="sample"))
    assert len(revalidated(fig).data) == len(fig.data)


# ---- compact, finite grids -----------------------------------------------------------------

# (kind, scene) -> dtype of every surface z on the wire, and its allowed range
Z_SPECS = [
    ("density", "two", "u1", 0, 100), ("density", "three", "u1", 0, 100),
    ("posterior", "two", "u1", 0, 100), ("posterior", "three", "u1", 0, 3 * 85 - 1),
    ("disc_posterior", "two", "u1", 0, 100), ("disc_posterior", "three", "u1", 0, 3 * 85 - 1),
    ("marginal", "two", "u1", 0, 100), ("marginal", "three", "u1", 0, 100),
    ("difference", "two", "i1", -100, 100), ("difference", "three", "u1", 0, 100),
]


def _surface_zs(fig):
    return [decode(t["z"]) for t in wire(fig)["data"] if "z" in t]


@pytest.mark.parametrize(("kind", "which", "dtype", "low", "high"), Z_SPECS)
def test_surface_z_is_a_small_integer_type_on_the_wire(request, kind, which, dtype, low, high):
    zs = _surface_zs(KINDS[kind](request.getfixturevalue(which)))
    assert zs and all(z.dtype == np.dtype(dtype) for z in zs)


@pytest.mark.parametrize(("kind", "which", "dtype", "low", "high"), Z_SPECS)
def test_surface_z_stays_in_its_range(request, kind, which, dtype, low, high):
    zs = _surface_zs(KINDS[kind](request.getfixturevalue(which)))
    assert all(z.min() >= low and z.max() <= high for z in zs)


@pytest.mark.parametrize("kind", KINDS)
def test_no_nan_in_any_z_or_axis(scene, kind):
    for trace in wire(KINDS[kind](scene))["data"]:
        for key in ("z", "x", "y") if "z" in trace else ("x", "y"):
            assert np.isfinite(decode(trace[key]).astype(float)).all(), (trace.get("name"), key)


def test_grid_axes_go_out_as_float32(two):
    trace = wire(KINDS["posterior"](two))["data"][0]
    assert (trace["x"]["dtype"], trace["y"]["dtype"]) == ("f4", "f4")


@pytest.mark.parametrize("kind", KINDS)
def test_every_colorscale_is_an_explicit_list(scene, kind):
    # unvalidated, a name like "Greys" reaches plotly.js as is, which reads it the other way round
    scales = [t["colorscale"] for t in wire(KINDS[kind](scene))["data"] if "colorscale" in t]
    assert scales and all(isinstance(s, list) for s in scales)


@pytest.mark.parametrize("kind", KINDS)
def test_every_array_is_pre_encoded_so_plotly_never_converts_one(scene, kind):
    for trace in KINDS[kind](scene).to_plotly_json()["data"]:
        for key in ("x", "y", "z"):
            assert not isinstance(trace.get(key), np.ndarray), (trace.get("name"), key)


@pytest.mark.parametrize("values", [np.arange(6, dtype=np.uint8).reshape(2, 3), np.array([-100, 0, 100], np.int8),
                                    np.array([0.5, -1.25], np.float32)])
def test_typed_array_decodes_back_to_the_array(values):
    out = decode(figure_layout.typed_array(values))
    assert out.dtype == values.dtype and np.array_equal(out, values)


def test_to_percent_clips_and_rounds_to_uint8():
    out = figure_layout.to_percent([-0.2, 0.004, 0.126, 0.999, 1.7])
    assert out.dtype == np.uint8
    assert out.tolist() == [0, 0, 13, 100, 100]


# ---- two classes ----------------------------------------------------------------------------

def test_two_class_posterior_has_exactly_one_contour_line_at_50(two):
    contours = wire(figures.posterior_figure(two.grid, two.gen.proba, two.names))["data"][0]["contours"]
    assert (contours["start"], contours["end"]) == (50, 50)
    assert contours["showlines"] is True


def test_two_class_posterior_z_is_percent_of_class_1(two):
    fig = figures.posterior_figure(two.grid, two.gen.proba, two.names)
    assert np.array_equal(z_on_wire(fig), figure_layout.to_percent(two.gen.proba[1]))


def test_two_class_difference_is_signed_percentage_points():
    grid = make_grid(CORNERS, 2)
    a = np.stack([1 - np.full((2, 2), 0.9), np.full((2, 2), 0.9)])
    b = np.stack([1 - np.full((2, 2), 0.2), np.full((2, 2), 0.2)])
    assert np.all(z_on_wire(figures.difference_figure(grid, a, b, ("A", "B"))) == 70)
    assert np.all(z_on_wire(figures.difference_figure(grid, b, a, ("A", "B"))) == -70)


# ---- three classes ---------------------------------------------------------------------------

def test_three_class_region_codes_decode_back_to_argmax(three):
    band = 255 // 3
    code = z_on_wire(figures.posterior_figure(three.grid, three.gen.proba, three.names))
    assert np.array_equal(code // band, np.argmax(three.gen.proba, axis=0))


def test_three_class_region_code_is_palest_on_a_tie_and_deepest_when_certain():
    grid = make_grid(CORNERS, 2)
    # cells: certain A, three-way tie, certain C, B at 0.5 (sureness (0.5 - 1/3) / (2/3) = 0.25)
    proba = np.array([[1.0, 1 / 3, 0.0, 0.25], [0.0, 1 / 3, 0.0, 0.5], [0.0, 1 / 3, 1.0, 0.25]]).reshape(3, 2, 2)
    code = z_on_wire(figures.posterior_figure(grid, proba, ("A", "B", "C")))
    assert code.ravel().tolist() == [84, 0, 2 * 85 + 84, 85 + 21]


def test_three_class_boundary_lines_sit_between_the_bands(three):
    band = 255 // 3
    contours = wire(figures.posterior_figure(three.grid, three.gen.proba, three.names))["data"][0]["contours"]
    levels = np.arange(contours["start"], contours["end"] + contours["size"] / 2, contours["size"])
    assert levels.tolist() == [band - 0.5, 2 * band - 0.5]


def test_three_class_difference_is_total_variation_in_percent():
    grid = make_grid(CORNERS, 2)
    a = np.array([[1.0, 0.5, 0.2, 1 / 3], [0.0, 0.5, 0.3, 1 / 3], [0.0, 0.0, 0.5, 1 / 3]]).reshape(3, 2, 2)
    b = np.array([[0.0, 0.5, 0.2, 0.0], [1.0, 0.0, 0.3, 0.0], [0.0, 0.5, 0.5, 1.0]]).reshape(3, 2, 2)
    z = z_on_wire(figures.difference_figure(grid, a, b, ("A", "B", "C")))
    assert z.ravel().tolist() == [100, 50, 0, 67]


# ---- densities and the marginal --------------------------------------------------------------

def test_density_has_one_contour_per_class_in_its_palette_colour(scene):
    traces = figures.density_figure(scene.grid, scene.gen.log_density, scene.names).data
    assert [t.type for t in traces] == ["contour"] * len(scene.names)
    assert [t.colorscale[0][1] for t in traces] == list(figure_layout.PALETTE[:len(scene.names)])
    assert all(t.colorscale[0][1] == t.colorscale[-1][1] for t in traces)


def test_density_contours_sit_at_the_documented_percentages(two):
    contours = figures.density_figure(two.grid, two.gen.log_density, two.names).data[0].contours
    levels = np.arange(contours.start, contours.end + contours.size / 2, contours.size)
    assert levels.tolist() == list(figures.DENSITY_LEVELS)


@pytest.mark.parametrize("max_side", [7, 15, 39, 40, 100])
def test_density_is_strided_so_no_side_exceeds_max_side(two, max_side):
    trace = wire(figures.density_figure(two.grid, two.gen.log_density, two.names, max_side=max_side))["data"][0]
    xs, ys = decode(trace["x"]), decode(trace["y"])
    assert len(xs) <= max_side and len(ys) <= max_side
    assert decode(trace["z"]).shape == (len(ys), len(xs))


def test_density_peak_of_each_class_is_100_percent(scene):
    fig = figures.density_figure(scene.grid, scene.gen.log_density, scene.names)
    assert [int(z.max()) for z in _surface_zs(fig)] == [100] * len(scene.names)


def test_marginal_peak_is_100_percent(two):
    assert z_on_wire(figures.marginal_figure(two.grid, two.gen.log_px)).max() == 100


# ---- points, probe and overlays ----------------------------------------------------------------

def test_points_add_one_scatter_trace_per_class(scene):
    fig = figures.posterior_figure(scene.grid, scene.gen.proba, scene.names, points=scene.points)
    assert [t.name for t in fig.data[1:]] == list(scene.names)
    assert all(t.type == "scatter" for t in fig.data[1:])


def test_probe_adds_a_star_at_the_probe_point(two):
    fig = figures.posterior_figure(two.grid, two.gen.proba, two.names, probe=PROBE)
    probe = fig.data[-1]
    assert (probe.name, probe.marker.symbol) == ("probe x*", "star")
    assert (probe.x[0], probe.y[0]) == PROBE


def _targets(fig) -> dict:
    (trace,) = [t for t in wire(fig)["data"] if t.get("name") == "click to probe"]
    return trace


def test_click_targets_cover_the_map_in_a_grid_of_about_15_per_side(scene):
    fig = KINDS["posterior"](scene)
    trace = _targets(fig)
    x, y = decode(trace["x"]), decode(trace["y"])
    assert 13 * 13 <= len(x) <= 15 * 15 and len(np.unique(x)) == len(np.unique(y))
    assert fig.layout.hoverdistance == -1  # a click anywhere picks the nearest target, however wide the map
    assert x.min() == pytest.approx(scene.grid.xs[0]) and y.min() == pytest.approx(scene.grid.ys[0])
    assert x.max() >= scene.grid.xs[-1] - 2 * (scene.grid.xs[1] - scene.grid.xs[0])  # no strip left unclickable
    assert trace["marker"]["color"] == "rgba(0,0,0,0)" and trace["showlegend"] is False  # hover and click, unseen


def test_click_targets_hover_the_posterior_where_they_sit(two):
    trace = _targets(KINDS["posterior"](two))
    x, y, pct = decode(trace["x"]), decode(trace["y"]), decode(trace["customdata"])
    i, j = np.searchsorted(two.grid.ys, y[137]), np.searchsorted(two.grid.xs, x[137])
    assert pct[137] == figure_layout.to_percent(two.gen.proba[1])[i, j]
    assert "click to probe" in trace["hovertemplate"]


def test_three_class_click_targets_name_the_most_likely_class(three):
    trace = _targets(KINDS["posterior"](three))
    assert {t.split(":")[0] for t in trace["text"]} <= set(three.names)
    assert len(trace["text"]) == len(decode(trace["x"]))


def test_a_click_on_the_map_does_not_fade_the_training_points(two):
    for trace in figures.point_traces(*two.points, two.names):
        assert trace["unselected"]["marker"]["opacity"] == trace["marker"]["opacity"]


def test_without_points_or_probe_only_the_surface_is_drawn(scene):
    assert len(figures.posterior_figure(scene.grid, scene.gen.proba, scene.names).data) == 1


def test_point_traces_skip_a_class_with_no_points():
    traces = figures.point_traces(CORNERS, [0, 0], ("A", "B"))
    assert [t["name"] for t in traces] == ["A"]


def test_point_traces_colour_each_class_from_the_palette(three):
    traces = figures.point_traces(*three.points, three.names)
    assert [t["marker"]["color"] for t in traces] == list(figure_layout.PALETTE[:3])


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
    return _scene("blobs", "gnb", n_samples=400, resolution=150)


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
