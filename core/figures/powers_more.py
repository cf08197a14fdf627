"""Figures of the calibration and regression sections, built from dicts as ``core.figures`` does. No streamlit.

Reliability diagrams (``core.calibration.Reliability``), scores against the number of near-copies,
and the regression scene (data, two lines, samples, p(x) against a histogram). Generative models are
drawn solid, discriminative dashed, so the families stay apart in grey-scale too.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from core.figures.layout import FONT, PALETTE, _encode, _unvalidated

_GRID = "rgba(0,0,0,0.1)"
_DIAGONAL = "#555555"


def _axis(title: str, **extra) -> dict:
    return dict(title=dict(text=title), showgrid=True, gridcolor=_GRID, zeroline=False, showline=True,
                linecolor="black", mirror=True, **extra)


def _layout(title: str, height: int, **extra) -> dict:
    """An empty template (as ``core.figures.base_layout``: Streamlit's theme styles the chart), large fonts,
    legend underneath, no drag (a drag on a projector zooms by accident)."""
    return dict(template={}, title=dict(text=title, font=dict(size=20)), font=FONT, height=height,
                margin=dict(l=70, r=20, t=60, b=10), plot_bgcolor="white", dragmode=False, uirevision="keep",
                legend=dict(orientation="h", yanchor="top", y=-0.3, xanchor="left", x=0, font=dict(size=15)),
                **extra)


def _f32(values) -> np.ndarray:
    return np.asarray(values, dtype=np.float32)


def _dash(family: str) -> str:
    return "dash" if family == "discriminative" else "solid"


def reliability_figure(curves: dict, class_name: str, families: dict | None = None,
                       title: str = "Reliability diagram") -> go.Figure:
    """Observed fraction of ``class_name`` against the mean predicted probability, per bin and model.

    Parameters
    ----------
    curves : dict label -> ``core.calibration.Reliability``; a marker's area grows with its bin's count
    families : dict label -> "generative" | "discriminative"
    """
    families = families or {}
    data = [dict(type="scatter", x=[0, 1], y=[0, 1], mode="lines", name="calibrated (diagonal)",
                 line=dict(color=_DIAGONAL, width=1.5, dash="dot"), hoverinfo="skip")]
    biggest = max((int(c.counts.max()) for c in curves.values() if len(c.counts)), default=1)
    for i, (label, curve) in enumerate(curves.items()):
        colour = PALETTE[i % len(PALETTE)]
        data.append(dict(
            type="scatter", x=_f32(curve.prob_pred), y=_f32(curve.prob_true), mode="lines+markers", name=label,
            line=dict(color=colour, width=3, dash=_dash(families.get(label, ""))),
            marker=dict(color=colour, size=_f32(6 + 14 * np.sqrt(curve.counts / biggest))),
            customdata=np.asarray(curve.counts, dtype=np.int32),
            hovertemplate=(f"{label}<br>mean predicted %{{x:.2f}}<br>observed %{{y:.2f}}"
                           "<br>%{customdata} points<extra></extra>")))
    layout = _layout(title, 520,
                     xaxis=_axis(f"mean predicted P({class_name} | x) in the bin", range=[-0.02, 1.02],
                                 constrain="domain", dtick=0.2),
                     yaxis=_axis(f"observed fraction of {class_name}", range=[-0.02, 1.02], scaleanchor="x",
                                 scaleratio=1, dtick=0.2))
    return _unvalidated(_encode(data), layout)


def copies_figure(copies, gaps: dict, log_losses: dict, chosen: int, families: dict | None = None,
                  title: str = "As near-copies of x₁ are added") -> go.Figure:
    """Two panels over the number of copies c: confidence - accuracy (points) above, log-loss below.

    Parameters
    ----------
    copies : ndarray of shape (n_c,)
    gaps, log_losses : dict label -> ndarray of shape (n_c,); gaps as fractions (0.05 = 5 points)
    chosen : the c marked with a vertical line
    """
    families = families or {}
    x = _f32(copies)
    data = []
    for i, label in enumerate(gaps):
        style = dict(mode="lines+markers", legendgroup=label, marker=dict(size=7, color=PALETTE[i % len(PALETTE)]),
                     line=dict(color=PALETTE[i % len(PALETTE)], width=3, dash=_dash(families.get(label, ""))))
        data.append(dict(type="scatter", x=x, y=_f32(100 * np.asarray(gaps[label])), name=label, **style,
                         hovertemplate=f"{label}<br>c = %{{x}}<br>confidence − accuracy %{{y:+.1f}} points"
                                       "<extra></extra>"))
        data.append(dict(type="scatter", x=x, y=_f32(log_losses[label]), name=label, showlegend=False,
                         xaxis="x2", yaxis="y2", **style,
                         hovertemplate=f"{label}<br>c = %{{x}}<br>log-loss %{{y:.3f}}<extra></extra>"))
    shapes = [dict(type="line", xref="x", yref="y", x0=float(x[0]), x1=float(x[-1]), y0=0, y1=0,
                   line=dict(color=_DIAGONAL, width=1.5, dash="dot")),
              dict(type="line", xref="x", yref="paper", x0=chosen, x1=chosen, y0=0, y1=1,
                   line=dict(color="black", width=1.5))]
    span = [float(x[0]) - 0.3, float(x[-1]) + 0.3]
    layout = _layout(title, 520, shapes=shapes,
                     xaxis=_axis("", range=span, dtick=1, anchor="y", showticklabels=False),
                     yaxis=_axis("confidence − accuracy<br>(points)", domain=[0.53, 1.0]),
                     xaxis2=_axis("near-copies of x₁ added (c)", range=span, dtick=1, anchor="y2", matches="x"),
                     yaxis2=_axis("log-loss", domain=[0.0, 0.45], rangemode="tozero"))
    layout["legend"]["y"] = -0.2
    return _unvalidated(_encode(data), layout)


def regression_figure(x, y, lines: dict, samples, title: str = "Two ways to the same line") -> go.Figure:
    """The data, the fitted lines and pairs drawn from the joint model.

    Parameters
    ----------
    x, y : ndarrays of shape (n,)
    lines : dict label -> (intercept, slope); drawn in order, later ones thinner and dashed, on top
    samples : ndarray of shape (m, 2), drawn (x, y) pairs
    """
    samples = np.asarray(samples)
    x_line = _f32([min(float(np.min(x)), float(samples[:, 0].min())), max(float(np.max(x)),
                                                                        float(samples[:, 0].max()))])
    data = [dict(type="scatter", x=_f32(x), y=_f32(y), mode="markers", name="data",
                 marker=dict(color=PALETTE[0], size=7, opacity=0.7, line=dict(width=0.8, color="white")),
                 hovertemplate="data (%{x:.2f}, %{y:.2f})<extra></extra>"),
            dict(type="scatter", x=_f32(samples[:, 0]), y=_f32(samples[:, 1]), mode="markers",
                 name="drawn from the joint Gaussian", marker=dict(color=PALETTE[5], size=8, symbol="x", opacity=0.8),
                 hovertemplate="drawn (%{x:.2f}, %{y:.2f})<extra></extra>")]
    for i, (label, (intercept, slope)) in enumerate(lines.items()):
        data.append(dict(type="scatter", x=x_line, y=_f32(intercept + slope * x_line.astype(float)), mode="lines",
                         name=label, line=dict(color="black" if i == 0 else PALETTE[1], width=6 if i == 0 else 2.5,
                                               dash="solid" if i == 0 else "dash"),
                         hovertemplate=f"{label}<br>y = {intercept:.3f} + {slope:.3f} x<extra></extra>"))
    shapes = [dict(type="line", xref="x", yref="paper", x0=0, x1=0, y0=0, y1=1,
                   line=dict(color=_DIAGONAL, width=1.5, dash="dot"))]
    layout = _layout(title, 520, shapes=shapes, xaxis=_axis("x"), yaxis=_axis("y"))
    return _unvalidated(_encode(data), layout)


def marginal_x_figure(x_grid, px, hist_edges, hist_density, prob_negative: float,
                      title: str = "p(x): the joint model against the data") -> go.Figure:
    """A density histogram of the data's x, the model's p(x) over it, its mass at x < 0 shaded.

    Parameters
    ----------
    x_grid, px : ndarrays of shape (m,), p(x) on a grid
    hist_edges, hist_density : ``np.histogram(x, density=True)``'s edges (k + 1,) and heights (k,)
    prob_negative : the model's P(x < 0), named in the legend
    """
    edges = np.asarray(hist_edges, dtype=float)
    x_grid, px = np.asarray(x_grid, dtype=float), np.asarray(px, dtype=float)
    data = [dict(type="bar", x=_f32((edges[:-1] + edges[1:]) / 2), y=_f32(hist_density), width=_f32(np.diff(edges)),
                 name="histogram of the data's x", marker=dict(color=PALETTE[0], opacity=0.45),
                 hovertemplate="x in this bar: density %{y:.3f}<extra></extra>")]
    negative = x_grid <= 0
    if negative.any():
        data.append(dict(type="scatter", x=_f32(x_grid[negative]), y=_f32(px[negative]), mode="lines",
                         fill="tozeroy", fillcolor="rgba(213,94,0,0.3)", line=dict(width=0),
                         name=f"p(x) on x < 0: {prob_negative:.1%} of its mass", hoverinfo="skip"))
    data.append(dict(type="scatter", x=_f32(x_grid), y=_f32(px), mode="lines", name="p(x), joint Gaussian",
                     line=dict(color=PALETTE[5], width=3), hovertemplate="p(%{x:.2f}) = %{y:.3f}<extra></extra>"))
    layout = _layout(title, 520, bargap=0, xaxis=_axis("x"), yaxis=_axis("density", rangemode="tozero"))
    return _unvalidated(_encode(data), layout)
