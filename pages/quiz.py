"""Interview prep: one question at a time, feedback with the live view behind each answer."""

import streamlit as st

from ui.boot import require_app
from ui.quiz.panels import (
    load_from_url,
    model_answers,
    question_card,
    review,
    score_line,
    settings,
    view_from_state,
    write_url,
)
from ui.safe import link_warning

require_app("pages/quiz.py")
st.title("🎓 Interview prep: generative or discriminative?")
st.markdown(
    "The questions interviewers ask about the two families, one at a time. Each answer comes with why, why the "
    "tempting wrong answer is wrong, and often a link that opens the explorer on a view that shows it live; "
    "your score stays while you look.")

load_from_url()
if st.session_state.get("quiz_problems"):
    st.warning(link_warning(st.session_state["quiz_problems"]), icon="🔗")
settings()
score_line()
view = view_from_state()
with st.container(border=True):
    question_card(view)
review()
write_url(view.pinned())
model_answers(view)
