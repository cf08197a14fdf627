"""A quiz is a measurement: neither a choice's position nor its length may give the answer away.

Checked on the bank (lengths), on the core's ordering over 1,000 seeds (positions), and on the page itself,
walked question by question in its default view, as a candidate sees it.
"""

from __future__ import annotations

import math
from collections import Counter

import pytest
from apptest_utils import open_page

from core.quiz import (
    CHOICE_SEED,
    N_CHOICES,
    QUESTION_BY_ID,
    QUESTIONS,
    TOPICS,
    answer_positions,
    shown_choices,
)

MAX_SHARE = 0.4  # no position, and no length rank, holds the answer in more than 40% of the questions
SEEDS = range(1000)


def length_rank(q, key=len) -> str:
    """Where the answer falls when the choices are sorted by ``key``: a tie with the extreme counts as it."""
    sizes, a = sorted(key(c) for c in q.choices), key(q.answer)
    return "longest" if a == sizes[-1] else "shortest" if a == sizes[0] else "middle"


def words(text: str) -> int:
    return len(text.split())


# ---- the bank ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("q", QUESTIONS, ids=lambda q: q.id)
def test_every_question_has_four_distinct_choices_one_of_them_its_answer(q):
    assert len(q.choices) == len(set(q.choices)) == N_CHOICES and q.answer in q.choices
    assert not any(c[:2] in ("A.", "B.", "C.", "D.") for c in q.choices)  # shown exactly as written


@pytest.mark.parametrize("key", [len, words], ids=["characters", "words"])
def test_the_answer_is_the_longest_or_the_shortest_choice_in_at_most_40_percent_of_the_questions(key):
    ranks = Counter(length_rank(q, key) for q in QUESTIONS)
    assert ranks["longest"] <= MAX_SHARE * len(QUESTIONS), ranks
    assert ranks["shortest"] <= MAX_SHARE * len(QUESTIONS), ranks


# ---- the order, over many seeds ----------------------------------------------------------------------------

def test_every_seed_shows_each_question_s_choices_reordered_with_the_answer_at_its_balanced_position():
    bound = math.ceil(len(QUESTIONS) / N_CHOICES)
    worst = 0
    for seed in SEEDS:
        positions = answer_positions(seed)
        for q in QUESTIONS:
            shown = shown_choices(q, seed)
            assert sorted(shown) == sorted(q.choices) and shown.index(q.answer) == positions[q.id]
        worst = max(worst, max(Counter(positions.values()).values()))
    assert worst <= bound <= MAX_SHARE * len(QUESTIONS)


def test_every_topic_is_balanced_too():
    for seed in SEEDS[:200]:
        positions = answer_positions(seed)
        for topic in TOPICS:
            ids = [q.id for q in QUESTIONS if q.topic == topic]
            assert max(Counter(positions[i] for i in ids).values()) <= math.ceil(len(ids) / N_CHOICES)


def test_each_question_s_answer_visits_every_position_about_equally_over_the_seeds():
    for q in QUESTIONS:
        counts = Counter(answer_positions(seed)[q.id] for seed in SEEDS)
        assert set(counts) == set(range(N_CHOICES)) and max(counts.values()) < 0.32 * len(SEEDS), (q.id, counts)


def test_the_order_is_a_function_of_the_seed_alone():
    q = QUESTIONS[0]
    assert shown_choices(q, None) == shown_choices(q, CHOICE_SEED) == shown_choices(q, 0)
    assert any(shown_choices(q, 1) != shown_choices(q, 2) for q in QUESTIONS)
    assert answer_positions(5) == answer_positions(5)


# ---- the page, walked question by question --------------------------------------------------------------

def _shown(at):
    radio = next(r for r in at.radio if (r.key or "").startswith("quiz_pick."))
    return QUESTION_BY_ID[radio.key.split(".", 1)[1]], list(radio.options)


def walk(at) -> dict:
    """Question id -> the choices shown, pressing Next through the whole selection."""
    seen = {}
    for _ in range(len(QUESTIONS)):
        q, options = _shown(at)
        seen[q.id] = options
        at.button(key="quiz_next").click().run()
    return seen


def test_the_default_view_walked_question_by_question_is_fair():
    at = open_page("pages/quiz.py")
    seen = walk(at)
    assert set(seen) == set(QUESTION_BY_ID) and not at.exception
    positions = Counter(options.index(QUESTION_BY_ID[qid].answer) for qid, options in seen.items())
    longest = sum(len(QUESTION_BY_ID[qid].answer) == max(map(len, options)) for qid, options in seen.items())
    for qid, options in seen.items():
        assert sorted(options) == sorted(QUESTION_BY_ID[qid].choices)  # exactly as written
    assert max(positions.values()) <= MAX_SHARE * len(seen), positions
    assert longest <= MAX_SHARE * len(seen), longest


def test_the_order_stays_put_while_answering_and_a_link_reproduces_it():
    link = {"seed": "7", "q": "prior_shift"}
    at = open_page("pages/quiz.py", link)
    q, options = _shown(at)
    assert q.id == "prior_shift" and tuple(options) == shown_choices(q, 7)
    wrong = next(c for c in options if c != q.answer)
    at.radio(key=f"quiz_pick.{q.id}").set_value(wrong).run()
    at.button(key="quiz_check").click().run()
    assert _shown(at)[1] == options and at.error
    at.button(key="quiz_next").click().run()
    at.button(key="quiz_prev").click().run()
    assert _shown(at)[1] == options and at.radio(key=f"quiz_pick.{q.id}").value == wrong
    assert _shown(open_page("pages/quiz.py", link))[1] == options  # another session, the same link
    at.toggle(key="quiz_shuffle").set_value(False).run()  # unshuffled: the fixed seed's order, the pick kept
    assert tuple(_shown(at)[1]) == shown_choices(q, CHOICE_SEED) and not at.exception
    assert at.radio(key=f"quiz_pick.{q.id}").value == wrong and at.error
