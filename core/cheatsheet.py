"""The cheat sheet: one row per registry model, derived from the registry and the fitted models.

The family comes from ``ModelSpec.kind``; "can sample", "scores p(x)" and "a missing feature" from a
model fitted on a small named dataset (``probe``); the parameter count from a formula that
``tests/test_cheatsheet.py`` checks against the fitted model's arrays, evaluated at the registry's
defaults. What no probe can tell (what it models, boundary shape, calibration tendency) is in
``NOTES``, a small table keyed like ``MODELS``.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from dataclasses import dataclass, field

import numpy as np

from core.datasets import make_dataset
from core.generative import GenerativeClassifier
from core.models import DISCRIMINANT, GENERATIVE, MODELS, PROBABILISTIC, fit_model

FAMILY_WORDS = {GENERATIVE: "generative", PROBABILISTIC: "probabilistic discriminative",
                DISCRIMINANT: "discriminant function"}

COLUMNS = {  # row key -> column header
    "model": "Model",
    "family": "Family",
    "models": "What it models",
    "boundary": "Boundary",
    "sample": "Can sample",
    "score": "Scores p(x)",
    "missing": "A missing feature (NaN)",
    "parameters": "Parameters (d features, K classes)",
    "d2": "At d = 2, K = 2",
    "calibration": "Calibration tendency",
}

# The short forms, in two narrow tables that fit a phone (model pinned) and a projector.
AT_A_GLANCE = {"model": "Model", "family": "Family", "shape": "Boundary", "sample_short": "Samples",
               "score_short": "p(x)", "missing_short": "Missing feature"}
APPETITE = {"model": "Model", "formula": "Parameters (d features, K classes)", "d2": "At d = 2, K = 2",
            "settings": "Holds for"}

LEGEND = ("d features, K classes, n training points, n_SV support vectors; o = 1 for two classes (one score), "
          "K for more; M components per class, D the maximum depth, T trees, h units per hidden layer. Counts "
          "are of the numbers each model fits (class priors count K − 1), at the registry's default settings, "
          "without the mean and standard deviation per feature that most of these models standardise with "
          "first. ≤: an upper bound (a tree's size is learned).")

PROBE_DATA = dict(name="blobs", n_samples=60, seed=0)  # the data every capability is probed on


@dataclass(frozen=True)
class Note:
    """What the code cannot say about one model. Text fields may name the registry's hyperparameters
    in braces (``{n_neighbors}``): they are filled with the defaults.

    ``params`` is a Python expression in d, K, o (1 for two classes, K for more), n, n_sv and the
    ``symbols``, each symbol a registry hyperparameter whose value ``where`` states; it holds for the
    defaults of the ``fixed`` hyperparameters. ``bound`` marks an upper bound.
    """

    models: str
    boundary: str
    params: str
    calibration: str
    shape: str = ""  # the boundary in a few words, for the at-a-glance table
    symbols: dict = field(default_factory=dict)
    fixed: tuple = ()  # other hyperparameters the formula holds only at their defaults
    where: str = ""
    bound: bool = False
    missing: str = ""  # how a model that is not generative predicts with a NaN, if it does


_DOUBLE_COUNTING = ("Errs either way when features depend on each other within a class. Over-confident when they "
                    "repeat the same evidence, which it counts once per feature (copies, or correlated features "
                    "whose class means shift the same way; Niculescu-Mizil & Caruana, 2005; the Generative powers "
                    "page adds copies of x₁). Under-confident when it overestimates a class's spread along the "
                    "direction that separates the classes, as on the correlated Gaussians (variance 1 assumed along "
                    "a short axis of variance 0.1). Close to calibrated when its assumptions hold and data are "
                    "plentiful.")
_TREE_NAN = ("at each split on the missing feature a NaN goes to the branch that held more training points "
             "(scikit-learn's rule when training saw no NaN): a fixed route, not integration")

NOTES = {
    "gnb": Note(
        "P(y), and p(x | y) as a product of one Gaussian per feature: features independent given the class, "
        "a variance per class and feature",
        "quadratic, with axes along the features (no x₁x₂ term)",
        "2*K*d + K - 1", _DOUBLE_COUNTING, shape="quadratic, axis-aligned"),
    "nb_shared": Note(
        "P(y), and p(x | y) as a product of one Gaussian per feature: features independent given the class, "
        "one variance per feature shared by all classes",
        "linear: a straight line for two classes, piecewise-linear for more",
        "K*d + d + K - 1", _DOUBLE_COUNTING, shape="linear"),
    "lda": Note(
        "P(y), and p(x | y) as one Gaussian per class, all sharing one covariance matrix",
        "linear: a straight line for two classes, piecewise-linear for more",
        "K*d + d*(d + 1)/2 + K - 1",
        "Close to calibrated when the classes really are Gaussians with one shared covariance and data are "
        "plentiful; when they are not, its probabilities can err either way.", shape="linear"),
    "qda": Note(
        "P(y), and p(x | y) as one Gaussian per class, each with its own covariance matrix",
        "quadratic: pieces of conics (ellipse, parabola, hyperbola) for two features",
        "K*d + K*d*(d + 1)/2 + K - 1",
        "As LDA when its assumptions hold. With few points per class its d(d + 1)/2 covariance entries per class "
        "are noisy, and an overfitted model tends to be over-confident (a common tendency, not a guarantee).",
        shape="quadratic"),
    "gmm": Note(
        "P(y), and p(x | y) as a mixture of {n_components} Gaussians per class ({covariance_type} covariances), "
        "fitted by EM",
        "curved and flexible: more components follow crescents and split a class into islands",
        "K*(M*d + M*d*(d + 1)/2 + M - 1) + K - 1",
        "Only as good as its fit of each class's density: many components on few points overfit, which tends to "
        "make probabilities too extreme (a common tendency of flexible models, not a rule).",
        shape="flexible", symbols={"M": "n_components"}, fixed=("covariance_type",),
        where="M = {n_components} components, {covariance_type} covariances"),
    "kde": Note(
        "P(y), and p(x | y) as a Gaussian bump of width {bandwidth} (in standard deviations) on every training "
        "point of the class",
        "as flexible as the data: follows single points at small bandwidths, smooth at large ones",
        "n*d + n + K - 1",
        "Set by the bandwidth: small widths give posteriors near 0 or 1 close to the training points, large ones "
        "pull them towards the class shares. Far from all data the class with the nearest training point (in "
        "standardised units) takes almost all the probability.",
        shape="flexible",
        where="every training point is kept with its class, and K − 1 class priors; the bandwidth is set, not "
              "fitted"),
    "logreg": Note(
        "P(y | x) as a sigmoid (two classes) or softmax of functions linear in x (in polynomial features of x "
        "at degree 2 and above), fitted by L2-penalised conditional likelihood",
        "linear at degree 1 (the default); a polynomial curve at degree 2 and above",
        "o*(d + 1)",
        "Fitted by minimising log-loss, so usually close to calibrated on data like its training set when its "
        "form fits (a well-known tendency; Niculescu-Mizil & Caruana, 2005). A strong penalty (small C) makes it "
        "under-confident; far from the data its linear log-odds keep growing, so it becomes sure there.",
        shape="linear (degree 1)", fixed=("degree",), where="degree {degree}"),
    "svm": Note(
        "A decision rule: the sign of a maximum-margin function in the RBF kernel's feature space; its "
        "P(y | x) is {proba_source}",
        "curved and flexible (RBF kernel): wigglier for large gamma and C",
        "n_sv*d + n_sv*(K - 1) + K*(K - 1)/2 + 2*o",
        "Its margin is not a probability. Platt scaling on held-out folds, as here, fixes the margin's typical "
        "S-shaped distortion (Niculescu-Mizil & Caruana, 2005); far from the data the margin falls to its "
        "intercept, so every far point gets the same probability.",
        shape="flexible",
        where="n_SV ≤ n support vectors with their weights, an intercept per pair of classes, the Platt sigmoids"),
    "tree": Note(
        "A decision rule: axis-aligned splits, at most {max_depth} deep; its P(y | x) is {proba_source}",
        "a staircase of axis-aligned steps",
        "2*(2**D - 1) + (K - 1)*2**D",
        "Leaves that hold one class give probabilities of exactly 0 or 1, so a deep tree tends to be "
        "over-confident on new points.",
        shape="axis-aligned steps", symbols={"D": "max_depth"}, bound=True,
        where="D = {max_depth}: a feature and a threshold per split, K − 1 class shares per leaf; not growing "
              "with d",
        missing=_TREE_NAN),
    "forest": Note(
        "A decision rule: {n_estimators} randomised trees, at most {max_depth} deep, vote; its P(y | x) is "
        "{proba_source}",
        "axis-aligned steps, finer and smoother than one tree's",
        "T*(2*(2**D - 1) + (K - 1)*2**D)",
        "Averaging trees tends to pull probabilities away from 0 and 1, even where they should be near them "
        "(Niculescu-Mizil & Caruana, 2005); uncalibrated.",
        shape="axis-aligned steps", symbols={"T": "n_estimators", "D": "max_depth"}, bound=True,
        where="T = {n_estimators} trees, D = {max_depth}; not growing with d",
        missing=f"in each tree {_TREE_NAN}"),
    "knn": Note(
        "A decision rule: the vote of the {n_neighbors} nearest training points (in standardised units); its "
        "P(y | x) is {proba_source}",
        "piecewise-linear (pieces of bisectors between training points): jagged for small k, smoother for large k",
        "n*(d + 1)",
        "Vote shares come in steps of 1/k and are not calibrated; a larger k smooths them towards the local "
        "class shares.",
        shape="piecewise-linear",
        where="nothing is fitted: every training point and its label are kept; k = {n_neighbors} is set"),
    "mlp": Note(
        "P(y | x) as two hidden layers of {hidden} ReLU units and a sigmoid (two classes) or softmax output, "
        "fitted by L2-penalised log-loss",
        "piecewise-linear (a ReLU network's output score is piecewise-linear in x), with enough pieces to look "
        "curved",
        "h*(d + 1) + h*(h + 1) + o*(h + 1)",
        "Fitted by log-loss like logistic regression: small networks like this one are often close to "
        "calibrated, while large modern networks tend to be over-confident (Guo et al., 2017).",
        shape="piecewise-linear", symbols={"h": "hidden"}, where="h = {hidden} units in each of the 2 layers"),
}


# ---- what the fitted model can do ----------------------------------------------------------------

@dataclass(frozen=True)
class Probe:
    """What a fitted model did when asked: sample, score p(x), predict with a NaN feature."""

    can_sample: bool
    can_score: bool
    missing_runs: bool
    marginalises: bool  # a generative model: the NaN is integrated out of p(x | y)


def probe_data():
    return make_dataset(PROBE_DATA["name"], PROBE_DATA["n_samples"], seed=PROBE_DATA["seed"])


def probe(name: str, model=None) -> Probe:
    """Fit registry model ``name`` with its defaults on ``PROBE_DATA`` (or take ``model``) and try it."""
    data = probe_data()
    model = fit_model(name, data.X, data.y) if model is None else model
    can_sample = callable(getattr(model, "sample", None))
    if can_sample:
        X_new, y_new = model.sample(5, np.random.default_rng(0))
        can_sample = np.shape(X_new) == (5, data.X.shape[1]) and len(y_new) == 5 and np.isfinite(X_new).all()
    can_score = callable(getattr(model, "log_px", None)) and bool(np.isfinite(model.log_px(data.X[:5])).all())
    X_nan = data.X[:4].copy()
    X_nan[:2, 0] = np.nan
    X_nan[2:, 1] = np.nan
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            proba = model.predict_proba(X_nan)
        runs = bool(np.isfinite(proba).all() and np.allclose(proba.sum(axis=1), 1.0))
    except ValueError:
        runs = False
    return Probe(bool(can_sample), can_score, runs, runs and isinstance(model, GenerativeClassifier))


# ---- parameter counts ----------------------------------------------------------------------------

def _namespace(name: str, d: int, K: int, n=None, n_sv=None) -> dict:
    defaults = MODELS[name].defaults()
    ns = {"d": d, "K": K, "o": 1 if K == 2 else K, "n": n, "n_sv": n_sv}
    ns.update({symbol: defaults[param] for symbol, param in NOTES[name].symbols.items()})
    return ns


def n_parameters(name: str, d: int, K: int, n: int | None = None, n_sv: int | None = None) -> float:
    """Numbers fitted by registry model ``name`` at its defaults (an upper bound if ``NOTES[name].bound``):
    ``NOTES[name].params`` evaluated for d features, K classes, n training points, n_sv support vectors."""
    return eval(NOTES[name].params, {"__builtins__": {}}, _namespace(name, d, K, n, n_sv))  # noqa: S307


def free_variables(name: str) -> list:
    """The data-dependent sizes a count needs: ``n`` or ``n_sv`` (none for a parametric model)."""
    names = compile(NOTES[name].params, "<params>", "eval").co_names
    return [v for v in ("n", "n_sv") if v in names]


def pretty(expr: str) -> str:
    """A formula as a person writes it: ``2*K*d + K - 1`` -> ``2Kd + K − 1``, ``2**D`` -> ``2^D``."""
    out = expr.replace("**", "^")
    out = re.sub(r"(\w+|\))\*", lambda m: m.group(1) + ("·" if len(m.group(1)) > 1 and not m.group(1).isdigit()
                                                        else ""), out)
    return out.replace("n_sv", "n_SV").replace(" - ", " − ")


def count_at(name: str, d: int = 2, K: int = 2) -> str:
    """The count for d features and K classes as text: a number, or linear in n or n_SV (``3n_SV + 3``)."""
    free = free_variables(name)
    prefix = "≤ " if NOTES[name].bound else ""
    if not free:
        return prefix + f"{n_parameters(name, d, K):g}"
    (var,) = free
    at = lambda v: n_parameters(name, d, K, **{var: v})  # noqa: E731
    const, slope = at(0), at(1) - at(0)
    if not np.isclose(at(7), const + 7 * slope):
        raise ValueError(f"{name}: the count is not linear in {var}")
    symbol = pretty(var)
    text = (symbol if slope == 1 else f"{slope:g}{symbol}") + (f" + {const:g}" if const else "")
    return prefix + text


def settings(name: str) -> str:
    """The default hyperparameters a count holds for (``M = 3, covariance full``), or ``any settings`` when
    no hyperparameter changes it."""
    spec, note = MODELS[name], NOTES[name]
    values = spec.defaults()
    parts = [f"{s} = {values[p]}" for s, p in note.symbols.items()]
    parts += [f"{spec.params[p].label} {values[p]}" for p in note.fixed]
    return ", ".join(parts) or "any settings"


def _filled(text: str, name: str) -> str:
    spec = MODELS[name]
    return text.format(**spec.defaults(), proba_source=spec.proba_source)


# ---- the rows --------------------------------------------------------------------------------------

PLACEHOLDER = "runs (how is not written down: add it to core/cheatsheet.py NOTES)"
MISSING_SHORT = {"integrates": "integrated out", "runs": "fixed route", "error": "error"}


def _missing(name: str, found: Probe) -> tuple:
    """(short, full) words for what model ``name`` does with a NaN feature, from its probe."""
    if found.marginalises:
        return MISSING_SHORT["integrates"], ("yes: integrated out of p(x | y), no refit (exact for its own "
                                             "p(x | y) when the value is missing at random)")
    if found.missing_runs:
        return MISSING_SHORT["runs"], f"runs: {NOTES[name].missing}" if NOTES[name].missing else PLACEHOLDER
    return MISSING_SHORT["error"], "no: a NaN is an error; it needs a value filled in (imputation) or a refit"


def cheatsheet_row(name: str, found: Probe | None = None) -> dict:
    """One row for registry model ``name``: the keys of ``COLUMNS``, ``AT_A_GLANCE`` and ``APPETITE``, and ``key``;
    ``found`` is its ``probe``."""
    spec, note = MODELS[name], NOTES[name]
    found = probe(name) if found is None else found
    missing_short, missing = _missing(name, found)
    formula = ("≤ " if note.bound else "") + pretty(note.params)
    where = _filled(note.where, name)
    return {
        "key": name,
        "model": spec.label,
        "family": FAMILY_WORDS[spec.kind],
        "models": _filled(note.models, name),
        "boundary": note.boundary,
        "shape": note.shape,
        "sample": "yes: y ~ P(y), then x ~ p(x | y)" if found.can_sample else "no",
        "sample_short": "yes" if found.can_sample else "no",
        "score": "yes: p(x) = Σₖ P(k) p(x | k)" if found.can_score else "no",
        "score_short": "yes" if found.can_score else "no",
        "missing": missing,
        "missing_short": missing_short,
        "formula": formula,
        "parameters": formula + (f" ({where})" if where else ""),
        "d2": count_at(name),
        "settings": settings(name),
        "calibration": note.calibration,
    }


def cheatsheet_rows() -> list:
    """One row per ``MODELS`` entry, in registry order (fits every model once on ``PROBE_DATA``)."""
    return [cheatsheet_row(name) for name in MODELS]


# ---- exports -----------------------------------------------------------------------------------------

def to_csv(rows: list) -> str:
    """The rows as CSV text with a header of ``COLUMNS``' headers."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS.values()), lineterminator="\n")
    writer.writeheader()
    writer.writerows({COLUMNS[k]: row[k] for k in COLUMNS} for row in rows)
    return buffer.getvalue()


def _cell(text: str) -> str:
    return str(text).replace("|", r"\|").replace("\n", " ")


def markdown_table(rows: list, columns: dict = COLUMNS) -> str:
    """The rows as a GitHub-flavoured markdown table of ``columns`` (row key -> header); a ``|`` inside a
    cell is escaped as ``\\|``."""
    lines = ["| " + " | ".join(columns.values()) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(_cell(row[k]) for k in columns) + " |" for row in rows]
    return "\n".join(lines)


def to_markdown(rows: list) -> str:
    """A markdown document: a title, the table and its legend."""
    return (f"# Generative vs discriminative classifiers: cheat sheet\n\n{markdown_table(rows)}\n\n{LEGEND}\n")
