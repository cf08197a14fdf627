"""Judging a deep generative model against the data: regions it covers, a two-sample test, what each panel draws.

Pure numpy + scikit-learn; ``ui/deep_generative/panels.py`` caches these and ``ui/deep_generative/words.py`` words them.
"""

from __future__ import annotations

import numpy as np
from sklearn.cluster import KMeans

from core.calibration import FRESH_SEED_OFFSET  # fresh real points: the data's seed + this, as the powers page's
from core.datasets import make_dataset
from core.evaluation import two_sample_accuracy

N_REGIONS = 4  # k-means cells of the real points: the four blobs of XOR, halves of the moons


def data_regions(X_real, n_regions: int = N_REGIONS, seed: int = 0) -> KMeans:
    """The plane cut into ``n_regions`` cells by k-means on the real points (each x goes to its nearest centre)."""
    return KMeans(n_clusters=n_regions, n_init=10, random_state=seed).fit(np.asarray(X_real, dtype=float))


def region_shares(regions: KMeans, X) -> np.ndarray:
    """The share of the points of X in each region, shape (n_regions,), summing to 1."""
    labels = regions.predict(np.asarray(X, dtype=float))
    return np.bincount(labels, minlength=regions.n_clusters) / max(len(labels), 1)


def worst_covered(real_shares, shares) -> tuple:
    """(region, ratio): the region whose share of generated points is smallest relative to its real share."""
    ratio = np.asarray(shares) / np.maximum(np.asarray(real_shares), 1e-12)
    k = int(np.argmin(ratio))
    return k, float(ratio[k])


def judge_samples(X_train, X_generated, regions: KMeans, seed: int = 0) -> dict:
    """How the generated points compare with the training points: a classifier two-sample test and
    the share of points per region."""
    return dict(two_sample=two_sample_accuracy(X_train, X_generated, seed=seed),
                shares=region_shares(regions, X_generated))


def latent_mesh(extent: float = 2.5, n_lines: int = 9, n_points: int = 41) -> list:
    """Polylines of a square grid of z in [-extent, extent]^2: ``n_lines`` lines along each axis, each
    an (n_points, 2) array."""
    ticks, along = np.linspace(-extent, extent, n_lines), np.linspace(-extent, extent, n_points)
    return ([np.column_stack([np.full(n_points, t), along]) for t in ticks]
            + [np.column_stack([along, np.full(n_points, t)]) for t in ticks])


def off_data_share(X_train, X_test, X_generated, quantile: float = 0.95) -> float:
    """The share of generated points farther from every training point than ``quantile`` of the held-out
    real points are: about 1 - quantile for a perfect model, more for a blurry one."""
    from sklearn.neighbors import NearestNeighbors

    nn = NearestNeighbors(n_neighbors=1).fit(X_train)
    limit = np.quantile(nn.kneighbors(X_test)[0][:, 0], quantile)
    return float(np.mean(nn.kneighbors(X_generated)[0][:, 0] > limit))


def fresh_real_points(data_key: tuple, n_samples: int) -> np.ndarray:
    """``n_samples`` new real points from the generator of ``data_key`` = (dataset, n, noise, share, seed,
    test_fraction), with seed + ``FRESH_SEED_OFFSET``: what a model that matches the data would draw."""
    name, _, noise, share, seed, _ = data_key
    return make_dataset(name, n_samples, noise=noise, seed=seed + FRESH_SEED_OFFSET, share=share).X


def deep_facts(model, X_train, X_test, regions: KMeans, seed: int = 0, baseline: float | None = None,
               X_fresh=None) -> dict:
    """Everything the page says about a fitted ``core.deep.GAN`` or ``VAE``, from ``len(X_train)`` fresh samples.

    ``baseline``: the judge's accuracy on training against held-out real points, if already known.
    ``X_fresh``: new real points from the data's own generator; ``off_data_real`` is their off-data share, what
    a model that matches the data scores (about 5% by construction). None: that share is not computed.
    """
    rng = np.random.default_rng(seed)
    samples = model.sample(len(X_train), rng)
    if baseline is None:
        baseline = two_sample_accuracy(X_train, X_test, seed=seed)
    facts = dict(samples=samples.astype(np.float32), **judge_samples(X_train, samples, regions, seed),
                 baseline=baseline, n_test=len(X_test), centres=regions.cluster_centers_,
                 real_shares=region_shares(regions, X_train), off_data=off_data_share(X_train, X_test, samples))
    facts["worst"] = worst_covered(facts["real_shares"], facts["shares"])
    if X_fresh is not None:
        facts.update(off_data_real=off_data_share(X_train, X_test, X_fresh), n_fresh=len(X_fresh))
    last = model.snapshots_[-1]
    if hasattr(model, "discriminator_"):
        facts.update(d_real=float(np.mean(model.discriminator_proba(X_train))),
                     d_fake=float(np.mean(model.discriminator_proba(samples))), d_loss=last.d_loss, g_loss=last.g_loss)
    else:
        facts.update(elbo=last.elbo, reconstruction=last.reconstruction, kl=last.kl,
                     test_elbo=float(np.mean(model.elbo(X_test, rng=seed))))
    return facts


def explicit_facts(model, X_train, X_test, regions: KMeans, seed: int = 0) -> dict:
    """The same judgement of an explicit density (``core.generative``), plus its mean held-out log p(x)."""
    samples, _ = model.sample(len(X_train), np.random.default_rng(seed))
    return dict(samples=samples.astype(np.float32), **judge_samples(X_train, samples, regions, seed),
                log_px_test=float(np.mean(model.log_px(X_test))))
