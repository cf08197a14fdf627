"""2D datasets behind one registry: generators, and fixed pools of points.

An entry's ``kind`` says which it is:

- ``generator``: draws fresh points. Its signature is ``generator(counts, noise, rng) -> (X, y)``
  where ``counts`` is a tuple with the number of points per class, ``noise`` a float whose
  meaning the registry entry describes, and ``rng`` a ``numpy.random.Generator``. No generator
  touches global random state.
- ``pool``: a fixed set of points that ships inside scikit-learn (no download). The seed picks
  the split (and the subsample when fewer points are asked for); noise and class share do not apply.
- ``upload`` and ``drawn``: a user's own points (a CSV file, clicks on a map). The session holds
  them; ``keep_pool`` gives them a key that ``pool_dataset`` finds them by while a session holds them.
"""

from __future__ import annotations

import hashlib
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
from sklearn.datasets import load_breast_cancer, load_iris, load_wine, make_circles, make_moons
from sklearn.model_selection import train_test_split as _sk_split

Generator = Callable[[tuple, float, np.random.Generator], tuple]

GENERATOR, POOL, UPLOAD, DRAWN = "generator", "pool", "upload", "drawn"
MAX_POINTS = 2000  # points a view uses at most: a larger pool is subsampled (every model fits in seconds)
DRAW_CANVAS = np.array([[-3.0, -3.0], [3.0, 3.0]])  # drawn points are shown on at least this square


@dataclass(frozen=True, eq=False)
class Dataset:
    """A labelled 2D sample.

    Attributes
    ----------
    X : ndarray of shape (n_samples, 2)
    y : ndarray of shape (n_samples,), int labels 0..K-1
    class_names : tuple of str, one per class
    name : str, registry key it came from
    feature_names : tuple of two str, the axes' names (x₁, x₂ for the synthetic generators)
    """

    X: np.ndarray
    y: np.ndarray
    class_names: tuple
    name: str = "custom"
    feature_names: tuple = ("x₁", "x₂")

    @property
    def n_classes(self) -> int:
        return len(self.class_names)

    def __repr__(self) -> str:
        counts = np.bincount(self.y, minlength=self.n_classes).tolist()
        return f"Dataset({self.name!r}, n_samples={len(self.y)}, counts={counts})"


@dataclass(frozen=True)
class DatasetSpec:
    """Registry entry: how to draw (or load) a dataset and how to describe it.

    ``kind``: ``generator`` (``generator`` draws fresh points), ``pool`` (``load`` returns the
    fixed Dataset), ``upload`` or ``drawn`` (the user's points, held by the session)."""

    generator: Generator | None
    label: str
    description: str
    n_classes: int = 2
    default_noise: float = 0.3
    noise_range: tuple = (0.0, 1.0)
    class_names: tuple = field(default=())
    kind: str = GENERATOR
    load: Callable[[], Dataset] | None = None

    def names(self) -> tuple:
        if self.class_names:
            return self.class_names
        return tuple("ABCDEFGH"[: self.n_classes])

    @property
    def is_pool(self) -> bool:
        """A fixed set of points: no fresh draws, no noise, no class share."""
        return self.kind != GENERATOR


def _gaussian_classes(counts, means, covs, rng):
    X = np.vstack([rng.multivariate_normal(m, c, size=n) for n, m, c in zip(counts, means, covs)])
    y = np.repeat(np.arange(len(counts)), counts)
    return X, y


def make_blobs_data(counts, noise, rng):
    """Two isotropic Gaussians at (-1.5, 0) and (1.5, 0); ``noise`` is their std."""
    s2 = max(noise, 1e-3) ** 2
    return _gaussian_classes(counts, [(-1.5, 0.0), (1.5, 0.0)], [s2 * np.eye(2)] * 2, rng)


def make_correlated_data(counts, noise, rng):
    """Two Gaussians sharing a strongly correlated covariance (rho = 0.9).

    The means differ along the short axis of the ellipses, so the features are
    far from independent given the class: the case that breaks naive Bayes.
    ``noise`` scales the covariance's standard deviations.
    """
    s = max(noise, 1e-3)
    cov = s**2 * np.array([[1.0, 0.9], [0.9, 1.0]])
    return _gaussian_classes(counts, [(-0.6, 0.6), (0.6, -0.6)], [cov, cov], rng)


def make_moons_data(counts, noise, rng):
    """Two interleaving half circles (scikit-learn's ``make_moons``)."""
    seed = int(rng.integers(2**31 - 1))
    X, y = make_moons(n_samples=tuple(counts), noise=noise, random_state=seed)
    return X, y


