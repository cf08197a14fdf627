"""A fitted model's parameters as JSON-ready data: what a student can take away and inspect.

Everything scikit-learn (and ``core.generative``) learned is a public attribute ending in ``_``:
means, covariances, priors, mixture weights, coefficients, support vectors, tree thresholds.
``model_parameters`` walks those attributes, into pipelines, calibration wrappers and mixtures,
so every model of the registry is covered by one function, not one copy per model.
"""

from __future__ import annotations

import json

import numpy as np

from core.models import MODELS

MAX_NUMBERS = 5000  # an array larger than this is summarised by its shape (a k-NN's or KDE's stored points)
_DEPTH = 5
_SKIP = {"n_features_in_", "feature_names_in_", "estimator_", "_sklearn_version"}
NOTE = ("Fitted attributes by their scikit-learn names (ending in _). Generative models of this app fit on "
        "standardised features z = (x - center_) / scale_: means_, var_, covariances_ and priors_ are in the "
        "data's own units; the fitted_z entries (mixtures, kernel densities) are in z units.")


def _value(value, depth: int):
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if not np.isfinite(value) else float(value)
    if isinstance(value, str):
        return value
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "biuf":
            return [str(v) for v in value.ravel()[:100]]
        if value.size > MAX_NUMBERS:
            return {"shape": list(value.shape), "omitted": f"more than {MAX_NUMBERS} numbers"}
        return np.where(np.isfinite(value), value, np.nan).astype(float).round(10).tolist() \
            if value.dtype.kind == "f" else value.tolist()
    if isinstance(value, (list, tuple)) and depth < _DEPTH:
        return [_value(v, depth + 1) for v in value[:100]]
    if hasattr(value, "get_params") or hasattr(value, "__dict__") and depth < _DEPTH:
        return fitted_attributes(value, depth + 1)
    return None


def fitted_attributes(estimator, depth: int = 0) -> dict:
    """The public fitted attributes (``name_``) of ``estimator`` and of the estimators inside it."""
    out = {"class": type(estimator).__name__}
    if depth >= _DEPTH:
        return out
    if hasattr(estimator, "steps"):  # a Pipeline: its steps in order
        out["steps"] = [fitted_attributes(step, depth + 1) for _, step in estimator.steps]
        return out
    for name, value in sorted(vars(estimator).items()):
        if name in _SKIP or name.startswith("_") or not name.endswith("_"):
            continue
        if name == "tree_":  # a fitted decision tree: its arrays, not the Cython object (a KDTree: skipped)
            if not hasattr(value, "node_count"):
                continue
            value = {k: getattr(value, k) for k in ("node_count", "max_depth", "feature", "threshold",
                                                    "children_left", "children_right", "value")}
            out[name] = {k: _value(v, depth + 1) for k, v in value.items()}
            continue
        converted = _value(value, depth)
        if converted is not None:
            out[name] = converted
    for name in ("estimator", "calibrators"):  # inside a calibrated SVM (not ``_``-suffixed)
        if name in vars(estimator) and depth > 0:
            out[name] = _value(vars(estimator)[name], depth)
    return out


def model_parameters(name: str, params: dict, model, class_names, feature_names) -> dict:
    """A JSON-ready description of the fitted registry model ``name`` with hyperparameters ``params``."""
    spec = MODELS[name]
    return {"model": name, "label": spec.label, "family": spec.family, "kind": spec.kind,
            "hyperparameters": {k: _value(v, 0) for k, v in params.items()},
            "classes": list(class_names), "features": list(feature_names), "note": NOTE,
            "fitted": fitted_attributes(model)}


def parameters_json(models: list) -> str:
    """``model_parameters`` of both models shown, as indented JSON text."""
    return json.dumps({"models": models}, indent=1, allow_nan=False)
