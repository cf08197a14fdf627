"""GANs and VAEs: the generative models people mean today, on the same 2D data, trained here in numpy."""

import streamlit as st

from ui.boot import require_app
from ui.deep_generative import words as deep_words
from ui.deep_generative.panels import (
    explicit_section,
    judged,
    judged_section,
    replay_section,
    trained,
    view_from_widgets,
)

require_app("pages/deep_generative.py")
st.title("🧠 GANs and VAEs")
st.markdown(deep_words.INTRO)

view = view_from_widgets()
try:
    run = trained(view)
except ValueError as exc:
    st.error(f"**This setting cannot be trained:** {exc}", icon="⚠️")
    st.stop()

st.header("Training, replayed")
replay_section(view, run)  # writes the link, with the replayed step
facts = judged(view.train_key, view.data_key, view.train_seed)
st.header("The trained model, judged")
judged_section(view, facts, run["seconds"])
st.header("Explicit and implicit densities")
explicit_section(view, facts)
