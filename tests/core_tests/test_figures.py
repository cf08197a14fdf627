"""Figures: every kind passes plotly's validation, ships compact integer grids, and encodes what it claims.

``core.figures`` builds figures with ``_validate=False`` for speed, so these tests rebuild each one
with validation on (``go.Figure(fig.to_dict())``): a misspelt property fails here.
"""


import numpy as np
import plotly.graph_objects as go
import pytest

from core.figures import explorer as figures
from core.figures import layout as figure_layout
from core.surfaces import make_grid
from core_tests.figure_cases import CORNERS, KINDS, PROBE, decode, revalidated, wire, z_on_wire

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
