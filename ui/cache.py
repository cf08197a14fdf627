"""Cached core calls: a computation DAG keyed on small hashable tuples.

data_key -> (train, test) -> fitted model -> surfaces / scores -> figures. A prior change
reuses every fit and surface (one new figure entry, ``linked_figs``); a sample click reuses
everything but the sample itself.
"""

from __future__ import annotations

import functools
import inspect

import numpy as np
import streamlit as st
from threadpoolctl import threadpool_limits

from core.datasets import (
    DATASETS,
    DRAW_CANVAS,
    DRAWN,
    MAX_POINTS,
    make_dataset,
    pool_dataset,
    subsample,
    train_test_split,
)
from core.evaluation import classification_metrics, posterior_from_log_likelihood
from core.figures import explorer as figures
from core.figures import layout
from core.figures import prior as figures_prior
from core.models import GENERATIVE, MODELS, fit_model
from core.prior_shift import (
    class_priors,
    deployment_pool,
    deployment_rows,
    estimate_new_prior,
    prior_shift_scores,
    resampled_pool,
    reweight_proba,
)
from core.surfaces import (
    Grid,
    compute_surfaces,
    disagreement_by_region,
    far_from_data,
    make_grid,
    posterior_from_log_density,
    two_class_proba,
)
from ui.memo import clear_all, memo  # noqa: F401 (cache.memo, cache.clear_all: used by pages, tests)

# One BLAS thread: the matrices here are small, and on a busy 2-core machine OpenBLAS's spinning
# workers made a Gaussian mixture fit ~20x slower (1.1 s instead of 0.05 s).
threadpool_limits(limits=1, user_api="blas")
layout.send_json_once()  # a cached figure is encoded to JSON once, not on every rerun that shows it


def by_name(cached):
    """``cached`` (an ``st.cache_*`` function) called with every argument by name: Streamlit looks up the name of
    each positional argument with ``inspect.signature`` on every call (~0.03 ms an argument; an explorer rerun makes
    ~25 lookups, ``linked_figs`` alone takes 9 arguments). The cache keys are the same (name, value) pairs."""
    names = tuple(inspect.signature(cached).parameters)

    @functools.wraps(cached)
    def call(*args, **kwargs):
        return cached(**dict(zip(names, args)), **kwargs)

    call.clear = cached.clear
    return call


@memo()
def load_data(data_key: tuple):
    """(train, test) Datasets for (dataset, n_samples, noise, share, seed, test_fraction)."""
    name, n_samples, noise, share, seed, test_fraction = data_key
    if name in DATASETS and not DATASETS[name].is_pool:
        data = make_dataset(name, n_samples=n_samples, noise=noise, seed=seed, share=share)
    else:  # a fixed pool (shipped with scikit-learn, or a user's): the seed picks the subsample and the split
        data = subsample(pool_dataset(name), min(n_samples, MAX_POINTS), seed)
    return train_test_split(data, test_fraction, seed=seed)


@memo()
def grid_for(data_key: tuple, resolution: int):
    train, test = load_data(data_key)
    canvas = [DRAW_CANVAS] if train.name == DRAWN else []  # room to click a new point anywhere on the canvas
    return make_grid(np.vstack([train.X, test.X, *canvas]), resolution)


@memo()
def fitted(data_key: tuple, name: str, params: tuple):
    """The fitted model. A resource, not data: it is never mutated (``with_priors`` copies),
    and skipping the pickle round trip keeps a prior change or a sample click cheap."""
    train, _ = load_data(data_key)
    return fit_model(name, train.X, train.y, class_names=train.class_names, **dict(params))


@memo()
def surfaces(data_key: tuple, name: str, params: tuple, resolution: int):
    """Surfaces over the grid with the fitted priors (log densities for generative models)."""
    return compute_surfaces(fitted(data_key, name, params), grid_for(data_key, resolution))


@memo()
def fitted_pair(data_key: tuple, gen: str, gen_params: tuple, disc: str, disc_params: tuple, resolution: int) -> bool:
    """Both models fitted and their surfaces computed (True): one lookup a rerun instead of four.
    Raises ValueError as ``fitted`` does (an exception is never cached)."""
    for name, params in ((gen, gen_params), (disc, disc_params)):
        fitted(data_key, name, params)
        surfaces(data_key, name, params, resolution)
    return True


