"""The quiz that remembers, under AppTest (no browser): with nothing stored it works as a first visit and hands the
storage component what to keep; a stored memory put where the component's callback parks it (``quiz_arrived``)
brings back the score, asks the missed question first and counts what is due; a link's ``q`` keeps the bank's
order; a miss comes back after three other answers; "forget me" empties it; the mock interview gives no verdict
until its end screen, which scores each topic and shows the model answers of the missed ones."""

from __future__ import annotations

import json

from apptest_utils import assert_clean, open_page

from core.quiz import MODEL_ANSWERS, QUESTION_BY_ID, QUESTIONS, TOPICS
from core.quiz_memory import SOON, STORE_VERSION, answered, to_stored
from core.quiz_mock import MOCK_SIZE, mock_questions
from ui.quiz.memory import ARRIVED, STORAGE_KEY, today
from ui.quiz.words import with_math

IDS = [q.id for q in QUESTIONS]


def wrong(q):
    return next(c for c in q.choices if c != q.answer)


def sent(at) -> dict:
    """The data the page gave the storage component on its last run."""
    (component,) = at.get("bidi_component")
    return json.loads(component.proto.json)


def shown(at):
    """The question on screen (the caption names its position and topic)."""
    radio = next(r for r in at.radio if str(r.key).startswith("quiz_pick."))
    return QUESTION_BY_ID[radio.key.removeprefix("quiz_pick.")], radio


def answer(at, q, choice):
    at.radio(key=f"quiz_pick.{q.id}").set_value(choice).run()
    at.button(key="quiz_check").click().run()


def score_text(at) -> str:
    return next(m.value for m in at.markdown if "questions." in m.value or "Score" in m.value)


def stored_memory():
    """Yesterday: the 5th question missed, the 3rd right (so due today), the 4th right twice (not due for a
    week)."""
    day = today() - 1
    missed, right, twice = QUESTIONS[4], QUESTIONS[2], QUESTIONS[3]
    records = answered({}, missed.id, False, day, 0)
    records = answered(records, right.id, True, day, 1)
    records = answered(answered(records, twice.id, True, day - 3, 2), twice.id, True, day, 3)
    first = {missed.id: wrong(missed), right.id: right.answer, twice.id: twice.answer}
    return to_stored(first, first, records, 4, 0), missed, right, twice


def open_with(raw, query=None):
    """The quiz page, and then what the browser's storage handed over arriving (as the component's callback
    parks it) and the page's next run."""
    at = open_page("pages/quiz.py", query)
    at.session_state[ARRIVED] = raw
    return at.run()


def test_with_nothing_stored_it_is_a_first_visit_and_the_component_is_told_what_to_keep():
    at = open_page("pages/quiz.py")
    assert_clean(at)
    assert sent(at) == {"key": STORAGE_KEY, "save": None, "merged": False,  # nothing to keep, nothing merged
                        "session": at.session_state["quiz_session"]}
    assert f"**{len(QUESTIONS)} questions.**" in score_text(at) and "Due today" not in score_text(at)
    q, _ = shown(at)
    assert q.id == QUESTIONS[0].id  # the bank's order, as before
    answer(at, q, wrong(q))
    save = sent(at)["save"]
    assert save["v"] == STORE_VERSION and save["first"] == {q.id: wrong(q)} and save["answers"] == 1
    assert save["records"][q.id] == [0, today(), today()]  # missed: due at once
    assert "Score this session: 0 / 1" in score_text(at) and "Due today: 1." in score_text(at)


