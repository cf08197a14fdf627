"""P(y) moved in the browser: a two-class posterior map that follows a slider without a server round trip.

For two classes Bayes' rule is a shift of the log-odds:

    P(y=1 | x) = sigmoid(LLR(x) + b),   LLR(x) = log p(x | 1) - log p(x | 0),   b = log(P(1) / P(0)).

So one heatmap of LLR(x) shows the posterior under *every* prior, if its colour scale is built on
sigmoid stops (colour at s = the two-class colour of sigmoid(s)) and the prior translates zmin / zmax
by -b. The boundary (P = 50%) is the LLR contour at -b. A plotly ``layout.sliders`` gives the thumb;
while it moves, ``ui/explorer/prior_drag.py`` draws the heatmap's colours under the new zmin / zmax and that
contour in the browser, and sends the value when the drag ends.

A discriminative model reweighted to a new prior is the same shift of its own log-odds (Saerens et al.):
``z = logit P(1 | x) - logit P_train(1)``, then sigmoid(z + b).

The log-odds travel as int8, ``LOG_ODDS_STEPS`` steps per unit (1/6 of a logit: the colour between two
steps differs by at most 4 points of probability). The heatmap is not smoothed: one cell is 2-3 px, and
plotly.js's "best" smoothing made each step of a drag cost 2-3x as much in headless Chromium.
"""

from __future__ import annotations

import functools

import numpy as np

from core.figures.layout import TEXT, _axes, base_layout, colorbar

LOG_ODDS_STEPS = 6  # int8 units per unit of log-odds
CLIP = 127  # the int8 range: |log-odds| beyond 127 / 6 ≈ 21 (odds of a billion to one) are drawn as 21
PRIORS = tuple(round(0.01 * i, 2) for i in range(1, 100))  # the slider's steps: P(y=1) from 0.01 to 0.99
SPAN = CLIP / LOG_ODDS_STEPS + float(np.log(0.99 / 0.01))  # every z + b the scale must colour
_STOPS = 161


def quantised_log_odds(log_odds: np.ndarray) -> np.ndarray:
    """Log-odds in int8 steps of 1 / LOG_ODDS_STEPS, clipped to +-CLIP (infinities included)."""
    z = np.nan_to_num(np.asarray(log_odds, dtype=float) * LOG_ODDS_STEPS, nan=0.0, posinf=CLIP, neginf=-CLIP)
    return np.clip(np.rint(z), -CLIP, CLIP).astype(np.int8)


def llr_from_log_density(log_density: np.ndarray) -> np.ndarray:
    """log p(x | 1) - log p(x | 0) for a two-class (2, ny, nx) array of log densities (-inf - -inf counts as 0)."""
    with np.errstate(invalid="ignore"):
        diff = log_density[1].astype(float) - log_density[0].astype(float)
    return np.where(np.isnan(diff), 0.0, diff)


def log_odds_from_proba(proba: np.ndarray, train_prior: float) -> np.ndarray:
    """A discriminative P(y=1 | x) as log-odds with the training prior taken out: reweighting adds b back."""
    p = np.clip(np.asarray(proba, dtype=float), 1e-12, 1 - 1e-12)
    t = float(np.clip(train_prior, 1e-12, 1 - 1e-12))
    return np.log(p / (1 - p)) - np.log(t / (1 - t))


def _rgb(colour: str) -> np.ndarray:
    if colour.startswith("#"):
        return np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)], dtype=float)
    return np.array([float(v) for v in colour[colour.index("(") + 1:-1].split(",")[:3]])


def _interpolate(colorscale: list, p: float) -> str:
    stops = [s for s, _ in colorscale]
    k = int(np.clip(np.searchsorted(stops, p, side="right") - 1, 0, len(stops) - 2))
    (s0, c0), (s1, c1) = colorscale[k], colorscale[k + 1]
    w = 0.0 if s1 == s0 else (p - s0) / (s1 - s0)
    r, g, b = np.rint(_rgb(c0) + w * (_rgb(c1) - _rgb(c0))).astype(int)
    return f"rgb({r},{g},{b})"


