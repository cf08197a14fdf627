"""What only a generative model can do, shown: novelty from p(x), a missing feature, unlabelled data,
calibration, judged samples, and regression's two families."""

import streamlit as st

from ui import cache
from ui.boot import require_app
from ui.generative_powers.panels import (
    missing_feature_section,
    more_data_section,
    novelty_section,
    samples_section,
    unlabelled_section,
    view_from_widgets,
    write_link,
)
from ui.generative_powers.panels_more import calibration_section, regression_section

require_app("pages/generative_powers.py")
st.title("🧬 What only generative models can do")
st.markdown(
    "A generative model learns p(x | y) and P(y), so it has a density for every x, labelled or not, complete or not, "
    "and can draw new ones. Each section below uses that, next to a discriminative model, with live numbers and "
    "where it goes wrong.")

view = view_from_widgets()
try:
    train, _ = cache.load_data(view.data_key)
    for name in (view.gen, view.disc):
        cache.fitted(view.data_key, name, ())
except ValueError as exc:
    st.error(f"**This setting cannot be shown:** {exc}", icon="⚠️")
    st.stop()

st.header("1. p(x): knowing what is unusual")
novelty_section(view, train)
st.header("2. A missing feature")
missing_feature_section(view, train)
st.header("3. Unlabelled data")
unlabelled_section(view, train)
st.header("4. Calibration and double counting")
calibration_section(view)
st.header("5. Generated points, judged")
samples_section(view, train)
st.header("6. More data from the model")
more_data_section(view, train)
st.header("7. Regression is discriminative too")
regression_section(view)
write_link(view)
