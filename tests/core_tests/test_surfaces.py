"""Grids and the arrays the pages plot."""

import numpy as np
import pytest

import core.surfaces as surfaces_module
from core.datasets import make_dataset
from core.models import fit_model
from core.surfaces import (
    KERNEL_BUDGET,
    Grid,
    _on_grid,
    compute_surfaces,
    decision_boundary_mask,
    make_grid,
    posterior_from_log_density,
    posterior_surface,
    relative_density,
    scoring_grid,
    support_vectors,
)

TRIANGLE = np.array([[0.0, 0.0], [2.0, 1.0], [1.0, 4.0]])


@pytest.fixture(scope="module")
def blobs():
    return make_dataset("blobs", n_samples=80, seed=0, share=0.3)


@pytest.fixture(scope="module")
def three():
    return make_dataset("three_gaussians", n_samples=90, seed=0)


# ---- grids ------------------------------------------------------------------------------------

def test_grid_covers_the_data_with_margin():
    grid = make_grid(TRIANGLE, resolution=11, margin=0.1)
    assert np.isclose(grid.xs[0], -0.2) and np.isclose(grid.xs[-1], 2.2)
    assert np.isclose(grid.ys[0], -0.4) and np.isclose(grid.ys[-1], 4.4)


def test_grid_without_margin_touches_the_extreme_points():
    grid = make_grid(TRIANGLE, resolution=5, margin=0.0)
    assert (grid.xs[0], grid.xs[-1], grid.ys[0], grid.ys[-1]) == (0.0, 2.0, 0.0, 4.0)


def test_grid_has_resolution_points_per_axis():
    grid = make_grid(TRIANGLE, resolution=7)
    assert grid.shape == (7, 7)
    assert grid.points.shape == (49, 2)


def test_grid_points_are_row_major_over_y_then_x():
    grid = make_grid(TRIANGLE, resolution=3)
    assert np.array_equal(grid.points[1], [grid.xs[1], grid.ys[0]])
    assert np.array_equal(grid.points[3], [grid.xs[0], grid.ys[1]])


def test_grid_resolution_below_two_is_raised_to_two():
    assert make_grid(TRIANGLE, resolution=1).shape == (2, 2)


@pytest.mark.parametrize("value", [0.0, 3.5, -1e9, 1e-9])
def test_all_equal_points_give_finite_nonempty_grid_around_them(value):
    grid = make_grid(np.full((5, 2), value), resolution=4)
    for axis in (grid.xs, grid.ys):
        assert np.all(np.isfinite(axis))
        assert axis[0] < value < axis[-1]


def test_one_flat_axis_still_gets_a_range():
    grid = make_grid(np.array([[0.0, 1.0], [5.0, 1.0]]), resolution=4)
    assert grid.ys[0] < 1.0 < grid.ys[-1]
    assert np.isclose(grid.xs[-1] - grid.xs[0], 5.0 * 1.3)


def test_grid_repr_gives_size_and_bounds():
    grid = Grid(np.linspace(0, 1, 3), np.linspace(-2, 2, 4))
    assert repr(grid) == "Grid(3x4, x=[0, 1], y=[-2, 2])"


# ---- surfaces -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["qda", "kde", "logreg", "tree"])
def test_surface_arrays_have_shape_K_ny_nx_and_float32(name, blobs):
    model = fit_model(name, blobs.X, blobs.y)
    grid = make_grid(blobs.X, resolution=12)
    surfaces = compute_surfaces(model, Grid(grid.xs, grid.ys[:9]))
    assert surfaces.proba.shape == (2, 9, 12)
    assert surfaces.proba.dtype == np.float32
    assert surfaces.regions.shape == (9, 12)
    assert surfaces.regions.dtype == np.int8


@pytest.mark.parametrize("name", ["gnb", "gmm", "svm", "knn"])
def test_surface_proba_sums_to_one_and_has_no_nan(name, blobs):
    surfaces = compute_surfaces(fit_model(name, blobs.X, blobs.y), make_grid(blobs.X, resolution=15))
    assert np.all(np.isfinite(surfaces.proba))
    assert np.allclose(surfaces.proba.sum(axis=0), 1, atol=1e-6)


@pytest.mark.parametrize("name", ["lda", "forest"])
def test_surface_proba_is_predict_proba_at_each_grid_point(name, blobs):
    model = fit_model(name, blobs.X, blobs.y)
    grid = make_grid(blobs.X, resolution=6)
    proba = compute_surfaces(model, grid).proba
    i, j = 4, 1  # row i is ys[i], column j is xs[j]
    expected = model.predict_proba(np.array([[grid.xs[j], grid.ys[i]]]))[0]
    assert np.allclose(proba[:, i, j], expected, atol=1e-6)


def test_generative_surfaces_carry_densities_and_log_px(blobs):
    model = fit_model("qda", blobs.X, blobs.y)
    grid = make_grid(blobs.X, resolution=8)
    surfaces = compute_surfaces(model, grid)
    assert surfaces.log_density.shape == (2, 8, 8)
    assert np.allclose(surfaces.log_px, model.log_px(grid.points).reshape(8, 8), rtol=1e-5)


def test_discriminative_surfaces_have_no_densities(blobs):
    surfaces = compute_surfaces(fit_model("logreg", blobs.X, blobs.y), make_grid(blobs.X, resolution=8))
    assert surfaces.log_density is None
    assert surfaces.log_px is None


