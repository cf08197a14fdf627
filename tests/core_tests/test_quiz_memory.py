"""The quiz's spaced review (wrong -> soon and first, right twice -> rarely), what a browser keeps of it (only what
is recognised comes back), and the mock interview's draw and scores."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from core.quiz import QUESTION_BY_ID, QUESTIONS, TOPICS
from core.quiz_memory import (
    LATER_DAYS,
    MAX_DAYS,
    RARELY_DAYS,
    SOON,
    Record,
    Stored,
    answered,
    brought_back,
    come_back,
    due_today,
    from_stored,
    interval_days,
    review_order,
    to_stored,
)
from core.quiz_mock import MOCK_SIZE, mock_questions, topic_scores, weakest_topics

IDS = [q.id for q in QUESTIONS]
DAY = 740_000  # a day ordinal (2026)
A, B, C = IDS[:3]


def test_a_miss_is_due_at_once_and_comes_back_after_a_few_other_answers():
    records = answered({}, A, False, DAY, checked=0)
    assert records[A] == Record(0, DAY, DAY, 1 + SOON) and records[A].missed  # 1 answer (the miss) + SOON others
    assert due_today(records, DAY) == [A]
    assert come_back(records, IDS, B, checked=SOON) is None
    assert come_back(records, IDS, B, checked=1 + SOON) == A
    assert come_back(records, IDS, A, checked=1 + SOON) is None  # never "back" to the question on screen
    assert come_back(brought_back(records, A), IDS, B, checked=1 + SOON) is None  # it comes back once


def test_right_once_is_due_tomorrow_and_right_twice_rarely():
    once = answered({}, A, True, DAY, 0)
    assert once[A].due == DAY + LATER_DAYS and once[A].back is None and due_today(once, DAY) == []
    twice = answered(once, A, True, DAY + 1, 1)
    assert twice[A].streak == 2 and twice[A].due == DAY + 1 + RARELY_DAYS
    thrice = answered(twice, A, True, DAY + 8, 2)
    assert thrice[A].due - (DAY + 8) == 2 * RARELY_DAYS
    assert answered(thrice, A, False, DAY + 30, 3)[A] == Record(0, DAY + 30, DAY + 30, 4 + SOON)


def test_missed_questions_come_first_then_the_overdue_then_new_then_later():
    records = answered({}, A, True, DAY - 5, 0)  # due DAY - 4: overdue
    records = answered(records, B, False, DAY - 1, 1)  # missed yesterday
    records = answered(records, IDS[3], True, DAY, 2)  # due tomorrow
    order = review_order(IDS, records, DAY)
    assert order[:2] == [B, A]
    assert order[2:-1] == [q for q in IDS if q not in (A, B, IDS[3])] and order[-1] == IDS[3]
    assert review_order(IDS[5:], records, DAY) == IDS[5:]  # only the ids given


@given(st.lists(st.tuples(st.sampled_from(IDS), st.booleans(), st.integers(0, 400)), max_size=40))
def test_review_order_is_a_permutation_with_every_due_one_before_every_other(events):
    records, day = {}, DAY
    for i, (qid, right, gap) in enumerate(events):
        day += gap % 3
        records = answered(records, qid, right, day, i)
    order = review_order(IDS, records, day)
    assert sorted(order) == sorted(IDS)
    due = set(due_today(records, day))
    assert all(qid in due for qid in order[: len(due)])
    for r in records.values():
        assert r.seen <= day and 0 <= r.due - r.seen <= MAX_DAYS
        assert (r.due == r.seen) == r.missed  # a miss is due at once, a right answer later


@given(st.integers(0, 60))
def test_the_interval_never_shrinks_with_a_longer_streak(streak):
    assert interval_days(streak) <= interval_days(streak + 1) <= MAX_DAYS


def test_the_stored_memory_round_trips_through_json():
    records = answered(answered({}, A, False, DAY, 0), B, True, DAY, 1)
    first = {A: next(c for c in QUESTION_BY_ID[A].choices if c != QUESTION_BY_ID[A].answer),
             B: QUESTION_BY_ID[B].answer}
    raw = json.loads(json.dumps(to_stored(first, first, records, 2, 1)))
    back = from_stored(raw)
    assert dict(back.first) == first == dict(back.checked) and back.answers == 2 and back.mocks == 1
    assert back.records[B] == records[B] and back.records[A] == Record(0, DAY, DAY, None)  # no come-back kept
    assert not back.empty and Stored().empty


def test_anything_unrecognised_in_storage_is_dropped():
    q = QUESTION_BY_ID[A]
    raw = {"v": 1, "first": {A: "not a choice", "nope": q.answer, B: QUESTION_BY_ID[B].answer},
           "checked": ["a list"], "records": {A: [1, 2], B: [1, -3, 4], C: [True, 1, 2], "nope": [1, 1, 1],
                                              IDS[3]: [2, DAY, DAY + 7]},
           "answers": "many", "mocks": -1}
    back = from_stored(raw)
    assert dict(back.first) == {B: QUESTION_BY_ID[B].answer} and dict(back.checked) == {}
    assert dict(back.records) == {IDS[3]: Record(2, DAY, DAY + 7)} and back.answers == 0 == back.mocks
    for junk in (None, "x", [1], {"v": 2, "first": {B: QUESTION_BY_ID[B].answer}}, {}):
        assert from_stored(junk).empty


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids, max_size=4),
                    max_leaves=20))
def test_from_stored_never_raises_on_any_json(raw):
    back = from_stored({"v": 1, "first": raw, "checked": raw, "records": raw, "answers": raw, "mocks": raw})
    assert all(qid in QUESTION_BY_ID for qid in back.records)


# ---- the mock interview ---------------------------------------------------------------------------------------

@given(st.integers(0, 10_000))
def test_a_mock_interview_has_five_questions_from_five_different_topics(seed):
    qs = mock_questions(seed)
    assert len(qs) == MOCK_SIZE == len({q.topic for q in qs}) and len(TOPICS) >= MOCK_SIZE
    assert [q.id for q in mock_questions(seed)] == [q.id for q in qs]


def test_mock_interviews_differ_from_one_to_the_next():
    assert len({tuple(q.id for q in mock_questions(s)) for s in range(20)}) > 15


def test_topic_scores_and_the_weakest_topics():
    by_topic = {t: [q for q in QUESTIONS if q.topic == t] for t in TOPICS}
    d1, d2 = by_topic["data"][:2]
    b1 = by_topic["bayes"][0]
    m1 = by_topic["modern"][0]
    wrong = lambda q: next(c for c in q.choices if c != q.answer)  # noqa: E731
    answers = {d1.id: d1.answer, d2.id: wrong(d2), b1.id: wrong(b1), m1.id: m1.answer}
    scores = topic_scores(answers)
    assert scores == {"bayes": (0, 1), "data": (1, 2), "modern": (1, 1)}
    assert weakest_topics(scores) == ["bayes"]
    assert weakest_topics(topic_scores({d1.id: wrong(d1), b1.id: wrong(b1)})) == ["bayes", "data"]  # a tie: both
    assert weakest_topics(topic_scores({m1.id: m1.answer})) == [] == weakest_topics({})