@memo()
def proba_at(data_key: tuple, name: str, params: tuple, x: tuple) -> np.ndarray:
    """P(y | x) of a fitted model at one point ``x`` (the probe): scikit-learn's checks cost ~0.4 ms a call."""
    return fitted(data_key, name, params).predict_proba(np.asarray([x], dtype=float))[0]


def _score(model):
    """What is cached per point: log p(x|y) rows for a generative model (priors applied later), else P(y|x)."""
    return model.class_log_likelihood if hasattr(model, "class_log_likelihood") else model.predict_proba


@memo()
def scores(data_key: tuple, name: str, params: tuple):
    """Per split: log p(x|y) rows for a generative model (priors applied later), else P(y|x)."""
    score = _score(fitted(data_key, name, params))
    train, test = load_data(data_key)
    return {split: (score(d.X) if len(d.y) else np.zeros((0, len(d.class_names))))
            for split, d in (("train", train), ("test", test))}


def split_proba(data_key, name, params, priors=None):
    """P(y|x) on the train and test points with ``priors`` (None: as trained): Bayes' rule for a
    generative model, reweighting for a discriminative one."""
    raw = scores(data_key, name, params)
    if priors is None:
        return raw
    if MODELS[name].family != GENERATIVE:
        return {split: reweight_proba(v, train_priors(data_key), priors) for split, v in raw.items()}
    return {split: posterior_from_log_likelihood(v, priors) for split, v in raw.items()}


@memo()
def split_scores(data_key: tuple, gen: str, gen_params: tuple, disc: str, disc_params: tuple, gen_priors: tuple,
                 disc_priors: tuple | None) -> list:
    """Both models' train and test scores (``classification_metrics``) with those P(y) (None: as trained):
    scored once per view, not on every rerun that shows them (a Sample click, a probe move)."""
    train, test = load_data(data_key)
    out = []
    for name, params, priors in ((gen, gen_params, gen_priors), (disc, disc_params, disc_priors)):
        proba = split_proba(data_key, name, params, priors)
        tr, te = classification_metrics(train.y, proba["train"]), classification_metrics(test.y, proba["test"])
        out.append({"train accuracy": tr["accuracy"], "test accuracy": te["accuracy"],
                    "test log-loss": te["log_loss"], "test Brier (sum over classes)": te["brier"]})
    return out


# ---- figures: rebuilt only when their inputs change ------------------------------------
# Kept as shared objects, never copied (unpickling a plotly figure re-validates every property, ~10x the cost of
# the rest of a rerun). So callers never change them: ``figures.with_traces`` builds a new figure, as the sample
# overlay does.


@memo()
def density_fig(data_key, name, params, resolution):
    train, _ = load_data(data_key)
    surf = surfaces(data_key, name, params, resolution)
    return figures.density_figure(surf.grid, surf.log_density, train.class_names, points=(train.X, train.y),
                                  axes=train.feature_names)


@by_name
@st.cache_resource(max_entries=8, show_spinner=False)
def density_with_samples(data_key, name, params, resolution, X_new: np.ndarray, y_new: np.ndarray, names: tuple):
    """``density_fig`` with sampled points drawn over it as crosses: built once per sample, not on every rerun
    that shows it (a new figure and its deep copies, ~1-2 ms)."""
    return layout.with_traces(density_fig(data_key, name, params, resolution),
                              figures.point_traces(X_new, y_new, names, kind="sample", opacity=0.9))


@memo()
def train_priors(data_key: tuple) -> np.ndarray:
    """The class shares of the training split: the P(y) both models learned from."""
    train, _ = load_data(data_key)
    return class_priors(train.y, len(train.class_names))


_SUMMARY_STEP = 3  # where the posteriors differ is summarised on every 3rd grid point per axis: 9x fewer


@memo()
def far_mask(data_key: tuple, resolution: int):
    """Which points of the summary grid are far from the training data (``core.surfaces.far_from_data``)."""
    train, _ = load_data(data_key)
    grid = grid_for(data_key, resolution)
    return far_from_data(Grid(grid.xs[::_SUMMARY_STEP], grid.ys[::_SUMMARY_STEP]), train.X)


