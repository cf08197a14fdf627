"""Generative vs discriminative classifiers: a table of contents."""

import streamlit as st

from ui.boot import follow_deep_link, mark_app_ran
from ui.timing import timed

st.set_page_config(page_title="Generative vs discriminative", page_icon="🎲", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="Two lenses", icon="👓", default=True),
    st.Page("pages/explorer.py", title="Explorer", icon="🔬"),
    st.Page("pages/learning_curves.py", title="When each wins", icon="📈"),
    st.Page("pages/generative_powers.py", title="Generative powers", icon="🧬"),
]
page = st.navigation(PAGES)
mark_app_ran()
follow_deep_link()
timed("page")(page.run)()