def sigmoid_colorscale(colorscale: list) -> list:
    """A colour scale over [-SPAN, SPAN] of log-odds (normalised to [0, 1]) whose colour at s is ``colorscale``'s
    colour at sigmoid(s): stops dense where sigmoid changes, sparse in the saturated tails."""
    return [list(stop) for stop in _sigmoid_stops(tuple(map(tuple, colorscale)))]


@functools.lru_cache(maxsize=8)
def _sigmoid_stops(colorscale: tuple) -> tuple:
    """``sigmoid_colorscale``'s stops, computed once per colour scale: 161 interpolations took ~3 ms, a third of
    a prior step's new figures."""
    s = np.sinh(np.linspace(-np.arcsinh(SPAN / 2), np.arcsinh(SPAN / 2), _STOPS)) * 2  # denser near 0
    s[0], s[-1] = -SPAN, SPAN
    return tuple((float((v + SPAN) / (2 * SPAN)), _interpolate(colorscale, float(1 / (1 + np.exp(-v))))) for v in s)


def shift(prior: float) -> dict:
    """What a prior sets on the traces: the heatmap's zmin / zmax and the boundary contour's level (int8 units)."""
    b = float(np.log(prior / (1 - prior)))
    return {"zmin": (-SPAN - b) * LOG_ODDS_STEPS, "zmax": (SPAN - b) * LOG_ODDS_STEPS, "level": -b * LOG_ODDS_STEPS}


def nearest_step(prior: float) -> int:
    return int(np.argmin([abs(p - prior) for p in PRIORS]))


def prior_slider(prior: float, heatmaps: list, contours: list, label: str) -> dict:
    """A ``layout.sliders`` entry: each step names the restyle of the heatmaps' zmin / zmax and the contours' level
    for its prior, and does not execute it (``execute=False``): plotly.js would replot every trace of the map for
    each step, 100-300 ms in headless Chromium. The page draws the same shift itself (``ui/explorer/prior_drag.py``).

    ``heatmaps`` and ``contours`` are trace indices; ``label`` names the prior ("P(y = B)")."""
    steps = _slider_steps(tuple(heatmaps) + tuple(contours))
    # the app's text colour (TEXT): the step labels are hidden, the current value is not
    return dict(active=nearest_step(prior), steps=steps,
                currentvalue=dict(prefix=f"{label} = ", font=dict(size=15, color=TEXT)),
                pad=dict(t=36, b=0), len=1.0, x=0, xanchor="left", y=0, yanchor="top", ticklen=0, minorticklen=0,
                tickcolor="rgba(0,0,0,0)", font=dict(size=1, color="rgba(0,0,0,0)"))


@functools.lru_cache(maxsize=4)
def _slider_steps(indices: tuple) -> list:
    """``prior_slider``'s 99 steps, made once: only the active step depends on the prior. Shared by every figure
    that carries them, so never changed (``BuiltFigure``)."""
    # one update for all: a heatmap has no contours, a line-only contour ignores zmin / zmax
    return [dict(method="restyle", label=f"{p:.2f}", value=f"{p:.2f}", args=[follow_update(p), list(indices)],
                 execute=False) for p in PRIORS]


