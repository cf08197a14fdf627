"""The explorer's "Copy as Python" box: the view as a script (``core.snippet``), written only while it is open
(``ui.copy_python``, the box every page shares)."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from core.datasets import DATASETS, DRAWN, UPLOAD, pool_dataset
from core.snippet import drawn_points, explorer_script
from ui.copy_python import copy_python as copy_python_box
from ui.explorer import controls
from ui.explorer.state import ExplorerView
from ui.safe import md_text


def copy_python(view: ExplorerView):
    """The box (``ui.copy_python``): with a plot or not, the script of the view as shown. The P(y) is read from its
    widgets when the box is opened, as ``linked_panels`` reads it."""
    plot = {}

    def script() -> str | None:
        shown = replace(view, prior=controls.prior_from_state(), prior_disc=controls.prior_disc_from_state(),
                        est=controls.est_from_state())
        plot["on"] = st.toggle("With a plot (plotly)", key="copy_python_plot")
        query, data_file, columns = shown.to_query(), None, None
        if shown.dataset == DRAWN and shown.user_data and "pts" not in query:  # more points than a link holds
            data = pool_dataset(shown.user_data)
            query["pts"] = drawn_points(data.X, data.y)
        elif DATASETS[shown.dataset].kind == UPLOAD:  # the dataset "csv"
            ss = st.session_state
            data_file = ss.get("csv_name", "your_data.csv")
            picks = ss["csv_shown"][2] if "csv_shown" in ss else {}  # the shown file's (not a bad new file's)
            columns = (picks.get("csv_x1"), picks.get("csv_x2"), picks.get("csv_label"))
        try:
            return explorer_script(query, data_file=data_file, columns=columns, with_plot=plot["on"])
        except ValueError as exc:
            st.warning(f"This view cannot be written as a script: {md_text(str(exc))}", icon="⚠️")
            return None

    copy_python_box(
        "copy_python", script, "explorer_view.py", height=360,  # st.code's own copy button is at its top right
        help="A script that rebuilds this view with numpy and scikit-learn and prints both models' test accuracy, "
             "the numbers of the scores table.",
        caption=lambda: "Needs numpy and scikit-learn" + (" and plotly" if plot["on"] else "") + "; a CSV file is "
                        "read from the script's folder. It prints both models' test accuracy, the scores table's "
                        "numbers.")
