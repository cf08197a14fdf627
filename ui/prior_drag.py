"""The page learns the P(y) dragged on a map when the drag ends (``core/figures_prior.py`` moves the map).

A plotly slider reports nothing to Streamlit, so a small ``st.components.v2`` component (inline
JavaScript, no build step, no network) listens to the generative posterior map's slider events:
while the thumb moves it restyles the maps that follow the prior (the reweighted discriminative
map), with the same shift of the log-odds; when the drag ends it sends the value, and the
Streamlit slider ``prior``, the probe, the scores and the link follow on the fragment's rerun.
"""

from __future__ import annotations

import streamlit as st

from core.figures_prior import LOG_ODDS_STEPS, SPAN

_JS = """
export default function (component) {
  const { setTriggerValue, data } = component;
  window.__priorDrag = { data, send: (p) => setTriggerValue('prior', p) };
  const restyle = (p) => {
    const cfg = window.__priorDrag.data, b = Math.log(p / (1 - p)), q = cfg.steps;
    const update = { zmin: (-cfg.span - b) * q, zmax: (cfg.span - b) * q,
                     'contours.start': -b * q, 'contours.end': -b * q };
    for (const f of cfg.follow) {
      const gd = document.querySelector(f.selector);
      if (gd && window.Plotly && gd._fullData) window.Plotly.restyle(gd, update, f.indices);
    }
  };
  const hook = () => {
    const gd = document.querySelector(window.__priorDrag.data.source);
    if (!gd || !gd.on || gd.__priorDragHooked) return;
    gd.__priorDragHooked = true;
    gd.on('plotly_sliderchange', (e) => { if (e && e.step) restyle(parseFloat(e.step.value)); });
    gd.on('plotly_sliderend', (e) => { if (e && e.step) window.__priorDrag.send(parseFloat(e.step.value)); });
  };
  hook();
  const timer = setInterval(hook, 250);
  return () => clearInterval(timer);
}
"""

_listener = st.components.v2.component("prior_drag", js=_JS)


def _dragged():
    """A callback: the value a drag ended on becomes the hand-set P(y)."""
    result = st.session_state.get("prior_drag")
    value = result.get("prior") if hasattr(result, "get") else getattr(result, "prior", None)
    if value is not None:
        st.session_state["prior_on"] = True
        st.session_state["prior"] = float(min(0.99, max(0.01, round(float(value), 2))))


def prior_drag_listener(source: str, follow: list):
    """Listen to the map ``source`` (a widget key); ``follow``: (widget key, trace indices) of maps to move with it."""
    data = {"source": f".st-key-{source} .js-plotly-plot", "span": SPAN, "steps": LOG_ODDS_STEPS,
            "follow": [{"selector": f".st-key-{key} .js-plotly-plot", "indices": list(idx)} for key, idx in follow]}
    _listener(key="prior_drag", data=data, on_prior_change=_dragged)
