"""Make every page run under app.py's ``st.navigation``, even on a cold deep link.

With a ``pages/`` folder, a fresh Streamlit process starts in the legacy multipage mode
and serves ``/explorer`` by running ``pages/explorer.py`` alone, until ``app.py`` has called
``st.navigation`` once. A page that finds app.py has not run this session hands its target
and query string to app.py, which builds the navigation and switches back to it.
"""

import streamlit as st

_RAN, _TARGET = "_app_ran", "_deep_link"


def mark_app_ran():
    """Called by app.py before running the selected page."""
    st.session_state[_RAN] = True


def follow_deep_link():
    """Called by app.py after ``st.navigation``: finish a redirect started by ``require_app``."""
    target = st.session_state.pop(_TARGET, None)
    if target is not None:
        st.switch_page(target[0], query_params=target[1])


def require_app(page_path: str):
    """First line of every page: if app.py did not run, go through it and come back."""
    if not st.session_state.get(_RAN):
        st.session_state[_TARGET] = (page_path, st.query_params.to_dict())
        st.session_state[_RAN] = True
        st.switch_page("app.py")
