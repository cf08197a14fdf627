"""The maps' aspect rule (core/figures/layout.py ``axis_stretch``): axes to scale while the two spans are within
``MAX_ASPECT`` of each other, else the shorter one stretched just enough that a plot area is never a strip; and the
sentence that says so (``scale_note``)."""

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.figures.gallery import tile_layout
from core.figures.layout import MAX_ASPECT, axis_stretch, base_layout, scale_note
from core.surfaces import Grid, make_grid


def _grid(x_span: float, y_span: float, x0: float = 0.0, y0: float = 0.0) -> Grid:
    return Grid(np.linspace(x0, x0 + x_span, 5), np.linspace(y0, y0 + y_span, 5))


def _aspect(grid) -> float:
    """The plot area's width / height: the x span over the y span drawn ``axis_stretch`` times as long."""
    return (grid.xs[-1] - grid.xs[0]) / ((grid.ys[-1] - grid.ys[0]) * axis_stretch(grid))


@pytest.mark.parametrize("x_span, y_span", [(1, 1), (2, 1), (1, 2), (3, 2), (1.9, 1)])
def test_spans_within_max_aspect_keep_the_axes_to_scale(x_span, y_span):
    grid = _grid(x_span, y_span)
    assert axis_stretch(grid) == 1.0 and scale_note(grid) is None
    assert base_layout(grid, "t")["yaxis"]["scaleratio"] == 1.0


def test_the_issue_s_file_1_to_5_against_0_1_to_1_8_is_stretched_to_twice_as_wide_as_tall():
    grid = make_grid(np.array([[1.0, 0.1], [5.0, 1.8], [3.0, 1.0]]))
    assert axis_stretch(grid) == pytest.approx(4 / 1.7 / 2)
    assert _aspect(grid) == pytest.approx(MAX_ASPECT)


@pytest.mark.parametrize("x_span, y_span, stretch", [(10, 1, 5.0), (1, 10, 0.2), (4, 1, 2.0), (1, 100, 0.02)])
def test_extreme_spans_give_a_plot_area_of_max_aspect(x_span, y_span, stretch):
    grid = _grid(x_span, y_span)
    assert axis_stretch(grid) == pytest.approx(stretch)
    assert _aspect(grid) == pytest.approx(MAX_ASPECT if x_span > y_span else 1 / MAX_ASPECT)
    assert base_layout(grid, "t")["yaxis"]["scaleratio"] == pytest.approx(stretch)
    assert tile_layout(grid, "t", "", 240)["yaxis"]["scaleratio"] == pytest.approx(stretch)


@settings(max_examples=200, deadline=None)
@given(st.floats(-6, 6), st.floats(-6, 6), st.floats(-1e6, 1e6))
def test_a_plot_area_is_never_more_than_max_aspect_and_to_scale_whenever_it_can_be(log_x, log_y, x0):
    grid = _grid(10.0 ** log_x, 10.0 ** log_y, x0=x0)
    ratio = 10.0 ** (log_x - log_y)
    aspect = _aspect(grid)
    assert 1 / (MAX_ASPECT * 1.05) <= aspect <= MAX_ASPECT * 1.05  # the snap to scale: within 5 %
    if 1 / MAX_ASPECT <= ratio <= MAX_ASPECT:
        assert axis_stretch(grid) == 1.0


@pytest.mark.parametrize("x_span, y_span, short, long_, shape", [
    (10, 1, "x₂", "x₁", "wide as tall"), (1, 10, "x₁", "x₂", "tall as wide")])
def test_the_note_names_the_stretched_axis_and_its_number_is_the_figure_s(x_span, y_span, short, long_, shape):
    grid = _grid(x_span, y_span)
    note = scale_note(grid)
    times = float(re.search(r"drawn ([\d.]+)× as long", note).group(1))
    assert f"a unit of {short} is drawn" in note and f"as long as one of {long_}" in note
    stretch = base_layout(grid, "t")["yaxis"]["scaleratio"]
    assert times == pytest.approx(stretch if stretch > 1 else 1 / stretch, rel=1e-3)
    assert f"at most 2 times as {shape}" in note


def test_a_short_side_gets_fewer_ticks_so_its_numbers_do_not_collide():
    wide = base_layout(_grid(10, 1), "t")
    square = base_layout(_grid(1, 1), "t")
    assert (square["xaxis"]["nticks"], square["yaxis"]["nticks"]) == (6, 6)
    assert (wide["xaxis"]["nticks"], wide["yaxis"]["nticks"]) == (6, 3)
