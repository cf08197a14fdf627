"""Generative vs discriminative classifiers: a table of contents."""

import streamlit as st

st.set_page_config(page_title="Generative vs discriminative", page_icon="🎲", layout="wide")

st.navigation([
    st.Page("pages/overview.py", title="Two lenses", icon="👓", default=True),
    st.Page("pages/explorer.py", title="Explorer", icon="🔬"),
    st.Page("pages/learning_curves.py", title="When each wins", icon="📈"),
]).run()
