"""Data sources for learning curves, each with what is known about it in closed form.

A *sampler* is any callable ``sampler(n, rng) -> (X, y)`` drawing ``n`` labelled points.
A sampler over a fixed pool (real data) also has ``holdout(rng) -> (train_sampler, (X_test, y_test))``,
which splits the pool once per repeat so that training samples never overlap the test set.

A ``Scenario`` bundles a sampler with its Bayes error and naive Bayes' asymptotic error where the
data are Gaussian with a shared covariance, so both are closed form. ``SCENARIOS`` is the registry
the page and the tests read, like ``DATASETS`` and ``MODELS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from scipy.special import ndtr
from sklearn.datasets import load_breast_cancer, load_digits, load_wine

from core.datasets import DATASETS, GENERATOR, datasets_of
from core.models import Param

#: Mahalanobis distance between the class means in scenarios (a) and (b): Bayes error Phi(-1.25) = 10.6%.
SEPARATION = 2.5


class GaussianSampler:
    """Two equally likely classes sharing one covariance: y ~ Bernoulli(1/2), x | y=k ~ N(mu_k, Sigma).

    Parameters
    ----------
    means : array-like of shape (2, n_features)
    cov : array-like of shape (n_features, n_features), symmetric positive definite
    """

    def __init__(self, means, cov):
        self.means = np.asarray(means, dtype=float)
        self.cov = np.asarray(cov, dtype=float)
        self._chol = np.linalg.cholesky(self.cov)

    @property
    def n_features(self) -> int:
        return self.means.shape[1]

    def __call__(self, n: int, rng: np.random.Generator):
        """Draw ``n`` points: X of shape (n, n_features), y of shape (n,) in {0, 1}."""
        y = rng.integers(2, size=int(n))
        X = self.means[y] + rng.standard_normal((int(n), self.n_features)) @ self._chol.T
        return X, y

    def mahalanobis(self) -> float:
        """Delta = sqrt(delta^T Sigma^-1 delta), delta = mu_1 - mu_0."""
        delta = self.means[1] - self.means[0]
        return float(np.sqrt(delta @ np.linalg.solve(self.cov, delta)))

    def linear_rule_error(self, w) -> float:
        """Error of the rule "class 1 iff w . (x - (mu_0 + mu_1) / 2) > 0".

        Given y=1, w . (x - m) ~ N(w . delta / 2, w^T Sigma w), and symmetrically for y=0, so the
        error is Phi(-w . delta / (2 sqrt(w^T Sigma w))).
        """
        w = np.asarray(w, dtype=float)
        delta = self.means[1] - self.means[0]
        return float(ndtr(-(w @ delta) / (2 * np.sqrt(w @ self.cov @ w))))

    def bayes_error(self) -> float:
        """Phi(-Delta / 2): the error of the Bayes rule w = Sigma^-1 delta, for equal priors."""
        return float(ndtr(-self.mahalanobis() / 2))

    def naive_bayes_error(self) -> float:
        """The error Gaussian naive Bayes tends to as n grows (its asymptotic error, Ng & Jordan 2002).

        With infinite data its per-class variances are both diag(Sigma) and its priors 1/2, so its
        log-odds are linear with weights w_j = delta_j / Sigma_jj: a linear rule through the midpoint.
        """
        delta = self.means[1] - self.means[0]
        return self.linear_rule_error(delta / np.diag(self.cov))

    def __repr__(self) -> str:
        return f"GaussianSampler(n_features={self.n_features}, Delta={self.mahalanobis():.3g})"


class RegistrySampler:
    """Draws from a 2D generator of ``core.datasets.DATASETS``, class counts multinomial with equal priors."""

    def __init__(self, dataset: str, noise: float | None = None):
        self.dataset = dataset
        self.spec = DATASETS[dataset]
        self.noise = self.spec.default_noise if noise is None else float(noise)

    def __call__(self, n: int, rng: np.random.Generator):
        K = self.spec.n_classes
        counts = tuple(int(c) for c in rng.multinomial(int(n), np.full(K, 1.0 / K)))
        X, y = self.spec.generator(counts, self.noise, rng)
        order = rng.permutation(len(y))
        return np.asarray(X, dtype=float)[order], np.asarray(y, dtype=int)[order]

    def __repr__(self) -> str:
        return f"RegistrySampler({self.dataset!r}, noise={self.noise:g})"


class PoolSampler:
    """Subsamples without replacement from a fixed labelled pool (real data).

    ``holdout(rng)`` splits the pool, stratified by class, into a test set of ``test_fraction``
    of every class and a sampler over the remainder; learning curves call it once per repeat.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
    test_fraction : share of each class held out as the test set
    """

    def __init__(self, X, y, test_fraction: float = 0.3):
        self.X = np.asarray(X, dtype=float)
        self.y = np.asarray(y)
        self.test_fraction = float(test_fraction)
        self._n_test = {k: int(round(test_fraction * c)) for k, c in zip(*np.unique(self.y, return_counts=True))}

    @property
    def n_features(self) -> int:
        return self.X.shape[1]

    @property
    def max_train_size(self) -> int:
        """Largest training sample ``holdout`` leaves room for."""
        return len(self.y) - sum(self._n_test.values())

    def __call__(self, n: int, rng: np.random.Generator):
        if n > len(self.y):
            raise ValueError(f"Cannot draw {n} training points from a pool of {len(self.y)}.")
        idx = rng.choice(len(self.y), size=int(n), replace=False)
        return self.X[idx], self.y[idx]

    def holdout(self, rng: np.random.Generator):
        """Split once: returns (sampler over the training pool, (X_test, y_test))."""
        test = np.concatenate([rng.permutation(np.flatnonzero(self.y == k))[:m] for k, m in self._n_test.items()])
        train = np.setdiff1d(np.arange(len(self.y)), test)
        return PoolSampler(self.X[train], self.y[train], test_fraction=0.0), (self.X[test], self.y[test])

    def __repr__(self) -> str:
        return (f"PoolSampler(n_samples={len(self.y)}, n_features={self.n_features}, "
                f"test_fraction={self.test_fraction:g})")


@dataclass(frozen=True, eq=False)
class Scenario:
    """A sampler and what is known about its data.

    Attributes
    ----------
    sampler : callable ``sampler(n, rng) -> (X, y)``, optionally with ``holdout(rng)``
    label : str
    n_features : int
    bayes_error : the lowest error any classifier can reach, where known in closed form, else None
    nb_error : the error Gaussian naive Bayes tends to with infinite data, where known, else None
    max_train_size : largest training sample the data allow (a real pool), None if unbounded
    """

    sampler: Callable
    label: str
    n_features: int
    bayes_error: float | None = None
    nb_error: float | None = None
    max_train_size: int | None = None

    def __repr__(self) -> str:
        known = f", bayes_error={self.bayes_error:.4f}" if self.bayes_error is not None else ""
        return f"Scenario({self.label!r}, n_features={self.n_features}{known})"


def _gaussian_scenario(sampler: GaussianSampler, label: str) -> Scenario:
    return Scenario(sampler, label, sampler.n_features, sampler.bayes_error(), sampler.naive_bayes_error())


def nb_holds(d: int = 10, separation: float = SEPARATION) -> Scenario:
    """(a) Naive Bayes' assumptions hold: x | y=k ~ N(mu_k, I_d), features independent given the class.

    Every feature carries the same share of the separation: mu_1 - mu_0 = (Delta / sqrt(d)) 1, so the
    Bayes error Phi(-Delta/2) does not change with d and only the number of parameters does. Both
    models are then right about the form of P(y | x); Ng & Jordan (2002) predict naive Bayes reaches
    the common asymptote after O(log d) examples, logistic regression after O(d).
    """
    d = int(d)
    shift = separation / np.sqrt(d) / 2
    means = np.array([-np.full(d, shift), np.full(d, shift)])
    return _gaussian_scenario(GaussianSampler(means, np.eye(d)), f"(a) NB holds, d = {d}")


def nb_misspecified(d: int = 10, copies: int = 10, separation: float = SEPARATION,
                    copy_noise: float = 0.1) -> Scenario:
    """(b) Naive Bayes misspecified: scenario (a) plus ``copies`` near-duplicates of feature 1.

    Copy c is x_1 + copy_noise * e_c with e_c ~ N(0, 1) independent of the class, so the copies add
    no information (the Bayes error stays Phi(-Delta/2)) but correlate with x_1 at about
    1 / sqrt(1 + copy_noise^2). Naive Bayes treats them as independent evidence and weights feature 1
    about (1 + copies) times too much: its asymptotic error is higher. Logistic regression is still
    correctly specified (the log-odds stay linear in x) and reaches the Bayes error.
    """
    d, copies = int(d), int(copies)
    base = nb_holds(d, separation).sampler
    # x = A z with z ~ N(mu, I): the copies repeat row 1 of the identity plus their own noise
    A = np.zeros((d + copies, d + copies))
    A[:d, :d] = np.eye(d)
    A[d:, 0] = 1.0
    A[d:, d:] = copy_noise * np.eye(copies)
    means = np.hstack([base.means, np.zeros((2, copies))]) @ A.T
    return _gaussian_scenario(GaussianSampler(means, A @ A.T), f"(b) NB misspecified, d = {d}, {copies} copies")


def _toy_gaussian(dataset: str, noise: float):
    """Means and shared covariance of the 2D registry datasets that are Gaussian with one covariance.

    These repeat the parameters in ``core.datasets``; a test checks them against the generators.
    """
    s2 = max(noise, 1e-3) ** 2
    if dataset == "blobs":
        return np.array([[-1.5, 0.0], [1.5, 0.0]]), s2 * np.eye(2)
    if dataset == "correlated":
        return np.array([[-0.6, 0.6], [0.6, -0.6]]), s2 * np.array([[1.0, 0.9], [0.9, 1.0]])
    return None


def toy_2d(dataset: str = "blobs") -> Scenario:
    """(c) A 2D dataset of the registry at its default noise; Bayes error known for the Gaussian ones."""
    sampler = RegistrySampler(dataset)
    gaussian = _toy_gaussian(dataset, sampler.noise)
    bayes = nb = None
    if gaussian is not None:
        exact = GaussianSampler(*gaussian)
        bayes, nb = exact.bayes_error(), exact.naive_bayes_error()
    return Scenario(sampler, DATASETS[dataset].label, 2, bayes, nb)


@dataclass(frozen=True)
class RealDataSpec:
    """A two-class dataset shipped inside scikit-learn (no download)."""

    load: Callable[[], tuple]
    label: str
    description: str


def _digits_pair(a: int, b: int):
    def load():
        X, y = load_digits(return_X_y=True)
        keep = (y == a) | (y == b)
        return X[keep], (y[keep] == b).astype(int)
    return load


def _wine_two_class():
    X, y = load_wine(return_X_y=True)
    keep = y < 2
    return X[keep], y[keep]


REAL_DATASETS: dict[str, RealDataSpec] = {
    "breast_cancer": RealDataSpec(lambda: load_breast_cancer(return_X_y=True), "Breast cancer Wisconsin",
                                  "569 tumours, 30 measured features, malignant vs benign."),
    "wine": RealDataSpec(_wine_two_class, "Wine, cultivars 1 vs 2",
                         "130 wines, 13 chemical measurements."),
    "digits_3_8": RealDataSpec(_digits_pair(3, 8), "Digits 3 vs 8",
                               "357 handwritten digits, 8x8 = 64 pixel intensities."),
    "digits_4_9": RealDataSpec(_digits_pair(4, 9), "Digits 4 vs 9",
                               "361 handwritten digits, 8x8 = 64 pixel intensities."),
    "digits_1_7": RealDataSpec(_digits_pair(1, 7), "Digits 1 vs 7",
                               "361 handwritten digits, 8x8 = 64 pixel intensities."),
}


def real_data(dataset: str = "breast_cancer", test_fraction: float = 0.3) -> Scenario:
    """(d) Real data: training samples drawn from a pool, the held-out ``test_fraction`` as test set."""
    spec = REAL_DATASETS[dataset]
    X, y = spec.load()
    sampler = PoolSampler(X, y, test_fraction)
    return Scenario(sampler, spec.label, sampler.n_features, max_train_size=sampler.max_train_size)


@dataclass(frozen=True)
class ScenarioSpec:
    """Registry entry: how to build a scenario, how to describe it, its options' schema."""

    build: Callable[..., Scenario]
    label: str
    description: str
    params: dict = field(default_factory=dict)


