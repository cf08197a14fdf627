"""Properties that must hold for every input: valid probabilities, no NaN, Bayes' rule."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from proba_checks import assert_valid_proba

from core.datasets import DATASETS, GENERATED, make_dataset
from core.models import GENERATIVE, MODELS, fit_model, models_of
from core.surfaces import compute_surfaces, make_grid

# the MLP takes ~1 s a fit: it is covered by the example-based tests instead
FAST_MODELS = [name for name in MODELS if name != "mlp"]

SETTINGS = settings(max_examples=25, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


@st.composite
def datasets(draw):
    """A registry dataset with any size, noise in its range, seed and class balance."""
    name = draw(st.sampled_from(GENERATED))
    low, high = DATASETS[name].noise_range
    return make_dataset(
        name,
        n_samples=draw(st.integers(20, 200)),
        noise=draw(st.floats(low, high)),
        seed=draw(st.integers(0, 2**16)),
        share=draw(st.none() | st.floats(0.05, 0.95)),
    )


def _fit_or_none(name, X, y):
    """The fitted model, or None when ``fit_model`` refuses the data with a plain ValueError."""
    try:
        return fit_model(name, X, y)
    except ValueError as exc:
        assert type(exc) is ValueError, f"raw {type(exc).__name__} escaped: {exc}"
        return None


@SETTINGS
@given(data=datasets(), name=st.sampled_from(FAST_MODELS))
def test_any_dataset_gives_valid_probabilities(data, name):
    model = _fit_or_none(name, data.X, data.y)
    if model is not None:
        assert_valid_proba(model.predict_proba(data.X), len(data.y))


@SETTINGS
@given(data=datasets(), name=st.sampled_from(FAST_MODELS))
def test_any_dataset_gives_surfaces_without_nan(data, name):
    model = _fit_or_none(name, data.X, data.y)
    if model is not None:
        surfaces = compute_surfaces(model, make_grid(data.X, resolution=20))
        assert surfaces.proba.shape == (data.n_classes, 20, 20)
        assert np.all(np.isfinite(surfaces.proba))
        assert np.allclose(surfaces.proba.sum(axis=0), 1, atol=1e-5)
        if surfaces.log_density is not None:
            assert not np.any(np.isnan(surfaces.log_density))
            assert not np.any(np.isnan(surfaces.log_px))


@SETTINGS
@given(data=datasets(), name=st.sampled_from(models_of(GENERATIVE)))
def test_generative_predict_proba_is_bayes_rule(data, name):
    model = _fit_or_none(name, data.X, data.y)
    if model is not None:
        joint = model.class_log_likelihood(data.X) + np.log(model.priors_)
        joint = np.exp(joint - joint.max(axis=1, keepdims=True))
        assert np.allclose(model.predict_proba(data.X), joint / joint.sum(axis=1, keepdims=True), atol=1e-9)


@SETTINGS
@given(data=datasets(), name=st.sampled_from(models_of(GENERATIVE)),
       priors=arrays(float, 3, elements=st.floats(0.01, 1.0)))
def test_generative_with_priors_gives_valid_probabilities(data, name, priors):
    model = _fit_or_none(name, data.X, data.y)
    if model is not None:
        assert_valid_proba(model.with_priors(priors[:data.n_classes]).predict_proba(data.X), len(data.y))


# ---- arbitrary coordinates ----------------------------------------------------------------------

@st.composite
def two_class_data(draw, elements):
    """X of shape (n, 2), n in [4, 30], drawn from ``elements``; labels alternate 0, 1."""
    n = draw(st.integers(4, 30))
    X = draw(arrays(np.float64, (n, 2), elements=elements))
    return X, np.arange(n) % 2


any_finite_float = st.floats(allow_nan=False, allow_infinity=False)
# duplicates, zeros, subnormals, 1e-300 and 1e30 all included
moderate_float = st.floats(-1e30, 1e30)


@SETTINGS
@given(Xy=two_class_data(any_finite_float), name=st.sampled_from(FAST_MODELS))
def test_any_finite_floats_give_valid_probabilities_or_value_error(Xy, name):
    X, y = Xy
    model = _fit_or_none(name, X, y)
    if model is not None:
        assert_valid_proba(model.predict_proba(X), len(y))


@SETTINGS
@given(Xy=two_class_data(moderate_float), name=st.sampled_from(FAST_MODELS))
def test_moderate_floats_are_always_learnable(Xy, name):
    X, y = Xy
    assert_valid_proba(fit_model(name, X, y).predict_proba(X), len(y))
