"""P(y) dragged on the generative posterior map: visible updates a second while the thumb moves. A script.

    .venv/bin/python bench/bench_drag.py [--repeats 5] [--moves 60] [--gap-ms 20]

Starts a fresh server, opens the explorer in Debian's Chromium (headless, Playwright) and drags the map's
P(y) thumb across the rail: ``--moves`` mouse moves ``--gap-ms`` apart, as a hand would, back and forth.
Two kinds of drag: pointer events dispatched in the page at 125 Hz for 2 s (a mouse's rate: what the page can
follow), and Playwright's mouse moves (each a round trip of 50-80 ms here: the rate is the input's). For each:
the redraws the page made (``window.__priorDrag.updates``, one a frame at most, ``ui/explorer/prior_drag.py``) a second,
and the time one redraw takes (both maps when the discriminative one follows). For comparison, the cost of
what the slider did before: one ``Plotly.restyle`` of the same values (plotly.js replots the whole map).
Run with the discriminative map following too (``?share=0.2&prior=0.3&prior_disc=1``) and at the finest
grid (``&res=250``).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from browser_utils import CHROMIUM, FLAGS, IDLE  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from serving import streamlit_server  # noqa: E402

VIEWS = {"default": "", "both maps follow": "?share=0.2&prior=0.3&prior_disc=1",
         "both maps, finest grid": "?share=0.2&prior=0.3&prior_disc=1&res=250"}
MAP = ".st-key-gen_posterior_chart"

COUNT = """() => { const s = window.__priorDrag; window.__steps = window.__steps || [];
  const gd = document.querySelector('.st-key-gen_posterior_chart .js-plotly-plot');
  if (!gd.__benchHooked) {
    gd.__benchHooked = true; gd.on('plotly_sliderchange', () => window.__steps.push(performance.now())); }
  return [s ? s.updates.length : 0, window.__steps.length]; }"""

RESTYLE = """async (n) => {
  const gd = document.querySelector('.st-key-gen_posterior_chart .js-plotly-plot');
  const steps = gd.layout.sliders[0].steps, t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const s = steps[(i * 7) % steps.length]; await window.Plotly.restyle(gd, s.args[0], s.args[1]); }
  await new Promise(r => requestAnimationFrame(() => r()));
  return (performance.now() - t0) / n; }"""


def drag(page, moves: int, gap_ms: float, end: float = 0.7) -> dict:
    """Playwright's mouse drags the thumb to and fro, then to ``end`` (a fraction of the rail)."""
    page.evaluate(COUNT)
    updates0, steps0 = page.evaluate(COUNT)
    t0 = page.evaluate("performance.now()")
    rail = page.locator(f"{MAP} .slider-rail-rect").first.bounding_box()
    grip = page.locator(f"{MAP} .slider-grip-rect").first.bounding_box()
    x, y = grip["x"] + grip["width"] / 2, grip["y"] + grip["height"] / 2
    left, right = rail["x"] + 0.1 * rail["width"], rail["x"] + 0.9 * rail["width"]
    page.mouse.move(x, y)
    page.mouse.down()
    for k in range(moves):  # to the left end, then to the right end, then back
        phase = k / (moves - 1)
        target = left + (right - left) * abs(((2 * phase + 0.5) % 2) - 1)
        page.mouse.move(target, y)
        page.wait_for_timeout(gap_ms)  # a hand's pace, not a synchronisation
    page.mouse.move(left + (right - left) * end, y)
    times = page.evaluate("t0 => window.__priorDrag.updates.filter(t => t > t0)", t0)
    page.mouse.up()
    _settled(page)
    updates1, steps1 = page.evaluate(COUNT)
    span = (times[-1] - times[0]) / 1000 if len(times) > 1 else float("nan")
    gaps = [b - a for a, b in zip(times, times[1:])]
    return {"steps": steps1 - steps0, "updates": len(times), "rate": (len(times) - 1) / span if span else 0.0,
            "gap_p50": statistics.median(gaps) if gaps else float("nan"),
            "gap_max": max(gaps) if gaps else float("nan")}


