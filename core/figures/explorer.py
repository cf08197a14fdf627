"""Plain functions that turn core arrays into plotly figures. No streamlit here.

Grids go to the browser compactly: probabilities as uint8 percent (0..100), densities as
uint8 percent of their peak, coordinates as float32, so a 150x150 panel is ~30 KB of JSON.
Colours are the Okabe-Ito palette, safe for the common colour-vision deficiencies.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.colors import get_colorscale

from core.figures.layout import (
    AXES,
    PALETTE,
    SYMBOLS,
    TARGETS,
    _axes,
    _encode,
    _reserve_room,
    _stride,
    _tint,
    _unvalidated,
    base_layout,
    colorbar,
    to_percent,
)
from core.surfaces import relative_density

DENSITY_LEVELS = (10, 30, 50, 70, 90)  # contour lines at these percentages of each class's peak
# named scales resolved once to explicit lists (plotly.js reads an unvalidated "Greys" inverted)
_GREYS, _PUOR_R, _PURPLES = (get_colorscale(name) for name in ("Greys", "PuOr_r", "Purples"))


def point_traces(X, y, class_names, kind: str = "train", opacity: float = 0.75) -> list:
    """Scatter traces (dicts), one per class; ``kind`` is "train", "test" or "sample"."""
    X = np.asarray(X, dtype=np.float32)
    style = {
        "train": dict(size=7, line=dict(width=0.8, color="white")),
        "test": dict(size=7, line=dict(width=1.5, color="black")),
        "sample": dict(size=9, line=dict(width=1.5, color="black")),
    }[kind]
    out = []
    for k, name in enumerate(class_names):
        mask = np.asarray(y) == k
        if not mask.any():
            continue
        symbol = "x" if kind == "sample" else SYMBOLS[k % len(SYMBOLS)]
        label = {"train": name, "test": f"{name} (test)", "sample": f"{name} (sampled)"}[kind]
        out.append(dict(
            type="scatter", x=X[mask, 0], y=X[mask, 1], mode="markers", name=label, legendgroup=kind,
            marker=dict(color=PALETTE[k % len(PALETTE)], symbol=symbol, opacity=opacity, **style),
            unselected=dict(marker=dict(opacity=opacity)),  # a click on the map must not fade the data
            cliponaxis=kind != "sample",  # a sampled cross at the map's edge is drawn whole (those beyond: not given)
            hovertemplate=f"{label}<br>(%{{x:.2f}}, %{{y:.2f}})<extra></extra>"))
    return out


def probe_trace(point) -> dict:
    """The probe point x* as a large black star."""
    return dict(type="scatter", x=[float(point[0])], y=[float(point[1])], mode="markers", name="probe x*",
                marker=dict(symbol="star", size=20, color="black", line=dict(width=2, color="white")),
                hovertemplate="probe x* (%{x:.2f}, %{y:.2f})<extra></extra>")


def _figure(layout: dict, surface_traces: list, class_names=(), points=None, probe=None,
            opacity: float = 0.75) -> go.Figure:
    """One ``go.Figure`` from plain dicts, its arrays already in the browser's typed-array form.

    Building trace by trace costs ~10x more; letting plotly encode numpy arrays, on every
    serialisation, costs ~3x more than encoding them here once.
    """
    data = list(surface_traces)
    if points is not None:
        data += point_traces(points[0], points[1], class_names, opacity=opacity)
    if probe is not None:
        data.append(probe_trace(probe))
    if any(t.get("name") == TARGETS for t in data):
        layout["hoverdistance"] = -1  # a click anywhere picks the nearest target (``click_targets``)
    return _unvalidated(_encode(data), _reserve_room(layout, data), encoded=True)


def density_figure(grid, log_density, class_names, points=None, title="p(x | y): each class's shape",
                   max_side: int = 100, legend: bool = True, axes: tuple = AXES) -> go.Figure:
    """Contours of each class-conditional density at 10..90% of that class's peak.

    Parameters
    ----------
    log_density : ndarray of shape (K, ny, nx), log p(x | y=k)
    points : optional (X, y) drawn over the contours
    """
    step = _stride(max(grid.shape), max_side)
    xs, ys = _axes(grid, step)
    traces = []
    rel_all = relative_density(log_density)[:, ::step, ::step]  # each class scaled to its own peak
    for k, name in enumerate(class_names):
        rel = rel_all[k]
        color = PALETTE[k % len(PALETTE)]
        traces.append(dict(
            type="contour", z=to_percent(rel), x=xs, y=ys, showscale=False, hoverinfo="skip",
            name=f"p(x | {name})", colorscale=[[0, color], [1, color]], line=dict(width=2.5), showlegend=False,
            contours=dict(coloring="lines", start=DENSITY_LEVELS[0], end=DENSITY_LEVELS[-1],
                          size=DENSITY_LEVELS[1] - DENSITY_LEVELS[0])))
    return _figure(base_layout(grid, title, legend=legend, axes=axes), traces, class_names, points, opacity=0.45)


def _two_class_colorscale():
    a, b = PALETTE[0], PALETTE[1]
    return [[0.0, a], [0.25, _tint(a, 0.45)], [0.5, "rgb(250,250,250)"], [0.75, _tint(b, 0.45)], [1.0, b]]


def _regions_colorscale(n_classes: int, band: int):
    """Piecewise scale: band k*band..k*band+band-1 runs from a pale to a full tint of class k."""
    top = n_classes * band - 1
    scale = []
    for k in range(n_classes):
        color = PALETTE[k % len(PALETTE)]
        scale += [[k * band / top, _tint(color, 0.08)], [(k * band + band - 1) / top, _tint(color, 0.85)]]
    return scale


def click_targets(grid, proba, class_names, per_side: int = 15) -> dict:
    """An invisible grid of markers over a posterior map, so a click anywhere selects a point.

    plotly reports clicks on markers only, never on a contour or empty space; the figure's
    ``hoverdistance=-1`` (set by ``_figure``) makes a click anywhere pick the nearest marker, so a
    click snaps to the nearest target (7% of the range, or a training point nearer still); the
    probe's number inputs take exact values. Each target is an SVG node the browser styles on every
    redraw: 15 per side instead of 20 took ~10% off the explorer's drawing in headless Chromium.
    Hovering one shows the posterior there.
    """
    step = _stride(max(grid.shape), per_side)
    X, Y = np.meshgrid(grid.xs[::step], grid.ys[::step])
    sub = proba[:, ::step, ::step].reshape(len(proba), -1)
    if len(proba) == 2:
        hover = dict(customdata=to_percent(sub[1]),
                     hovertemplate=f"P({class_names[1]} | x) = %{{customdata}}%<br>click to probe here<extra></extra>")
    else:
        winner, best = np.argmax(sub, axis=0), to_percent(sub.max(axis=0))
        hover = dict(text=[f"{class_names[k]}: {b}%" for k, b in zip(winner, best)],
                     hovertemplate="most likely %{text}<br>click to probe here<extra></extra>")
    return dict(type="scatter", x=X.ravel().astype(np.float32), y=Y.ravel().astype(np.float32), mode="markers",
                name=TARGETS, showlegend=False, marker=dict(size=10, color="rgba(0,0,0,0)"),
                unselected=dict(marker=dict(opacity=0)), selected=dict(marker=dict(opacity=0)), **hover)


def posterior_figure(grid, proba, class_names, points=None, probe=None,
                     title="P(y | x) and the boundary", clickable: bool = False, legend: bool = True,
                     axes: tuple = AXES) -> go.Figure:
    """The posterior as a coloured map with the decision boundary as a black line.

    Two classes: P(y=1 | x) in percent, boundary at 50%. K >= 3: each region in its class's
    colour, deeper where the winning class is surer, boundaries where the winner changes.

    Parameters
    ----------
    proba : ndarray of shape (K, ny, nx), P(y=k | x)
    points : optional (X, y) drawn over the map; probe : optional point x* marked with a star
    clickable : add ``click_targets`` so that a click anywhere on the map selects a point
    legend : show the legend (one chart a row does)
    """
    xs, ys = _axes(grid)
    layout = base_layout(grid, title, legend=legend, axes=axes)
    K = len(proba)
    if K == 2:
        surface = dict(
            type="contour", z=to_percent(proba[1]), x=xs, y=ys, zmin=0, zmax=100, colorscale=_two_class_colorscale(),
            contours=dict(coloring="heatmap", start=50, end=50, size=1, showlines=True),
            line=dict(width=3.5, color="black"), name="boundary P = 50%",
            colorbar=colorbar(f"P({class_names[1]}|x) %", tickvals=[0, 25, 50, 75, 100]),
            hovertemplate=f"P({class_names[1]} | x) = %{{z}}%<extra></extra>")
        return _figure(layout, [surface] + _targets(grid, proba, class_names, clickable), class_names, points, probe)
    code, band = regions_code(proba)
    surface = dict(
        type="contour", z=code, x=xs, y=ys, zmin=0, zmax=K * band - 1, colorscale=_regions_colorscale(K, band),
        contours=dict(coloring="heatmap", start=band - 0.5, end=(K - 1) * band - 0.5, size=band,
                      showlines=True),
        line=dict(width=3.5, color="black"), showscale=False, hoverinfo="skip", name="regions")
    return _figure(layout, [surface] + _targets(grid, proba, class_names, clickable), class_names, points, probe)


def regions_code(proba) -> tuple:
    """(code, band): K >= 3 classes' posterior as uint8, ``band`` values per class, deeper where the winner is surer.

    code = winner * band + sureness * (band - 1), sureness 0 on a tie and 1 when certain; draw it with
    ``_regions_colorscale(K, band)``.
    """
    K = len(proba)
    band = 255 // K
    winner = np.argmax(proba, axis=0)
    sureness = (proba.max(axis=0) - 1.0 / K) / (1.0 - 1.0 / K)  # 0 on a tie, 1 when certain
    return (winner * band + np.rint(np.clip(sureness, 0, 1) * (band - 1))).astype(np.uint8), band


def canvas_figure(grid, class_names, points=None, title="Click to add points", axes: tuple = AXES) -> go.Figure:
    """An empty map to draw on: click targets over ``grid`` (no model yet) and the points so far."""
    K = len(class_names)
    targets = click_targets(grid, np.full((K, len(grid.ys), len(grid.xs)), 1.0 / K), class_names)
    targets = dict(targets, hovertemplate="(%{x:.2f}, %{y:.2f})<br>click to add a point here<extra></extra>")
    targets.pop("customdata", None)
    targets.pop("text", None)
    return _figure(base_layout(grid, title, axes=axes), [targets], class_names, points)


def _targets(grid, proba, class_names, clickable: bool) -> list:
    return [click_targets(grid, proba, class_names)] if clickable else []


def marginal_figure(grid, log_px, class_names=(), points=None, title="p(x): where data is likely",
                    legend: bool = True, axes: tuple = AXES) -> go.Figure:
    """The marginal density p(x) = sum_k P(k) p(x|k) as percent of its peak, with contours."""
    xs, ys = _axes(grid)
    rel = relative_density(log_px)
    surface = dict(
        type="contour", z=to_percent(rel), x=xs, y=ys, zmin=0, zmax=100, colorscale=_GREYS,
        ncontours=8,
        contours=dict(coloring="heatmap", showlines=True), line=dict(width=0.8, color="rgba(0,0,0,0.4)"),
        colorbar=colorbar("p(x), % of peak"),
        hovertemplate="p(x) = %{z}% of its peak<extra></extra>")
    return _figure(base_layout(grid, title, legend=legend, axes=axes), [surface], class_names, points, opacity=0.35)


def difference_figure(grid, proba_a, proba_b, class_names, points=None,
                      title="Where the posteriors differ", legend: bool = True, axes: tuple = AXES) -> go.Figure:
    """Two classes: P_a(y=1|x) - P_b(y=1|x) in percentage points; K >= 3: total variation distance.

    Parameters
    ----------
    proba_a, proba_b : ndarrays of shape (K, ny, nx)
    """
    xs, ys = _axes(grid)
    layout = base_layout(grid, title, legend=legend, axes=axes)
    if len(proba_a) == 2:
        diff = np.rint(np.clip(proba_a[1] - proba_b[1], -1, 1) * 100).astype(np.int8)
        surface = dict(
            type="heatmap", z=diff, x=xs, y=ys, zmin=-100, zmax=100, colorscale=_PUOR_R,
            zsmooth="best",
            colorbar=colorbar("gen − disc, points"),
            hovertemplate=f"P({class_names[1]}|x): generative − discriminative = %{{z}} points<extra></extra>")
        return _figure(layout, [surface], class_names, points, opacity=0.35)
    tv = 0.5 * np.abs(proba_a - proba_b).sum(axis=0)
    surface = dict(
        type="heatmap", z=to_percent(tv), x=xs, y=ys, zmin=0, zmax=100, colorscale=_PURPLES,
        zsmooth="best",
        colorbar=colorbar("total variation %"),
        hovertemplate="total variation = %{z}%<extra></extra>")
    return _figure(layout, [surface], class_names, points, opacity=0.35)