def test_regions_are_argmax_of_proba(blobs):
    surfaces = compute_surfaces(fit_model("lda", blobs.X, blobs.y), make_grid(blobs.X, resolution=10))
    assert np.array_equal(surfaces.regions, surfaces.proba.argmax(axis=0))
    assert set(np.unique(surfaces.regions).tolist()) == {0, 1}


def test_three_classes_give_three_surfaces(three):
    surfaces = compute_surfaces(fit_model("qda", three.X, three.y), make_grid(three.X, resolution=20))
    assert surfaces.proba.shape == (3, 20, 20)
    assert surfaces.log_density.shape == (3, 20, 20)
    assert set(np.unique(surfaces.regions).tolist()) == {0, 1, 2}
    assert np.allclose(surfaces.proba.sum(axis=0), 1, atol=1e-6)


# ---- changing priors on a grid ------------------------------------------------------------------

@pytest.mark.parametrize("name", ["gnb", "qda", "kde"])
def test_posterior_from_log_density_equals_refit_free_with_priors(name, three):
    model = fit_model(name, three.X, three.y)
    grid = make_grid(three.X, resolution=15)
    priors = np.array([0.2, 0.5, 0.3])
    base = compute_surfaces(model, grid)
    proba, log_px = posterior_from_log_density(base.log_density, priors)
    expected = compute_surfaces(model.with_priors(priors), grid)
    assert np.allclose(proba, expected.proba, atol=1e-6)
    assert np.allclose(log_px, expected.log_px, rtol=1e-5)


def test_compute_surfaces_priors_argument_equals_with_priors(three):
    model = fit_model("lda", three.X, three.y)
    grid = make_grid(three.X, resolution=10)
    priors = np.array([0.7, 0.2, 0.1])
    assert np.allclose(compute_surfaces(model, grid, priors=priors).proba,
                       compute_surfaces(model.with_priors(priors), grid).proba, atol=1e-6)


def test_posterior_from_log_density_on_hand_made_values():
    # p(x|0) = 0.2, p(x|1) = 0.6 at one point; priors 0.75 / 0.25: joint 0.15 / 0.15
    log_density = np.log(np.array([[[0.2]], [[0.6]]]))
    proba, log_px = posterior_from_log_density(log_density, [0.75, 0.25])
    assert np.allclose(proba[:, 0, 0], [0.5, 0.5])
    assert np.isclose(log_px[0, 0], np.log(0.3))


def test_posterior_from_log_density_with_zero_prior_has_no_nan():
    log_density = np.log(np.array([[[0.2, 0.1]], [[0.6, 0.3]]]))
    proba, _ = posterior_from_log_density(log_density, [0.0, 1.0])
    assert np.array_equal(proba[:, 0, :], [[0.0, 0.0], [1.0, 1.0]])


# ---- decision boundary and relative density ----------------------------------------------------

def test_decision_boundary_mask_marks_changes_to_right_or_upper_neighbour():
    regions = np.array([[0, 0, 1],
                        [0, 0, 1],
                        [2, 2, 2]], dtype=np.int8)
    expected = np.array([[False, True, False],
                         [True, True, True],
                         [False, False, False]])
    assert np.array_equal(decision_boundary_mask(regions), expected)


def test_decision_boundary_mask_of_one_region_is_empty():
    assert not decision_boundary_mask(np.zeros((4, 5), dtype=np.int8)).any()


def test_relative_density_peaks_at_one_per_class():
    log_density = np.array([[[-1.0, -3.0]], [[-50.0, -48.0]]])
    out = relative_density(log_density)
    assert out.dtype == np.float32
    assert np.allclose(out, [[[1.0, np.exp(-2.0)]], [[np.exp(-2.0), 1.0]]])


def test_relative_density_of_one_surface_peaks_at_one():
    out = relative_density(np.array([[0.0, -1.0], [2.0, 1.0]]))
    assert np.isclose(out.max(), 1.0)
    assert np.isclose(out[0, 0], np.exp(-2.0))


# ---- a map too costly to score point by point: computed coarser and interpolated (issue 14) ------------------

def test_a_map_within_the_kernel_budget_is_scored_on_its_own_grid():
    ds = make_dataset("moons", n_samples=200, noise=0.2, seed=0)
    svm = fit_model("svm", ds.X, ds.y, ds.class_names)
    grid = make_grid(ds.X, 150)
    assert 0 < support_vectors(svm) * 150 * 150 <= KERNEL_BUDGET and scoring_grid(svm, grid) is grid
    assert support_vectors(fit_model("logreg", ds.X, ds.y, ds.class_names)) == 0


def test_a_costly_map_is_scored_coarser_and_interpolated_close_to_the_full_computation(monkeypatch):
    ds = make_dataset("blobs", n_samples=400, noise=2.5, seed=1)
    svm = fit_model("svm", ds.X, ds.y, ds.class_names, C=0.01, gamma=100)
    grid = make_grid(ds.X, 120)
    full = _on_grid(svm.predict_proba(grid.points), grid)
    n_sv = support_vectors(svm)
    monkeypatch.setattr(surfaces_module, "KERNEL_BUDGET", n_sv * 60 * 60)  # a 60 x 60 grid fits it
    coarse = scoring_grid(svm, grid)
    assert coarse.shape == (60, 60) and (coarse.xs[0], coarse.xs[-1]) == (grid.xs[0], grid.xs[-1])
    proba = posterior_surface(svm, grid)
    assert proba.shape == full.shape and np.allclose(proba.sum(axis=0), 1, atol=1e-5)
    assert np.allclose(proba[:, ::119, ::119], full[:, ::119, ::119], atol=1e-5)  # the corners are shared points
    assert np.median(np.abs(proba - full)) < 0.01