def test_a_stored_memory_brings_back_the_score_and_asks_the_missed_question_first():
    raw, missed, right, twice = stored_memory()
    at = open_with(raw)
    assert_clean(at)
    text = score_text(at)
    assert "Score on this browser: 2 / 3" in text and "Due today: 2." in text
    q, radio = shown(at)
    assert q.id == missed.id and radio.value is None and not at.error  # asked afresh, its old verdict not shown
    assert sent(at)["merged"] is True and sent(at)["save"]["first"] == raw["first"]
    caption = next(c.value for c in at.caption if c.value.startswith("Question"))
    assert caption.startswith(f"Question 1 of {len(QUESTIONS)}")
    assert caption.endswith("due for review: missed last time")
    at.button(key="quiz_next").click().run()
    q, radio = shown(at)
    assert q.id == right.id and radio.value is None and not at.success  # due too: asked afresh
    assert any(c.value.endswith(" · due for review") for c in at.caption)
    at.button(key="quiz_next").click().run()
    assert shown(at)[0].id == QUESTIONS[0].id  # then the never answered, in the bank's order
    for _ in range(3):
        at.button(key="quiz_prev").click().run()  # back past the first: the last, answered and not due
    q, radio = shown(at)
    assert q.id == twice.id and radio.value == q.answer and at.success  # its remembered answer and verdict


def test_a_link_with_q_keeps_the_bank_s_order_over_the_review_order():
    raw, missed, *_ = stored_memory()
    at = open_with(raw, {"q": QUESTIONS[0].id})
    assert shown(at)[0].id == QUESTIONS[0].id
    at.button(key="quiz_next").click().run()
    assert shown(at)[0].id == QUESTIONS[1].id and "Score on this browser: 2 / 3" in score_text(at)


def test_a_stored_memory_that_is_not_ours_is_ignored():
    for raw in ({"v": 99, "first": {IDS[0]: QUESTIONS[0].answer}}, "junk", {"v": STORE_VERSION, "records": [1]}):
        at = open_with(raw)
        assert_clean(at)
        assert f"**{len(QUESTIONS)} questions.**" in score_text(at) and shown(at)[0].id == IDS[0]


def test_a_missed_question_comes_back_after_three_other_answers_asked_afresh():
    at = open_page("pages/quiz.py")
    first = QUESTIONS[0]
    answer(at, first, wrong(first))
    for i in range(1, SOON + 1):
        at.button(key="quiz_next").click().run()
        q, _ = shown(at)
        assert q.id == QUESTIONS[i].id
        answer(at, q, q.answer)
    at.button(key="quiz_next").click().run()
    q, radio = shown(at)
    assert q.id == first.id and radio.value is None and not at.error and not at.success
    assert any("back for review: you missed it a few answers ago" in c.value for c in at.caption)
    answer(at, q, q.answer)
    assert at.success and "Score this session: 3 / 4" in score_text(at)  # the score keeps the first answer
    assert sent(at)["save"]["records"][first.id][0] == 1  # the review counted: right once
    at.button(key="quiz_next").click().run()
    assert shown(at)[0].id == QUESTIONS[1].id  # it came back once; the walk goes on


def test_forget_me_empties_the_score_the_review_and_what_the_browser_keeps():
    raw, *_ = stored_memory()
    at = open_with(raw)
    at.button(key="quiz_forget").click().run()
    assert_clean(at)
    assert f"**{len(QUESTIONS)} questions.**" in score_text(at) and "Due today" not in score_text(at)
    assert sent(at)["save"] is None and sent(at)["merged"] is True  # the component removes the key
    assert any(c.value.startswith("Forgotten") for c in at.caption)
    assert shown(at)[0].id == IDS[0]
    at.run()
    assert not any(c.value.startswith("Forgotten") for c in at.caption)


