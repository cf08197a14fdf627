"""The quiz's view: topics, shuffle seed and current question, round-tripping the URL by keys.

Pure Python (no streamlit import), like ``ui/explorer/state.py``:
``?topic=data,bayes&seed=7&q=ng_jordan``. The seed orders the questions and every question's choices (a fixed
order of the choices without it). A teacher can link one question; bad values fall back with a message.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.quiz import QUESTION_BY_ID, TOPICS, select, shown_choices
from ui.links import last_values

SEED_MAX = 9999


@dataclass(frozen=True)
class QuizView:
    topics: tuple = ()  # empty: every topic
    seed: int | None = None  # None: the bank's order
    question: str | None = None  # a question id; None: the first of the selection
    order: tuple = ()  # question ids in review order (the quiz's memory), used when there is no seed; not in the link

    def questions(self) -> list:
        chosen = select(self.topics, self.seed)
        if self.seed is None and self.order:
            rank = {qid: i for i, qid in enumerate(self.order)}
            chosen = sorted(chosen, key=lambda q: rank.get(q.id, len(rank)))  # stable: the rest in the bank's order
        return chosen

    def current(self):
        """(index, question) of the question shown: ``question`` if it is in the selection, else the first."""
        chosen = self.questions()
        ids = [q.id for q in chosen]
        i = ids.index(self.question) if self.question in ids else 0
        return i, chosen[i]

    def choices(self, question) -> tuple:
        """``question``'s choices in this view's order: seeded by ``seed`` (a fixed one when None), so a link
        shows the same order and it stays put while the candidate answers and comes back."""
        return shown_choices(question, self.seed)

    def pinned(self) -> QuizView:
        """This view with the question shown named, for the link."""
        return QuizView(self.topics, self.seed, self.current()[1].id, self.order)

    def to_query(self) -> dict:
        out = {}
        if self.topics:
            out["topic"] = ",".join(self.topics)
        if self.seed is not None:
            out["seed"] = str(self.seed)
        if self.question is not None:
            out["q"] = self.question
        return out

    @classmethod
    def from_query(cls, query: dict) -> tuple:
        """(view, problems): every bad value is ignored with one readable sentence."""
        query = last_values(query)
        values, problems = {}, []
        if "topic" in query:
            given = [t.strip() for t in str(query["topic"]).split(",") if t.strip()]
            known = tuple(t for t in TOPICS if t in given)  # the bank's order, no repeats
            for t in given:
                if t not in TOPICS:
                    problems.append(f"Unknown topic {t!r}; topics are {', '.join(TOPICS)}.")
            values["topics"] = known
        if "seed" in query:
            raw = str(query["seed"]).strip()
            if raw.isdigit() and int(raw) <= SEED_MAX:
                values["seed"] = int(raw)
            else:
                problems.append(f"Ignored seed={query['seed']!r}: expected a whole number from 0 to {SEED_MAX}.")
        if "q" in query:
            qid = str(query["q"])
            if qid in QUESTION_BY_ID:
                values["question"] = qid
            else:
                problems.append(f"Unknown question {qid!r}; starting at the first one.")
        view = cls(**values)
        if view.question is not None and view.question not in {q.id for q in view.questions()}:
            problems.append(f"Question {view.question!r} is not among the chosen topics; starting at the first one.")
            view = cls(view.topics, view.seed, None)
        return view, problems
