"""Figures of the "GANs and VAEs" page: arrays in, plotly figures out. No streamlit.

Real points are grey, generated points vermillion, as in every panel of the page; the
discriminator's P(real | x) goes from orange (says "generated") through white (1/2) to blue
(says "real").
"""

from __future__ import annotations

import numpy as np

from core.figures.layout import FONT, PALETTE, _encode, _tint, _unvalidated, base_layout, to_percent

REAL, FAKE, OTHER = "rgb(90,90,90)", PALETTE[5], PALETTE[2]
INK = "#262730"  # Streamlit's text colour: dark enough to read on a projector
_FONT = dict(FONT, color=INK)
_TICKS = dict(color=INK, size=14)
_P_REAL_SCALE = [[0.0, _tint(PALETTE[1], 0.85)], [0.5, "rgb(255,255,255)"], [1.0, _tint(PALETTE[0], 0.7)]]
_DENSITY_SCALE = [[0.0, "rgb(255,255,255)"], [1.0, _tint(PALETTE[2], 0.75)]]


def _points(X, name: str, color: str, size: int = 6, symbol: str = "circle", opacity: float = 0.8) -> dict:
    X = np.asarray(X, dtype=np.float32)
    return dict(type="scatter", x=X[:, 0], y=X[:, 1], mode="markers", name=name,
                marker=dict(size=size, color=color, symbol=symbol, opacity=opacity,
                            line=dict(width=0.6, color="white")),
                hovertemplate=f"{name}<br>(%{{x:.2f}}, %{{y:.2f}})<extra></extra>")


def _segments(starts, ends, name: str, color: str, width: float = 1.2) -> dict:
    """Line segments start -> end as one trace, NaN between them."""
    n = len(starts)
    xy = np.full((3 * n, 2), np.nan, dtype=np.float32)
    xy[0::3], xy[1::3] = starts, ends
    return dict(type="scatter", x=xy[:, 0], y=xy[:, 1], mode="lines", name=name, hoverinfo="skip",
                line=dict(color=color, width=width))


def _lines(lines, name: str, color: str, width: float = 1.0) -> dict:
    """Polylines (a list of (m, 2) arrays) as one trace, NaN between them."""
    parts = []
    for line in lines:
        parts += [np.asarray(line, dtype=np.float32), np.full((1, 2), np.nan, dtype=np.float32)]
    xy = np.vstack(parts)
    return dict(type="scatter", x=xy[:, 0], y=xy[:, 1], mode="lines", name=name, hoverinfo="skip",
                line=dict(color=color, width=width))


def _layout(grid, title: str, height: int = 460) -> dict:
    """The project's map layout; the square axes hug the colour bar on their right."""
    layout = base_layout(grid, title, height=height)
    layout["legend"] = dict(layout.get("legend", {}), y=-0.16)
    layout["xaxis"] = dict(layout["xaxis"], constraintoward="right")
    return layout


def gan_figure(grid, proba_real, X_real, X_fake, push=None, title="Discriminator P(real | x) and the samples"):
    """The discriminator's P(real | x) over the grid, the real points, the generator's samples and,
    optionally, the direction the generator's loss pushes each sample (``push``, shape like ``X_fake``).

    Parameters
    ----------
    proba_real : ndarray of shape (ny, nx) in [0, 1]
    """
    xs, ys = grid.xs.astype(np.float32), grid.ys.astype(np.float32)
    traces = [dict(type="heatmap", x=xs, y=ys, z=to_percent(proba_real), zmin=0, zmax=100, colorscale=_P_REAL_SCALE,
                   colorbar=dict(title=dict(text="P(real | x) %", side="right"), thickness=12, len=0.9),
                   hovertemplate="P(real | x) = %{z}%<extra></extra>", name="P(real | x)")]
    traces.append(_points(X_real, "real", REAL, size=5, opacity=0.6))
    if push is not None:
        norms = np.linalg.norm(push, axis=1)
        span = float(min(grid.xs[-1] - grid.xs[0], grid.ys[-1] - grid.ys[0]))
        scale = 0.08 * span / max(float(np.max(norms)), 1e-12)
        shown = slice(0, min(len(X_fake), 150))  # a few arrows show the field; hundreds hide it
        traces.append(_segments(X_fake[shown], X_fake[shown] + scale * push[shown],
                                "where the generator's loss pushes them", "black", width=1.2))
    traces.append(_points(X_fake, "generated", FAKE, size=6, opacity=0.85))
    return _unvalidated(_encode(traces), _layout(grid, title))


def curves_figure(steps, curves: dict, current_step: int | None = None, references: dict | None = None,
                  title: str = "Losses", y_title: str = "nats per point", height: int = 460):
    """One line per curve against the training step, dotted reference levels, a line at ``current_step``."""
    colors = [PALETTE[0], PALETTE[5], PALETTE[2], PALETTE[3]]
    steps = np.asarray(steps, dtype=np.float32)
    traces = [dict(type="scatter", x=steps, y=np.asarray(values, dtype=np.float32), mode="lines", name=name,
                   line=dict(color=colors[i % len(colors)], width=2.5),
                   hovertemplate=f"{name}: %{{y:.3f}} at step %{{x}}<extra></extra>")
              for i, (name, values) in enumerate(curves.items())]
    shapes = []
    for i, (name, level) in enumerate((references or {}).items()):
        traces.append(dict(type="scatter", x=[float(steps[0]), float(steps[-1])], y=[level, level], mode="lines",
                           name=name, line=dict(color=colors[i % len(colors)], width=1.5, dash="dot"),
                           hoverinfo="skip"))
    if current_step is not None:
        shapes.append(dict(type="line", xref="x", yref="paper", x0=current_step, x1=current_step, y0=0, y1=1,
                           line=dict(color="black", width=1.5, dash="dash")))
    layout = dict(template={}, font=_FONT, height=height, margin=dict(l=60, r=10, t=44, b=40), plot_bgcolor="white",
                  title=dict(text=title, font=dict(size=18, color=INK)), shapes=shapes,
                  xaxis=dict(title=dict(text="training step", font=_TICKS), tickfont=_TICKS, showgrid=True,
                             gridcolor="#eee"),
                  yaxis=dict(title=dict(text=y_title, font=_TICKS), tickfont=_TICKS, showgrid=True, gridcolor="#eee"),
                  legend=dict(orientation="h", yanchor="top", y=-0.24, x=0, font=dict(size=14, color=INK)))
    return _unvalidated(_encode(traces), layout)