def test_the_mock_interview_gives_no_verdict_until_the_end_then_scores_each_topic():
    at = open_page("pages/quiz.py")
    at.toggle(key="quiz_mock").set_value(True).run()
    assert_clean(at)
    drawn = mock_questions(0)
    assert any(c.value.startswith(f"Mock interview · question 1 of {MOCK_SIZE}") for c in at.caption)
    at.button(key="quiz_mock_next").click().run()
    assert any("Pick an answer first" in i.value for i in at.info)
    missed = drawn[:2]
    for i, q in enumerate(drawn):
        assert any(c.value.startswith(f"Mock interview · question {i + 1} of") for c in at.caption)
        at.radio(key=f"quiz_mock_pick.{q.id}").set_value(wrong(q) if q in missed else q.answer).run()
        assert not at.success and not at.error  # no verdict during the interview
        assert f"**{len(QUESTIONS)} questions.**" in score_text(at)  # and no score moving either
        at.button(key="quiz_mock_next").click().run()
    assert_clean(at)
    assert any(m.value == f"##### Mock interview: {MOCK_SIZE - 2} of {MOCK_SIZE} right" for m in at.markdown)
    for q in drawn:
        mark = "❌" if q in missed else "✅"
        assert any(f"{mark} **{TOPICS[q.topic]}**: {0 if q in missed else 1} of 1 right" in m.value.split("  \n")
                   for m in at.markdown)
    shown_answers = {m.value for m in at.markdown}
    for q in drawn:
        assert (with_math(MODEL_ANSWERS[q.topic]) in shown_answers) == (q in missed)
    assert f"Score this session: {MOCK_SIZE - 2} / {MOCK_SIZE}" in score_text(at)  # the answers count, at the end
    save = sent(at)["save"]
    assert save["mocks"] == 1 and {q.id for q in missed} <= set(save["records"])
    at.button(key="quiz_mock_again").click().run()
    again = mock_questions(1)
    assert at.radio(key=f"quiz_mock_pick.{again[0].id}").value is None
    at.toggle(key="quiz_mock").set_value(False).run()
    assert shown(at)[0] is not None and not at.exception


def test_a_mock_interview_all_right_says_so_and_shows_no_model_answer():
    at = open_page("pages/quiz.py")
    at.toggle(key="quiz_mock").set_value(True).run()
    for q in mock_questions(0):
        at.radio(key=f"quiz_mock_pick.{q.id}").set_value(q.answer).run()
        at.button(key="quiz_mock_next").click().run()
    assert any("Every answer right" in s.value for s in at.success)
    assert not {with_math(a) for a in MODEL_ANSWERS.values()} & {m.value for m in at.markdown}


def test_a_random_walk_over_the_quiz_s_controls_with_a_memory_never_shows_a_traceback():
    import random

    rng = random.Random(0)
    raw, *_ = stored_memory()
    at = open_with(raw)

    def pick():
        radios = [r for r in at.radio if str(r.key).startswith(("quiz_pick.", "quiz_mock_pick."))]
        radios[0].set_value(rng.choice(list(radios[0].options)))

    steps = {
        "pick": pick,
        "check": lambda: at.button(key="quiz_check").click(),
        "next": lambda: at.button(key="quiz_next").click(),
        "back": lambda: at.button(key="quiz_prev").click(),
        "mock": lambda: at.toggle(key="quiz_mock").set_value(not at.toggle(key="quiz_mock").value),
        "mock_next": lambda: at.button(key="quiz_mock_next").click(),
        "forget": lambda: at.button(key="quiz_forget").click(),
        "start_over": lambda: at.button(key="quiz_reset").click(),
        "shuffle": lambda: at.toggle(key="quiz_shuffle").set_value(not at.toggle(key="quiz_shuffle").value),
        "topics": lambda: at.multiselect(key="quiz_topics").set_value(rng.sample(list(TOPICS), rng.randint(0, 2))),
    }
    history = []
    for _ in range(80):
        name = rng.choice(sorted(steps) + ["pick", "check", "next", "mock_next"])
        try:
            steps[name]()
        except (KeyError, IndexError):  # a control the current mode does not show
            history.append((name, "not shown"))
            continue
        history.append(name)
        at.run()
        assert not at.exception, (history, [e.value for e in at.exception])
    assert {"mock", "mock_next", "forget", "check"} <= set(history), history
    save = sent(at)["save"]
    assert save is None or set(save["first"]) <= set(QUESTION_BY_ID)
