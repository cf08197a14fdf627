"""Interview questions on generative vs discriminative classifiers, with the live view behind each answer.

The bank lives in ``core.quiz_bank`` and ``core.quiz_bank_more`` (the questions that open the words and digits
pages beside them, in ``core.quiz_bank_words`` and ``core.quiz_bank_pictures``), the topics and model answers in
``core.quiz_topics``; this module puts them together, chooses the questions shown, orders each question's
choices and scores answers.

A quiz is a measurement, so its answers must not be guessable from position: every view shows the choices in
an order drawn from the quiz's seed (``CHOICE_SEED`` when the Shuffle switch is off), the same order every time
the view is opened, and the answers' positions are balanced over the bank and within each topic rather than
drawn question by question (independent shuffles of the bank's 47 questions put over 40% of the answers at one
position for about one seed in sixteen).
"""

from __future__ import annotations

from functools import lru_cache
from types import MappingProxyType

import numpy as np

from core import quiz_bank_pictures, quiz_bank_words
from core.quiz_bank import BASICS, Question
from core.quiz_bank_more import MORE
from core.quiz_topics import MODEL_ANSWERS, TOPICS

__all__ = ["CHOICE_SEED", "MODEL_ANSWERS", "N_CHOICES", "QUESTIONS", "QUESTION_BY_ID", "TOPICS", "Question",
           "answer_positions", "choice_orders", "score", "select", "shown_choices"]

N_CHOICES = 4  # every question has this many choices
CHOICE_SEED = 0  # the choices' order when the quiz is not shuffled

QUESTIONS: tuple = BASICS + MORE + quiz_bank_words.QUESTIONS + quiz_bank_pictures.QUESTIONS

QUESTION_BY_ID = {q.id: q for q in QUESTIONS}


def select(topics=None, seed: int | None = None) -> list:
    """The questions of ``topics`` (all when empty), shuffled by ``seed`` (bank order when None)."""
    chosen = [q for q in QUESTIONS if not topics or q.topic in topics]
    if seed is not None:
        order = np.random.default_rng(seed).permutation(len(chosen))
        chosen = [chosen[i] for i in order]
    return chosen


@lru_cache(maxsize=32)
def answer_positions(seed: int) -> dict:
    """Question id -> the position (0 to ``N_CHOICES`` - 1) of its answer among the shown choices.

    Walking the bank topic by topic, the positions cycle through a random relabelling of 0 .. N_CHOICES - 1 from
    a random start; each topic's positions are then shuffled among its questions. Any run of a cycle is balanced,
    so each position holds the answer of ⌊n / N_CHOICES⌋ or ⌈n / N_CHOICES⌉ of the bank's n questions, and of
    every topic's.
    """
    rng = np.random.default_rng([seed, 1])  # a stream of its own: the question order uses default_rng(seed)
    relabel, start = rng.permutation(N_CHOICES), int(rng.integers(N_CHOICES))
    out, k = {}, start
    for topic in TOPICS:
        ids = [q.id for q in QUESTIONS if q.topic == topic]
        cycle = [int(relabel[(k + i) % N_CHOICES]) for i in range(len(ids))]
        k += len(ids)
        out.update(zip(ids, rng.permutation(cycle).tolist(), strict=True))
    return MappingProxyType(out)


@lru_cache(maxsize=32)
def choice_orders(seed: int) -> dict:
    """Question id -> its choices in the order shown for the quiz's ``seed``: the answer at its balanced position
    (``answer_positions``), the wrong choices around it in a seeded random order."""
    rng, positions, out = np.random.default_rng([seed, 2]), answer_positions(seed), {}
    for q in QUESTIONS:
        wrong = [c for c in q.choices if c != q.answer]
        shown = [wrong[i] for i in rng.permutation(len(wrong))]
        shown.insert(positions[q.id], q.answer)
        out[q.id] = tuple(shown)
    return MappingProxyType(out)


def shown_choices(question: Question, seed: int | None) -> tuple:
    """``question``'s choices as shown for the quiz's ``seed`` (None, the bank's order: ``CHOICE_SEED``)."""
    return choice_orders(CHOICE_SEED if seed is None else int(seed))[question.id]


def score(answers: dict) -> tuple:
    """(right, answered) for ``answers``: question id -> the choice given."""
    right = sum(QUESTION_BY_ID[qid].answer == given for qid, given in answers.items() if qid in QUESTION_BY_ID)
    return right, sum(qid in QUESTION_BY_ID for qid in answers)
