"""The quiz remembers a candidate in the browser's own storage (``localStorage``), never on the server.

A small ``st.components.v2`` component (inline JavaScript, nothing drawn) does the browser's side. On every run
the page sends what it would keep (``data.save``, None when there is nothing), whether it has merged what was
stored (``data.merged``) and its session's token (``data.session``). While the session has not merged, anything
under the key ``STORAGE_KEY`` is handed to the page once per session as the trigger value ``loaded`` (the page
merges it on that rerun, ``remember``) and never overwritten. Otherwise the component writes ``save`` under the key,
or removes the key when it is None. "Forget me" empties the session's memory, and its run removes the key. (A new
session in an open tab, after a server restart, gets the stored memory again rather than erasing it.)

The page never waits on it: with no browser (AppTest) the component hands nothing back and the quiz works as it
does for a first visit. What arrives is untrusted; ``core.quiz_memory.from_stored`` keeps only what it recognises.
The callback only parks the value in ``quiz_arrived``, so a test can put a stored memory there itself.
"""

from __future__ import annotations

import uuid
from datetime import date

import streamlit as st

from core.quiz import QUESTIONS
from core.quiz_memory import answered, brought_back, come_back, due_today, from_stored, review_order, to_stored

STORE_KEY = "quiz_store"  # the component's widget key
STORAGE_KEY = "gen-disc-explainer.quiz"  # the browser's localStorage key
ARRIVED = "quiz_arrived"  # session key: what the browser's storage handed over, until the page merges it

_JS = """
export default function (component) {
  const { data, setTriggerValue } = component;
  const memo = window.__quizMemory || (window.__quizMemory = { handed: null });
  let storage = null, raw = null;
  try { storage = window.localStorage; raw = storage.getItem(data.key); } catch (e) { return; }  // blocked
  if (!data.merged && raw !== null) {
    // a memory this session has not received: hand it over once per session, and never overwrite it before
    if (memo.handed !== data.session) {
      memo.handed = data.session;
      let stored = null;
      try { stored = JSON.parse(raw); } catch (e) { stored = null; }
      setTriggerValue('loaded', stored && typeof stored === 'object' ? stored : {});
    }
    return;
  }
  try {
    if (data.save) storage.setItem(data.key, JSON.stringify(data.save));
    else storage.removeItem(data.key);
  } catch (e) { /* storage full or blocked: nothing kept */ }
}
"""

_component = st.components.v2.component("quiz_memory", js=_JS)


def today() -> int:
    return date.today().toordinal()


def init_memory():
    ss = st.session_state
    for key, value in (("quiz_records", {}), ("quiz_answers", 0), ("quiz_mocks", 0), ("quiz_merged", False),
                       ("quiz_from_browser", False), ("quiz_review", True), ("quiz_order", None),
                       ("quiz_session", uuid.uuid4().hex)):
        if key not in ss:
            ss[key] = value


def _arrived():
    """A callback: park what the browser's storage handed over (``remember`` merges it)."""
    result = st.session_state.get(STORE_KEY)
    value = result.get("loaded") if hasattr(result, "get") else getattr(result, "loaded", None)
    if value is not None:
        st.session_state[ARRIVED] = value


def remember():
    """Merge a stored memory that has just arrived into the session: its first answers (the score) are the older
    ones, so they stay; the session's own later answers and records win over the stored ones. A question due for
    review is asked afresh (its old answer is not shown), and without a ``seed`` or ``q`` in the link the order
    becomes the review order (due and missed questions first)."""
    ss = st.session_state
    raw = ss.pop(ARRIVED, None)
    if raw is None or ss["quiz_merged"]:
        return
    ss["quiz_merged"] = True
    stored = from_stored(raw)
    if stored.empty:
        return
    records = {**stored.records, **ss["quiz_records"]}
    due = set(due_today(records, today()))
    ss["quiz_first"] = {**ss["quiz_first"], **stored.first}
    ss["quiz_checked"] = {**{q: c for q, c in stored.checked.items() if q not in due}, **ss["quiz_checked"]}
    ss["quiz_records"] = records
    ss["quiz_answers"] += stored.answers
    ss["quiz_mocks"] += stored.mocks
    ss["quiz_from_browser"] = True
    if ss["quiz_review"] and ss.get("quiz_q") is None:
        ss["quiz_order"] = review_order([q.id for q in QUESTIONS], records, today())


def keep_in_browser():
    """Mount the storage component with what the session would keep (nothing drawn)."""
    ss = st.session_state
    empty = not (ss["quiz_first"] or ss["quiz_checked"] or ss["quiz_records"] or ss["quiz_mocks"])
    save = None if empty else to_stored(ss["quiz_first"], ss["quiz_checked"], ss["quiz_records"],
                                        ss["quiz_answers"], ss["quiz_mocks"])
    data = {"key": STORAGE_KEY, "save": save, "merged": bool(ss["quiz_merged"]), "session": ss["quiz_session"]}
    _component(key=STORE_KEY, data=data,
               on_loaded_change=_arrived, height=0)


def record_check(qid: str, right: bool):
    """Count one checked answer in the review records."""
    ss = st.session_state
    ss["quiz_records"] = answered(ss["quiz_records"], qid, right, today(), ss["quiz_answers"])
    ss["quiz_answers"] += 1


def next_review(ids: list, current: str | None) -> str | None:
    """The missed question whose turn to come back has arrived (its come-back then spent), else None."""
    ss = st.session_state
    qid = come_back(ss["quiz_records"], ids, current, ss["quiz_answers"])
    if qid is not None:
        ss["quiz_records"] = brought_back(ss["quiz_records"], qid)
    return qid


def review_note(qid: str) -> str:
    """Why a question is asked again, for its caption: it came back after a miss, or it is due; else ""."""
    ss = st.session_state
    if qid in ss["quiz_checked"]:
        return ""
    if ss.get("quiz_came_back") == qid:
        return " · back for review: you missed it a few answers ago"
    record = ss["quiz_records"].get(qid)
    if record is not None and record.due <= today():
        return " · due for review: missed last time" if record.missed else " · due for review"
    return ""


def due_count() -> int:
    return len(due_today(st.session_state["quiz_records"], today()))


def forget_me():
    """A callback: empty the session's memory; the storage component then removes the browser's copy."""
    ss = st.session_state
    ss["quiz_first"], ss["quiz_checked"], ss["quiz_records"] = {}, {}, {}
    ss["quiz_answers"] = ss["quiz_mocks"] = 0
    ss["quiz_merged"], ss["quiz_from_browser"], ss["quiz_order"], ss["quiz_q"] = True, False, None, None
    ss.pop(ARRIVED, None)
    for key in [k for k in ss if str(k).startswith(("quiz_pick.", "quiz_mock_"))]:
        del ss[key]
    ss["quiz_forgotten"] = True