def make_circles_data(counts, noise, rng):
    """A small circle (class B) inside a large one (scikit-learn's ``make_circles``)."""
    seed = int(rng.integers(2**31 - 1))
    X, y = make_circles(n_samples=tuple(counts), noise=noise, factor=0.5, random_state=seed)
    return X, y


def make_xor_data(counts, noise, rng):
    """XOR: class A in quadrants I and III, class B in II and IV, Gaussian blobs of std ``noise``."""
    parts, labels = [], []
    corners = {0: [(1, 1), (-1, -1)], 1: [(-1, 1), (1, -1)]}
    for k, n in enumerate(counts):
        which = rng.integers(2, size=n)
        centres = np.asarray(corners[k], dtype=float)[which]
        parts.append(centres + max(noise, 1e-3) * rng.standard_normal((n, 2)))
        labels.append(np.full(n, k))
    return np.vstack(parts), np.concatenate(labels)


def make_spirals_data(counts, noise, rng):
    """Two interleaved spirals (1.5 turns each) with Gaussian jitter of std ``noise``."""
    parts, labels = [], []
    for k, n in enumerate(counts):
        t = np.sqrt(rng.uniform(0.05, 1.0, size=n)) * 3 * np.pi
        r = t / (3 * np.pi) * 2.0
        angle = t + k * np.pi
        pts = np.column_stack([r * np.cos(angle), r * np.sin(angle)])
        parts.append(pts + noise * rng.standard_normal((n, 2)))
        labels.append(np.full(n, k))
    return np.vstack(parts), np.concatenate(labels)


def make_three_gaussians_data(counts, noise, rng):
    """Three Gaussian classes with unequal covariances (straight lines for LDA, curves for QDA)."""
    s = max(noise, 1e-3)
    means = [(-1.5, -0.8), (1.5, -0.8), (0.0, 1.5)]
    covs = [
        s**2 * np.array([[1.0, 0.5], [0.5, 1.0]]),
        s**2 * np.array([[1.0, -0.6], [-0.6, 1.0]]),
        s**2 * np.array([[2.0, 0.0], [0.0, 0.4]]),
    ]
    return _gaussian_classes(counts, means, covs, rng)


def _standardised(X: np.ndarray) -> np.ndarray:
    return (X - X.mean(axis=0)) / X.std(axis=0)


def _shipped(loader, columns: tuple, name: str, standardise: bool, units: str = "") -> Callable[[], Dataset]:
    """A two-feature view of a dataset that ships with scikit-learn, loaded once."""
    cache = {}

    def load() -> Dataset:
        if "data" not in cache:
            bunch = loader()
            names = list(bunch.feature_names)
            X = bunch.data[:, [names.index(c) for c in columns]].astype(float)
            labels = tuple(str(t).replace("class_", "cultivar ") for t in bunch.target_names)
            shown = tuple(c.replace("_", " ").replace(" (cm)", "") + (" (standardised)" if standardise else units)
                          for c in columns)
            cache["data"] = Dataset(_standardised(X) if standardise else X, bunch.target.astype(int), labels,
                                    name, shown)
        return cache["data"]
    return load


def _fixed(label: str, description: str, kind: str, **spec) -> DatasetSpec:
    """The registry entry of a fixed set of points (shipped, uploaded or drawn): nothing to draw, no noise."""
    return DatasetSpec(None, label, description, default_noise=0.0, noise_range=(0.0, 0.0), kind=kind, **spec)


