"""The quiz page's panels: settings, one question at a time, feedback with a live view, review, model answers.

Answers live in session state (``quiz_first``: the first answer checked per question, which is what the
score counts; ``quiz_checked``: the last one, which the feedback shows), so opening a "show me" link and
coming back keeps the score.
"""

from __future__ import annotations

import streamlit as st

from core.quiz import MODEL_ANSWERS, QUESTION_BY_ID, QUESTIONS, TOPICS, score
from core.quiz_bank import EXPLORER, PICTURES, POWERS, WORDS
from ui.boot import arriving_link, write_link
from ui.explorer.controls import explorer_link
from ui.icons import page_link
from ui.quiz.memory import due_count, forget_me, init_memory, next_review, record_check, review_note
from ui.quiz.mock import mock_switch
from ui.quiz.state import SEED_MAX, QuizView
from ui.quiz.words import INTRO, with_math

__all__ = ["INTRO", "load_from_url", "model_answers", "question_card", "review", "score_line", "settings",
           "view_from_state", "write_url"]


def _init():
    ss = st.session_state
    for key, value in (("quiz_first", {}), ("quiz_checked", {}), ("quiz_topics", []), ("quiz_shuffle", False),
                       ("quiz_seed", 0)):
        if key not in ss:
            ss[key] = value
    init_memory()


def load_from_url():
    """On the session's first visit, or when a link the page did not write arrives: show its view."""
    _init()
    ss = st.session_state
    query = arriving_link("quiz")
    if query is None:
        return
    view, problems = QuizView.from_query(query)
    ss["quiz_topics"] = list(view.topics)
    ss["quiz_shuffle"] = view.seed is not None
    ss["quiz_seed"] = view.seed or 0
    ss["quiz_q"] = view.question
    ss["quiz_problems"] = problems
    ss["quiz_review"] = view.seed is None and view.question is None  # a link's order wins over the review order


def view_from_state() -> QuizView:
    ss = st.session_state
    topics = tuple(t for t in TOPICS if t in ss["quiz_topics"])
    order = tuple(ss["quiz_order"] or ()) if ss["quiz_review"] else ()
    return QuizView(topics, int(ss["quiz_seed"]) if ss["quiz_shuffle"] else None, ss.get("quiz_q"), order)


def write_url(view: QuizView):
    write_link("quiz", view.to_query())


def settings():
    """Topic filter, shuffle and the mock interview, folded into a popover beside the score: most people just
    start."""
    with st.popover("Topics, order, mode", icon=":material/tune:"):
        st.multiselect("Topics", list(TOPICS), format_func=TOPICS.get, key="quiz_topics",
                       placeholder="All topics", on_change=_forget_problems)
        left, right = st.columns(2)
        left.toggle("Shuffle", key="quiz_shuffle", on_change=_forget_problems,
                    help="A seeded order of the questions and of each question's choices: the same seed gives the same "
                         "order, so a class can share one.")
        if st.session_state["quiz_shuffle"]:
            right.number_input("Seed", 0, SEED_MAX, step=1, key="quiz_seed", on_change=_forget_problems)
        mock_switch()


def _forget_problems():
    st.session_state["quiz_problems"] = []


def _move(ids: list, step: int):
    ss = st.session_state
    i = ids.index(ss["quiz_q"]) if ss.get("quiz_q") in ids else 0
    back = next_review(ids, ids[i]) if step > 0 else None
    if back is not None:  # a missed question's turn: asked afresh
        ss["quiz_came_back"] = back
        ss["quiz_checked"].pop(back, None)
        ss.pop(f"quiz_pick.{back}", None)
    ss["quiz_q"] = back or ids[(i + step) % len(ids)]
    ss["quiz_problems"] = []


def _check(qid: str):
    ss = st.session_state
    pick = ss.get(f"quiz_pick.{qid}")
    if pick is None:
        ss["quiz_need_pick"] = qid
        return
    ss["quiz_need_pick"] = None
    if qid not in ss["quiz_checked"]:  # a second try after seeing the verdict is not a review
        record_check(qid, pick == QUESTION_BY_ID[qid].answer)
    ss["quiz_first"].setdefault(qid, pick)
    ss["quiz_checked"][qid] = pick


def _start_over():
    ss = st.session_state
    ss["quiz_first"], ss["quiz_checked"] = {}, {}
    for q in QUESTIONS:
        ss.pop(f"quiz_pick.{q.id}", None)
    ss["quiz_q"] = None


