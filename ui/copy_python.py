"""A page's "Copy as Python" box (issue 30), shared by the words and digits pages: a popover whose script is
written only while it is open (the explorer's own box, ``ui.explorer.copy_python``, adds a plot toggle, drawn
points and a CSV file)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

HELP = ("A script that rebuilds this view with numpy and scikit-learn and prints both models' test accuracy, the "
        "numbers the page shows.")


@st.fragment
def copy_python(key: str, script: Callable[[], str], file_name: str, caption: str):
    """The popover ``key``; closed (the first view), nothing is built: ``on_change="rerun"`` makes ``.open`` tell,
    and a click reruns only this fragment. ``script()`` writes the script of the view as it is then."""
    box = st.popover("Copy as Python", icon=":material/code:", key=key, on_change="rerun", help=HELP)
    if not box.open:
        return
    with box:
        text = script()
        st.code(text, language="python", height=280)  # its own copy button at its top right; 280 px: the download
        # button below stays inside a 1280x720 screen with the box opened from the page's first controls
        st.download_button(file_name, text, file_name=file_name, mime="text/x-python", icon=":material/download:",
                           key=f"{key}_download", on_click="ignore")
        st.caption(caption)
