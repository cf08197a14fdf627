"""ui.cache: the memo that keeps the explorer's computations, and the shortcuts a P(y) change takes through them."""

import threading

import numpy as np
import pytest

from core.mathutil import bayes_rule
from core.prior_shift import reweight_proba
from core.surfaces import posterior_from_log_density
from ui import cache
from ui.explorer.state import ExplorerView


def test_memo_keeps_a_result_per_key_and_drops_the_least_recently_used():
    calls = []

    @cache.memo(max_entries=2)
    def square(x, _note=None):  # "_note": not part of the key
        calls.append(x)
        return np.array([x * x])

    assert square(2)[0] == 4 and square(2, _note="again")[0] == 4 and calls == [2]
    square(3)
    square(2)  # 2 is now the most recently used: 3 goes when 4 comes
    square(4)
    square(2)
    assert calls == [2, 3, 4]
    square(3)
    assert calls == [2, 3, 4, 3]
    square.clear()
    square(2)
    assert calls[-1] == 2 and len(calls) == 5


def test_a_kept_array_is_read_only_and_shared():
    @cache.memo()
    def made(n):
        return {"values": np.zeros(n)}

    first = made(3)
    assert made(3) is first
    with pytest.raises(ValueError):
        first["values"][0] = 1.0


def test_an_exception_is_not_kept():
    attempts = []

    @cache.memo()
    def flaky(x):
        attempts.append(x)
        if len(attempts) == 1:
            raise ValueError("first time")
        return x

    with pytest.raises(ValueError):
        flaky(1)
    assert flaky(1) == 1 and attempts == [1, 1]


def test_two_sessions_asking_for_one_key_at_once_compute_it_once():
    started, release, calls = threading.Event(), threading.Event(), []

    @cache.memo()
    def slow(x):
        calls.append(x)
        started.set()
        release.wait(5)
        return x

    results = []
    first = threading.Thread(target=lambda: results.append(slow(7)))
    first.start()
    started.wait(5)
    second = threading.Thread(target=lambda: results.append(slow(7)))
    second.start()
    release.set()
    first.join(5)
    second.join(5)
    assert results == [7, 7] and calls == [7]


@pytest.mark.parametrize("disc", ["logreg", "tree", "knn", "mlp"])
@pytest.mark.parametrize("priors", [(0.3, 0.7), (0.9, 0.1), (0.01, 0.99), (0.0, 1.0)])
def test_a_two_class_map_reweighted_from_its_log_odds_is_reweighting(disc, priors):
    key = ExplorerView(dataset="moons").data_key
    cache.fitted_pair(key, "gnb", (), disc, (), 60)
    ours = cache.disc_proba_on_grid(key, disc, (), 60, priors)
    with np.errstate(divide="ignore", invalid="ignore"):
        theirs = reweight_proba(cache.surfaces(key, disc, (), 60).proba, cache.train_priors(key), priors, axis=0)
    assert ours.dtype == np.float32 and ours.shape == theirs.shape and np.all(np.isfinite(ours))
    # where a share of 0 meets a P(y | x) of 0, reweighting is 0 / 0; the map then gives the other class 1
    defined = np.isfinite(theirs)
    assert np.allclose(ours[defined], theirs[defined], atol=1e-5)


def test_the_two_class_posterior_on_a_grid_is_bayes_rule():
    rng = np.random.default_rng(0)
    log_density = rng.normal(-5, 30, size=(2, 40, 30)).astype(np.float32)
    log_density[0, :3], log_density[1, 1:5] = -np.inf, -np.inf  # a zero density; both zero on rows 1-2
    for priors in [(0.5, 0.5), (0.01, 0.99), (0.8, 0.2)]:
        proba, log_px = posterior_from_log_density(log_density, priors)
        with np.errstate(invalid="ignore"):
            ref_proba, ref_log_px = bayes_rule(log_density, priors, axis=0)
        assert np.array_equal(np.isnan(proba), np.isnan(ref_proba))
        assert np.array_equal(np.isneginf(log_px), np.isneginf(ref_log_px))
        assert np.nanmax(np.abs(proba - ref_proba)) < 1e-6
        finite = np.isfinite(ref_log_px)
        assert np.allclose(log_px[finite], ref_log_px[finite], rtol=1e-6, atol=1e-4)
