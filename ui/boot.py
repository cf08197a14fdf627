"""Make every page run under app.py's ``st.navigation``, even on a cold deep link.

With a ``pages/`` folder, a fresh Streamlit process starts in the legacy multipage mode
and serves ``/explorer`` by running ``pages/explorer.py`` alone, until ``app.py`` has called
``st.navigation`` once. A page that finds app.py has not run this session hands its target
and query string to app.py, which builds the navigation and switches back to it.
"""

import gc
import threading

import streamlit as st

_RAN, _TARGET = "_app_ran", "_deep_link"
_FROZEN = threading.Event()


def mark_app_ran():
    """Called by app.py before running the selected page."""
    st.session_state[_RAN] = True


def follow_deep_link():
    """Called by app.py after ``st.navigation``: finish a redirect started by ``require_app``."""
    target = st.session_state.pop(_TARGET, None)
    if target is not None:
        st.switch_page(target[0], query_params=target[1])


GC_THRESHOLD = (10_000, 10, 10)  # Python's default is (700, 10, 10)


def freeze_startup_objects():
    """Once per process, after its first page: what exists then (the imported modules of Streamlit, scikit-learn and
    plotly, ~190,000 objects) leaves the garbage collector's view (``gc.freeze``). Python's full collection, which
    walked them all every ~30 reruns, paused a rerun for ~80-100 ms on this machine; later objects (caches, sessions)
    are collected as before. The cost: the few objects of that first run that later become garbage stay.

    A collection of the young objects then waits for 10,000 new ones, not 700 (``GC_THRESHOLD``): an explorer rerun
    makes several thousand, so it ran ~3 times a rerun and, every tenth time, the next generation's (~2-3 ms) with it.
    A prior change with the estimate on: 30.3 -> 28.7 ms CPU (bench.py, three interleaved pairs)."""
    if not _FROZEN.is_set():
        _FROZEN.set()
        gc.collect()
        gc.freeze()
        gc.set_threshold(*GC_THRESHOLD)


def require_app(page_path: str):
    """First line of every page: if app.py did not run, go through it and come back."""
    if not st.session_state.get(_RAN):
        st.session_state[_TARGET] = (page_path, st.query_params.to_dict())
        st.session_state[_RAN] = True
        st.switch_page("app.py")


# In-app links: a page remembers the query it last wrote; a different, non-empty one arriving is a link
# (st.page_link / st.switch_page keep the session, so a "once per session" read would miss it). A plain
# switch from the menu arrives with no query and keeps the page as the user left it.

def arriving_link(page: str) -> dict | None:
    """The query ``page`` should apply now: on the session's first visit, or a link it did not write; else None."""
    query, written = st.query_params.to_dict(), st.session_state.get(_written(page))
    if written is None or (query and query != written):
        st.session_state[_written(page)] = query
        return query
    return None


def write_link(page: str, query: dict):
    """Make the address bar hold ``query`` (the page's whole link) and remember it as written by ``page``."""
    if st.query_params.to_dict() != query:
        st.query_params.from_dict(query)
    remember_link(page)


def remember_link(page: str):
    """Remember the address bar as written by ``page`` (for a page that writes only some parameters)."""
    st.session_state[_written(page)] = st.query_params.to_dict()


def _written(page: str) -> str:
    return f"_link_written.{page}"