DATASETS: dict[str, DatasetSpec] = {
    "blobs": DatasetSpec(
        make_blobs_data, "Two Gaussian blobs",
        "Two round Gaussian classes: every model's assumptions hold.",
        default_noise=1.0, noise_range=(0.2, 2.5)),
    "correlated": DatasetSpec(
        make_correlated_data, "Correlated Gaussians",
        "Two Gaussians with correlated features: naive Bayes' independence assumption fails.",
        default_noise=1.0, noise_range=(0.2, 2.5)),
    "moons": DatasetSpec(
        make_moons_data, "Moons",
        "Two interleaving half circles: no Gaussian fits a class well.",
        default_noise=0.2, noise_range=(0.0, 0.6)),
    "circles": DatasetSpec(
        make_circles_data, "Circles",
        "One class inside the other: no straight line separates them.",
        default_noise=0.1, noise_range=(0.0, 0.4)),
    "xor": DatasetSpec(
        make_xor_data, "XOR",
        "Each class sits in two opposite quadrants: linear models fail, mixtures succeed.",
        default_noise=0.4, noise_range=(0.1, 1.0)),
    "spirals": DatasetSpec(
        make_spirals_data, "Two spirals",
        "Two interleaved spirals: hard for every model.",
        default_noise=0.1, noise_range=(0.0, 0.4)),
    "three_gaussians": DatasetSpec(
        make_three_gaussians_data, "Three Gaussian classes",
        "Three Gaussian classes with different shapes (K = 3).",
        n_classes=3, default_noise=0.8, noise_range=(0.2, 2.0)),
    "iris": _fixed(
        "Iris (real: petal length and width)",
        "Fisher's 150 iris flowers, 3 species, by petal length and width in cm. Setosa stands apart; versicolor "
        "and virginica touch, so that border is where the models differ. Within each species the two petal sizes "
        "grow together (a positive correlation), which naive Bayes assumes away.",
        POOL, n_classes=3, class_names=("setosa", "versicolor", "virginica"),
        load=_shipped(load_iris, ("petal length (cm)", "petal width (cm)"), "iris", False, " (cm)")),
    "wine_2d": _fixed(
        "Wine (real: flavanoids and colour)",
        "178 Italian wines from 3 cultivars, by flavanoid content and colour intensity (each standardised: mean 0, "
        "standard deviation 1). The cultivars' clouds differ in size and tilt, so a spread per class (QDA) and one "
        "shared spread (LDA) draw different boundaries.",
        POOL, n_classes=3, class_names=("cultivar 0", "cultivar 1", "cultivar 2"),
        load=_shipped(load_wine, ("flavanoids", "color_intensity"), "wine_2d", True)),
    "cancer_2d": _fixed(
        "Breast cancer (real: two features)",
        "569 breast tumours (212 malignant, 357 benign) by their worst radius and worst concave points (each "
        "standardised). The classes are unequal, so the learned P(y) is not ½; malignant tumours vary more than "
        "benign ones, most of all in radius.",
        POOL, n_classes=2, class_names=("malignant", "benign"),
        load=_shipped(load_breast_cancer, ("worst radius", "worst concave points"), "cancer_2d", True)),
    "csv": _fixed(
        "Your CSV file",
        "Your own data: upload a CSV file with a header row, two numeric columns and a label column.", UPLOAD),
    "drawn": _fixed(
        "Draw your own points",
        "Your own points: pick a class and click on a posterior map to add a point there.", DRAWN),
}


def datasets_of(*kinds: str) -> list:
    """Registry keys of the given kinds, in the registry's order."""
    return [k for k, spec in DATASETS.items() if spec.kind in kinds]


GENERATED = datasets_of(GENERATOR)  # for pages that need fresh samples (powers, deep models): fixed data left out


# ---- a user's own points ----------------------------------------------------------------------------
# A session holds its own Dataset (the object ``keep_pool`` returns): the pool finds it by its key for as long as any
# session holds it (a weak reference), whatever other sessions register meanwhile. Besides, the most recently
# registered ones are kept (a link's points before a session holds them), bounded by count and by bytes.
_HELD: weakref.WeakValueDictionary = weakref.WeakValueDictionary()
_USER_POOLS: OrderedDict = OrderedDict()  # the most recent: key -> Dataset
_USER_POOL_LIMIT, _USER_POOL_BYTES = 64, 16 << 20
_POOL_LOCK = threading.Lock()  # sessions register from their own script threads


def pool_key(data: Dataset) -> str:
    """A key that names ``data`` by its content: the same points give the same key."""
    h = hashlib.sha1()
    for part in (np.ascontiguousarray(data.X, dtype=float).tobytes(), np.asarray(data.y, dtype=np.int64).tobytes(),
                 repr((data.class_names, data.feature_names, data.name)).encode()):
        h.update(part)
    return f"user:{h.hexdigest()[:16]}"


def keep_pool(data: Dataset) -> tuple:
    """Register a user's Dataset: (its key, the Dataset the pool finds by that key).

    The returned Dataset is ``data`` unless equal points were registered already (then it is that one): a session
    that holds it keeps it findable by the key until the session lets it go."""
    key = pool_key(data)
    with _POOL_LOCK:
        kept = _HELD.get(key)
        if kept is None:
            kept = _HELD[key] = data
        _USER_POOLS[key] = kept
        _USER_POOLS.move_to_end(key)
        total = sum(d.X.nbytes + d.y.nbytes for d in _USER_POOLS.values())
        while len(_USER_POOLS) > 1 and (len(_USER_POOLS) > _USER_POOL_LIMIT or total > _USER_POOL_BYTES):
            gone = _USER_POOLS.popitem(last=False)[1]
            total -= gone.X.nbytes + gone.y.nbytes
    return key, kept


