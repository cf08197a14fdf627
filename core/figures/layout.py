"""What every figure shares: the palette, fonts and text colour, a panel's layout and margins, the chart config,
and building a ``go.Figure`` from dicts without plotly's validation (arrays already in the browser's typed-array form).
No streamlit here."""

from __future__ import annotations

import base64
import copy
import json

import numpy as np
import plotly.graph_objects as go
import plotly.io

# Okabe & Ito (2008), "Color Universal Design"
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
SYMBOLS = ("circle", "square", "triangle-up", "diamond", "pentagon", "hexagon", "star")
FONT = dict(size=16)


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
PROJECTOR_ROOM = dict(l=76, r=10, t=48, b=72, colorbar=106, legend=114, legend_row=23)
TARGETS = "click to probe"  # the name of ``click_targets``' trace
CROP = 0.02  # on a projector, each side of a map's grid left out of its frame (``for_projector``)


MAX_ASPECT = 2.0  # a map's plot area is at most twice as wide as tall, or as tall as wide
_TO_SCALE = 1.05  # a stretch this small is left out: the axes stay to scale


def axis_stretch(grid) -> float:
    """The y axis's ``scaleratio``: how many times as long as a unit of x₁ a unit of x₂ is drawn on a map.

    1 (axes to scale) while the grid's spans are within ``MAX_ASPECT`` of each other; beyond that the axis
    with the shorter span is stretched just enough for a plot area of ``MAX_ASPECT`` to 1, not a strip
    (features in other units, 1-5 against 0.1-1.8)."""
    ratio = float(grid.xs[-1] - grid.xs[0]) / float(grid.ys[-1] - grid.ys[0])
    stretch = ratio / min(max(ratio, 1 / MAX_ASPECT), MAX_ASPECT)
    return 1.0 if 1 / _TO_SCALE < stretch < _TO_SCALE else stretch


def scale_note(grid, axes: tuple = AXES) -> str | None:
    """A sentence for under the maps when their axes are not to scale (``axis_stretch``), None while they are."""
    stretch = axis_stretch(grid)
    if stretch == 1.0:
        return None
    (short, long_), times, shape = (axes[::-1], stretch, "wide as tall") if stretch > 1 else \
        (axes, 1 / stretch, "tall as wide")
    return (f"Axes not to scale: a unit of {short} is drawn {times:.3g}× as long as one of {long_}, so that a map "
            f"is at most {MAX_ASPECT:g} times as {shape}, not a thin strip.")


def _nticks(aspect: float) -> int:
    """Ticks (at most) on the axis across a plot area ``aspect`` times as long along the other: 6, fewer on a short
    side (3 at ``MAX_ASPECT``), so a wide map's numbers do not run into each other (a 110 x 56 px map had 5)."""
    return max(3, min(6, round(6 / aspect)))


