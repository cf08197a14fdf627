"""Figures of the "What only generative models can do" page: arrays in, plotly figures out. No streamlit."""

from __future__ import annotations

import numpy as np

from core.figures.explorer import _GREYS, _figure, point_traces
from core.figures.layout import FONT, PALETTE, _tint, _unvalidated, base_layout, colorbar, to_percent, typed_array
from core.surfaces import relative_density


def novelty_figure(grid, log_px, threshold: float, points, class_names, probe=None,
                   title="p(x), and what it flags as novel") -> object:
    """p(x) as % of its peak (grey), the novelty threshold as a red line, the flagged region hatched red.

    Parameters
    ----------
    log_px : ndarray of shape (ny, nx); threshold : the log p(x) below which a point is flagged
    """
    xs, ys = grid.xs.astype(np.float32), grid.ys.astype(np.float32)
    flagged = (log_px < threshold).astype(np.uint8)
    traces = [
        dict(type="heatmap", z=to_percent(relative_density(log_px)), x=xs, y=ys, zmin=0, zmax=100, colorscale=_GREYS,
             colorbar=colorbar("p(x), % of peak"),
             hovertemplate="p(x) = %{z}% of its peak<extra></extra>"),
        dict(type="heatmap", z=flagged, x=xs, y=ys, zmin=0, zmax=1, showscale=False, hoverinfo="skip",
             colorscale=[[0, "rgba(213,94,0,0)"], [1, "rgba(213,94,0,0.18)"]], name="flagged as novel"),
        dict(type="contour", z=log_px.astype(np.float32), x=xs, y=ys, showscale=False, hoverinfo="skip",
             contours=dict(coloring="lines", start=threshold, end=threshold, size=1),
             line=dict(width=3, color=PALETTE[5]), colorscale=[[0, PALETTE[5]], [1, PALETTE[5]]],
             name="novelty threshold"),
    ]
    return _figure(base_layout(grid, title), traces, class_names, points, probe, opacity=0.5)


def confidence_figure(grid, proba, points, class_names, probe=None,
                      title="Discriminative: max P(y | x)") -> object:
    """The discriminative model's confidence max_k P(y=k | x), in percent, over the same grid."""
    xs, ys = grid.xs.astype(np.float32), grid.ys.astype(np.float32)
    floor = 100 // len(class_names)
    trace = dict(type="heatmap", z=to_percent(np.max(proba, axis=0)), x=xs, y=ys, zmin=floor, zmax=100,
                 colorscale=[[0, "rgb(250,250,250)"], [1, PALETTE[0]]],
                 colorbar=colorbar("max P(y|x) %"),
                 hovertemplate="max P(y | x) = %{z}%<extra></extra>")
    return _figure(base_layout(grid, title), [trace], class_names, points, probe, opacity=0.5)


def observed_axis_figure(xs, gen_proba, disc_proba, class_names, axis_name: str, gen_label: str,
                         disc_label: str) -> object:
    """P(y | x_observed) along the observed feature: solid the generative model, dashed the discriminative."""
    shown = range(1, len(class_names)) if len(class_names) == 2 else range(len(class_names))
    traces = []
    for k in shown:
        color = PALETTE[k % len(PALETTE)]
        traces.append(dict(type="scatter", x=typed_array(xs.astype(np.float32)),
                           y=typed_array(gen_proba[:, k].astype(np.float32)), mode="lines",
                           line=dict(color=color, width=3),
                           name=f"P({class_names[k]} | {axis_name}): {gen_label}, other feature integrated out"))
        traces.append(dict(type="scatter", x=typed_array(xs.astype(np.float32)),
                           y=typed_array(disc_proba[:, k].astype(np.float32)), mode="lines",
                           line=dict(color=color, width=3, dash="dash"),
                           name=f"P({class_names[k]} | {axis_name}): {disc_label}, other feature at its mean"))
    layout = dict(template={}, font=FONT, height=380, margin=dict(l=60, r=10, t=20, b=50), plot_bgcolor="white",
                  xaxis=dict(title=dict(text=f"{axis_name} (observed)"), showgrid=True, gridcolor="#eee"),
                  yaxis=dict(title=dict(text="probability"), range=[0, 1], showgrid=True, gridcolor="#eee"),
                  legend=dict(orientation="h", yanchor="top", y=-0.18, x=0))
    return _unvalidated(traces, layout)