@memo()
def disc_proba_on_grid(data_key: tuple, name: str, params: tuple, resolution: int, priors: tuple | None):
    """The discriminative P(y|x) on the grid, moved to ``priors`` by reweighting (None: as trained)."""
    proba = surfaces(data_key, name, params, resolution).proba
    if priors is None:
        return proba
    if len(priors) == 2:  # sigmoid of the map's prior-free log-odds (computed once) plus logit P(1): no logs
        with np.errstate(divide="ignore"):  # a share of 0: that class's P(y | x) is 0 everywhere, as reweighting gives
            shift = np.log(np.float64(priors[1])) - np.log(np.float64(priors[0]))
        return two_class_proba(disc_log_odds(data_key, name, params, resolution) + shift)
    return reweight_proba(proba, train_priors(data_key), priors, axis=0).astype(np.float32)


@memo()
def linked_figs(data_key, gen, gen_params, disc, disc_params, resolution, priors: tuple | None,
                probe: tuple | None, disc_priors: tuple | None = None) -> dict:
    """The generative figures that follow P(y) or the probe, built together in one cache entry.

    A prior change makes one new entry: Bayes' rule once on the grid and three figures. One
    lookup instead of a dozen nested ones keeps a prior step cheap. The discriminative posterior
    follows P(y) only when ``disc_priors`` is set: it is ``disc_posterior_fig``. Besides the
    figures: ``disagreement``, where the two posteriors differ (``disagreement_by_region``).
    """
    train, _ = load_data(data_key)
    gen_surf = surfaces(data_key, gen, gen_params, resolution)
    disc_proba = disc_proba_on_grid(data_key, disc, disc_params, resolution, disc_priors)
    if priors is None:
        proba, log_px = gen_surf.proba, gen_surf.log_px
    else:
        proba, log_px = posterior_from_log_density(gen_surf.log_density, priors)
    grid, names, points, axes = gen_surf.grid, train.class_names, (train.X, train.y), train.feature_names
    if len(names) == 2:  # a map that carries its own P(y) slider: the boundary moves while it is dragged
        prior1 = priors[1] if priors is not None else float(fitted(data_key, gen, gen_params).priors_[1])
        gen_map = figures_prior.posterior_figure(
            grid, figures_prior.llr_from_log_density(gen_surf.log_density), prior1, names, points=points,
            probe=probe, title="P(y | x) by Bayes' rule", axes=axes, hover_proba=proba)
    else:
        gen_map = figures.posterior_figure(grid, proba, names, points=points, probe=probe, axes=axes,
                                           title="P(y | x) by Bayes' rule", clickable=True, legend=False)
    return {
        "gen_posterior": gen_map,
        "marginal": figures.marginal_figure(grid, log_px, names, points=points, legend=False, axes=axes),
        "difference": figures.difference_figure(grid, proba, disc_proba, names, points=points, legend=False,
                                                axes=axes),
        "disagreement": disagreement_by_region(proba[:, ::_SUMMARY_STEP, ::_SUMMARY_STEP],
                                               disc_proba[:, ::_SUMMARY_STEP, ::_SUMMARY_STEP],
                                               far_mask(data_key, resolution)),
    }


@memo()
def disc_log_odds(data_key: tuple, name: str, params: tuple, resolution: int) -> np.ndarray:
    """A two-class discriminative P(y=1|x) on the grid as log-odds without its training prior: every P(y) it is
    reweighted to shifts these (``figures_prior.log_odds_from_proba``), so they are computed once."""
    return figures_prior.log_odds_from_proba(surfaces(data_key, name, params, resolution).proba[1],
                                             train_priors(data_key)[1])


@memo()
def disc_posterior_fig(data_key, name, params, resolution, probe: tuple | None, priors: tuple | None = None):
    train, _ = load_data(data_key)
    title = "P(y | x), learned directly" if priors is None else "P(y | x), learned + reweighted"
    proba = disc_proba_on_grid(data_key, name, params, resolution, priors)
    if priors is not None and len(train.class_names) == 2:  # follows the generative map's P(y) slider
        log_odds = disc_log_odds(data_key, name, params, resolution)
        return figures_prior.posterior_figure(grid_for(data_key, resolution), log_odds, priors[1], train.class_names,
                                              points=(train.X, train.y), probe=probe, title=title, legend=True,
                                              axes=train.feature_names, hover_proba=proba, slider=False)
    return figures.posterior_figure(grid_for(data_key, resolution), proba, train.class_names,
                                    points=(train.X, train.y), probe=probe, title=title, clickable=True,
                                    axes=train.feature_names)