# A hand at mouse speed: pointer events dispatched in the page every 1000 / hz ms (a mouse reports at 60-125 Hz;
# Playwright's own moves take 50-80 ms each here, which would cap the rate by the input), to and fro on the rail
# for ``seconds``. The plotly slider listens on the chart for mousemove once the rail got a mousedown.
FAST_DRAG = """async ([seconds, hz, end]) => {
  const gd = document.querySelector('.st-key-gen_posterior_chart .js-plotly-plot');
  const rail = gd.querySelector('.slider-rail-touch-rect') || gd.querySelector('.slider-rail-rect');
  const r = gd.querySelector('.slider-rail-rect').getBoundingClientRect(), y = r.top + r.height / 2;
  const fire = (type, x, target) => target.dispatchEvent(new MouseEvent(type,
    { bubbles: true, cancelable: true, clientX: x, clientY: y, buttons: 1, view: window }));
  const at = (t) => r.left + r.width * (0.1 + 0.8 * Math.abs(((2 * t / seconds + 0.5) % 2) - 1));
  const updates = window.__priorDrag.updates, n0 = updates.length, t0 = performance.now();
  let moves = 0;
  fire('mousedown', at(0), rail);
  await new Promise(done => { const tick = () => {
    const t = (performance.now() - t0) / 1000;
    if (t > seconds) return done();
    fire('mousemove', at(t), gd); moves++;
    setTimeout(tick, 1000 / hz); }; tick(); });
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const span = (performance.now() - t0) / 1000, times = updates.slice(n0);
  const last = r.left + r.width * end;
  fire('mousemove', last, gd);
  fire('mouseup', last, gd);
  const gaps = times.slice(1).map((t, i) => t - times[i]).sort((a, b) => a - b);
  return { moves, updates: times.length, rate: times.length / span,
           gap_p50: gaps[gaps.length >> 1] || NaN, gap_max: gaps[gaps.length - 1] || NaN };
}"""


def _settled(page):
    """After a drag: the page's rerun drew the maps again (its overlays are gone) and the app is idle, so the next
    drag does not race plotly.js redrawing (waiting for idle alone can return before the rerun starts). Each drag
    ends on a P(y) the page did not have (not the middle of the rail), or the rerun would redraw nothing."""
    page.wait_for_function("!document.querySelector('.prior-drag')", timeout=60_000)
    page.wait_for_selector(IDLE, timeout=60_000)


def fast_drag(page, seconds: float = 2.0, hz: float = 125, end: float = 0.3) -> dict:
    """Pointer events at ``hz`` for ``seconds``, to and fro on the rail, then released at ``end`` (a fraction)."""
    result = page.evaluate(FAST_DRAG, [seconds, hz, end])
    _settled(page)
    return result


def redraw_ms(page, n: int = 20) -> float:
    """One redraw of the page's drag renderer, timed in the page (every map that follows included)."""
    return page.evaluate("""n => { const s = window.__priorDrag, cfg = s.data, t0 = performance.now();
      for (let i = 0; i < n; i++) s.redrawAt(0.05 + 0.9 * i / n);
      return (performance.now() - t0) / n; }""", n)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--moves", type=int, default=60)
    parser.add_argument("--gap-ms", type=float, default=20)
    args = parser.parse_args()
    rows = []
    with streamlit_server() as served, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        for name, query in VIEWS.items():
            page.goto(f"{served.url}/explorer{query}")
            page.locator(f"{MAP} .slider-grip-rect").first.wait_for(state="attached", timeout=240_000)
            page.wait_for_selector(IDLE, timeout=240_000)
            page.locator(f"{MAP} .slider-rail-rect").first.scroll_into_view_if_needed()
            page.wait_for_function("!!(window.__priorDrag && window.__priorDrag.redrawAt)", timeout=240_000)
            fast = [fast_drag(page, end=0.25 + 0.1 * k) for k in range(args.repeats)]  # each ends on a new P(y)
            drags = [drag(page, args.moves, args.gap_ms, 0.75 - 0.1 * k) for k in range(args.repeats)]
            redraw = statistics.median(redraw_ms(page) for _ in range(3))
            restyle = statistics.median(page.evaluate(RESTYLE, 10) for _ in range(3))
            rows.append((name, fast, drags, redraw, restyle))
            print(name, [f"{d['rate']:.1f}/s" for d in fast], [f"{d['rate']:.1f}/s" for d in drags],
                  f"redraw {redraw:.1f} ms, restyle {restyle:.0f} ms", flush=True)
        browser.close()
    print("\n| view | redraws a second, a 125 Hz hand (gap p50 / max ms) | redraws a second, Playwright's moves "
          "(thumb steps / redraws a drag) | one redraw ms | one plotly restyle ms (what a step did before) |")
    print("|---|---|---|---:|---:|")
    for name, fast, drags, redraw, restyle in rows:
        med = lambda rows, k: statistics.median(d[k] for d in rows)  # noqa: E731
        print(f"| {name} | {med(fast, 'rate'):.1f} ({med(fast, 'gap_p50'):.0f} / {max(d['gap_max'] for d in fast):.0f})"
              f" | {med(drags, 'rate'):.1f} ({med(drags, 'steps'):.0f} / {med(drags, 'updates'):.0f}) "
              f"| {redraw:.1f} | {restyle:.0f} |")


if __name__ == "__main__":
    main()
