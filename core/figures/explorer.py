"""Plain functions that turn core arrays into plotly figures. No streamlit here.

Grids go to the browser compactly: probabilities as uint8 percent (0..100), densities as
uint8 percent of their peak, coordinates as float32, so a 150x150 panel is ~30 KB of JSON.
Colours are the Okabe-Ito palette, safe for the common colour-vision deficiencies.
"""

from __future__ import annotations

import base64

import numpy as np
import plotly.graph_objects as go
from plotly.colors import get_colorscale

from core.surfaces import relative_density

# Okabe & Ito (2008), "Color Universal Design"
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
SYMBOLS = ("circle", "square", "triangle-up", "diamond", "pentagon", "hexagon", "star")
FONT = dict(size=16)
DENSITY_LEVELS = (10, 30, 50, 70, 90)  # contour lines at these percentages of each class's peak
# named scales resolved once to explicit lists (plotly.js reads an unvalidated "Greys" inverted)
_GREYS, _PUOR_R, _PURPLES = (get_colorscale(name) for name in ("Greys", "PuOr_r", "Purples"))


def _tint(hex_color: str, amount: float) -> str:
    """``hex_color`` mixed with white: amount 0 is white, 1 the colour itself."""
    rgb = [int(hex_color[i:i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(255 + (c - 255) * amount) for c in rgb]
    return f"rgb({mixed[0]},{mixed[1]},{mixed[2]})"


def to_percent(values) -> np.ndarray:
    """Values in [0, 1] as uint8 percent, the compact form sent to the browser."""
    return np.rint(np.clip(values, 0.0, 1.0) * 100).astype(np.uint8)


def _stride(n: int, max_side: int) -> int:
    return max(1, int(np.ceil(n / max_side)))


def _axes(grid, step=1):
    return grid.xs[::step].astype(np.float32), grid.ys[::step].astype(np.float32)


TEXT = "#262730"  # Streamlit's text colour: 15:1 on white (plotly's default greys are about 3.7:1)
TICKS = dict(color=TEXT, size=14)


AXES = ("x₁", "x₂")  # the synthetic datasets' axes; real and uploaded data name theirs (Dataset.feature_names)

# plotly.js draws a figure, then widens the margins its tick labels, colour bar and legend push and draws it all
# again. With that room reserved it draws once. The sizes are what those elements pushed in Chromium with these
# fonts (colour bar 77-83 px; legend 104 px for two entries on a row, 19 more for each entry when there are more,
# one a row; on a projector 95-104 and 111); anything larger (wide tick labels, long names) still widens it.
ROOM = dict(l=56, r=10, t=44, b=40, colorbar=86, legend=106, legend_row=19)
PROJECTOR_ROOM = dict(l=64, r=10, t=48, b=46, colorbar=106, legend=114, legend_row=23)
TARGETS = "click to probe"  # the name of ``click_targets``' trace


def base_layout(grid, title: str, height: int = 430, legend: bool = True, axes: tuple = AXES) -> dict:
    """Layout of one panel over the grid: equal axes with numbers and names (``axes``), dark text,
    the legend underneath (``legend=False`` on all but the first chart of a row: one legend a row).

    The template is empty: the default one adds ~7 KB to every figure's JSON, and
    Streamlit's theme styles the chart anyway; colours that must stay legible are set here.
    """
    axis = dict(showgrid=False, zeroline=False, constrain="domain", showticklabels=True, ticks="outside",
                ticklen=4, tickfont=TICKS, linecolor=TEXT, nticks=6)
    return dict(
        template={}, title=dict(text=title, font=dict(size=18, color=TEXT)), font=dict(FONT, color=TEXT),
        height=height, margin={side: ROOM[side] for side in "lrtb"}, plot_bgcolor="white", dragmode=False,
        uirevision="keep", showlegend=legend,
        legend=dict(orientation="h", yanchor="top", y=-0.14, xanchor="left", x=0, font=dict(size=15, color=TEXT)),
        xaxis=dict(range=[float(grid.xs[0]), float(grid.xs[-1])], title=dict(text=axes[0], standoff=4, font=TICKS),
                   **axis),
        yaxis=dict(range=[float(grid.ys[0]), float(grid.ys[-1])], scaleanchor="x", scaleratio=1,
                   title=dict(text=axes[1], standoff=2, font=TICKS), **axis),
    )


def chart_config(filename: str = "chart", download: bool = True) -> dict:
    """plotly.js config: no mode bar but one "download as PNG" button, shown while the pointer is on
    the chart (``download=False``: none at all, for a projector)."""
    if not download:
        return {"displayModeBar": False}
    return {"displayModeBar": "hover", "displaylogo": False, "modeBarButtons": [["toImage"]],
            "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2}}


def colorbar(title: str, **extra) -> dict:
    """A slim colour bar with dark numbers and title (legible on a projector)."""
    return dict(title=dict(text=title, side="right", font=dict(color=TEXT, size=14)), thickness=12, len=0.9,
                tickfont=dict(color=TEXT, size=13), outlinewidth=0, **extra)


def for_projector(fig: go.Figure, title: str | None = None, legend: bool | None = None) -> go.Figure:
    """A copy of ``fig`` for a room: text at least 18 px, thicker markers and lines, optionally a new
    ``title`` and legend switch; ``fig`` is unchanged."""
    layout = fig.layout.to_plotly_json()
    layout["font"] = dict(size=18, color=TEXT)
    layout["title"] = dict(layout.get("title", {}), font=dict(size=20, color=TEXT))
    if title is not None:
        layout["title"]["text"] = title
    big = dict(color=TEXT, size=18)
    for name in ("xaxis", "yaxis"):
        layout[name] = dict(layout[name], tickfont=big, title=dict(layout[name].get("title", {}), font=big))
    layout["legend"] = dict(layout.get("legend", {}), font=big)
    if legend is not None:
        layout["showlegend"] = legend
    data = []
    for trace in fig.data:
        t = trace.to_plotly_json()
        if t.get("type") == "scatter" and t.get("name") != TARGETS:
            t["marker"] = dict(t.get("marker", {}), size=t.get("marker", {}).get("size", 7) * 1.5)
        if t.get("type") == "contour" and "line" in t:
            t["line"] = dict(t["line"], width=t["line"].get("width", 2) * 1.5)
        if "colorbar" in t:
            t["colorbar"] = dict(t["colorbar"], tickfont=big, title=dict(t["colorbar"]["title"], font=big))
        data.append(t)
    # the projector's room, and any margin the figure was given beyond the room reserved for it (a slider's)
    normal = _reserve_room({"showlegend": fig.layout.showlegend is not False}, data)["margin"]
    layout["margin"] = {side: v for side, v in (layout.get("margin") or {}).items() if v > normal.get(side, 0)}
    return _unvalidated(data, _reserve_room(layout, data, PROJECTOR_ROOM))


def _has_colorbar(trace: dict) -> bool:
    marker = trace.get("marker") or {}
    return ("colorbar" in trace and trace.get("showscale", True) is not False) or bool(marker.get("showscale"))


def _reserve_room(layout: dict, data: list, room: dict = ROOM) -> dict:
    """``layout`` with margins wide enough for its colour bar and legend (see ``ROOM``); never narrower than set."""
    margin = dict(layout.get("margin") or {})
    need = {side: room[side] for side in "lrtb"}
    if any(_has_colorbar(t) for t in data):
        need["r"] = room["colorbar"]
    entries = sum(t.get("showlegend", True) and t.get("type") == "scatter" for t in data)
    if layout.get("showlegend", True) and entries:
        need["b"] = room["legend"] + room["legend_row"] * (entries - 2 if entries > 2 else 0)
    layout["margin"] = {**margin, **{side: max(margin.get(side, 0), v) for side, v in need.items()}}
    return layout


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
    return _unvalidated(_encode(data), _reserve_room(layout, data))


def _unvalidated(data: list, layout) -> go.Figure:
    """``go.Figure`` without plotly's per-property validation, which costs ~5x the rest of a rerun.

    Unvalidated names go to plotly.js as they are, so colorscales are explicit lists here
    (plotly.js reads "Greys" the other way round and knows no "_r" names).

    tests/test_figures.py rebuilds every figure this module makes with validation on, so a
    misspelt property still fails a test.
    """
    return go.Figure(data=data, layout=layout, _validate=False)


def typed_array(values: np.ndarray) -> dict:
    """plotly.js's typed-array form of a numpy array: ``{"dtype", "bdata", "shape"}`` (base64).

    This is what plotly.py sends for every numpy array; encoding it once, when a figure is
    built, spares every later serialisation the conversion.
    """
    values = np.ascontiguousarray(values)
    dtype = {"uint8": "u1", "int8": "i1", "float32": "f4", "float64": "f8", "int16": "i2", "uint16": "u2",
             "int32": "i4", "uint32": "u4"}[values.dtype.name]
    out = {"dtype": dtype, "bdata": base64.b64encode(values.tobytes()).decode("ascii")}
    if values.ndim > 1:
        out["shape"] = ", ".join(str(n) for n in values.shape)
    return out


def _encode(node):
    if isinstance(node, np.ndarray):
        return typed_array(node) if node.dtype.kind in "iuf" else node.tolist()
    if isinstance(node, dict):
        return {k: _encode(v) for k, v in node.items()}
    if isinstance(node, (list, tuple)):
        return [_encode(v) for v in node]
    return node


def with_traces(fig: go.Figure, traces: list) -> go.Figure:
    """A new figure: ``fig``'s traces and layout plus ``traces`` (dicts); ``fig`` is not changed."""
    return _unvalidated([t.to_plotly_json() for t in fig.data] + _encode(list(traces)), fig.layout.to_plotly_json())


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
    band = 255 // K
    winner = np.argmax(proba, axis=0)
    sureness = (proba.max(axis=0) - 1.0 / K) / (1.0 - 1.0 / K)  # 0 on a tie, 1 when certain
    code = (winner * band + np.rint(np.clip(sureness, 0, 1) * (band - 1))).astype(np.uint8)
    surface = dict(
        type="contour", z=code, x=xs, y=ys, zmin=0, zmax=K * band - 1, colorscale=_regions_colorscale(K, band),
        contours=dict(coloring="heatmap", start=band - 0.5, end=(K - 1) * band - 0.5, size=band,
                      showlines=True),
        line=dict(width=3.5, color="black"), showscale=False, hoverinfo="skip", name="regions")
    return _figure(layout, [surface] + _targets(grid, proba, class_names, clickable), class_names, points, probe)


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
