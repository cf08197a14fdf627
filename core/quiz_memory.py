"""The quiz's memory: a simple spaced review of each question, and what a browser keeps of it.

Pure Python (no streamlit): the quiz page keeps these records in the browser's own storage and hands them back on
the next visit. Each question answered has a ``Record``: how many times in a row it was answered right, the day it
was last answered and the day it is due again. The rules, a Leitner box in miniature:

- wrong: due at once, so it comes first on the next visit, and within this visit it comes back after ``SOON``
  other answers;
- right once: due again the next day (``LATER_DAYS``);
- right twice or more in a row: due after ``RARELY_DAYS`` days, doubling with each further right answer (capped
  at ``MAX_DAYS``).

Days are whole days (``date.toordinal()``); the "soon" clock is the number of answers checked so far. What a
browser hands back is untrusted (a user can edit it): ``from_stored`` keeps only what it recognises.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

from core.quiz import QUESTION_BY_ID

__all__ = ["LATER_DAYS", "MAX_DAYS", "RARELY_DAYS", "SOON", "STORE_VERSION", "Record", "Stored", "answered",
           "come_back", "due_today", "from_stored", "review_order", "to_stored"]

SOON = 3  # a missed question comes back after this many other answers
LATER_DAYS = 1  # right once: due again the next day
RARELY_DAYS = 7  # right twice in a row: due a week later, doubling with each further right answer
MAX_DAYS = 180
STORE_VERSION = 1
_MAX_INT = 10**7  # larger counts and days in a stored record are not believed


@dataclass(frozen=True)
class Record:
    """One question's review record."""

    streak: int = 0  # right answers in a row (0 after a miss)
    seen: int = 0  # the day (ordinal) it was last answered
    due: int = 0  # the day (ordinal) from which it is due again
    back: int | None = None  # a missed question comes back in this visit once this many answers are checked

    @property
    def missed(self) -> bool:
        return self.streak == 0

    def __repr__(self):
        return f"Record(streak={self.streak}, seen={self.seen}, due={self.due}, back={self.back})"


def interval_days(streak: int) -> int:
    """Days until a question answered right ``streak`` times in a row is due again (0 for a miss)."""
    if streak <= 0:
        return 0
    if streak == 1:
        return LATER_DAYS
    return min(MAX_DAYS, RARELY_DAYS * 2 ** min(streak - 2, 10))


def answered(records: dict, qid: str, right: bool, today: int, checked: int) -> dict:
    """``records`` with ``qid`` answered (right or not) on day ``today``, after ``checked`` earlier answers: a new
    dict. A miss comes back once ``SOON`` further answers are checked."""
    old = records.get(qid, Record())
    streak = old.streak + 1 if right else 0
    new = Record(streak, today, today + interval_days(streak), None if right else checked + 1 + SOON)
    return {**records, qid: new}


def due_today(records: dict, today: int) -> list:
    """The ids of the questions due on day ``today``, missed ones first, then the longest overdue."""
    due = [qid for qid, r in records.items() if r.due <= today]
    return sorted(due, key=lambda qid: (not records[qid].missed, records[qid].due))


def review_order(ids: list, records: dict, today: int) -> list:
    """``ids`` in review order: the due ones (missed first, ``due_today``), then the never answered in their given
    order, then the rest by the day they fall due."""
    due = [qid for qid in due_today(records, today) if qid in ids]
    new = [qid for qid in ids if qid not in records]
    later = sorted((qid for qid in ids if qid in records and qid not in due), key=lambda qid: records[qid].due)
    return due + new + later


def come_back(records: dict, ids: list, current: str | None, checked: int) -> str | None:
    """The missed question of ``ids`` whose turn to come back has arrived after ``checked`` answers (the one that
    has waited longest), other than ``current``; None when none has."""
    ready = [qid for qid in ids if qid != current and qid in records and records[qid].back is not None
             and records[qid].back <= checked]
    return min(ready, key=lambda qid: records[qid].back) if ready else None


def brought_back(records: dict, qid: str) -> dict:
    """``records`` with ``qid``'s come-back spent (it is being asked again)."""
    r = records[qid]
    return {**records, qid: Record(r.streak, r.seen, r.due, None)}


# ---- what a browser keeps ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Stored:
    """What the quiz keeps between visits: first answers (the score), last answers, review records, the answer
    clock and the number of mock interviews finished (which seeds the next one)."""

    first: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    checked: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    records: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    answers: int = 0
    mocks: int = 0

    @property
    def empty(self) -> bool:
        return not (self.first or self.checked or self.records or self.mocks)


def to_stored(first: dict, checked: dict, records: dict, answers: int, mocks: int) -> dict:
    """A JSON-ready dict of the quiz's memory (short keys: it lives in the browser's storage)."""
    return {"v": STORE_VERSION, "first": dict(first), "checked": dict(checked),
            "records": {qid: [r.streak, r.seen, r.due] for qid, r in records.items()},
            "answers": int(answers), "mocks": int(mocks)}


def _count(value) -> int | None:
    """A non-negative whole number from JSON, else None (a bool is not a count)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= _MAX_INT:
        return None
    return value


def _answers(raw) -> dict:
    """Question id -> choice, for known questions and their own choices only."""
    if not isinstance(raw, dict):
        return {}
    return {qid: c for qid, c in raw.items() if qid in QUESTION_BY_ID and c in QUESTION_BY_ID[qid].choices}


def from_stored(raw) -> Stored:
    """The quiz's memory from what a browser handed back; anything unrecognised (another version, an unknown
    question, a choice it does not have, a negative day) is dropped. A come-back belongs to one visit: none is
    kept."""
    if not isinstance(raw, dict) or raw.get("v") != STORE_VERSION:
        return Stored()
    records = {}
    for qid, value in (raw.get("records") if isinstance(raw.get("records"), dict) else {}).items():
        if qid in QUESTION_BY_ID and isinstance(value, list) and len(value) == 3:
            numbers = [_count(v) for v in value]
            if None not in numbers:
                records[qid] = Record(*numbers)
    return Stored(MappingProxyType(_answers(raw.get("first"))), MappingProxyType(_answers(raw.get("checked"))),
                  MappingProxyType(records), _count(raw.get("answers")) or 0, _count(raw.get("mocks")) or 0)
