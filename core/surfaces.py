"""Grids over the data and the arrays every page plots.

Like ``DecisionBoundaryDisplay.from_estimator``, this module only computes: a grid,
posterior P(y|x) per class, class-conditional log densities log p(x|y), the marginal
log p(x) and argmax regions. ``core.figures`` draws them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.mathutil import bayes_rule


@dataclass(frozen=True, eq=False)
class Grid:
    """A regular grid; ``points`` has shape (ny * nx, 2), row-major over (y, x)."""

    xs: np.ndarray
    ys: np.ndarray

    @property
    def shape(self) -> tuple:
        return (len(self.ys), len(self.xs))

    @property
    def points(self) -> np.ndarray:
        xx, yy = np.meshgrid(self.xs, self.ys)
        return np.column_stack([xx.ravel(), yy.ravel()])

    def __repr__(self) -> str:
        return (f"Grid({len(self.xs)}x{len(self.ys)}, x=[{self.xs[0]:.3g}, {self.xs[-1]:.3g}], "
                f"y=[{self.ys[0]:.3g}, {self.ys[-1]:.3g}])")


def make_grid(X, resolution: int = 150, margin: float = 0.15) -> Grid:
    """A ``resolution`` x ``resolution`` grid over the bounds of X widened by ``margin`` of the range.

    Parameters
    ----------
    X : ndarray of shape (n_samples, 2)
    resolution : points per axis (>= 2)
    margin : fraction of each axis' range added on both sides
    """
    X = np.asarray(X, dtype=float)
    lo, hi = X.min(axis=0), X.max(axis=0)
    span = hi - lo
    span = np.where(span > 1e-12 * (1 + np.abs(lo)), span, np.maximum(1.0, np.abs(lo)))
    lo, hi = lo - margin * span, hi + margin * span
    n = max(int(resolution), 2)
    return Grid(np.linspace(lo[0], hi[0], n), np.linspace(lo[1], hi[1], n))


@dataclass(frozen=True, eq=False)
class Surfaces:
    """Arrays over a grid, each of shape (K, ny, nx) or (ny, nx), float32.

    ``log_density`` (log p(x|y)) and ``log_px`` are None for a discriminative model.
    """

    grid: Grid
    proba: np.ndarray
    log_density: np.ndarray | None = None
    log_px: np.ndarray | None = None

    @property
    def regions(self) -> np.ndarray:
        """argmax_k P(y=k|x), shape (ny, nx), int8."""
        return np.argmax(self.proba, axis=0).astype(np.int8)


def _on_grid(values, grid):
    """(n_points, K) -> (K, ny, nx) float32."""
    return np.ascontiguousarray(values.T.reshape(-1, *grid.shape), dtype=np.float32)


def posterior_from_log_density(log_density, priors):
    """Bayes' rule on a grid: P(y=k|x) = P(k) p(x|k) / sum_j P(j) p(x|j).

    Parameters
    ----------
    log_density : ndarray of shape (K, ...) of log p(x|y=k)
    priors : ndarray of shape (K,)

    Returns
    -------
    proba : float32 ndarray of the shape of ``log_density``
    log_px : float32 ndarray of shape log_density.shape[1:]
    """
    priors = np.asarray(priors, dtype=float)
    if len(priors) == 2 and np.all(priors > 0):
        return two_class_posterior(np.asarray(log_density, dtype=np.float32), priors)
    proba, log_px = bayes_rule(log_density, priors, axis=0)
    return proba.astype(np.float32), log_px.astype(np.float32)


def two_class_posterior(log_density: np.ndarray, priors) -> tuple:
    """``posterior_from_log_density`` for two classes, in float32 (what the maps hold) and without float64 logs:
    P(1 | x) = sigmoid(d), d = log P(1) p(x|1) - log P(0) p(x|0), and log p(x) = max + log(1 + exp(-|d|)).
    ~5x as fast on a 150 x 150 grid (float64's log costs ~4 ns a value here, float32's ~0.4). Where both densities
    are 0, P(y | x) is nan and log p(x) is -inf, as Bayes' rule in float64 gives."""
    log_p = np.log(np.asarray(priors, dtype=float)).astype(np.float32)
    a, b = log_density[0] + log_p[0], log_density[1] + log_p[1]
    with np.errstate(invalid="ignore"):
        d = b - a  # nan where both are -inf
        proba = two_class_proba(d)
        peak = np.maximum(a, b)
        # |d| capped at 30: exp(-30) adds nothing in float32, and exp's underflow path and log1p cost ~10x
        log_px = np.where(np.isneginf(peak), peak, peak + np.log(1 + np.exp(-np.minimum(np.abs(d), 30))))
    return proba, log_px.astype(np.float32)


