"""Regression, discriminative and generative: least squares against one Gaussian over (x, y).

Least squares models p(y | x) only. A joint Gaussian over the pair is its generative counterpart:
its conditional p(y | x) is Gaussian with mean mu_y + S_yx / S_xx (x - mu_x) and variance
S_yy - S_yx^2 / S_xx (Bishop, PRML eqs. 2.81-2.82), and with maximum-likelihood moments that is
exactly the least-squares line and its mean squared residual. Only the joint model has p(x) and can
draw new (x, y) pairs, and those show what it assumed about x.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.stats import norm, skew
from sklearn.linear_model import LinearRegression

N_SAMPLES = 200
X_MEAN = 2.0  # x ~ Exponential with this mean: skewed, never negative
INTERCEPT, SLOPE, NOISE_SD = 1.0, 0.8, 0.6  # y = INTERCEPT + SLOPE x + N(0, NOISE_SD^2)
HIST_WIDTH = 0.5


def make_skewed_regression(n_samples: int = N_SAMPLES, seed: int = 0, x_mean: float = X_MEAN,
                           intercept: float = INTERCEPT, slope: float = SLOPE, noise_sd: float = NOISE_SD):
    """x ~ Exponential(mean ``x_mean``), y = intercept + slope x + N(0, noise_sd^2).

    Returns
    -------
    x, y : ndarrays of shape (n_samples,)
    """
    if n_samples < 2:
        raise ValueError(f"Need at least 2 points for a line, got {n_samples}.")
    rng = np.random.default_rng(seed)
    x = rng.exponential(x_mean, size=n_samples)
    return x, intercept + slope * x + noise_sd * rng.standard_normal(n_samples)


def least_squares_line(x, y) -> tuple:
    """(intercept, slope) of ``sklearn.linear_model.LinearRegression`` fitted to y on x."""
    fit = LinearRegression().fit(np.asarray(x, dtype=float).reshape(-1, 1), np.asarray(y, dtype=float))
    return float(fit.intercept_), float(fit.coef_[0])


class JointGaussian:
    """One Gaussian over the pair (x, y), fitted by maximum likelihood.

    Fitted: ``mean_`` (mu_x, mu_y) and ``covariance_`` [[S_xx, S_xy], [S_yx, S_yy]], the biased
    (divide by n) sample moments, which maximise the likelihood.
    """

    def fit(self, x, y):
        Z = np.column_stack([np.asarray(x, dtype=float), np.asarray(y, dtype=float)])
        self.mean_ = Z.mean(axis=0)
        self.covariance_ = np.cov(Z, rowvar=False, bias=True)
        if self.covariance_[0, 0] <= 0:
            raise ValueError("x must take at least two different values.")
        return self

    def conditional_line(self) -> tuple:
        """(intercept, slope) of E[y | x] = mu_y + S_yx / S_xx (x - mu_x)."""
        slope = self.covariance_[1, 0] / self.covariance_[0, 0]
        return float(self.mean_[1] - slope * self.mean_[0]), float(slope)

    def conditional_variance(self) -> float:
        """Var[y | x] = S_yy - S_yx^2 / S_xx, the same for every x."""
        S = self.covariance_
        return float(S[1, 1] - S[1, 0] ** 2 / S[0, 0])

    def conditional_mean(self, x) -> np.ndarray:
        intercept, slope = self.conditional_line()
        return intercept + slope * np.asarray(x, dtype=float)

    def log_px(self, x) -> np.ndarray:
        """log p(x) of the marginal N(mu_x, S_xx), shape of ``x``."""
        return norm.logpdf(np.asarray(x, dtype=float), self.mean_[0], np.sqrt(self.covariance_[0, 0]))

    def prob_x_below(self, threshold: float) -> float:
        """P(x < threshold) under the model's marginal of x."""
        return float(norm.cdf(threshold, self.mean_[0], np.sqrt(self.covariance_[0, 0])))

    def sample(self, n_samples: int, rng=None) -> np.ndarray:
        """Draw (x, y) pairs, shape (n_samples, 2)."""
        rng = np.random.default_rng(rng)
        return rng.multivariate_normal(self.mean_, self.covariance_, size=int(n_samples))

    def __repr__(self) -> str:
        if not hasattr(self, "mean_"):
            return "JointGaussian()"
        return f"JointGaussian(mean=({self.mean_[0]:.3g}, {self.mean_[1]:.3g}))"


@dataclass(frozen=True)
class RegressionDemo:
    """Everything the regression section shows, computed once."""

    x: np.ndarray  # (n,) the data
    y: np.ndarray
    ls_line: tuple  # (intercept, slope) of least squares
    joint_line: tuple  # (intercept, slope) of the joint Gaussian's E[y | x]
    line_gap: float  # largest |difference| between the two lines over the plotted x range
    ls_mse: float  # mean squared residual of least squares
    joint_var: float  # the joint Gaussian's Var[y | x]
    samples: np.ndarray  # (n_draws, 2) pairs drawn from the joint Gaussian
    prob_negative: float  # the joint model's P(x < 0)
    x_grid: np.ndarray  # where p(x) is evaluated
    px: np.ndarray  # the joint model's p(x) on x_grid
    hist_edges: np.ndarray  # a density histogram of the data's x
    hist_density: np.ndarray
    skewness: float  # sample skewness of the data's x (any Gaussian's is 0)

    @property
    def x_mean(self) -> float:
        """The joint model's mean of x (the data's mean: a maximum-likelihood fit)."""
        return float(np.mean(self.x))

    @property
    def share_negative(self) -> float:
        """Share of the drawn pairs with x < 0."""
        return float(np.mean(self.samples[:, 0] < 0))


def regression_demo(seed: int = 0, n_samples: int = N_SAMPLES, n_draws: int = N_SAMPLES) -> RegressionDemo:
    """Fit both models to ``make_skewed_regression(n_samples, seed)``; draw ``n_draws`` pairs from the joint."""
    x, y = make_skewed_regression(n_samples, seed)
    joint = JointGaussian().fit(x, y)
    ls = least_squares_line(x, y)
    samples = joint.sample(n_draws, np.random.default_rng([seed, 1]))
    sd = np.sqrt(joint.covariance_[0, 0])
    lo = min(float(samples[:, 0].min()), joint.mean_[0] - 3 * sd, 0.0)
    hi = max(float(x.max()), float(samples[:, 0].max()))
    x_grid = np.linspace(lo, hi, 200)
    line_gap = float(np.max(np.abs((ls[0] + ls[1] * x_grid) - joint.conditional_mean(x_grid))))
    residual = y - (ls[0] + ls[1] * x)
    edges = np.arange(0.0, x.max() + HIST_WIDTH, HIST_WIDTH) if x.min() >= 0 else np.histogram_bin_edges(x, 20)
    density, edges = np.histogram(x, bins=edges, density=True)
    return RegressionDemo(x, y, ls, joint.conditional_line(), line_gap, float(np.mean(residual ** 2)),
                          joint.conditional_variance(), samples, joint.prob_x_below(0.0), x_grid,
                          np.exp(joint.log_px(x_grid)), edges, density, float(skew(x)))
