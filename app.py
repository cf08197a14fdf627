"""Generative vs discriminative classifiers: a table of contents."""

import streamlit as st

from ui.boot import follow_deep_link, mark_app_ran
from ui.timing import timed

# Less empty space above every page's title (Streamlit leaves ~6rem); a fixed style, nothing a user typed.
APP_STYLE = "<style>[data-testid='stMainBlockContainer']{padding-top:3.5rem}</style>"

# a presenter-mode link opens with the sidebar folded: the lecture's controls are in the page
st.set_page_config(page_title="Generative vs discriminative", page_icon="🎲", layout="wide",
                   initial_sidebar_state="collapsed" if st.query_params.get("present") == "1" else "auto")
st.html(APP_STYLE)

PAGES = [
    st.Page("pages/overview.py", title="Two lenses", icon="👓", default=True),
    st.Page("pages/explorer.py", title="Explorer", icon="🔬"),
    st.Page("pages/gallery.py", title="Every model", icon="🖼️"),
    st.Page("pages/learning_curves.py", title="When each wins", icon="📈"),
    st.Page("pages/generative_powers.py", title="Generative powers", icon="🧬"),
    st.Page("pages/deep_generative.py", title="GANs and VAEs", icon="🧠"),
    st.Page("pages/words.py", title="Spam and languages", icon="✉️"),
    st.Page("pages/pictures.py", title="Digits", icon="🔢"),
    st.Page("pages/cheatsheet.py", title="Cheat sheet", icon="📋"),
    st.Page("pages/quiz.py", title="Interview prep", icon="🎓"),
]
page = st.navigation(PAGES)
mark_app_ran()
follow_deep_link()
timed("page")(page.run)()
