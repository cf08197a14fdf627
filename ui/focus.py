"""A link's ``focus``: the part of a page that shows a point, scrolled into view and marked for a moment.

``st.page_link`` cannot carry a ``#fragment``, so a link names the part with ``focus=<name>`` (the quiz's "show
me" links, a shared view). ``TARGETS`` lists each page's parts, each a CSS selector of what Streamlit renders
there: a heading's anchor id (``st.subheader(..., anchor="probe")``) marks its whole section, a keyed element
(``st.plotly_chart(key="difference_chart")`` has the class ``st-key-difference_chart``) marks itself.
``parse_focus`` reads the value into a page's view (an unknown one is one link problem); ``land`` scrolls once,
when the link arrives, after the page has finished drawing.
"""

from __future__ import annotations

import json

TARGETS = {
    "explorer": {
        "probe": "#probe",  # Bayes' rule at the probe, with its numbers
        "prior": "#prior",  # a new P(y) for both families (shown while a prior is set)
        "estimate": "#estimate",  # how each model estimated an unknown P(y) (shown while est is set)
        "density": ".st-key-density_chart",
        "gen_posterior": ".st-key-gen_posterior_chart",
        "marginal": ".st-key-marginal_chart",
        "disc_posterior": ".st-key-disc_posterior_chart",
        "difference": ".st-key-difference_chart",
    },
    "powers": {  # the generative-powers page: each section's chart
        "novelty": ".st-key-pw_novelty_chart",
        "missing": ".st-key-pw_missing_chart",
        "em": ".st-key-pw_em_chart",
        "calibration": ".st-key-pw_cal_reliability_chart",
        "samples": ".st-key-pw_samples_chart",
    },
    "words": {  # the spam and languages page
        "message": ".st-key-words_text",  # the message, both verdicts and the terms that add up to them
        "prior": ".st-key-words_prior",  # P(spam) where the filter runs, and what it changes
        "write": ".st-key-words_class",  # writing a message of a class
        "curves": ".st-key-words_curves",
    },
}
PREFIXES = {"pw": "powers"}  # ui.page_view's prefix -> the page's name here
MARKED_SECONDS = 2.5  # how long the part stays outlined

_SCRIPT = """
<script>
(() => {
  const selector = %(selector)s, ms = %(ms)d, doc = document;
  const idle = () => doc.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]');
  let moved = false, tries = 0;
  for (const ev of ["wheel", "touchmove", "keydown"]) doc.addEventListener(ev, () => { moved = true; }, {once: true});
  const part = () => { const el = doc.querySelector(selector); if (!el) return null;
    return el.tagName.match(/^H[1-6]$/) ? (el.closest('[data-testid="stVerticalBlock"]') || el) : el; };
  const mark = (el) => {
    el.setAttribute("data-focused", selector);
    el.style.scrollMarginTop = "70px";
    el.style.outline = "3px solid #ff4b4b"; el.style.outlineOffset = "6px"; el.style.borderRadius = "8px";
    el.style.transition = "outline-color 1s ease-out";
    setTimeout(() => { el.style.outlineColor = "transparent"; }, ms);
    setTimeout(() => { el.style.outline = ""; }, ms + 1200);
  };
  const go = () => {
    const el = part();
    if (!el || !idle()) { if (++tries < 300) setTimeout(go, 100); return; }
    mark(el); el.scrollIntoView({block: "start"});
    // charts above may still grow as they draw: keep the part in place for a moment unless the reader scrolls
    for (const t of [400, 1000, 2000]) setTimeout(() => { if (!moved) part()?.scrollIntoView({block: "start"}); }, t);
  };
  setTimeout(go, 100);
})();
</script>
"""


def parse_focus(query: dict, page: str) -> tuple:
    """({"focus": name} or {}, problems) for ``query``'s ``focus`` on ``page``: one problem for an unknown part."""
    if "focus" not in query:
        return {}, []
    raw, known = str(query["focus"]), TARGETS.get(page, {})
    if raw in known:
        return {"focus": raw}, []
    return {}, [f"Ignored focus={raw!r}: {page} has no such part (it has {', '.join(known)})."]


def land(page: str, focus: str | None):
    """Scroll ``page``'s part ``focus`` into view and outline it briefly, once (call it when a link arrives)."""
    import streamlit as st  # here, so the pure views (ui/*/state.py) can parse a focus without streamlit

    if focus not in TARGETS.get(page, {}):
        return
    n = st.session_state[f"_focus_landings.{page}"] = st.session_state.get(f"_focus_landings.{page}", 0) + 1
    script = _SCRIPT % {"selector": json.dumps(TARGETS[page][focus]), "ms": int(MARKED_SECONDS * 1000)}
    st.html(script.replace("<script>", f"<script>/* landing {n} */", 1), unsafe_allow_javascript=True)
