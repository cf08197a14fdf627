"""The quiz's mock interview: five questions from five topics, no verdict until the end, then the score per topic
and the 60-second model answers of the weakest topics.

The draw is ``core.quiz_mock.mock_questions`` seeded by the number of mock interviews the candidate has finished
(kept with the rest of the quiz's memory), so the next one differs. The answers count, at the end, as the quiz's
own: first answers for the score, and one review each.
"""

from __future__ import annotations

import streamlit as st

from core.quiz import MODEL_ANSWERS, QUESTION_BY_ID, TOPICS
from core.quiz_mock import MOCK_SIZE, mock_questions, topic_scores, weakest_topics
from ui.quiz.memory import record_check
from ui.quiz.state import QuizView
from ui.quiz.words import with_math

MOCK_INTRO = (f"{MOCK_SIZE} questions from {MOCK_SIZE} different topics, as in an interview: no verdict until the "
              "end, then your score per topic and the model answers of the topics you missed. Switch it off under "
              "Topics, order, mode.")


def mock_switch():
    st.toggle("Mock interview", key="quiz_mock", on_change=_start,
              help=f"{MOCK_SIZE} questions across the topics, feedback only at the end.")


def _start():
    ss = st.session_state
    for key in [k for k in ss if str(k).startswith("quiz_mock_")]:
        del ss[key]
    ss["quiz_mock_ids"] = [q.id for q in mock_questions(int(ss["quiz_mocks"]))]
    ss["quiz_mock_at"], ss["quiz_mock_given"], ss["quiz_mock_done"] = 0, {}, False


def _step(qid: str, step: int):
    ss = st.session_state
    pick = ss.get(f"quiz_mock_pick.{qid}")
    if step > 0 and pick is None:
        ss["quiz_mock_need_pick"] = True
        return
    ss["quiz_mock_need_pick"] = False
    if pick is not None:
        ss["quiz_mock_given"][qid] = pick
    ss["quiz_mock_at"] = max(0, ss["quiz_mock_at"] + step)
    if ss["quiz_mock_at"] >= len(ss["quiz_mock_ids"]):
        _finish()


def _finish():
    """The interview's answers join the quiz's memory: first answers for the score, one review each."""
    ss = st.session_state
    ss["quiz_mock_done"] = True
    ss["quiz_mocks"] += 1
    for qid, given in ss["quiz_mock_given"].items():
        record_check(qid, given == QUESTION_BY_ID[qid].answer)
        ss["quiz_first"].setdefault(qid, given)


def mock_interview(view: QuizView):
    """The interview in progress, one question at a time, or its end screen."""
    ss = st.session_state
    if "quiz_mock_ids" not in ss:
        _start()
    if ss["quiz_mock_done"]:
        return mock_results()
    ids, i = ss["quiz_mock_ids"], ss["quiz_mock_at"]
    q = QUESTION_BY_ID[ids[i]]
    st.caption(f"Mock interview · question {i + 1} of {len(ids)} · {TOPICS[q.topic]}")
    st.markdown(f"##### {q.prompt}")
    pick_key = f"quiz_mock_pick.{q.id}"
    if pick_key not in ss and q.id in ss["quiz_mock_given"]:
        ss[pick_key] = ss["quiz_mock_given"][q.id]
    st.radio("Your answer", view.choices(q), index=None, key=pick_key)
    last = i == len(ids) - 1
    with st.container(horizontal=True):
        st.button("Finish" if last else "Next", key="quiz_mock_next", type="primary", on_click=_step,
                  args=(q.id, 1), icon=":material/flag:" if last else ":material/arrow_forward:")
        if i:
            st.button("Back", key="quiz_mock_back", icon=":material/arrow_back:", on_click=_step, args=(q.id, -1))
    if ss.get("quiz_mock_need_pick"):
        st.info("Pick an answer first: in a mock interview every question gets one.")
    else:
        st.caption("No verdict until the end, as in an interview.")


def mock_results():
    ss = st.session_state
    given = ss["quiz_mock_given"]
    scores = topic_scores(given)
    right = sum(r for r, _ in scores.values())
    st.markdown(f"##### Mock interview: {right} of {len(given)} right")
    st.markdown("  \n".join(f"{'✅' if r == asked else '❌'} **{TOPICS[topic]}**: {r} of {asked} right"
                            for topic, (r, asked) in scores.items()))
    weakest = weakest_topics(scores)
    st.button("Another mock interview", key="quiz_mock_again", icon=":material/replay:", on_click=_start)
    if not weakest:
        st.success("Every answer right: no weak topic in this draw.")
    for topic in weakest:
        st.markdown(f"**The 60-second answer: {TOPICS[topic]}**")
        st.markdown(with_math(MODEL_ANSWERS[topic]))
    with st.expander("Your answers, the right ones and why", icon=":material/rate_review:"):
        for qid in ss["quiz_mock_ids"]:
            q = QUESTION_BY_ID[qid]
            st.markdown(f"**{q.prompt}**  \nYou chose: {given.get(qid)}  \nAnswer: **{q.answer}**")
            st.markdown(with_math(q.explanation))
