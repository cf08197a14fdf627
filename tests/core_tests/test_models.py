"""Model registry: building, hyperparameter schema, fitting ordinary and degenerate data."""

import warnings

import numpy as np
import pytest
from proba_checks import assert_valid_proba
from sklearn.base import clone

from core.datasets import make_dataset, train_test_split
from core.models import (
    DISCRIMINATIVE,
    GENERATIVE,
    MODELS,
    family_of,
    fit_model,
    make_model,
    models_of,
    validate_params,
)

NAMES = list(MODELS)
NUMERIC_PARAMS = [(m, p) for m in NAMES for p, spec in MODELS[m].params.items() if not spec.choices]
CHOICE_PARAMS = [(m, p) for m in NAMES for p, spec in MODELS[m].params.items() if spec.choices]


# ---- the registry -------------------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_every_model_builds_with_sklearn_api(name):
    model = make_model(name)
    assert hasattr(model, "fit")
    assert hasattr(model, "predict_proba")


@pytest.mark.parametrize("name", NAMES)
def test_every_model_can_be_cloned(name):
    model = make_model(name)
    copy = clone(model)
    assert type(copy) is type(model)
    assert copy is not model
    assert repr(copy.get_params()) == repr(model.get_params())


def test_families_are_only_generative_and_discriminative():
    assert {spec.family for spec in MODELS.values()} == {"generative", "discriminative"}


def test_models_of_splits_registry_into_the_two_families():
    generative, discriminative = models_of(GENERATIVE), models_of(DISCRIMINATIVE)
    assert sorted(generative + discriminative) == sorted(NAMES)
    assert not set(generative) & set(discriminative)
    assert generative == [n for n in NAMES if n in generative]  # registry order


def test_models_of_unknown_family_is_empty():
    assert models_of("bayesian") == []


@pytest.mark.parametrize("name", NAMES)
def test_family_matches_what_the_model_can_do(name):
    # a generative model is one that has class densities p(x|y)
    model = make_model(name)
    assert family_of(model) == MODELS[name].family
    assert hasattr(model, "class_log_likelihood") == (MODELS[name].family == GENERATIVE)


@pytest.mark.parametrize("name", NAMES)
def test_every_model_has_label_and_description(name):
    assert MODELS[name].label.strip()
    assert MODELS[name].description.strip()


@pytest.mark.parametrize("name", NAMES)
def test_defaults_validate_to_themselves(name):
    assert validate_params(name) == MODELS[name].defaults()


@pytest.mark.parametrize("name", NAMES)
def test_defaults_lie_in_their_range(name):
    for param in MODELS[name].params.values():
        if param.choices:
            assert param.default in param.choices
        else:
            assert param.low <= param.default <= param.high
            assert param.low < param.high


# ---- hyperparameter validation ------------------------------------------------------------

@pytest.mark.parametrize(("name", "param"), NUMERIC_PARAMS)
def test_value_above_range_raises(name, param):
    high = MODELS[name].params[param].high
    with pytest.raises(ValueError, match=r"must be in \["):
        validate_params(name, {param: high * 2 + 1})


@pytest.mark.parametrize(("name", "param"), NUMERIC_PARAMS)
def test_value_below_range_raises(name, param):
    low = MODELS[name].params[param].low
    with pytest.raises(ValueError, match=r"must be in \["):
        validate_params(name, {param: low - 1})


@pytest.mark.parametrize(("name", "param"), NUMERIC_PARAMS)
def test_non_number_raises(name, param):
    with pytest.raises(ValueError, match="must be a number"):
        validate_params(name, {param: "lots"})


@pytest.mark.parametrize(("name", "param"), NUMERIC_PARAMS)
def test_nan_raises(name, param):
    with pytest.raises(ValueError, match=r"must be (in \[|a number)"):
        validate_params(name, {param: float("nan")})


@pytest.mark.parametrize(("name", "param"), CHOICE_PARAMS)
def test_unknown_choice_raises(name, param):
    with pytest.raises(ValueError, match="must be one of"):
        validate_params(name, {param: "banana"})


def test_unknown_hyperparameter_raises():
    with pytest.raises(ValueError, match="has no hyperparameter 'depth'"):
        validate_params("tree", {"depth": 3})


