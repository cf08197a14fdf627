"""Learning curves as plotly figures, and the sentence that reads them out. No streamlit here.

Inputs are the arrays ``core.experiments`` computes: training sizes, mean test error and its
standard error per model. Colours are the colour-blind-safe Okabe-Ito palette; generative models
are drawn solid, discriminative dashed, so the families stay apart in grey-scale too.
The template is empty, as in ``core.figures``: Streamlit's theme styles the chart, and a named
template would add ~7 KB to every figure's JSON. Fonts are set explicitly, large and dark, for a projector:
Streamlit's theme greys axis text to about 3.7:1 against white, under the 4.5:1 text needs. The legend sits
above the plot, in rows, so it never covers a curve, at any width.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
FONT_SIZE, TITLE_SIZE = 18, 22
TEXT = "#262730"  # Streamlit's own text colour: 15.1:1 on white
GRID = "#D5D7DE"


def _rgba(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _hline(x_range, y, name, colour, dash):
    return go.Scatter(x=np.asarray(x_range, dtype=np.float32), y=np.full(2, y, dtype=np.float32), mode="lines",
                      name=name, line=dict(color=colour, width=2, dash=dash), hoverinfo="name")


def learning_curve_figure(train_sizes, means: dict, ses: dict, families: dict | None = None,
                          bayes_error: float | None = None, nb_limit: float | None = None,
                          crossover_at: float | None = None, title: str = "") -> go.Figure:
    """Mean test error against training size, log x axis, with +-1 standard-error bands.

    Parameters
    ----------
    train_sizes : array-like of shape (n_sizes,)
    means, ses : dict label -> ndarray of shape (n_sizes,), error rates in [0, 1]
    families : dict label -> "generative" | "discriminative"; discriminative curves are dashed
    bayes_error : drawn as a black dashed line where known
    nb_limit : naive Bayes' asymptotic error, drawn dotted where it differs from the Bayes error
    crossover_at : training size where the curves cross, marked with a vertical line and its value

    Returns
    -------
    plotly Figure: per model a band trace (``legendgroup`` = label, no legend entry) then its mean
    trace (named label), then the reference lines.
    """
    families = families or {}
    x = np.asarray(train_sizes, dtype=np.float32)
    x_range = (x[0] / 1.15, x[-1] * 1.15)
    fig = go.Figure()
    top = 0.0
    for i, (label, mean) in enumerate(means.items()):
        colour = OKABE_ITO[i % len(OKABE_ITO)]
        mean = np.asarray(mean, dtype=np.float32)
        se = np.asarray(ses[label], dtype=np.float32)
        lower, upper = np.clip(mean - se, 0, 1), np.clip(mean + se, 0, 1)
        top = max(top, float(np.nanmax(upper, initial=0.0)))
        fig.add_trace(go.Scatter(
            x=np.concatenate([x, x[::-1]]), y=np.concatenate([upper, lower[::-1]]), fill="toself",
            fillcolor=_rgba(colour, 0.2), line=dict(width=0), hoverinfo="skip", showlegend=False,
            legendgroup=label, name=f"{label} ± 1 s.e."))
        fig.add_trace(go.Scatter(
            x=x, y=mean, mode="lines+markers", name=label, legendgroup=label,
            line=dict(color=colour, width=3, dash="dash" if families.get(label) == "discriminative" else "solid"),
            marker=dict(size=8), hovertemplate=f"{label}<br>n = %{{x:.0f}}<br>error %{{y:.1%}}<extra></extra>"))
    if bayes_error is not None:
        fig.add_trace(_hline(x_range, bayes_error, f"Bayes error {bayes_error:.1%}", "#000000", "dash"))
    if nb_limit is not None and (bayes_error is None or abs(nb_limit - bayes_error) > 0.005):
        fig.add_trace(_hline(x_range, nb_limit, f"naive Bayes' limit {nb_limit:.1%}", "#555555", "dot"))
    y_max = min(1.0, 1.08 * max(top, bayes_error or 0.0, nb_limit or 0.0, 0.05))
    if crossover_at is not None:
        fig.add_trace(go.Scatter(
            x=np.full(2, crossover_at, dtype=np.float32), y=np.array([0.0, y_max], dtype=np.float32),
            mode="lines", name=f"crossover n ≈ {crossover_at:.0f}", line=dict(color="#D55E00", width=2, dash="dot"),
            hoverinfo="name"))
    entries = len(fig.data) - len(means)  # one per curve and reference line; the bands have none
    axis_fonts = dict(tickfont=dict(size=FONT_SIZE - 2, color=TEXT), title_font=dict(size=FONT_SIZE, color=TEXT),
                      color=TEXT, linecolor=TEXT, gridcolor=GRID, showline=True)
    fig.update_layout(
        # taller with more than five legend entries: on a phone each is a row above the plot
        template={}, height=560 + 30 * max(0, entries - 5), margin=dict(l=70, r=20, t=70 if title else 20, b=20),
        font=dict(size=FONT_SIZE, color=TEXT), paper_bgcolor="white", plot_bgcolor="white",
        title=dict(text=title, font=dict(size=TITLE_SIZE, color=TEXT)) if title else None,
        # above the plot, in as many rows as the width needs: never over a curve
        # (below it, the rows would meet the axis title, which rotated tick labels push down on a phone)
        legend=dict(orientation="h", x=0, xanchor="left", y=1.02, yanchor="bottom",
                    font=dict(size=FONT_SIZE - 2, color=TEXT)),
        hovermode="closest")
    # ticks at the training sizes themselves: the readout and the hover quote them
    fig.update_xaxes(type="log", title="training-set size n (log scale)", tickvals=[int(n) for n in x],
                     ticktext=[str(int(n)) for n in x], range=[float(np.log10(x_range[0])),
                                                             float(np.log10(x_range[1]))], **axis_fonts)
    fig.update_yaxes(title="test error", tickformat=".0%", range=[0, y_max], **axis_fonts)
    return fig


def readout(train_sizes, means: dict, crossover_at: float | None = None, pair: tuple | None = None,
            tie: float = 0.005) -> str:
    """A few sentences with the numbers: at the smallest size, where ``pair`` differ most, at the largest.

    E.g. "At n = 6: naive Bayes 24.8%, logistic regression 25.6%. Widest gap at n = 33: naive Bayes 13.9%,
    logistic regression 19.3%. At n = 1000: both ≈ 10.7%. The curves cross near n ≈ 180."
    Errors within ``tie`` of each other read as "both ≈" / "all ≈".
    """
    def at(j, lead):
        values = {label: float(m[j]) for label, m in means.items() if np.isfinite(m[j])}
        if not values:
            return ""
        spread = max(values.values()) - min(values.values())
        if len(values) > 1 and spread <= tie:
            return f"{lead}: {'both' if len(values) == 2 else 'all'} ≈ {np.mean(list(values.values())):.1%}."
        return f"{lead}: " + ", ".join(f"{label} {v:.1%}" for label, v in values.items()) + "."

    last = len(train_sizes) - 1
    parts = [at(0, f"At n = {int(train_sizes[0])}")]
    if pair is not None:
        gap = np.abs(np.asarray(means[pair[0]]) - np.asarray(means[pair[1]]))
        if np.isfinite(gap).any():
            j = int(np.nanargmax(gap))
            if 0 < j < last and gap[j] > tie:
                parts.append(f"Widest gap at n = {int(train_sizes[j])}: {pair[0]} {means[pair[0]][j]:.1%}, "
                             f"{pair[1]} {means[pair[1]][j]:.1%}.")
    parts.append(at(last, f"At n = {int(train_sizes[last])}"))
    if crossover_at is not None:
        parts.append(f"The curves cross near n ≈ {crossover_at:.0f}.")
    return " ".join(p for p in parts if p)