@memo()
def deployment_scores(data_key: tuple, name: str, params: tuple):
    """(scores, labels) of a model on the deployment pool: log p(x|y) rows for a generative model,
    else P(y|x); computed once per model, whatever P(y) is shown."""
    pool = deployment_set(data_key)
    return _score(fitted(data_key, name, params))(pool.X), pool.y


def deployment_set(data_key: tuple):
    """Where a new P(y) is tried: fresh points from a generator, or a fixed dataset's held-out points resampled."""
    dataset, _, noise, _, seed, _ = data_key
    if dataset in DATASETS and not DATASETS[dataset].is_pool:
        return deployment_pool(dataset, noise, seed)
    return resampled_pool(load_data(data_key)[1], seed)


@memo()
def prior_estimates(data_key: tuple, gen: str, gen_params: tuple, disc: str, disc_params: tuple, priors: tuple,
                    n: int):
    """({model name: PriorEstimate}, the points' class shares): both models' EM estimates of ``priors``
    from ``n`` unlabelled points of the deployment set drawn with those shares (``deployment_rows``).
    Raises ValueError when there is no deployment set (a fixed dataset whose test split misses a class)."""
    (gen_pool, y_pool), (disc_pool, _) = (deployment_scores(data_key, gen, gen_params),
                                          deployment_scores(data_key, disc, disc_params))
    rows = deployment_rows(y_pool, priors, n)
    gen_priors = fitted(data_key, gen, gen_params).priors_
    found = {gen: estimate_new_prior(posterior_from_log_likelihood(gen_pool[rows], gen_priors), gen_priors),
             disc: estimate_new_prior(disc_pool[rows], train_priors(data_key))}
    return found, np.bincount(y_pool[rows], minlength=len(priors)) / len(rows)


@memo()
def _shift_inputs(data_key: tuple, gen: str, gen_params: tuple, disc: str, disc_params: tuple) -> tuple:
    """What ``prior_shift`` scores under any P(y), looked up once: (gen scores, disc scores, labels) on the
    deployment pool (None where it cannot be drawn) and on the test split (None without one), the P(y) the
    generative model learned and the training class shares. Shared, never changed: ``prior_shift`` indexes them."""
    _, test = load_data(data_key)
    try:
        (gen_pool, y_pool), (disc_pool, _) = (deployment_scores(data_key, gen, gen_params),
                                              deployment_scores(data_key, disc, disc_params))
        pool = (gen_pool, disc_pool, y_pool)
    except ValueError:  # a fixed dataset whose test split misses a class: only the split is scored
        pool = None
    split = None
    if len(test.y):
        split = (scores(data_key, gen, gen_params)["test"], scores(data_key, disc, disc_params)["test"], test.y)
    return pool, split, fitted(data_key, gen, gen_params).priors_, train_priors(data_key)


@memo()
def prior_shift(data_key: tuple, gen: str, gen_params: tuple, disc: str, disc_params: tuple, priors: tuple,
                estimates: tuple | None = None):
    """Both families before and after moving P(y) to ``priors``, on the app's test split and on
    ``DEPLOYMENT_SIZE`` points drawn with the new class shares (``core.prior_shift``). ``estimates``: the
    (generative, discriminative) P(y) the models use instead, their own estimates of ``priors``; the points are
    still drawn with ``priors``. Cached: a Sample click or a probe move with a P(y) set would otherwise score them
    all again (~4 ms a rerun)."""
    pool, split, gen_priors, trained_priors = _shift_inputs(data_key, gen, gen_params, disc, disc_params)
    sets = {}
    if pool is not None:
        try:
            rows = deployment_rows(pool[2], priors)
            sets = {"deployed": tuple(values[rows] for values in pool)}
        except ValueError:  # no deployment set with these class shares: only the split is scored
            pass
    if split is not None:
        sets = {"split": split, **sets}
    used, disc_used = estimates or (priors, None)
    return prior_shift_scores(sets, gen_priors, trained_priors, used, disc_used)
