"""The page learns the P(y) dragged on a map when the drag ends (``core/figures/prior.py`` moves the map).

A plotly slider reports nothing to Streamlit, so a small ``st.components.v2`` component (inline
JavaScript, no build step, no network) listens to the generative posterior map's slider events.
While the thumb moves it redraws the map, and the maps that follow the prior (the reweighted
discriminative map), itself: the slider's steps do not execute their plotly restyle, because
plotly.js would replot every trace of the map for each step. The colours are the heatmap's log-odds
through its colour scale shifted by the prior, the boundary their contour at the prior's level
(``core/figures/prior.py``); both are drawn over plotly's own until plotly.js draws the map again.
When the drag ends it sends the value, and the Streamlit slider ``prior``, the probe, the scores
and the link follow on the fragment's rerun, which redraws the maps. A step of that Streamlit slider
(a key or the pointer) is drawn the same way at once, before its rerun arrives.
"""

from __future__ import annotations

import streamlit as st

from core.figures.prior import LOG_ODDS_STEPS, SPAN

_JS = """
// While the thumb moves, each map that follows the prior is redrawn here, not by plotly.js: a
// plotly restyle replots every trace (the ~500 markers included), 100-300 ms a step. The map's
// heatmap holds the prior-free log-odds z (int8 units); under a prior b = logit P(y=1) its colour is
// the trace's colour scale at (z - zmin) / (zmax - zmin) with zmin = (-span - b) q, zmax = (span - b) q,
// and its boundary is the contour z = -b q. So a step is a 256-entry colour table, one image of
// nx x ny pixels and marching squares over the grid, drawn over plotly's own heatmap and contour
// (hidden meanwhile). When plotly.js draws the map again (the page's rerun after the drag), the
// overlays go.
const SVG = 'http://www.w3.org/2000/svg';
// marching squares: corners a (i, j), b (i+1, j), c (i+1, j+1), d (i, j+1), bit set where z >= level;
// edges 0 a-b, 1 b-c, 2 d-c, 3 a-d
const CASES = [[], [[0, 3]], [[0, 1]], [[1, 3]], [[1, 2]], [[0, 1], [2, 3]], [[0, 2]], [[2, 3]],
               [[2, 3]], [[0, 2]], [[0, 3], [1, 2]], [[1, 2]], [[1, 3]], [[0, 1]], [[0, 3]], []];

const parse = (c) => c.startsWith('#') ? [1, 3, 5].map(i => parseInt(c.slice(i, i + 2), 16))
                                       : c.slice(c.indexOf('(') + 1, -1).split(',').slice(0, 3).map(Number);

function prepare(gd, indices) {
  const [hi, ci] = indices, full = gd._fullData || [], cd = gd.calcdata && gd.calcdata[hi] && gd.calcdata[hi][0];
  // Only a map drawn from core/figures/prior.py's figure follows a prior: its heatmap of log-odds, then the
  // boundary's contour. Any other figure is left to plotly.js: a three-class map (the slider-step drawing below,
  // set up on a two-class view, outlives it), or a map whose new figure a busy browser has not drawn yet.
  if (!cd || !cd.z || !full[hi] || full[hi].type !== 'heatmap' || !full[ci] || full[ci].type !== 'contour') return null;
  if (gd.__dragCache && gd.__dragCache.cd === cd && gd.__dragCache.boundary === full[ci]) return gd.__dragCache;
  const scale = full[hi].colorscale.map(([t, c]) => [t, parse(c)]);
  const ny = cd.z.length, nx = cd.z[0].length;
  const xs = Array.from({ length: nx }, (_, i) => (cd.x[i] + cd.x[i + 1]) / 2);  // bricks' centres
  const ys = Array.from({ length: ny }, (_, j) => (cd.y[j] + cd.y[j + 1]) / 2);
  const canvas = document.createElement('canvas');
  canvas.width = nx; canvas.height = ny;
  canvas.style.cssText = 'display:block;width:100%;height:100%;image-rendering:pixelated';
  gd.__dragCache = { cd, scale, nx, ny, xs, ys, canvas, pixels: new ImageData(nx, ny), boundary: full[ci] };
  return gd.__dragCache;
}

function colour(scale, t) {  // the colour scale at t in [0, 1], as [r, g, b]
  t = Math.min(1, Math.max(0, t));
  let k = 0;
  while (k < scale.length - 2 && scale[k + 1][0] <= t) k++;
  const [t0, c0] = scale[k], [t1, c1] = scale[k + 1], w = t1 > t0 ? (t - t0) / (t1 - t0) : 0;
  return c0.map((v, i) => Math.round(v + w * (c1[i] - v)));
}

function overlay(gd, layerSel, tag, hideSel) {
  const layer = gd.querySelector(layerSel);
  if (!layer) return null;
  let el = layer.querySelector(':scope > .prior-drag');
  if (!el) {
    el = document.createElementNS(SVG, tag);
    el.setAttribute('class', 'prior-drag');
    layer.appendChild(el);
    layer.querySelectorAll(hideSel).forEach(e => { e.style.display = 'none'; });
  }
  return el;
}

function cleanup(gd) {
  gd.querySelectorAll('.prior-drag').forEach(e => e.remove());
  gd.querySelectorAll('.heatmaplayer > g, .contourlayer > g').forEach(e => { e.style.display = ''; });
}

function draw(gd, indices, prior, cfg) {
  const c = prepare(gd, indices);
  if (!c) return false;
  const b = Math.log(prior / (1 - prior)), q = cfg.steps, zmin = (-cfg.span - b) * q, zmax = (cfg.span - b) * q;
  const level = -b * q, xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const table = new Uint8ClampedArray(256 * 3);  // int8 z + 128 -> its colour under this prior
  for (let v = -128; v < 128; v++) table.set(colour(c.scale, (v - zmin) / (zmax - zmin)), (v + 128) * 3);
  const px = c.pixels.data, z = c.cd.z;
  for (let j = 0; j < c.ny; j++) {
    const row = z[c.ny - 1 - j];  // an image's first row is the map's top
    for (let i = 0; i < c.nx; i++) {
      const o = (j * c.nx + i) * 4, k = (Math.round(row[i]) + 128) * 3;
      px[o] = table[k]; px[o + 1] = table[k + 1]; px[o + 2] = table[k + 2]; px[o + 3] = 255;
    }
  }
  // the colours go onto a canvas inside the heatmap's layer (an SVG foreignObject): no PNG to encode and decode
  // per step, as an SVG image would need
  const box = overlay(gd, '.heatmaplayer', 'foreignObject', ':scope > g');
  if (box) {
    if (c.canvas.parentNode !== box) box.appendChild(c.canvas);
    const x0 = xa.c2p(c.cd.x[0]), x1 = xa.c2p(c.cd.x[c.nx]), y0 = ya.c2p(c.cd.y[0]), y1 = ya.c2p(c.cd.y[c.ny]);
    // placed as plotly.js places its heatmap image: at the corner, its size rounded to whole pixels
    box.setAttribute('x', Math.min(x0, x1)); box.setAttribute('width', Math.round(Math.abs(x1 - x0)));
    box.setAttribute('y', Math.min(y0, y1)); box.setAttribute('height', Math.round(Math.abs(y1 - y0)));
    c.canvas.getContext('2d').putImageData(c.pixels, 0, 0);
  }
  const path = overlay(gd, '.contourlayer', 'path', ':scope > g');
  if (path) {
    const d = [], X = c.xs.map(v => xa.c2p(v)), Y = c.ys.map(v => ya.c2p(v));
    const at = (i, j) => z[j][i];
    for (let j = 0; j < c.ny - 1; j++) {
      for (let i = 0; i < c.nx - 1; i++) {
        const a = at(i, j), bb = at(i + 1, j), cc = at(i + 1, j + 1), dd = at(i, j + 1);
        const k = (a >= level) | (bb >= level) << 1 | (cc >= level) << 2 | (dd >= level) << 3;
        if (k === 0 || k === 15) continue;
        const edge = (e) => {
          if (e === 0) { const t = (level - a) / (bb - a); return [X[i] + t * (X[i + 1] - X[i]), Y[j]]; }
          if (e === 1) { const t = (level - bb) / (cc - bb); return [X[i + 1], Y[j] + t * (Y[j + 1] - Y[j])]; }
          if (e === 2) { const t = (level - dd) / (cc - dd); return [X[i] + t * (X[i + 1] - X[i]), Y[j + 1]]; }
          const t = (level - a) / (dd - a); return [X[i], Y[j] + t * (Y[j + 1] - Y[j])];
        };
        for (const [e0, e1] of CASES[k]) {
          const [p0, p1] = [edge(e0), edge(e1)];
          d.push(`M${p0[0].toFixed(1)},${p0[1].toFixed(1)}L${p1[0].toFixed(1)},${p1[1].toFixed(1)}`);
        }
      }
    }
    path.setAttribute('d', d.join(''));
    const line = c.boundary.line;
    path.setAttribute('style', `fill:none;stroke:${line.color};stroke-width:${line.width}px;stroke-linecap:round`);
  }
  return true;
}

export default function (component) {
  const { setTriggerValue, data } = component;
  const state = window.__priorDrag = window.__priorDrag || { updates: [] };
  state.data = data;
  state.send = (p) => setTriggerValue('prior', p);
  state.redrawAt = (p) => {  // every map that follows the prior, drawn for ``p``
    const cfg = state.data;
    for (const m of [{ selector: cfg.source, indices: [0, 1] }, ...cfg.follow]) {
      const gd = document.querySelector(m.selector);
      if (gd && gd._fullLayout) draw(gd, m.indices, p, cfg);
    }
  };
  let pending = null;
  const unhook = [];  // undoes the page slider's observer and listeners
  const redraw = () => {
    const p = pending;
    pending = null;
    state.redrawAt(p);
    state.drawn = p;
    state.updates.push(performance.now());  // the browser test and bench/bench_drag.py count these
  };
  const hook = (selector) => {
    const gd = document.querySelector(selector);
    if (!gd || !gd.on || gd.__priorDragHooked) return;
    gd.__priorDragHooked = true;
    gd.on('plotly_afterplot', () => cleanup(gd));  // plotly.js drew the map again: its own drawing is current
  };
  const hookAll = () => {
    const cfg = state.data;
    hook(cfg.source);
    cfg.follow.forEach(m => hook(m.selector));
    // the page's own P(y) slider (key "prior"): a step by key or pointer is drawn at once, like a drag, and the
    // fragment's rerun redraws the maps after it; a value the page sets itself (a rerun) is not drawn here
    const input = document.querySelector('.st-key-prior input[type="range"]');
    if (input && !input.__priorStepHooked) {
      input.__priorStepHooked = true;
      const box = input.closest('.st-key-prior');
      let userUntil = 0;
      const touched = () => { userUntil = performance.now() + 1500; };
      const listen = (type, fn) => {
        box.addEventListener(type, fn, true);
        unhook.push(() => box.removeEventListener(type, fn, true));
      };
      listen('keydown', touched);
      listen('pointerdown', touched);
      listen('pointermove', (e) => { if (e.buttons) touched(); });
      const observer = new MutationObserver(() => {
        const p = parseFloat(input.value);
        if (performance.now() > userUntil || !(p > 0 && p < 1)) return;
        if (pending === null) requestAnimationFrame(redraw);
        pending = p;
      });
      observer.observe(input, { attributes: true, attributeFilter: ['aria-valuetext', 'value', 'aria-valuenow'] });
      state.stepObservers = (state.stepObservers || 0) + 1;  // the browser test reads it
      unhook.push(() => {
        observer.disconnect();
        input.__priorStepHooked = false;
        state.stepObservers -= 1;
      });
    }
    const gd = document.querySelector(cfg.source);
    if (!gd || !gd.on || gd.__priorSliderHooked) return;
    gd.__priorSliderHooked = true;
    gd.on('plotly_sliderchange', (e) => {
      if (!e || !e.step) return;
      if (pending === null) requestAnimationFrame(redraw);  // one redraw a frame, at the latest value
      pending = parseFloat(e.step.value);
    });
    gd.on('plotly_sliderend', (e) => { if (e && e.step) state.send(parseFloat(e.step.value)); });
  };
  hookAll();
  const timer = setInterval(hookAll, 250);
  // the component goes with the two-class view (a third class, a fixed dataset of three): so do the page slider's
  // observer and listeners, which would otherwise draw a map that no longer follows P(y)
  return () => {
    clearInterval(timer);
    unhook.splice(0).forEach(undo => undo());
  };
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