def score_line():
    right, answered = score(st.session_state["quiz_first"])
    due = due_count()
    today = f" **Due today: {due}.**" if due else ""  # missed or due questions (the quiz's memory)
    where = "on this browser" if st.session_state["quiz_from_browser"] else "this session"
    if answered:
        st.markdown(f"**Score {where}: {right} / {answered}** right on the first try, "
                    f"{len(QUESTIONS) - answered} of {len(QUESTIONS)} to go.{today}")
    else:
        st.markdown(f"**{len(QUESTIONS)} questions.** Your score counts each question's first answer.{today}")


def question_card(view: QuizView):
    """The current question, its choices, Check, and the feedback once checked."""
    chosen = view.questions()
    i, q = view.current()
    ids = [c.id for c in chosen]
    st.caption(f"Question {i + 1} of {len(chosen)} · {TOPICS[q.topic]}{review_note(q.id)}")
    st.markdown(f"##### {q.prompt}")
    pick_key, checked = f"quiz_pick.{q.id}", st.session_state["quiz_checked"].get(q.id)
    if pick_key not in st.session_state and checked is not None:
        st.session_state[pick_key] = checked  # back at an answered question: its answer is still picked
    # the verdict sits beside the choices, right under the question, so Check never sends it below the fold
    # (on a phone the columns stack and it follows the buttons)
    choices, verdict = st.columns(2, gap="medium")
    with choices:
        st.radio("Your answer", view.choices(q), index=None, key=pick_key)
        with st.container(horizontal=True):  # one row on a phone too, where columns stack
            st.button("Check", key="quiz_check", type="primary", on_click=_check, args=(q.id,))
            st.button("Back", key="quiz_prev", icon=":material/arrow_back:", on_click=_move, args=(ids, -1))
            st.button("Next", key="quiz_next", icon=":material/arrow_forward:", on_click=_move, args=(ids, 1))
    with verdict:
        if st.session_state.get("quiz_need_pick") == q.id:
            st.info("Pick an answer first, then press Check.")
        if checked is not None:
            feedback(q, checked)
        elif st.session_state.get("quiz_need_pick") != q.id:
            st.caption("Pick an answer and press Check: the verdict and why appear here.")


def feedback(q, given: str):
    if given == q.answer:
        st.success(f"✅ Right: {q.answer}")
    else:
        st.error(f"❌ Not quite. The answer: **{q.answer}**")  # the choice given stays picked beside it
    st.markdown(with_math(q.explanation))
    show_me(q)


SHOW_ME = {EXPLORER: "Show me in the explorer", POWERS: "Show me on the generative powers page",
           WORDS: "Show me on the spam and languages page", PICTURES: "Show me on the digits page"}


def show_me(q):
    if q.view is not None:
        query = explorer_link(q.view) if q.page == EXPLORER else dict(q.view)
        page_link(st, q.page, SHOW_ME[q.page], query_params=query)


def review():
    """Every question whose first answer was wrong, with the right one and why."""
    missed = [QUESTION_BY_ID[qid] for qid, given in st.session_state["quiz_first"].items()
              if QUESTION_BY_ID[qid].answer != given]
    with st.expander(f"Review missed questions ({len(missed)})", icon=":material/rate_review:"):
        if not missed:
            st.caption("Nothing missed yet.")
        for q in missed:
            st.markdown(f"**{q.prompt}**  \nYou chose: {st.session_state['quiz_first'][q.id]}  \n"
                        f"Answer: **{q.answer}**")
            st.markdown(with_math(q.explanation))
            show_me(q)
            st.divider()
    memory_buttons()


def memory_buttons():
    """Start over (a new score) and Forget me (everything this browser keeps)."""
    with st.container(horizontal=True):
        st.button("Start over", key="quiz_reset", icon=":material/restart_alt:", on_click=_start_over,
                  help="Start the score again and go back to the first question. The review schedule stays; "
                       "Forget me clears it too.")
        st.button("Forget me", key="quiz_forget", icon=":material/delete:", on_click=forget_me,
                  help="Clear your answers, score and review schedule from this session and from this browser's "
                       "storage. Between visits the quiz keeps them only in this browser, not on the server.")
    if st.session_state.pop("quiz_forgotten", False):
        st.caption("Forgotten: nothing of your answers is kept in this session or this browser any more.")


def model_answers(view: QuizView):
    """The 60-second answer a strong candidate would give, per topic."""
    st.subheader("Model answers: the 60-second version")
    for topic in view.topics or tuple(TOPICS):
        with st.expander(TOPICS[topic]):
            st.markdown(with_math(MODEL_ANSWERS[topic]))
