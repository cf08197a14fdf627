"""A student's own data lives as long as the session: Sample, a probe click and P(y) (fragment reruns, which register
nothing) still find it after other sessions registered 70 datasets; the shared pool is bounded by count and bytes.

AppTest always reruns the whole page, which would register the data again and hide the bug, so ``run_fragment``
reruns one fragment alone, as a browser's click inside it does (the fragment id the frontend would send).
"""

import gc
from functools import partial
from unittest import mock

import numpy as np
import pytest
import streamlit as st
import streamlit.testing.v1.local_script_runner as local_runner
from apptest_utils import assert_clean, boundary_level, figure, n_points, open_page
from streamlit.runtime.scriptrunner_utils.script_requests import RerunData

from core import datasets
from core.datasets import Dataset, keep_pool, pool_dataset, register_pool
from ui import cache
from ui.explorer.state import drawn_dataset

PAGE = "pages/explorer.py"
PTS = "-1,-1,0;-1.5,-0.5,0;-0.5,-1.5,0;-1.2,-1.1,0;1,1,1;1.5,0.5,1;0.5,1.5,1;1.2,1.1,1"


def _others(n: int, start: int = 0):
    """``n`` drawn datasets other sessions registered (and let go of)."""
    for i in range(start, start + n):
        register_pool(drawn_dataset([(i * 0.001, 0, 0), (0, 1, 1), (1, 0, 0), (1, 1, 1)]))


def _functions(f, depth=0) -> set:
    """Names of the functions a fragment wraps (st.fragment and ui.timing.timed wrap them in closures)."""
    names = {getattr(f, "__name__", "")}
    for cell in getattr(f, "__closure__", None) or ():
        try:
            value = cell.cell_contents
        except ValueError:
            continue
        if callable(value) and depth < 4:
            names |= _functions(value, depth + 1)
    return names


def run_fragment(at, name: str):
    """Rerun only the fragment whose function is ``name``, with the widgets' current values (a click inside it)."""
    fragments = at._fragment_storage._fragments
    fid = next(k for k, f in fragments.items() if name in _functions(f))
    with mock.patch.object(local_runner, "RerunData", partial(RerunData, fragment_id=fid)):
        return at.run()


def _forget_everything_shared():
    """What 70 other sessions do to the shared caches: every entry of ours evicted (pool, load_data, figures)."""
    _others(70, start=1000)
    st.cache_data.clear()
    cache.clear_all()
    st.cache_resource.clear()
    gc.collect()


# ---- the pool ----------------------------------------------------------------------------------------------

def test_a_held_dataset_is_found_after_70_others_and_a_let_go_one_is_not():
    held = drawn_dataset([(0, 0, 0), (1, 1, 1), (2, 0, 0), (0, 2, 1)])
    key, kept = keep_pool(held)
    assert kept is held and pool_dataset(key) is held
    gone = register_pool(drawn_dataset([(5, 5, 0), (6, 6, 1), (5, 6, 0), (6, 5, 1)]))  # nobody holds it
    _others(70)
    gc.collect()
    assert pool_dataset(key) is held
    with pytest.raises(ValueError, match="upload or draw it again"):
        pool_dataset(gone)
    del held, kept
    _others(70, start=100)
    gc.collect()
    with pytest.raises(ValueError, match="no longer on the server"):
        pool_dataset(key)


def test_equal_points_from_two_sessions_share_one_dataset():
    a = drawn_dataset([(0, 0, 0), (1, 1, 1), (3, 0, 0), (0, 3, 1)])
    b = drawn_dataset([(0, 0, 0), (1, 1, 1), (3, 0, 0), (0, 3, 1)])
    (ka, kept_a), (kb, kept_b) = keep_pool(a), keep_pool(b)
    assert ka == kb and kept_a is kept_b is a  # b's session holds a's object: the key lives while either does


def test_the_shared_pool_is_bounded_by_bytes_as_well_as_by_count(monkeypatch):
    monkeypatch.setattr(datasets, "_USER_POOL_BYTES", 1 << 20)
    rng = np.random.default_rng(0)
    for _ in range(8):  # 8 uploads of 20,000 rows: 480 KB each, unheld
        register_pool(Dataset(rng.normal(size=(20_000, 2)), np.arange(20_000) % 2, ("a", "b"), "csv"))
    kept = list(datasets._USER_POOLS.values())
    assert sum(d.X.nbytes + d.y.nbytes for d in kept) <= 1 << 20 and len(kept) == 2
    _others(datasets._USER_POOL_LIMIT + 10, start=5000)
    assert len(datasets._USER_POOLS) == datasets._USER_POOL_LIMIT


# ---- the explorer: session A's drawing survives 70 other sessions -------------------------------------------

def test_drawn_points_survive_70_other_sessions_for_sample_probe_and_prior():
    at = open_page(PAGE, {"dataset": "drawn", "res": "40", "pts": PTS})
    assert_clean(at)
    assert n_points(figure(at, "density_chart"), "sample") == 0
    _forget_everything_shared()

    at.button(key="sample").click()
    run_fragment(at, "density_panel")
    assert_clean(at)
    assert n_points(figure(at, "density_chart"), "sample") == 200  # the default 200 sampled points

    _forget_everything_shared()
    at.session_state["probe_x"], at.session_state["probe_y"] = 0.8, -0.4  # what a click on a map sets
    run_fragment(at, "linked_panels")
    assert_clean(at)
    assert any("x* = (0.800, -0.400)" in c.value for c in at.caption)

    _forget_everything_shared()
    at.toggle(key="prior_on").set_value(True)
    run_fragment(at, "linked_panels")
    at.slider(key="prior").set_value(0.2)
    run_fragment(at, "linked_panels")
    assert_clean(at)
    assert at.slider(key="prior").value == 0.2 and boundary_level(figure(at, "gen_posterior_chart")) != 0
    assert any(h.value == "A new P(y) for both families" for h in at.subheader)  # the shift table follows P(y)
    assert "pts" in dict(at.query_params)  # the link still holds the points


def test_a_session_holds_only_its_newest_data_and_its_last_good_view():
    at = open_page(PAGE, {"dataset": "drawn", "res": "40", "pts": PTS})
    first = at.session_state["last_good_view"].user_data
    for i in range(5):  # five more points, each a new dataset
        at.session_state["drawn_points"] = at.session_state["drawn_points"] + [(2.0, 0.1 * i, 1)]
        at.run()
    held = at.session_state["own_pools"]
    assert len(held) == 3 and first not in held
    assert at.session_state["last_good_view"].user_data in held
