"""The gallery's tiles: one small posterior map per model, arrays in, plotly figures out. No streamlit here.

A tile is the explorer's posterior map (``core.figures.explorer``) made small enough for twelve on a 1280x720
slide: no tick labels, colour bar or legend, the title carrying the model and its test accuracy, a coarse grid as
uint8 percent, the test points as small markers, and on request each class's p(x | y) contour lines.
"""

from __future__ import annotations

import numpy as np

from core.figures.explorer import _regions_colorscale, _two_class_colorscale, regions_code
from core.figures.layout import PALETTE, SYMBOLS, TEXT, _axes, _encode, _unvalidated, axis_stretch, to_percent
from core.surfaces import relative_density

TILE_LEVELS = (10, 50, 90)  # p(x | y) contour lines at these percentages of each class's peak
TITLE_PX = 18  # the smallest text on a tile: legible on a projector


def posterior_surface(grid, proba) -> dict:
    """The posterior as one contour trace: two classes P(y=1 | x) in percent with the boundary at 50%; K >= 3
    each region in its class's colour (``regions_code``), boundaries where the winner changes."""
    xs, ys = _axes(grid)
    K = len(proba)
    if K == 2:
        return dict(type="contour", z=to_percent(proba[1]), x=xs, y=ys, zmin=0, zmax=100,
                    colorscale=_two_class_colorscale(), showscale=False, hoverinfo="skip", name="P(y | x)",
                    contours=dict(coloring="heatmap", start=50, end=50, size=1, showlines=True),
                    line=dict(width=2.5, color="black"))
    code, band = regions_code(proba)
    return dict(type="contour", z=code, x=xs, y=ys, zmin=0, zmax=K * band - 1, showscale=False,
                colorscale=_regions_colorscale(K, band), hoverinfo="skip", name="P(y | x)",
                contours=dict(coloring="heatmap", start=band - 0.5, end=(K - 1) * band - 0.5, size=band,
                              showlines=True),
                line=dict(width=2.5, color="black"))


def density_lines(grid, log_density, class_names) -> list:
    """Each class's p(x | y) as white dotted contour lines at ``TILE_LEVELS`` percent of its own peak: white reads
    on the deep colours where a class's points are (its own colour would vanish in its own region).

    log_density : ndarray of shape (K, ny, nx), log p(x | y=k)
    """
    xs, ys = _axes(grid)
    rel = relative_density(log_density)
    return [dict(type="contour", z=to_percent(rel[k]), x=xs, y=ys, showscale=False, hoverinfo="skip",
                 name=f"p(x | {name})", colorscale=[[0, "white"], [1, "white"]], showlegend=False,
                 line=dict(width=2, dash="dot"),
                 contours=dict(coloring="lines", start=TILE_LEVELS[0], end=TILE_LEVELS[-1],
                               size=TILE_LEVELS[1] - TILE_LEVELS[0]))
            for k, name in enumerate(class_names)]


def held_out_traces(X, y, class_names) -> list:
    """The test points, small, one trace per class in its colour and symbol."""
    X = np.asarray(X, dtype=np.float32)
    y = np.asarray(y)
    return [dict(type="scatter", x=X[y == k, 0], y=X[y == k, 1], mode="markers", name=f"{name} (test)",
                 showlegend=False, hoverinfo="skip",
                 marker=dict(size=5, color=PALETTE[k % len(PALETTE)], symbol=SYMBOLS[k % len(SYMBOLS)],
                             line=dict(width=0.6, color="black")))
            for k, name in enumerate(class_names) if (y == k).any()]


def tile_layout(grid, title: str, subtitle: str, height: int) -> dict:
    """A tile's layout: ``title`` over ``subtitle``, both at ``TITLE_PX``, equal axes without ticks (stretched as
    ``axis_stretch`` says, never a strip), thin margins.

    Two lines as a title and a note right above the plot: the plotly.js Streamlit bundles places a title with a line
    break, or a subtitle, a line off."""
    axis = dict(showgrid=False, zeroline=False, showticklabels=False, ticks="", showline=False, constrain="domain")
    font = dict(size=TITLE_PX, color=TEXT)
    return dict(
        template={}, height=height, margin=dict(l=2, r=2, t=2 * (TITLE_PX + 6) + 8, b=2),
        title=dict(text=title, font=font, x=0.5, xanchor="center", yref="container", y=1, yanchor="top",
                   pad=dict(t=4)),
        annotations=[dict(text=subtitle, font=font, showarrow=False, xref="paper", x=0.5, xanchor="center",
                          yref="paper", y=1, yanchor="bottom", yshift=1)] if subtitle else [],
        font=font, showlegend=False, plot_bgcolor="white", dragmode=False, hovermode=False,
        xaxis=dict(range=[float(grid.xs[0]), float(grid.xs[-1])], **axis),
        yaxis=dict(range=[float(grid.ys[0]), float(grid.ys[-1])], scaleanchor="x", scaleratio=axis_stretch(grid),
                   constraintoward="top", **axis))


def tile_figure(grid, proba, class_names, title: str, subtitle: str = "", test_points=None, log_density=None,
                height: int = 240):
    """One model's tile: its posterior map, optionally the test points (X, y) and p(x | y) lines.

    Parameters
    ----------
    grid : core.surfaces.Grid (coarse: the tile is small)
    proba : ndarray of shape (K, ny, nx), P(y=k | x)
    log_density : optional ndarray of shape (K, ny, nx), log p(x | y=k) (a generative model's)
    """
    data = [posterior_surface(grid, proba)]
    if log_density is not None:
        data += density_lines(grid, log_density, class_names)
    if test_points is not None:
        data += held_out_traces(test_points[0], test_points[1], class_names)
    return _unvalidated(_encode(data), tile_layout(grid, title, subtitle, height), encoded=True)
