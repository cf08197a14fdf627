"""The words page's figures (no streamlit): learning curves on real text, drawn as the learning-curves page's are."""

from __future__ import annotations

import plotly.graph_objects as go

from core.experiments import family_crossover
from core.figures.learning_curves import learning_curve_figure

LABELS = {"nb": "Multinomial naive Bayes", "logreg": "Logistic regression"}
FAMILIES = {LABELS["nb"]: "generative", LABELS["logreg"]: "discriminative"}


def crossover_of(curves: dict):
    """``core.experiments.family_crossover`` of the two curves (ties within two standard errors), or None."""
    means = {LABELS[k]: curves["means"][k] for k in LABELS}
    ses = {LABELS[k]: curves["ses"][k] for k in LABELS}
    return family_crossover(curves["sizes"], means, ses, FAMILIES)[1]


def curves_figure(curves: dict) -> go.Figure:
    """Test error of both models against training-set size (``core.text_generate.text_curves``'s dict)."""
    means = {LABELS[k]: curves["means"][k] for k in LABELS}
    ses = {LABELS[k]: curves["ses"][k] for k in LABELS}
    fig = learning_curve_figure(curves["sizes"], means, ses, FAMILIES, crossover_at=crossover_of(curves))
    fig.update_layout(height=420)
    return fig
