"""A tiny page for tests/generative_powers/test_powers_more.py: sections 4 and 7 alone, for a PowersView read
from the link."""

import streamlit as st

from ui.generative_powers.panels_more import calibration_section, regression_section
from ui.generative_powers.state import PowersView

view, problems = PowersView.from_query(st.query_params.to_dict())
for problem in problems:
    st.warning(problem)
st.subheader("4. Calibration and double counting")
calibration_section(view)
st.subheader("7. Regression is discriminative too")
regression_section(view)
