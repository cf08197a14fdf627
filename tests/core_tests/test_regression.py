"""core.regression against scikit-learn, numpy and closed forms."""

import numpy as np
import pytest
from sklearn.linear_model import LinearRegression

from core.regression import JointGaussian, least_squares_line, make_skewed_regression, regression_demo

X_TOY = np.array([0.0, 1.0, 2.0, 5.0])
Y_TOY = np.array([1.0, 2.5, 2.0, 6.0])


def test_skewed_data_are_reproducible_positive_and_skewed():
    x, y = make_skewed_regression(200, seed=3)
    x2, y2 = make_skewed_regression(200, seed=3)
    assert x.shape == y.shape == (200,)
    assert np.array_equal(x, x2) and np.array_equal(y, y2)
    assert x.min() > 0
    assert np.mean(x) > np.median(x)  # a long right tail


def test_skewed_data_need_two_points():
    with pytest.raises(ValueError, match="at least 2"):
        make_skewed_regression(1)


def test_least_squares_is_polyfit():
    slope, intercept = np.polyfit(X_TOY, Y_TOY, 1)
    assert np.allclose(least_squares_line(X_TOY, Y_TOY), (intercept, slope))


def test_joint_moments_are_the_maximum_likelihood_ones():
    joint = JointGaussian().fit(X_TOY, Y_TOY)
    assert np.allclose(joint.mean_, [X_TOY.mean(), Y_TOY.mean()])
    assert np.allclose(joint.covariance_, np.cov(X_TOY, Y_TOY, bias=True))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_conditional_mean_is_the_least_squares_line(seed):
    x, y = make_skewed_regression(200, seed=seed)
    fit = LinearRegression().fit(x[:, None], y)
    intercept, slope = JointGaussian().fit(x, y).conditional_line()
    assert intercept == pytest.approx(fit.intercept_, abs=1e-9)
    assert slope == pytest.approx(fit.coef_[0], abs=1e-9)


@pytest.mark.parametrize("seed", [0, 1])
def test_conditional_variance_is_the_mean_squared_residual(seed):
    x, y = make_skewed_regression(200, seed=seed)
    a, b = least_squares_line(x, y)
    assert JointGaussian().fit(x, y).conditional_variance() == pytest.approx(np.mean((y - a - b * x) ** 2), abs=1e-9)


def test_marginal_of_x_is_the_gaussian_density():
    joint = JointGaussian().fit(X_TOY, Y_TOY)
    m, v = X_TOY.mean(), X_TOY.var()
    grid = np.array([-1.0, 0.0, 3.0])
    assert np.allclose(joint.log_px(grid), -0.5 * np.log(2 * np.pi * v) - (grid - m) ** 2 / (2 * v))


def test_probability_below_is_the_integral_of_p_x():
    joint = JointGaussian().fit(*make_skewed_regression(200, seed=0))
    grid = np.linspace(joint.mean_[0] - 12 * np.sqrt(joint.covariance_[0, 0]), 0.0, 20001)
    assert joint.prob_x_below(0.0) == pytest.approx(np.trapezoid(np.exp(joint.log_px(grid)), grid), rel=1e-6)


def test_samples_follow_the_fitted_gaussian():
    joint = JointGaussian().fit(X_TOY, Y_TOY)
    draws = joint.sample(40_000, np.random.default_rng(0))
    assert draws.shape == (40_000, 2)
    assert np.allclose(draws.mean(axis=0), joint.mean_, atol=0.05)
    assert np.allclose(np.cov(draws, rowvar=False), joint.covariance_, rtol=0.05)


def test_constant_x_is_refused():
    with pytest.raises(ValueError, match="two different values"):
        JointGaussian().fit(np.ones(5), np.arange(5.0))


def test_demo_numbers_agree_with_their_parts():
    d = regression_demo(seed=0)
    assert d.line_gap < 1e-9
    assert d.share_negative == pytest.approx(np.mean(d.samples[:, 0] < 0))
    assert d.x_mean == pytest.approx(JointGaussian().fit(d.x, d.y).mean_[0])
    assert np.sum(d.hist_density * np.diff(d.hist_edges)) == pytest.approx(1.0)
    assert d.hist_edges[0] == 0.0 and d.hist_edges[-1] >= d.x.max()
    assert d.x_grid[0] <= min(0.0, d.samples[:, 0].min())
