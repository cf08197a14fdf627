"""Spam and languages: naive Bayes (generative) against logistic regression (discriminative) on real text."""

import streamlit as st

from ui.boot import require_app
from ui.words import panels
from ui.words import words as w

require_app("pages/words.py")
st.title("✉️ Spam and languages", anchor=False)
intro = st.empty()

view, verdicts = panels.view_from_widgets()
panels.write_link(view)
if not view.present:
    intro.markdown(w.INTRO)
e_nb, e_lr = panels.explanations(view)
panels.typed_panel(view, e_nb, e_lr, verdicts)
panels.knobs_panel(view, e_nb, e_lr)
panels.sample_panel(view)
panels.scores_panel(view)
panels.curves_panel(view)
panels.source_line(view)
panels.notice_panel(view)