def posterior_figure(grid, log_odds: np.ndarray, prior: float, class_names, points=None, probe=None,
                     title: str = "P(y | x) and the boundary", clickable: bool = True, legend: bool = False,
                     axes: tuple | None = None, hover_proba: np.ndarray | None = None, slider: bool = True):
    """A two-class posterior map that carries its own P(y) slider (see the module's docstring).

    Parameters
    ----------
    log_odds : ndarray of shape (ny, nx), the prior-free log-odds (``llr_from_log_density`` or
        ``log_odds_from_proba``); ``prior``: P(y = class 1) drawn now and the slider's starting step
    hover_proba : (2, ny, nx) posterior at ``prior`` for the click targets' hover text (default: from log_odds)
    slider : carry the P(y) slider (the generative map); without it the map follows another's slider
        (``ui/explorer/prior_drag.py`` restyles traces 0 and 1 with ``follow_update``)
    """
    from core.figures import explorer as f  # the app's colour scale, click targets and traces

    xs, ys = _axes(grid)
    z = quantised_log_odds(log_odds)
    v = shift(prior)
    heat = dict(type="heatmap", z=z, x=xs, y=ys, zmin=v["zmin"], zmax=v["zmax"], zsmooth=False,
                colorscale=sigmoid_colorscale(f._two_class_colorscale()), showscale=False, hoverinfo="skip",
                name="posterior")
    line = dict(type="contour", z=z, x=xs, y=ys, showscale=False, hoverinfo="skip", name="boundary P = 50%",
                contours=dict(coloring="none", start=v["level"], end=v["level"], size=1, showlines=True),
                line=dict(width=3.5, color="black"))
    scale = dict(type="scatter", x=[None], y=[None], mode="markers", showlegend=False, hoverinfo="skip",
                 name="colour bar", marker=dict(color=[0, 100], colorscale=f._two_class_colorscale(), cmin=0,
                                                cmax=100, showscale=True,
                                                colorbar=colorbar(f"P({class_names[1]}|x) %",
                                                                    tickvals=[0, 25, 50, 75, 100])))
    if hover_proba is None:
        p1 = 1 / (1 + np.exp(-(np.asarray(log_odds, dtype=float) + np.log(prior / (1 - prior)))))
        hover_proba = np.stack([1 - p1, p1])
    targets = [f.click_targets(grid, hover_proba, class_names)] if clickable else []
    layout = base_layout(grid, title, height=486 if slider else 430, legend=legend,
                           **({"axes": axes} if axes else {}))
    if slider:
        layout["margin"] = dict(layout["margin"], b=104)  # what plotly.js needs for the slider: it draws once
        layout["sliders"] = [prior_slider(prior, [0], [1], f"P(y = {class_names[1]})")]
    return f._figure(layout, [heat, line, scale] + targets, class_names, points, probe)


def follow_update(prior: float) -> dict:
    """The restyle of a map for ``prior``: each slider step's (not executed), and what
    ``ui/explorer/prior_drag.py`` draws."""
    v = shift(prior)
    return {"zmin": v["zmin"], "zmax": v["zmax"], "contours.start": v["level"], "contours.end": v["level"]}


def estimate_figure(histories: dict, truth: float, who: str, height: int = 300):
    """EM's estimate of P(y = ``who``) after each iteration, one line per model, and the true share dashed.

    ``histories``: {model label: ndarray of shape (iterations + 1,)}, row 0 the training share it starts from
    (``PriorEstimate.history[:, k]``); ``truth``: the share the unlabelled points were drawn with."""
    from core.figures import layout as f

    colours = ("#009E73", "#CC79A7")  # the palette's greens and pinks: not the class colours
    last = max(len(h) for h in histories.values()) - 1
    data = [dict(type="scatter", x=[0, max(last, 1)], y=[truth, truth], mode="lines", name=f"true P({who})",
                 line=dict(color=f.TEXT, dash="dash", width=2), hoverinfo="skip")]
    for (label, history), colour in zip(histories.items(), colours):
        values = np.round(np.asarray(history, dtype=float), 4)
        data.append(dict(type="scatter", x=np.arange(len(values), dtype=np.int32), y=values, mode="lines+markers",
                         name=label,
                         line=dict(color=colour, width=3), marker=dict(size=5, color=colour),
                         hovertemplate=f"{label}<br>iteration %{{x}}: P({who}) = %{{y:.3f}}<extra></extra>"))
    axis = dict(showgrid=True, gridcolor="#e6e6e6", zeroline=False, tickfont=f.TICKS, linecolor=f.TEXT)
    layout = dict(template={}, height=height, font=dict(f.FONT, color=f.TEXT), plot_bgcolor="white",
                  margin=dict(l=60, r=10, t=40, b=44), dragmode=False, uirevision="keep",
                  legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="right", x=1,
                              font=dict(size=13, color=f.TEXT)),
                  xaxis=dict(title=dict(text="EM iteration", font=f.TICKS), **axis),
                  yaxis=dict(title=dict(text=f"P({who})", font=f.TICKS), **axis))
    return f._unvalidated(f._encode(data), layout, encoded=True)  # the layout holds no arrays
