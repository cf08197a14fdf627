"""Interview prep: one question at a time, feedback with the live view behind each answer."""

import streamlit as st

from ui.boot import require_app
from ui.quiz.memory import keep_in_browser, remember
from ui.quiz.mock import MOCK_INTRO, mock_interview
from ui.quiz.panels import (
    INTRO,
    load_from_url,
    memory_buttons,
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
# The first screen at 1280x720 holds the question, the choices and, after Check, the verdict and why: the header
# is one line of title, one caption, and the score beside the folded settings
st.title("🎓 Interview prep")
st.caption(INTRO)

load_from_url()
remember()  # what this browser's storage handed over, if anything (a first visit and AppTest: nothing)
if st.session_state.get("quiz_problems"):
    st.warning(link_warning(st.session_state["quiz_problems"]), icon="🔗")
with st.container(horizontal=True, vertical_alignment="center", gap="small"):
    score_line()
    settings()
view = view_from_state()
write_url(view.pinned())
if st.session_state["quiz_mock"]:  # five questions across the topics, the verdicts at the end
    with st.container(border=True):
        mock_interview(view)
    st.caption(MOCK_INTRO)
    memory_buttons()
else:
    with st.container(border=True):
        question_card(view)
    review()
    model_answers(view)
keep_in_browser()  # the browser keeps the answers, misses and score (localStorage); the page never waits on it