def vae_data_figure(grid, X_real, X_gen, mesh=None, title="Samples and the decoded grid of z"):
    """Real points, samples from the VAE and, optionally, the decoder's image of a grid of z (polylines)."""
    traces = [_points(X_real, "real", REAL, size=5, opacity=0.6)]
    if mesh is not None:
        traces.append(_lines(mesh, "decoded grid: m(z)", PALETTE[0], width=1.2))
    traces.append(_points(X_gen, "generated", FAKE, size=6, opacity=0.85))
    return _unvalidated(_encode(traces), _layout(grid, title))


def latent_figure(Z_means, y, class_names, mesh=None, extent: float = 3.0, title="Codes: means of q(z | x)"):
    """The encoder's means of the real points, coloured by the labels it never saw, the prior's 1 and 2
    sigma circles, and the same grid of z as the data panel."""
    t = np.linspace(0, 2 * np.pi, 80)
    circle = np.column_stack([np.cos(t), np.sin(t)]).astype(np.float32)
    traces = [_lines([circle, 2 * circle], "prior N(0, I): 1σ and 2σ", "black", width=1.5)]
    if mesh is not None:
        traces.append(_lines(mesh, "the grid of z", _tint(PALETTE[0], 0.5), width=1.0))
    for k, name in enumerate(class_names):
        mask = np.asarray(y) == k
        if mask.any():
            traces.append(_points(Z_means[mask], f"{name} (label unseen)", PALETTE[k % len(PALETTE)], size=5,
                                  opacity=0.7))
    axis = dict(range=[-extent, extent], showgrid=False, zeroline=True, zerolinecolor="#ddd", tickfont=_TICKS,
                linecolor=INK, ticks="outside")
    layout = dict(template={}, font=_FONT, height=460, margin=dict(l=44, r=10, t=44, b=40), plot_bgcolor="white",
                  title=dict(text=title, font=dict(size=18, color=INK)), dragmode=False,
                  xaxis=dict(title=dict(text="z₁", font=_TICKS), constrain="domain", **axis),
                  yaxis=dict(title=dict(text="z₂", font=_TICKS), scaleanchor="x", scaleratio=1, **axis),
                  legend=dict(orientation="h", yanchor="top", y=-0.22, x=0, font=dict(size=14, color=INK)))
    return _unvalidated(_encode(traces), layout)


def explicit_figure(grid, log_px, X_real, X_gen, title="An explicit density: p(x) and its samples"):
    """p(x) as a percentage of its peak, the real points and the model's samples."""
    xs, ys = grid.xs.astype(np.float32), grid.ys.astype(np.float32)
    rel = np.exp(log_px - np.max(log_px))
    traces = [dict(type="heatmap", x=xs, y=ys, z=to_percent(rel), zmin=0, zmax=100, colorscale=_DENSITY_SCALE,
                   colorbar=dict(title=dict(text="p(x), % of peak", side="right"), thickness=12, len=0.9),
                   hovertemplate="p(x) = %{z}% of its peak<extra></extra>", name="p(x)"),
              _points(X_real, "real", REAL, size=5, opacity=0.6), _points(X_gen, "generated", FAKE, size=6)]
    return _unvalidated(_encode(traces), _layout(grid, title))


def regions_figure(centres, shares: dict, title="Share of points in each region of the data"):
    """Grouped bars: for each region (a k-means cell of the real points), the share of each set's points."""
    labels = [f"({c[0]:.1f}, {c[1]:.1f})" for c in centres]
    colors = {0: REAL, 1: FAKE, 2: OTHER}
    traces = [dict(type="bar", x=labels, y=[round(100 * float(v), 1) for v in values], name=name,
                   marker=dict(color=colors.get(i, PALETTE[3])),
                   hovertemplate=f"{name}: %{{y}}% of its points<extra></extra>")
              for i, (name, values) in enumerate(shares.items())]
    layout = dict(template={}, font=_FONT, height=360, margin=dict(l=60, r=10, t=44, b=40), plot_bgcolor="white",
                  title=dict(text=title, font=dict(size=18, color=INK)), barmode="group",
                  xaxis=dict(title=dict(text="region, by its centre", font=_TICKS), tickfont=_TICKS, type="category"),
                  yaxis=dict(title=dict(text="% of the set's points", font=_TICKS), tickfont=_TICKS, showgrid=True,
                             gridcolor="#eee", rangemode="tozero"),
                  legend=dict(orientation="h", yanchor="top", y=-0.3, x=0, font=dict(size=14, color=INK)))
    return _unvalidated(_encode(traces), layout)
