"""A mock interview: five questions from five different topics, scored per topic only at the end.

Pure Python (no streamlit). The questions are drawn from the quiz's seed (the page passes how many mock interviews
the candidate has finished, so each one differs and a test can reproduce it).
"""

from __future__ import annotations

import numpy as np

from core.quiz import QUESTION_BY_ID, QUESTIONS, TOPICS

__all__ = ["MOCK_SIZE", "mock_questions", "topic_scores", "weakest_topics"]

MOCK_SIZE = 5


def mock_questions(seed: int, n: int = MOCK_SIZE) -> list:
    """``n`` questions, each from a different topic (``n`` topics drawn at random, then one question of each),
    in a random order, reproducible from ``seed``."""
    rng = np.random.default_rng([seed, 3])  # a stream of its own (core.quiz uses [seed, 1] and [seed, 2])
    topics = list(TOPICS)
    chosen = [topics[i] for i in rng.permutation(len(topics))[:n]]
    out = []
    for topic in chosen:
        pool = [q for q in QUESTIONS if q.topic == topic]
        out.append(pool[int(rng.integers(len(pool)))])
    return out


def topic_scores(answers: dict) -> dict:
    """Topic -> (right, asked) over ``answers`` (question id -> choice given), in the bank's topic order."""
    out = {}
    for topic in TOPICS:
        asked = [qid for qid in answers if qid in QUESTION_BY_ID and QUESTION_BY_ID[qid].topic == topic]
        if asked:
            out[topic] = (sum(QUESTION_BY_ID[qid].answer == answers[qid] for qid in asked), len(asked))
    return out


def weakest_topics(scores: dict) -> list:
    """The topics with the lowest share right, if that share is below one (all of them when they tie); [] when
    every answer was right."""
    if not scores:
        return []
    share = {t: right / asked for t, (right, asked) in scores.items()}
    low = min(share.values())
    return [] if low >= 1 else [t for t, s in share.items() if s == low]