def register_pool(data: Dataset) -> str:
    """Keep a user's Dataset for a while (the most recent, bounded) and return the key to find it by.
    To keep it for a whole session, hold the Dataset ``keep_pool`` returns."""
    return keep_pool(data)[0]


def pool_dataset(key: str) -> Dataset:
    """The fixed pool of points a key names: a shipped dataset's registry key, or ``register_pool``'s key."""
    if key in DATASETS and DATASETS[key].kind == POOL:
        return DATASETS[key].load()
    with _POOL_LOCK:
        data = _USER_POOLS.get(key) or _HELD.get(key)
    if data is None:
        raise ValueError("Your data is no longer on the server (it was restarted): upload or draw it again.")
    return data


def subsample(data: Dataset, n_samples: int, seed: int) -> Dataset:
    """At most ``n_samples`` points of a pool, stratified by class, drawn with ``seed``; all of them in a seeded
    order when the pool is no larger."""
    rng = np.random.default_rng(seed)
    n = len(data.y)
    if n_samples >= n:
        order = rng.permutation(n)
    else:
        counts = class_counts(n_samples, np.bincount(data.y, minlength=data.n_classes) / n)
        members = [np.flatnonzero(data.y == k) for k in range(data.n_classes)]
        order = rng.permutation(np.concatenate([rng.choice(m, size=min(c, len(m)), replace=False)
                                                for m, c in zip(members, counts)]))
    return replace(data, X=data.X[order], y=data.y[order])


def class_shares(share: float, n_classes: int) -> np.ndarray:
    """Class proportions from one number.

    For two classes ``share`` is the proportion of class 1 (P(y=1));
    for three or more it is the first class's proportion, the rest split evenly.

    Returns
    -------
    ndarray of shape (n_classes,), summing to 1.
    """
    share = float(np.clip(share, 0.0, 1.0))
    if n_classes == 2:
        return np.array([1.0 - share, share])
    rest = (1.0 - share) / (n_classes - 1)
    return np.array([share] + [rest] * (n_classes - 1))


def class_counts(n_samples: int, shares: np.ndarray) -> tuple:
    """Points per class: about ``shares * n_samples``, at least one each, summing to ``n_samples``."""
    counts = np.maximum(np.floor(shares * n_samples).astype(int), 1)
    counts[np.argmax(shares)] += n_samples - counts.sum()
    return tuple(int(c) for c in counts)


def make_dataset(name: str, n_samples: int = 400, noise: float | None = None,
                 seed: int = 0, share: float | None = None) -> Dataset:
    """Draw dataset ``name`` from the registry.

    Parameters
    ----------
    name : key of ``DATASETS``
    n_samples : total number of points (at least one per class)
    noise : the generator's noise level; ``None`` takes the registry default
    seed : seed of the ``numpy.random.Generator`` used for this draw
    share : class balance (see ``class_shares``); ``None`` means balanced

    Returns
    -------
    Dataset with ``X`` of shape (n_samples, 2).
    """
    if name not in DATASETS:
        raise ValueError(f"Unknown dataset {name!r}; choose one of {', '.join(DATASETS)}.")
    spec = DATASETS[name]
    if spec.kind == POOL:
        return subsample(spec.load(), n_samples, seed)
    if spec.kind != GENERATOR:
        raise ValueError(f"{spec.label} holds a user's own points: find them with pool_dataset.")
    if n_samples < spec.n_classes:
        raise ValueError(f"Need at least {spec.n_classes} points, got {n_samples}.")
    shares = (np.full(spec.n_classes, 1.0 / spec.n_classes) if share is None
              else class_shares(share, spec.n_classes))
    rng = np.random.default_rng(seed)
    noise = spec.default_noise if noise is None else float(noise)
    X, y = spec.generator(class_counts(n_samples, shares), noise, rng)
    order = rng.permutation(len(y))
    return Dataset(np.asarray(X, dtype=float)[order], np.asarray(y, dtype=int)[order],
                   spec.names(), name)


def train_test_split(data: Dataset, test_fraction: float = 0.3, seed: int = 0):
    """Split into (train, test) Datasets, stratified by class when every class allows it.

    ``test_fraction`` of 0 returns the whole dataset as train and an empty test set.
    """
    if test_fraction <= 0:
        return data, replace(data, X=data.X[:0], y=data.y[:0])
    counts = np.bincount(data.y, minlength=data.n_classes)
    stratify = data.y if counts.min() >= 2 else None
    X_tr, X_te, y_tr, y_te = _sk_split(data.X, data.y, test_size=test_fraction,
                                       random_state=seed, stratify=stratify)
    return replace(data, X=X_tr, y=y_tr), replace(data, X=X_te, y=y_te)