def test_unknown_model_raises():
    with pytest.raises(ValueError, match="Unknown model 'perceptron'"):
        make_model("perceptron")


def test_integer_params_are_coerced_to_int():
    assert validate_params("knn", {"n_neighbors": 7.0}) == {"n_neighbors": 7}
    assert isinstance(validate_params("knn", {"n_neighbors": "7"})["n_neighbors"], int)


def test_given_params_reach_the_estimator():
    assert make_model("knn", n_neighbors=3).get_params()["kneighborsclassifier__n_neighbors"] == 3
    assert make_model("qda", reg_param=0.25).reg_param == 0.25


# ---- fitting ordinary data --------------------------------------------------------------------

@pytest.fixture(scope="module")
def blobs_split():
    return train_test_split(make_dataset("blobs", n_samples=240, seed=0), test_fraction=0.25, seed=0)


@pytest.fixture(scope="module")
def three_class_split():
    return train_test_split(make_dataset("three_gaussians", n_samples=240, seed=0), test_fraction=0.25, seed=0)


@pytest.mark.parametrize("name", NAMES)
def test_every_model_learns_blobs(name, blobs_split):
    train, test = blobs_split
    model = fit_model(name, train.X, train.y)
    assert np.mean(model.predict(test.X) == test.y) > 0.8


@pytest.mark.parametrize("name", NAMES)
def test_every_model_handles_three_classes(name, three_class_split):
    train, test = three_class_split
    model = fit_model(name, train.X, train.y)
    proba = model.predict_proba(test.X)
    assert proba.shape == (len(test.y), 3)
    assert np.mean(model.predict(test.X) == test.y) > 0.8


def test_fit_model_clips_k_to_the_number_of_points():
    X = np.array([[0.0, 0.0], [0.1, 0.2], [0.2, 0.0], [3.0, 3.0], [3.1, 2.9], [2.9, 3.2]])
    model = fit_model("knn", X, np.array([0, 0, 0, 1, 1, 1]))
    assert model.get_params()["kneighborsclassifier__n_neighbors"] == 6


def test_fit_model_rejects_bad_hyperparameters_before_fitting(blobs_split):
    train, _ = blobs_split
    with pytest.raises(ValueError, match="bandwidth"):
        fit_model("kde", train.X, train.y, bandwidth=-1)


# ---- degenerate data, through fit_model, for every model ------------------------------------

_rng = np.random.default_rng(0)
CLOUD = _rng.standard_normal((20, 2))
HALVES = np.repeat([0, 1], 10)
ALTERNATING = np.tile([0, 1], 10)
LINE = np.column_stack([np.linspace(-1, 1, 20), 3 * np.linspace(-1, 1, 20) + 2])

DEGENERATE = {
    "all points identical": (np.full((20, 2), 3.0), HALVES),
    "each class one repeated point": (np.vstack([np.zeros((10, 2)), np.ones((10, 2))]), HALVES),
    "points on a line, classes mixed": (LINE, ALTERNATING),
    "points on a line, classes apart": (LINE, HALVES),
    "one constant feature": (np.column_stack([CLOUD[:, 0], np.full(20, 5.0)]), HALVES),
    "huge coordinates": (1e9 + 1e6 * CLOUD, HALVES),
    "tiny scale": (1e-8 * CLOUD, HALVES),
    "tiny scale far from zero": (1.0 + 1e-8 * CLOUD, HALVES),
    "two points per class": (CLOUD[:4], np.array([0, 0, 1, 1])),
}

REJECTED = {
    "a class with one point": (CLOUD[:11], np.r_[np.zeros(10, int), 1], "Class 1 has only 1 training point"),
    "a single class": (CLOUD, np.zeros(20, int), "Only one class"),
    "NaN coordinate": (np.where(np.arange(40).reshape(20, 2) == 7, np.nan, CLOUD), HALVES, "NaN"),
    "infinite coordinate": (np.where(np.arange(40).reshape(20, 2) == 7, np.inf, CLOUD), HALVES, "infinite"),
    "no points": (np.empty((0, 2)), np.empty(0, int), "empty"),
}


