"""The overview's guided tour: one step at a time, Back / Next, the step kept in the link (``?step=5``)."""

from __future__ import annotations

import streamlit as st

from ui import icons
from ui.boot import arriving_link, remember_link
from ui.explorer.controls import explorer_link
from ui.overview.tour import EXPLORER, TOUR, parse_step
from ui.safe import link_warning


def _load_step():
    """On the session's first visit, or when a link the page did not write arrives: take its step."""
    ss = st.session_state
    query = arriving_link("overview")
    if query is None:
        return
    ss["tour_step"], problem = parse_step(query.get("step"))
    ss["tour_problems"] = [problem] if problem else []


def _go(step: int):
    st.session_state["tour_step"] = step
    st.session_state["tour_problems"] = []


def _write_step(step: int):
    """Only ``step`` is the tour's: other parameters are left alone (a link passing through keeps them)."""
    if step and st.query_params.get("step") != str(step + 1):
        st.query_params["step"] = str(step + 1)
    elif not step and "step" in st.query_params:
        del st.query_params["step"]
    remember_link("overview")


def tour_panel():
    """The tour, folded while it is at its first step and nobody linked to it."""
    _load_step()
    ss = st.session_state
    step = ss["tour_step"]
    if ss.get("tour_problems"):
        st.warning(link_warning(ss["tour_problems"]), icon="🔗")
    with st.expander(f"Guided tour: {len(TOUR)} steps, a 15-minute lecture", expanded=step > 0, icon=icons.TOUR):
        item = TOUR[step]
        st.caption(f"Step {step + 1} of {len(TOUR)}")
        st.markdown(f"**{item.title}**  \n{item.text}")
        query = explorer_link(item.query) if item.page == EXPLORER else item.query
        st.page_link(item.page, label=item.action, icon=icons.OPEN, query_params=query or None)
        with st.container(horizontal=True):  # one row on a phone too
            st.button("← Back", key="tour_prev", on_click=_go, args=(step - 1,), disabled=step == 0)
            st.button("Next →", key="tour_next", on_click=_go, args=(step + 1,), disabled=step == len(TOUR) - 1)
    _write_step(step)
