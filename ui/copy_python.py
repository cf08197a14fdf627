"""A page's "Copy as Python" box (issue 30), shared by the explorer, words and digits pages: a popover whose script
is written only while it is open (the explorer's, ``ui.explorer.copy_python``, adds a plot toggle, drawn points and
a CSV file)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

HELP = ("A script that rebuilds this view with numpy and scikit-learn and prints both models' test accuracy, the "
        "numbers the page shows.")


@st.fragment
def copy_python(key: str, script: Callable[[], str | None], file_name: str, caption: str | Callable[[], str],
                height: int = 280, help: str = HELP):
    """The popover ``key``; closed (the first view), nothing is built: ``on_change="rerun"`` makes ``.open`` tell,
    and a click reruns only this fragment. ``script()`` writes the script of the view as it is then (inside the box:
    it may draw its own options first, or say why there is none and return None); ``caption``, or ``caption()``
    once the script is written, goes under it."""
    box = st.popover("Copy as Python", icon=":material/code:", key=key, on_change="rerun", help=help)
    if not box.open:
        return
    with box:
        text = script()
        if text is None:
            return
        st.code(text, language="python", height=height)  # its own copy button at its top right; 280 px: the
        # download button below stays inside a 1280x720 screen with the box opened from the page's first controls
        st.download_button(file_name, text, file_name=file_name, mime="text/x-python", icon=":material/download:",
                           key=f"{key}_download", on_click="ignore")
        st.caption(caption() if callable(caption) else caption)