def two_class_proba(log_odds: np.ndarray) -> np.ndarray:
    """(P(0 | x), P(1 | x)) from log P(1 | x) / P(0 | x), float32, shape (2,) + log_odds.shape: sigmoid as a tanh
    (no exp to overflow; ±inf give exactly 0 and 1, nan stays nan)."""
    half = np.float32(0.5) * np.tanh(np.float32(0.5) * np.asarray(log_odds, dtype=np.float32))  # sigmoid - 1/2
    proba = np.empty((2,) + half.shape, dtype=np.float32)
    proba[0], proba[1] = np.float32(0.5) - half, np.float32(0.5) + half
    return proba


def log_density_surface(model, grid: Grid) -> np.ndarray:
    """log p(x|y=k) of a generative model on the grid, shape (K, ny, nx), float32."""
    return _on_grid(model.class_log_likelihood(grid.points), grid)


#: Kernel evaluations (support vectors x grid points) a map may cost. Past it the posterior is computed on a coarser
#: grid over the same span and interpolated bilinearly: an RBF SVM with 2,000 support vectors (C = 0.01 on 2,000
#: noisy points) took 9-14 s on a 250 x 250 grid here, against the 20 s a page may take (issue 14).
KERNEL_BUDGET = 25_000_000


def support_vectors(model) -> int:
    """How many support vectors ``model`` scores each point against (through pipelines and calibration); 0 if none."""
    todo = [model]
    while todo:
        est = todo.pop()
        if hasattr(est, "support_vectors_"):
            return len(est.support_vectors_)
        todo += [step for _, step in getattr(est, "steps", [])]
        todo += [c.estimator for c in getattr(est, "calibrated_classifiers_", [])]
    return 0


def scoring_grid(model, grid: Grid) -> Grid:
    """The grid ``model``'s map is computed on: ``grid``, or a coarser one over its span within ``KERNEL_BUDGET``."""
    n_sv = support_vectors(model)
    ny, nx = grid.shape
    if n_sv * ny * nx <= KERNEL_BUDGET:
        return grid
    side = max(int(np.sqrt(KERNEL_BUDGET / n_sv)), 10)
    return Grid(np.linspace(grid.xs[0], grid.xs[-1], min(side, nx)),
                np.linspace(grid.ys[0], grid.ys[-1], min(side, ny)))


def _bilinear(values: np.ndarray, coarse: Grid, grid: Grid) -> np.ndarray:
    """(K, ny', nx') on ``coarse`` -> (K, ny, nx) on ``grid`` (same span): convex weights, so rows still sum to 1."""
    def axis(src, dst):
        pos = np.interp(dst, src, np.arange(len(src)))
        lo = np.minimum(np.floor(pos).astype(int), len(src) - 2)
        return lo, (pos - lo)[None, :]
    (ix, wx), (iy, wy) = axis(coarse.xs, grid.xs), axis(coarse.ys, grid.ys)
    rows = values[:, :, ix] * (1 - wx[:, None, :]) + values[:, :, ix + 1] * wx[:, None, :]
    out = rows[:, iy, :] * (1 - wy[:, :, None]) + rows[:, iy + 1, :] * wy[:, :, None]
    return np.ascontiguousarray(out, dtype=np.float32)