def _ellipse(mean, cov, n_std: float = 2.0, n: int = 60) -> np.ndarray:
    """Points on the ``n_std`` contour of N(mean, cov), shape (n, 2)."""
    vals, vecs = np.linalg.eigh(cov)
    t = np.linspace(0, 2 * np.pi, n)
    circle = np.column_stack([np.cos(t), np.sin(t)]) * n_std * np.sqrt(np.maximum(vals, 0))
    return circle @ vecs.T + mean


def em_figure(grid, X_labeled, y_labeled, X_unlabeled, responsibilities, means, covariances, class_names,
              title="EM: soft labels and class Gaussians") -> object:
    """Unlabelled points coloured by their responsibilities, labelled points large, each class's 2-sigma ellipse."""
    K = len(class_names)
    rgb = np.array([[int(PALETTE[k][i:i + 2], 16) for i in (1, 3, 5)] for k in range(K)], dtype=float)
    mixed = np.asarray(responsibilities) @ rgb
    colors = [f"rgb({r:.0f},{g:.0f},{b:.0f})" for r, g, b in mixed]
    traces = [dict(type="scatter", x=X_unlabeled[:, 0].astype(np.float32), y=X_unlabeled[:, 1].astype(np.float32),
                   mode="markers", name="unlabelled (colour: responsibility)",
                   marker=dict(size=6, color=colors, opacity=0.7), hoverinfo="skip")]
    for k, name in enumerate(class_names):
        ring = _ellipse(means[k], covariances[k])
        traces.append(dict(type="scatter", x=ring[:, 0].astype(np.float32), y=ring[:, 1].astype(np.float32),
                           mode="lines", line=dict(color=_tint(PALETTE[k % len(PALETTE)], 1.0), width=3),
                           name=f"{name}: 2σ ellipse", hoverinfo="skip"))
    labelled = point_traces(X_labeled, y_labeled, class_names, kind="sample", opacity=1.0)
    for t in labelled:
        t["name"] = t["name"].replace("(sampled)", "(labelled)")
        t["marker"]["size"] = 14
    layout = legend_at_bottom(base_layout(grid, title))
    return _figure(layout, traces + labelled)


def legend_at_bottom(layout: dict) -> dict:
    """``layout`` with its legend at the figure's bottom edge, under the axis' numbers and name whatever its rows.

    A legend placed in the plot's fractions (``y=-0.14``) sits a fraction of the plot's height below the axis: when
    its rows take the height (five entries on a 800-px-wide chart, seven on a phone) the plot shrinks and the
    legend climbs onto the x-axis' numbers and title. Placed in the figure's container, plotly.js reserves the
    legend's own height below the margin for the axis (issue 27: the EM chart at 1280 × 720)."""
    layout["legend"] = {**layout["legend"], "yref": "container", "y": 0, "yanchor": "bottom"}
    return layout


def samples_figure(grid, X_real, X_generated, y_generated, class_names,
                   title="Real (grey) and generated points") -> object:
    """The real training points in grey under the generated ones, coloured by class."""
    real = dict(type="scatter", x=X_real[:, 0].astype(np.float32), y=X_real[:, 1].astype(np.float32),
                mode="markers", name="real", marker=dict(size=6, color="rgb(120,120,120)", opacity=0.5),
                hoverinfo="skip")
    return _figure(base_layout(grid, title), [real] + point_traces(X_generated, y_generated, class_names,
                                                                     kind="sample", opacity=0.8))



def accuracy_vs_labels_figure(ks, curves: dict, title="Test accuracy vs labels per class") -> object:
    """One line per method: test accuracy (mean over label draws) against k, labelled points per class."""
    styles = [dict(color=PALETTE[0], width=3), dict(color=PALETTE[0], width=3, dash="dot"),
              dict(color=PALETTE[1], width=3, dash="dash")]
    traces = [dict(type="scatter", x=list(ks), y=[float(v) for v in values], mode="lines+markers", name=name,
                   line=styles[i % len(styles)]) for i, (name, values) in enumerate(curves.items())]
    layout = dict(template={}, font=FONT, height=340, margin=dict(l=60, r=10, t=40, b=50), plot_bgcolor="white",
                  title=dict(text=title, font=dict(size=18)),
                  xaxis=dict(title=dict(text="labelled points per class (k)"), type="log", showgrid=True,
                             gridcolor="#eee", tickvals=list(ks)),
                  yaxis=dict(title=dict(text="test accuracy"), showgrid=True, gridcolor="#eee"),
                  legend=dict(orientation="h", yanchor="top", y=-0.2, x=0))
    return _unvalidated(traces, layout)
