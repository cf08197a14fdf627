"""The explorer's "Copy as Python" box: the view as a script (``core.snippet``), written only while it is open."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from core.datasets import DATASETS, DRAWN, UPLOAD, pool_dataset
from core.snippet import drawn_points, explorer_script
from ui.explorer import controls
from ui.explorer.state import ExplorerView
from ui.safe import md_text


@st.fragment
def copy_python(view: ExplorerView):
    """A popover; closed (the first view), nothing is built: ``on_change="rerun"`` makes ``.open`` tell, and a
    click reruns only this fragment. The P(y) is read from its widgets, as ``linked_panels`` reads it."""
    box = st.popover("Copy as Python", icon=":material/code:", key="copy_python", on_change="rerun",
                     help="A script that rebuilds this view with numpy and scikit-learn and prints both models' test "
                          "accuracy, the numbers of the scores table.")
    if not box.open:
        return
    view = replace(view, prior=controls.prior_from_state(), prior_disc=controls.prior_disc_from_state(),
                   est=controls.est_from_state())
    with box:
        plot = st.toggle("With a plot (plotly)", key="copy_python_plot")
        query, data_file, columns = view.to_query(), None, None
        if view.dataset == DRAWN and view.user_data and "pts" not in query:  # more points than a link holds
            data = pool_dataset(view.user_data)
            query["pts"] = drawn_points(data.X, data.y)
        elif DATASETS[view.dataset].kind == UPLOAD:  # the dataset "csv"
            ss = st.session_state
            data_file = ss.get("csv_name", "your_data.csv")
            picks = ss["csv_shown"][2] if "csv_shown" in ss else {}  # the shown file's (not a bad new file's)
            columns = (picks.get("csv_x1"), picks.get("csv_x2"), picks.get("csv_label"))
        try:
            script = explorer_script(query, data_file=data_file, columns=columns, with_plot=plot)
        except ValueError as exc:
            st.warning(f"This view cannot be written as a script: {md_text(str(exc))}", icon="⚠️")
            return
        st.code(script, language="python", height=360)  # st.code's own copy button is at its top right
        st.download_button("explorer_view.py", script, file_name="explorer_view.py", mime="text/x-python",
                           icon=":material/download:", key="copy_python_download", on_click="ignore")
        st.caption("Needs numpy and scikit-learn" + (" and plotly" if plot else "") + "; a CSV file is read from "
                   "the script's folder. It prints both models' test accuracy, the scores table's numbers.")