def posterior_surface(model, grid: Grid) -> np.ndarray:
    """P(y=k|x) on the grid for any fitted classifier, shape (K, ny, nx), float32 (see ``scoring_grid``)."""
    coarse = scoring_grid(model, grid)
    proba = _on_grid(model.predict_proba(coarse.points), coarse)
    return proba if coarse is grid else _bilinear(proba, coarse, grid)


def compute_surfaces(model, grid: Grid, priors=None) -> Surfaces:
    """Everything a page plots for ``model``: one call of the model on the grid.

    A generative model (one with ``class_log_likelihood``) gets densities and p(x), and
    its posterior comes from Bayes' rule with ``priors`` (default: the fitted ``priors_``).
    """
    if hasattr(model, "class_log_likelihood"):
        log_density = log_density_surface(model, grid)
        proba, log_px = posterior_from_log_density(log_density, model.priors_ if priors is None else priors)
        return Surfaces(grid, proba, log_density, log_px)
    return Surfaces(grid, posterior_surface(model, grid))


def decision_boundary_mask(regions: np.ndarray) -> np.ndarray:
    """True where the argmax class changes to a right or upper neighbour, shape (ny, nx)."""
    mask = np.zeros(regions.shape, dtype=bool)
    mask[:, :-1] |= regions[:, :-1] != regions[:, 1:]
    mask[:-1, :] |= regions[:-1, :] != regions[1:, :]
    return mask


def relative_density(log_density: np.ndarray) -> np.ndarray:
    """exp(log p - max log p) per leading slice: densities scaled to a peak of 1, float32."""
    axes = tuple(range(1, log_density.ndim)) if log_density.ndim > 2 else None
    peak = np.max(log_density, axis=axes, keepdims=axes is not None)
    return np.exp(log_density - peak).astype(np.float32)


def far_from_data(grid: Grid, X, reach: float = 3.0) -> np.ndarray:
    """True where a grid point is farther than ``reach`` times the median nearest-neighbour spacing
    of the points X from every one of them, shape (ny, nx)."""
    from sklearn.neighbors import KDTree

    X = np.asarray(X, dtype=float)
    tree = KDTree(X)
    spacing = np.median(tree.query(X, k=2)[0][:, 1]) if len(X) > 1 else 0.0
    return (tree.query(grid.points, k=1)[0][:, 0] > reach * spacing).reshape(grid.shape)


def disagreement_by_region(proba_a, proba_b, far, sure: float = 0.9) -> dict:
    """Where two posteriors differ: their mean total-variation distance in three regions of a grid.

    The distance is 1/2 sum_k |P_a(k|x) - P_b(k|x)|, i.e. |P_a(1|x) - P_b(1|x)| for two classes.

    Parameters
    ----------
    proba_a, proba_b : ndarrays of shape (K, ny, nx); ``proba_a`` defines the boundary band
    far : bool ndarray of shape (ny, nx), the grid points far from the data (``far_from_data``)
    sure : a grid point is in model a's uncertain band while its top class has P < ``sure``

    Returns
    -------
    {"far" | "boundary" | "elsewhere": (mean distance or NaN when empty, fraction of the grid)}:
    far from the data, then the uncertain band among the data, then the rest of the data.
    """
    tv = 0.5 * np.abs(np.asarray(proba_a, float) - np.asarray(proba_b, float)).sum(axis=0)
    boundary = ~far & (np.max(proba_a, axis=0) < sure)
    regions = {"far": far, "boundary": boundary, "elsewhere": ~far & ~boundary}
    return {name: (float(tv[mask].mean()) if mask.any() else float("nan"), float(mask.mean()))
            for name, mask in regions.items()}
