"""Generative vs discriminative classifiers: a table of contents."""

import streamlit as st

from ui.boot import follow_deep_link, freeze_startup_objects, mark_app_ran
from ui.icons import PAGE_ICONS
from ui.timing import timed

# Less empty space above every page's title (Streamlit leaves ~6rem); a fixed style, nothing a user typed.
APP_STYLE = "<style>[data-testid='stMainBlockContainer']{padding-top:3.5rem}</style>"

# a presenter-mode link opens with the sidebar folded: the lecture's controls are in the page
st.set_page_config(page_title="Generative vs discriminative", page_icon="🎲", layout="wide",
                   initial_sidebar_state="collapsed" if st.query_params.get("present") == "1" else "auto")
st.html(APP_STYLE)

PAGES = [
    st.Page("pages/overview.py", title="Two lenses", icon=PAGE_ICONS["pages/overview.py"], default=True),
    st.Page("pages/explorer.py", title="Explorer", icon=PAGE_ICONS["pages/explorer.py"]),
    st.Page("pages/gallery.py", title="Every model", icon=PAGE_ICONS["pages/gallery.py"]),
    st.Page("pages/learning_curves.py", title="When each wins", icon=PAGE_ICONS["pages/learning_curves.py"]),
    st.Page("pages/generative_powers.py", title="Generative powers", icon=PAGE_ICONS["pages/generative_powers.py"]),
    st.Page("pages/deep_generative.py", title="GANs and VAEs", icon=PAGE_ICONS["pages/deep_generative.py"]),
    st.Page("pages/words.py", title="Spam and languages", icon=PAGE_ICONS["pages/words.py"]),
    st.Page("pages/pictures.py", title="Digits", icon=PAGE_ICONS["pages/pictures.py"]),
    st.Page("pages/cheatsheet.py", title="Cheat sheet", icon=PAGE_ICONS["pages/cheatsheet.py"]),
    st.Page("pages/quiz.py", title="Interview prep", icon=PAGE_ICONS["pages/quiz.py"]),
]
page = st.navigation(PAGES)
mark_app_ran()
follow_deep_link()
timed("page")(page.run)()
freeze_startup_objects()
