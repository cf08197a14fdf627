"""Interview questions on generative vs discriminative classifiers, with the live view behind each answer.

The bank lives in ``core.quiz_bank`` and ``core.quiz_bank_more``, the topics and model answers in
``core.quiz_words``; this module puts them together, chooses the questions shown and scores answers.
"""

from __future__ import annotations

import numpy as np

from core.quiz_bank import BASICS, Question
from core.quiz_bank_more import MORE
from core.quiz_words import MODEL_ANSWERS, TOPICS

__all__ = ["MODEL_ANSWERS", "QUESTIONS", "QUESTION_BY_ID", "TOPICS", "Question", "score", "select"]

QUESTIONS: tuple = BASICS + MORE

QUESTION_BY_ID = {q.id: q for q in QUESTIONS}


def select(topics=None, seed: int | None = None) -> list:
    """The questions of ``topics`` (all when empty), shuffled by ``seed`` (bank order when None)."""
    chosen = [q for q in QUESTIONS if not topics or q.topic in topics]
    if seed is not None:
        order = np.random.default_rng(seed).permutation(len(chosen))
        chosen = [chosen[i] for i in order]
    return chosen


def score(answers: dict) -> tuple:
    """(right, answered) for ``answers``: question id -> the choice given."""
    right = sum(QUESTION_BY_ID[qid].answer == given for qid, given in answers.items() if qid in QUESTION_BY_ID)
    return right, sum(qid in QUESTION_BY_ID for qid in answers)