SCENARIOS: dict[str, ScenarioSpec] = {
    "nb_holds": ScenarioSpec(
        nb_holds, "(a) NB assumptions hold",
        "d Gaussian features, independent given the class, same variance in both classes. "
        "Both models can represent the best rule; the question is how fast each gets there.",
        {"d": Param(10, 1, 50, 1, label="Features d")}),
    "nb_misspecified": ScenarioSpec(
        nb_misspecified, "(b) NB misspecified",
        "Scenario (a) plus near-copies of feature 1: the copies carry no new information, "
        "but naive Bayes counts them as independent evidence.",
        {"d": Param(10, 1, 50, 1, label="Features d"),
         "copies": Param(10, 0, 40, 1, label="Near-copies of feature 1")}),
    "toy_2d": ScenarioSpec(
        toy_2d, "(c) A 2D dataset",
        "Any 2D dataset of the explorer, at its default noise.",
        {"dataset": Param("blobs", choices=tuple(datasets_of(GENERATOR)), label="Dataset")}),
    "real": ScenarioSpec(
        real_data, "(d) Real data",
        "A dataset that ships with scikit-learn: training samples drawn from 70% of it, "
        "the other 30% held out as the test set (a new split every repeat).",
        {"dataset": Param("breast_cancer", choices=tuple(REAL_DATASETS), label="Dataset")}),
}


def make_scenario(name: str, **params) -> Scenario:
    """Build registry scenario ``name`` with its options checked against the schema."""
    if name not in SCENARIOS:
        raise ValueError(f"Unknown scenario {name!r}; choose one of {', '.join(SCENARIOS)}.")
    spec = SCENARIOS[name]
    values = {k: p.default for k, p in spec.params.items()}
    for key, value in params.items():
        if key not in spec.params:
            raise ValueError(f"{spec.label} has no option {key!r}.")
        values[key] = spec.params[key].validate(value)
    return spec.build(**values)