def _fit_or_readable_error(name, X, y):
    """The fitted model, or None after a plain ValueError whose message says what went wrong."""
    try:
        return fit_model(name, X, y)
    except ValueError as exc:
        assert type(exc) is ValueError, f"raw {type(exc).__name__} escaped: {exc}"
        assert MODELS[name].label in str(exc) or "class" in str(exc)
        return None


@pytest.mark.parametrize("case", list(DEGENERATE))
@pytest.mark.parametrize("name", NAMES)
def test_degenerate_data_gives_valid_proba_or_readable_error(name, case):
    X, y = DEGENERATE[case]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning while predicting would be a hidden overflow or 0/0
        model = _fit_or_readable_error(name, X, y)
        if model is not None:
            assert_valid_proba(model.predict_proba(X), len(y))


@pytest.mark.parametrize("name", NAMES)
def test_two_points_per_class_is_enough_for_every_model(name):
    X, y = DEGENERATE["two points per class"]
    assert_valid_proba(fit_model(name, X, y).predict_proba(X), 4)


def test_svm_calibrates_on_as_many_folds_as_the_smallest_class_allows():
    X, y = DEGENERATE["two points per class"]
    assert fit_model("svm", X, y).get_params()["calibratedclassifiercv__cv"] == 2
    assert make_model("svm").get_params()["calibratedclassifiercv__cv"] == 3


@pytest.mark.parametrize("name", models_of(GENERATIVE))
def test_identical_points_give_the_priors_as_posterior(name):
    X = np.full((8, 2), -2.0)
    y = np.array([0, 0, 0, 0, 0, 0, 1, 1])
    model = fit_model(name, X, y)
    assert np.allclose(model.predict_proba(X[:1]), [[0.75, 0.25]])


@pytest.mark.parametrize("name", NAMES)
def test_huge_coordinates_are_still_classified(name):
    X, y = 1e9 + 1e6 * DEGENERATE["points on a line, classes apart"][0], HALVES
    model = fit_model(name, X, y)
    assert np.mean(model.predict(X) == y) >= 0.9


@pytest.mark.parametrize("case", list(REJECTED))
@pytest.mark.parametrize("name", NAMES)
def test_unlearnable_data_raises_readable_value_error(name, case):
    X, y, message = REJECTED[case]
    with pytest.raises(ValueError, match=message) as info:
        fit_model(name, X, y)
    assert info.type is ValueError


def test_whole_number_params_accept_integral_decimals_and_reject_fractions():
    from core.models import validate_params

    assert validate_params("gmm", {"n_components": "3.0"})["n_components"] == 3
    with pytest.raises(ValueError, match="whole number"):
        validate_params("gmm", {"n_components": "2.5"})


def test_a_failed_generative_fit_is_worded_once():
    from core.generative import readable_fit_errors

    with pytest.raises(ValueError, match=r"^QDA could not be fitted: boom$"):
        with readable_fit_errors("QDA"):
            with readable_fit_errors("QDA"):
                raise np.linalg.LinAlgError("boom")


# ---- boundary shapes the explorer's notes and scenes promise ----------------------------------

def _log_odds_and_linear_fit(name):
    """Log-odds of a fitted generative model on correlated Gaussians, and its best linear fit in x."""
    data = make_dataset("correlated", 200, seed=5, share=0.3)
    X = data.X * np.array([3.0, 0.5]) + np.array([10.0, -4.0])  # not already standardised
    log_lik = fit_model(name, X, data.y).class_log_likelihood(X)
    log_odds = log_lik[:, 1] - log_lik[:, 0]
    design = np.column_stack([np.ones(len(X)), X])
    coef, *_ = np.linalg.lstsq(design, log_odds, rcond=None)
    return log_odds, design @ coef


@pytest.mark.parametrize("name", ["nb_shared", "lda"])
def test_shared_spread_models_draw_straight_boundaries(name):
    # one spread for all classes: the log-odds are linear in x, so the boundary is a straight line
    log_odds, linear = _log_odds_and_linear_fit(name)
    assert np.abs(linear - log_odds).max() < 1e-6 * (1 + np.abs(log_odds).max())


@pytest.mark.parametrize("name", ["gnb", "qda"])
def test_class_specific_spreads_curve_the_boundary(name):
    log_odds, linear = _log_odds_and_linear_fit(name)
    assert np.abs(linear - log_odds).max() > 1e-3  # quadratic terms do not vanish