def base_layout(grid, title: str, height: int = 430, legend: bool = True, axes: tuple = AXES) -> dict:
    """Layout of one panel over the grid: equal axes (unless ``axis_stretch`` stretches one) with numbers and names
    (``axes``), dark text,
    the legend underneath (``legend=False`` on all but the first chart of a row: one legend a row).

    The template is empty: the default one adds ~7 KB to every figure's JSON, and
    Streamlit's theme styles the chart anyway; colours that must stay legible are set here.
    """
    axis = dict(showgrid=False, zeroline=False, constrain="domain", showticklabels=True, ticks="outside",
                ticklen=4, tickfont=TICKS, linecolor=TEXT)
    stretch = axis_stretch(grid)
    aspect = float(grid.xs[-1] - grid.xs[0]) / float(grid.ys[-1] - grid.ys[0]) / stretch  # plot width / height
    return dict(
        template={}, title=dict(text=title, font=dict(size=18, color=TEXT)), font=dict(FONT, color=TEXT),
        height=height, margin={side: ROOM[side] for side in "lrtb"}, plot_bgcolor="white", dragmode=False,
        uirevision="keep", showlegend=legend,
        legend=dict(orientation="h", yanchor="top", y=-0.14, xanchor="left", x=0, font=dict(size=15, color=TEXT)),
        xaxis=dict(range=[float(grid.xs[0]), float(grid.xs[-1])], title=dict(text=axes[0], standoff=4, font=TICKS),
                   nticks=_nticks(1 / aspect), **axis),
        yaxis=dict(range=[float(grid.ys[0]), float(grid.ys[-1])], scaleanchor="x", scaleratio=stretch,
                   constraintoward="top", title=dict(text=axes[1], standoff=2, font=TICKS), nticks=_nticks(aspect),
                   **axis),
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


def for_projector(fig: go.Figure, title: str | None = None, legend: bool | None = None,
                  plot_height: int | None = None) -> go.Figure:
    """A copy of ``fig`` for a room: text at least 18 px, thicker markers and lines, optionally a new
    ``title`` and legend switch; ``fig`` is unchanged.

    Every map gets the same side margins, a colour bar's width on the right whether it has one or not (the legend
    goes there, one entry a line), so the maps of a row, over the same grid, get the same plot size:
    ``plot_height`` fixes the plot's height too (the figure's height is that plus its top and bottom margins)."""
    layout = fig.layout.to_plotly_json()
    layout["font"] = dict(size=18, color=TEXT)
    layout["title"] = dict(layout.get("title", {}), font=dict(size=20, color=TEXT))
    if title is not None:
        layout["title"]["text"] = title
    big = dict(color=TEXT, size=18)
    for name in ("xaxis", "yaxis"):
        layout[name] = dict(layout[name], tickfont=big, title=dict(layout[name].get("title", {}), font=big))
        if layout[name].get("range"):  # a contour line that leaves the grid runs out of the frame, not along its edge
            lo, hi = layout[name]["range"]
            layout[name]["range"] = [lo + CROP * (hi - lo), hi - CROP * (hi - lo)]
    layout["legend"] = dict(layout.get("legend", {}), font=big, orientation="v", x=1.02, xanchor="left", y=1,
                            yanchor="top")
    if legend is not None:
        layout["showlegend"] = legend
    if "sliders" in layout:  # the P(y) slider's value in 18 px too, read out under the axis' 18-px numbers and name
        more = 24
        layout["sliders"] = [dict(s, currentvalue=dict(s.get("currentvalue", {}), font=big),
                                  pad=dict(s.get("pad", {}), t=s.get("pad", {}).get("t", 0) + more))
                             for s in layout["sliders"]]
        layout["margin"] = dict(layout.get("margin") or {}, b=(layout.get("margin") or {}).get("b", 0) + more + 6)
    data = []
    for trace in fig.data:
        t = trace.to_plotly_json()
        if t.get("type") == "scatter" and t.get("name") != TARGETS:
            t["marker"] = dict(t.get("marker", {}), size=t.get("marker", {}).get("size", 7) * 1.5)
            if t.get("legendgroup") == "sample":  # short enough for the legend's column: "new A"
                t["name"] = "new " + str(t.get("name", "")).removesuffix(" (sampled)")
        if t.get("type") == "contour" and "line" in t:
            t["line"] = dict(t["line"], width=t["line"].get("width", 2) * 1.5)
        if "colorbar" in t:
            t["colorbar"] = _big_colorbar(t["colorbar"], big)
        if "colorbar" in (t.get("marker") or {}):  # a colour bar drawn by a marker (the P(y) map's)
            t["marker"] = dict(t["marker"], colorbar=_big_colorbar(t["marker"]["colorbar"], big))
        data.append(t)
    # the projector's room, and any margin the figure was given beyond the room reserved for it (a slider's)
    normal = _reserve_room({"showlegend": fig.layout.showlegend is not False}, data)["margin"]
    layout["margin"] = {side: v for side, v in (layout.get("margin") or {}).items() if v > normal.get(side, 0)}
    layout = _reserve_room(layout, data, PROJECTOR_ROOM)
    layout["margin"]["r"] = max(layout["margin"]["r"], PROJECTOR_ROOM["colorbar"])
    if plot_height is not None:
        layout["height"] = layout["margin"]["t"] + plot_height + layout["margin"]["b"]
    return _unvalidated(data, layout)


def _big_colorbar(bar: dict, font: dict) -> dict:
    return dict(bar, tickfont=font, title=dict(bar.get("title", {}), font=font))


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
    legend = layout.get("legend") or {}
    # a container's legend reserves its own room; a column of entries at the right has the colour bar's
    below = legend.get("yref") != "container" and legend.get("orientation", "h") == "h"
    if layout.get("showlegend", True) and entries and below:
        need["b"] = room["legend"] + room["legend_row"] * (entries - 2 if entries > 2 else 0)
    layout["margin"] = {**margin, **{side: max(margin.get(side, 0), v) for side, v in need.items()}}
    return layout


def _unvalidated(data: list, layout, encoded: bool = False) -> go.Figure:
    """``go.Figure`` without plotly's per-property validation, which costs ~5x the rest of a rerun.

    Unvalidated names go to plotly.js as they are, so colorscales are explicit lists here
    (plotly.js reads "Greys" the other way round and knows no "_r" names). ``encoded``: every array in ``data``
    and ``layout`` is already in the browser's form (``_encode``), so the two dicts are the figure's dict form
    (``BuiltFigure.to_dict``) as they are: plotly's own would deep-copy and walk them again (~2 ms a P(y) map).

    tests/core_tests/test_figures.py rebuilds every figure this module makes with validation on, so a
    misspelt property still fails a test.
    """
    fig = BuiltFigure.__new__(BuiltFigure)
    if encoded:  # plotly builds its objects only when someone asks for them (``BuiltFigure.__getattr__``)
        fig._dict, fig._encoded = FigureDict(data=data, layout=layout), True
        return fig
    return fig._with_plotly_objects(data, layout)


class BuiltFigure(go.Figure):
    """A ``go.Figure`` that is finished when built: its dict form is made once, on the first ``to_dict``.

    ``st.plotly_chart`` calls ``to_dict`` on every rerun, which deep-copies every trace and walks it for numpy arrays
    (0.2 ms a plain map, 2 ms one with a P(y) slider's 99 steps): 3-5 ms of an explorer rerun, for figures that are
    cached (``st.cache_resource``) and shared by every session, so never changed. Do not change one after it is
    shown (plotly does not tell the figure about every change): build a new one (``with_traces``, ``for_projector``).

    Built from encoded dicts (``_unvalidated(..., encoded=True)``) it is only those dicts until something plotly
    keeps is asked for (``fig.data``, ``fig.layout``, ``fig["layout"]``...): ``st.plotly_chart`` needs ``to_dict``
    alone, and plotly's objects cost ~1 ms a map (a prior change on the explorer builds three maps). A slider stays
    in the dict forms (``to_dict``, ``layout.to_plotly_json()``), not in ``layout.sliders``: plotly would build an
    object per step (~2.5 ms for the 99 of a P(y) slider).
    """

    _dict = None
    _encoded = False  # its arrays were in the browser's form when built (``_unvalidated``)
    _built = False  # plotly's own objects exist (``_with_plotly_objects``)

    def _with_plotly_objects(self, data: list, layout: dict):
        self._built = True
        layout = dict(layout)
        sliders = layout.pop("sliders", None)
        go.Figure.__init__(self, data=data, layout=layout, _validate=False)  # plotly deep-copies both
        if sliders is not None:
            self._layout["sliders"] = sliders
        return self

    def __getattr__(self, name):  # called only for what is missing: plotly's objects, made on first use
        if self._built or self._dict is None:
            raise AttributeError(name)
        self._with_plotly_objects(self._dict["data"], self._dict["layout"])
        return getattr(self, name)

    def to_dict(self) -> dict:
        if self._dict is None:
            self._dict = FigureDict(super().to_dict())
        return self._dict


class FigureDict(dict):
    """A ``BuiltFigure``'s dict form, which keeps its JSON once it is made (``send_json_once``).

    A copy (``copy``, ``deepcopy``, pickle) is a plain dict, without the JSON: only the unchanged original keeps it."""

    json = None

    def __reduce__(self):
        return dict, (dict(self),)

    def __deepcopy__(self, memo):
        return copy.deepcopy(dict(self), memo)


_PLOTLY_TO_JSON = plotly.io.to_json


def _json_once(fig, *args, **kwargs):
    if type(fig) is FigureDict and not args and kwargs == {"validate": False}:
        if fig.json is None:
            fig.json = _dumps(fig) or _PLOTLY_TO_JSON(fig, validate=False)
        return fig.json
    return _PLOTLY_TO_JSON(fig, *args, **kwargs)


_SAFE = (("<", "\\u003c"), (">", "\\u003e"), ("/", "\\u002f"))  # plotly.io's escapes: the JSON can sit in HTML
_STEPS_JSON: dict = {}  # id -> (a P(y) slider's shared steps, their JSON): ``prior._slider_steps`` keeps a few lists


def _dumps(fig: dict) -> str | None:
    """``fig``'s JSON as ``plotly.io.to_json`` writes it (the same text), with a P(y) slider's 99 shared steps
    (a third of a P(y) map's encoding time) encoded once; None if ``fig`` holds anything but JSON's own types
    (a numpy scalar, a NaN): plotly's encoder then does it."""
    layout, pieces = fig.get("layout"), {}
    try:
        if isinstance(layout, dict) and layout.get("sliders"):
            sliders = []
            for i, slider in enumerate(layout["sliders"]):
                steps = slider.get("steps") if isinstance(slider, dict) else None
                if isinstance(steps, list) and len(steps) > 20:
                    kept = _STEPS_JSON.get(id(steps))
                    if kept is None or kept[0] is not steps:
                        kept = _STEPS_JSON[id(steps)] = (steps, json.dumps(steps, separators=(",", ":"),
                                                                           allow_nan=False))
                        while len(_STEPS_JSON) > 16:
                            _STEPS_JSON.pop(next(iter(_STEPS_JSON)))
                    token = f"@@slider-steps-{i}@@"
                    pieces[json.dumps(token)] = kept[1]
                    slider = dict(slider, steps=token)
                sliders.append(slider)
            fig = dict(fig, layout=dict(layout, sliders=sliders))
        text = json.dumps(fig, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError):
        return None
    for token, piece in pieces.items():
        text = text.replace(token, piece, 1)
    for unsafe, safe in _SAFE:
        if unsafe in text:
            text = text.replace(unsafe, safe)
    return text


def send_json_once():
    """Make ``plotly.io.to_json`` return a built figure's JSON made once: ``st.plotly_chart`` encodes every figure
    it shows on every rerun (``plotly.io.to_json(fig.to_dict(), validate=False)``), ~0.3-0.8 ms a map, for figures
    that are cached and never change (``BuiltFigure``). Any other figure or call is encoded as before."""
    plotly.io.to_json = _json_once


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


_SCALARS = (str, int, float, type(None))
_PLAIN = frozenset({"colorscale"})  # keys whose values never hold arrays: a P(y) map's scale has 161 stops


def _encode(node):
    """``node`` with every numeric numpy array in the browser's form (``typed_array``); tuples become lists."""
    if isinstance(node, dict):
        return {k: v if k in _PLAIN or isinstance(v, _SCALARS) else _encode(v) for k, v in node.items()}
    if isinstance(node, (list, tuple)):
        return [v if isinstance(v, _SCALARS) else _encode(v) for v in node]
    if isinstance(node, np.ndarray):
        return typed_array(node) if node.dtype.kind in "iuf" else node.tolist()
    return node


def with_traces(fig: go.Figure, traces: list) -> go.Figure:
    """A new figure: ``fig``'s traces and layout plus ``traces`` (dicts); ``fig`` is not changed."""
    if getattr(fig, "_encoded", False):  # its dict form as it is: its traces are shared, and neither changes
        shown = fig.to_dict()
        return _unvalidated(list(shown["data"]) + _encode(list(traces)), dict(shown["layout"]), encoded=True)
    return _unvalidated([t.to_plotly_json() for t in fig.data] + _encode(list(traces)), fig.layout.to_plotly_json(),
                        encoded=getattr(fig, "_encoded", False))
