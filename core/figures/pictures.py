"""Figures of the digits page: grids of 8x8 images as one tiled heatmap, accuracy curves, P(y | x) bars.

Every grid of pictures is a single heatmap (the images tiled with a one-pixel gap of NaN, which shows the
background), so a grid of 120 digits is one trace of ~10,000 numbers. 0 ink is white, 16 is black.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from core.figures.layout import FONT, PALETTE, TEXT, TICKS

SIDE, GAP, INK_MAX = 8, 1, 16.0
INK_SCALE = [[0.0, "#ffffff"], [1.0, "#000000"]]  # an explicit list: plotly.js reads named "Greys" inverted
HIDDEN_COLOR = "#f4b6b6"  # what a hidden (NaN) pixel shows: the plot's background


def tile(images: np.ndarray, gap: int = GAP) -> np.ndarray:
    """Images of shape (n_rows, n_cols, 64) as one 2D array, image (i, j) at block (i, j), NaN between them."""
    n_rows, n_cols = images.shape[:2]
    step = SIDE + gap
    out = np.full((n_rows * step - gap, n_cols * step - gap), np.nan, dtype=np.float32)
    for i in range(n_rows):
        for j in range(n_cols):
            out[i * step:i * step + SIDE, j * step:j * step + SIDE] = images[i, j].reshape(SIDE, SIDE)
    return out


def _layout(height: int, **extra) -> dict:
    return {**dict(height=height, margin=dict(l=40, r=10, t=40, b=10), font=FONT, plot_bgcolor="white",
                   paper_bgcolor="white"), **extra}


def _heatmap(z, hover: str) -> dict:
    return dict(type="heatmap", z=z, zmin=0, zmax=INK_MAX, colorscale=INK_SCALE, showscale=False,
                hoverongaps=False, hovertemplate=hover + "<extra></extra>", xgap=0, ygap=0)


def grid_figure(images: np.ndarray, row_labels, groups, title: str = "", height: int = 420) -> go.Figure:
    """A grid of digits: rows ``row_labels``, column blocks ``groups`` = [(title, n_cols), ...] left to right.

    images : ndarray of shape (n_rows, sum of n_cols, 64), in ink levels 0-16
    """
    z = tile(images, GAP)
    step = SIDE + GAP
    y_ticks = [i * step + (SIDE - 1) / 2 for i in range(len(row_labels))]
    notes, col = [], 0
    for name, n_cols in groups:
        centre = (col + n_cols / 2) * step - GAP / 2 - 0.5
        notes.append(dict(x=centre, y=-1.2, text=f"<b>{name}</b>", showarrow=False, xref="x", yref="y",
                          yanchor="bottom", font=dict(color=TEXT, size=14)))
        col += n_cols
    shapes = []
    col = 0
    for _, n_cols in groups[:-1]:  # a line between blocks
        col += n_cols
        x = col * step - GAP - 0.5 + GAP / 2
        shapes.append(dict(type="line", x0=x, x1=x, y0=-0.5, y1=z.shape[0] - 0.5, line=dict(color=TEXT, width=2)))
    layout = _layout(height, title=dict(text=title, font=dict(size=16)) if title else None, annotations=notes,
                     shapes=shapes,
                     xaxis=dict(visible=False, constrain="domain", constraintoward="left"),
                     yaxis=dict(autorange="reversed", scaleanchor="x", constrain="domain", constraintoward="top",
                                tickvals=y_ticks, ticktext=list(row_labels),
                                tickfont=TICKS, showgrid=False, zeroline=False, range=[z.shape[0] - 0.5, -2.5]))
    layout["margin"]["t"] = 30 if title else 6
    return go.Figure(dict(data=[_heatmap(z, "ink %{z:.0f}")], layout=layout))


def digit_figure(image, title: str = "", height: int = 260) -> go.Figure:
    """One 8x8 image; hidden (NaN) pixels show the pink background."""
    z = np.asarray(image, dtype=np.float32).reshape(SIDE, SIDE)
    layout = _layout(height, title=dict(text=title, font=dict(size=15)) if title else None,
                     plot_bgcolor=HIDDEN_COLOR,
                     xaxis=dict(visible=False, constrain="domain"),
                     yaxis=dict(visible=False, autorange="reversed", scaleanchor="x"))
    layout["margin"] = dict(l=4, r=4, t=34 if title else 4, b=4)
    return go.Figure(dict(data=[_heatmap(z, "row %{y}, column %{x}: ink %{z:.0f}")], layout=layout))


def draw_figure(image, height: int = 330) -> go.Figure:
    """The drawing grid: the image as a heatmap under 64 near-invisible markers, one per pixel, to click.

    plotly reports clicks on markers only (as ``core.figures.click_targets``); a click selects the marker of
    the pixel, whose index is row * 8 + column.
    """
    fig = digit_figure(image, height=height)
    fig.update_layout(plot_bgcolor="white", dragmode=False, hoverdistance=-1,
                      xaxis=dict(range=[-0.5, SIDE - 0.5]), yaxis=dict(range=[SIDE - 0.5, -0.5]))
    cols, rows = np.meshgrid(np.arange(SIDE), np.arange(SIDE))
    fig.add_trace(dict(type="scatter", x=cols.ravel().tolist(), y=rows.ravel().tolist(), mode="markers",
                       name="pixels", showlegend=False, hovertemplate="click: more ink<extra></extra>",
                       marker=dict(size=22, symbol="square", color="rgba(0,0,0,0.01)"),
                       unselected=dict(marker=dict(opacity=1)), selected=dict(marker=dict(opacity=1))))
    # the grid lines a user paints within
    for k in range(SIDE + 1):
        fig.add_shape(type="line", x0=k - 0.5, x1=k - 0.5, y0=-0.5, y1=SIDE - 0.5, line=dict(color="#bbbbbb", width=1))
        fig.add_shape(type="line", y0=k - 0.5, y1=k - 0.5, x0=-0.5, x1=SIDE - 0.5, line=dict(color="#bbbbbb", width=1))
    return fig


def accuracy_curve_figure(rows, accuracies: dict, labels: dict, dashed=(), marked_rows: int | None = None,
                          height: int = 420) -> go.Figure:
    """Test accuracy (percent) against the number of bottom rows hidden, one line per model."""
    data = []
    for i, (name, acc) in enumerate(accuracies.items()):
        data.append(dict(type="scatter", x=list(rows), y=np.round(100 * np.asarray(acc), 1).tolist(),
                         mode="lines+markers", name=labels[name],
                         line=dict(color=PALETTE[i % len(PALETTE)], width=3, dash="dash" if name in dashed else
                                   "solid"),
                         hovertemplate=f"{labels[name]}: %{{y:.1f}}% with %{{x}} rows hidden<extra></extra>"))
    shapes = []
    if marked_rows is not None:
        shapes.append(dict(type="line", x0=marked_rows, x1=marked_rows, y0=0, y1=1, yref="paper",
                           line=dict(color=TEXT, width=1, dash="dot")))
    layout = _layout(height, shapes=shapes,
                     legend=dict(orientation="h", x=0, y=1.02, xanchor="left", yanchor="bottom", font=dict(size=13)),
                     xaxis=dict(title=dict(text="bottom rows hidden (of 8)", font=dict(color=TEXT)),
                                tickfont=TICKS, dtick=1, gridcolor="#eeeeee"),
                     yaxis=dict(title=dict(text="test accuracy (%)", font=dict(color=TEXT)), tickfont=TICKS,
                                gridcolor="#eeeeee"))
    layout["margin"] = dict(l=60, r=10, t=90, b=10)
    return go.Figure(dict(data=data, layout=layout))


def proba_bars_figure(probas: dict, height: int = 260) -> go.Figure:
    """P(y | x) over the ten digits, one group of bars per model: ``probas`` = {label: (10,) probabilities}."""
    data = [dict(type="bar", x=[str(k) for k in range(10)], y=np.round(100 * np.asarray(p), 1).tolist(),
                 name=label, marker=dict(color=PALETTE[i % len(PALETTE)]),
                 hovertemplate=f"{label}: P(%{{x}} | x) = %{{y:.1f}}%<extra></extra>")
            for i, (label, p) in enumerate(probas.items())]
    layout = _layout(height, barmode="group", legend=dict(orientation="h", y=1.3, font=dict(size=13)),
                     xaxis=dict(title=dict(text="digit", font=dict(color=TEXT)), tickfont=TICKS),
                     yaxis=dict(title=dict(text="P(y | x) %", font=dict(color=TEXT)), tickfont=TICKS,
                                range=[0, 100], gridcolor="#eeeeee"))
    layout["margin"] = dict(l=60, r=10, t=60, b=10)
    return go.Figure(dict(data=data, layout=layout))
