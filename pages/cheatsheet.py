"""Cheat sheet: every registry model in two short tables (downloadable in full) and one card each, then the
glossary the other pages link to."""

import streamlit as st

from ui.boot import require_app
from ui.cheatsheet import panels

require_app("pages/cheatsheet.py")
st.title("📋 Cheat sheet: every model, every term")
st.markdown(panels.INTRO)
panels.page_index()

rows = panels.rows()
panels.table_section(rows)
panels.downloads(rows)
panels.notice_section(rows)
panels.cards_section(rows)
panels.glossary_section()
