"""A class on one link: N browser sessions at once, each running the explorer's demo. A script.

    .venv/bin/python bench/bench_load.py --n 1,5,10 --seconds 60
    .venv/bin/python bench/bench_load.py --n 5,10 --seconds 60 --nginx     # 2 replicas behind nginx

For each N, a fresh server (or deploy/serve.sh), one Chromium and N contexts (N students, each
with their own cookies and session). All N open the explorer at once, then each loops through a
demo for ``--seconds``: a dataset switch, a demo scene, P(y) by hand and two slider steps, Sample,
a probe click on the generative posterior map, a page switch and back. Measured per N:
  - errors, which must be 0: exception boxes, console errors, page errors, websockets lost,
    "Connection error", steps that time out (--step-seconds, 60 s; a first view: --first-view-seconds,
    300 s); behind nginx, also a session seen on two replicas (nginx's access log). A probe click
    Streamlit answers with an empty selection (a known quirk, nothing redraws) is counted apart, not
    as an error;
  - click-to-chart-changed latency (input event until the watched chart's SVG differs and the app
    is idle, as bench/bench_browser.py), p50 / p95 over every chart-changing step;
  - the server's peak RSS, and per additional session (RSS(N) - RSS(N0)) / (N - N0), N0 the
    smallest N measured (the caches, shared and bounded, grow a little too: an upper bound);
  - CPU seconds over the loop, the server's (Streamlit, or the replicas + nginx) apart from
    Chromium's, and the rest of the machine's (other work on a shared machine slows everything);
  - the server's own time per script run (ui/timing.py's EXPLAINER_TIMINGS log), which the
    browsers' CPU use does not inflate as much as it does the click-to-chart times.
Prints Markdown tables; --json FILE keeps the raw numbers.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import TimeoutError as PlaywrightTimeout
from playwright.async_api import async_playwright, expect
from serving import (
    CHROMIUM,
    FLAGS,
    IDLE,
    browser_pids,
    console_problem,
    cpu_seconds,
    logged_ms,
    nginx_replicas,
    percentile,
    read_access_log,
    rss_mb,
    run_levels,
    streamlit_server,
)

STEP = {"ms": 60_000}  # a step slower than this is an error, a stuck rerun (--step-seconds)
PROBE_MS = 60_000  # a probe click that changes nothing for this long was an empty selection (no rerun)
FIRST_VIEW = {"ms": 300_000}  # N sessions opening a cold server at once (--first-view-seconds)
CHARTS = '[data-testid="stPlotlyChart"] .js-plotly-plot'
DATASETS = ("XOR", "Two spirals")  # never a scene's dataset: the switch and the next scene always redraw

# What a chart looks like now (as bench/bench_browser.py's): its first contour paths and heatmap images
# (length and a middle slice: a PNG data URL's tail is the same in every image) and its markers.
FINGERPRINT = """sel => { const c = document.querySelector(sel); if (!c) return null;
  const shapes = [...c.querySelectorAll('.contourlayer path, .heatmaplayer image')].slice(0, 4).map(e => {
    const s = e.getAttribute('d') || e.getAttribute('href') || '', m = s.length >> 1;
    return s.length + s.slice(m, m + 24); });
  const pts = c.querySelectorAll('.scatterlayer .point'), last = pts[pts.length - 1];
  return shapes.join('|') + '#' + pts.length + ':' + (last ? last.getAttribute('transform') : ''); }"""
ALL_CHARTS = '[data-testid="stMain"]'  # a fingerprint of the first charts on the page
DENSITY, GEN_POSTERIOR = ".st-key-density_chart", ".st-key-gen_posterior_chart"


@dataclass
class SessionLog:
    first_view_ms: float = float("nan")
    steps: list = field(default_factory=list)  # (step, ms) for steps that change a chart
    other_steps: int = 0  # steps that change no chart (the P(y) toggle, leaving the explorer)
    ignored_clicks: int = 0  # probe clicks Streamlit reported as an empty selection (a known quirk)
    errors: list = field(default_factory=list)
    closing: bool = False
    replica_cookie: str | None = None  # nginx's st_replica cookie, behind nginx
    rng: random.Random = field(default_factory=random.Random)  # the session's think times

    def note(self, problem):
        if problem and not self.closing:
            self.errors.append(problem)


async def _fingerprint(page, sel: str):
    return await page.evaluate(FINGERPRINT, sel)


async def _changed(page, sel: str, before, timeout=None):
    timeout = timeout or STEP["ms"]
    await page.wait_for_function(f"([sel, before]) => ({FINGERPRINT})(sel) !== before", arg=[sel, before],
                                 polling=50, timeout=timeout)
    await page.wait_for_selector(IDLE, timeout=timeout)


async def _explorer_ready(page, timeout=None):
    timeout = timeout or STEP["ms"]
    await page.wait_for_function(f"document.querySelectorAll('{CHARTS}').length === 5", polling=100,
                                 timeout=timeout)
    await page.wait_for_selector(IDLE, timeout=timeout)


THINK = {"seconds": 0.0}  # --think: a student looks at the picture between two steps


async def _timed(log: SessionLog, name: str, page, sel: str, action, timeout=None):
    """Run ``action`` and time it until the chart at ``sel`` has changed and the app is idle; then think."""
    before = await _fingerprint(page, sel)
    start = time.perf_counter()
    await action()
    await _changed(page, sel, before, timeout)
    log.steps.append((name, 1000 * (time.perf_counter() - start)))
    if THINK["seconds"]:
        await asyncio.sleep(log.rng.uniform(0.5, 1.5) * THINK["seconds"])


async def _pick(page, key: str, option=None, index=None):
    """Choose ``option`` (its text), or the option at ``index`` (modulo their number), in selectbox ``key``."""
    await page.locator(f".st-key-{key}").get_by_role("combobox").click()
    options = page.get_by_role("option")
    if option is None:
        await options.first.wait_for()
        option = index % await options.count()
        await options.nth(option).click()
    else:
        await options.filter(has_text=option).first.click()


async def demo_round(page, log: SessionLog, k: int, rng):
    """One pass through the demo; ``k`` is the round number (scene and dataset rotate)."""
    await _timed(log, "dataset", page, ALL_CHARTS, lambda: _pick(page, "dataset", DATASETS[k % 2]))
    await _timed(log, "scene", page, ALL_CHARTS, lambda: _pick(page, "scene", index=k))

    # P(y) by hand, then two steps of the slider: each step redraws the Bayes posterior
    if not await page.locator('.st-key-prior_on input[role="switch"]').is_checked():  # a scene may have set it
        await page.locator(".st-key-prior_on label").first.click()
        log.other_steps += 1
    slider = page.locator('.st-key-prior input[type="range"]')
    await expect(slider).to_be_enabled(timeout=STEP["ms"])
    await page.wait_for_selector(IDLE, timeout=STEP["ms"])
    for _ in range(2):
        await slider.focus()
        await _timed(log, "P(y) step", page, GEN_POSTERIOR, lambda: page.keyboard.press("ArrowRight"))

    await _timed(log, "Sample", page, DENSITY,
                 lambda: page.locator(".st-key-sample").get_by_role("button").click())

    area = await page.locator(f"{GEN_POSTERIOR} .nsewdrag").first.bounding_box()
    fx, fy = rng.uniform(0.15, 0.85), rng.uniform(0.15, 0.85)
    try:
        await _timed(log, "probe click", page, GEN_POSTERIOR,
                     lambda: page.mouse.click(area["x"] + fx * area["width"], area["y"] + fy * area["height"]),
                     min(PROBE_MS, STEP["ms"]))
    except PlaywrightTimeout:
        log.ignored_clicks += 1  # an empty selection: no rerun, nothing to redraw
        await page.wait_for_selector(IDLE, timeout=STEP["ms"])

    nav = page.locator('[data-testid="stSidebarNav"]')
    await nav.get_by_role("link", name="Two lenses").click()
    await page.wait_for_function(f"document.querySelectorAll('{CHARTS}').length === 0", polling=50,
                                 timeout=STEP["ms"])
    await page.wait_for_selector(IDLE, timeout=STEP["ms"])
    log.other_steps += 1
    start = time.perf_counter()
    await nav.get_by_role("link", name="Explorer").click()
    await _explorer_ready(page)
    log.steps.append(("back to the explorer", 1000 * (time.perf_counter() - start)))


async def run_session(browser, url: str, log: SessionLog, clock: dict, index: int):
    rng = random.Random(index)
    log.rng = random.Random(1000 + index)
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(STEP["ms"])  # a click waits this long for its element (Playwright's default: 30 s)
    page = await context.new_page()
    page.on("console", lambda m: log.note(console_problem(m.type, m.text, m.location.get("url"))))
    page.on("pageerror", lambda e: log.note(f"page error: {e}" + "".join(  # and where it was thrown
        f" ({line.strip()})" for line in (e.stack or "").splitlines()[1:2])))

    def on_socket(ws):
        if "/_stcore/stream" in ws.url:
            ws.on("close", lambda _: log.note(f"websocket lost: {ws.url}"))
    page.on("websocket", on_socket)
    try:
        start = time.perf_counter()
        await page.goto(url + "/explorer", wait_until="commit")  # N pages parsing the bundle at once: slow
        await _explorer_ready(page, FIRST_VIEW["ms"])
        log.first_view_ms = 1000 * (time.perf_counter() - start)
        clock["ready"] += 1
        await clock["go"].wait()  # every session has drawn its first view: the loop starts together
        k = index
        while time.perf_counter() < clock["end"]:
            await demo_round(page, log, k, rng)
            k += 1
            if await page.locator('[data-testid="stException"]').count():
                log.note("exception box: " + (await page.locator('[data-testid="stException"]').first
                                              .inner_text())[:300])
            if await page.get_by_text("Connection error").count():
                log.note("Connection error dialog")
    except Exception as exc:  # a step that timed out or a page that broke: an error, and this session stops
        log.note(f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
    finally:
        if log.first_view_ms != log.first_view_ms:  # NaN: it failed before its first view
            clock["ready"] += 1
        log.replica_cookie = next((c["value"] for c in await context.cookies() if c["name"] == "st_replica"), None)
        log.closing = True
        await context.close()


def _machine_busy() -> float:
    """Busy CPU seconds of the whole machine so far (every core), from /proc/stat."""
    with open("/proc/stat") as f:
        user, nice, system, idle, iowait, irq, softirq, steal = map(int, f.readline().split()[1:9])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


async def measure(n: int, seconds: float, nginx: bool, replicas: int) -> dict:
    with ExitStack() as stack:
        timings = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-load-"))) / "timings.tsv"
        env = {"EXPLAINER_TIMINGS": str(timings)}  # the server logs each script run's own time
        served = stack.enter_context(nginx_replicas(replicas, env=env) if nginx else streamlit_server(env=env))
        server = served.server_pids()
        rss = {"idle": rss_mb(server), "peak": 0.0}

        async def sample_rss():
            while True:
                rss["peak"] = max(rss["peak"], rss_mb(served.server_pids()))
                await asyncio.sleep(1)

        sampler = asyncio.create_task(sample_rss())
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            logs = [SessionLog() for _ in range(n)]
            clock = {"go": asyncio.Event(), "end": float("inf"), "ready": 0}
            tasks = [asyncio.create_task(run_session(browser, served.url, logs[i], clock, i)) for i in range(n)]
            while clock["ready"] < n:  # every session has drawn its first view, or failed
                await asyncio.sleep(0.2)
            server = served.server_pids()
            cpu0 = (cpu_seconds(server), cpu_seconds(browser_pids()), _machine_busy(), time.perf_counter(),
                    os.getloadavg()[0])
            timings.write_text("")  # from here on: the loop's runs only
            clock["end"] = time.perf_counter() + seconds
            clock["go"].set()
            await asyncio.gather(*tasks)
            cpu1 = (cpu_seconds(server), cpu_seconds(browser_pids()), _machine_busy(), time.perf_counter(),
                    os.getloadavg()[0])  # before the browser closes
            await browser.close()
        sampler.cancel()
        placed = _check_affinity(served, logs) if nginx else {}
        server_runs = {label: v for label in ("page", "linked_panels", "density_panel")
                       if (v := logged_ms(timings, label))}
    wall = cpu1[3] - cpu0[3]
    server_cpu, browser_cpu = cpu1[0] - cpu0[0], cpu1[1] - cpu0[1]
    ms = [t for lg in logs for _, t in lg.steps]
    by_step = {}
    for lg in logs:
        for name, t in lg.steps:
            by_step.setdefault(name, []).append(t)
    return {
        "n": n, "mode": (f"nginx, {replicas} replicas" if nginx else "one server")
        + (f", think {THINK['seconds']:g} s" if THINK["seconds"] else ", no pause")
        + (f", first view may take {FIRST_VIEW['ms'] / 1000:g} s" if FIRST_VIEW["ms"] != 300_000 else "")
        + (f", a step may take {STEP['ms'] / 1000:g} s" if STEP["ms"] != 60_000 else ""), "wall_s": wall,
        "first_view_ms": [lg.first_view_ms for lg in logs],
        "steps": len(ms) + sum(lg.other_steps for lg in logs), "chart_steps": len(ms),
        "p50_ms": percentile(ms, 50), "p95_ms": percentile(ms, 95), "max_ms": max(ms, default=float("nan")),
        "by_step": {k: (percentile(v, 50), percentile(v, 95), len(v)) for k, v in by_step.items()},
        "errors": [e for lg in logs for e in lg.errors], "ignored_clicks": sum(lg.ignored_clicks for lg in logs),
        "rss_idle_mb": rss["idle"], "rss_peak_mb": rss["peak"],
        "server_cpu_s": server_cpu, "browser_cpu_s": browser_cpu,
        "other_cpu_s": (cpu1[2] - cpu0[2]) - server_cpu - browser_cpu,
        "load_avg": (cpu0[4], cpu1[4]), "sessions_per_replica": placed,
        "server_run_ms": {label: (percentile(v, 50), percentile(v, 95), len(v)) for label, v in server_runs.items()},
    }


def _check_affinity(served, logs) -> dict:
    """Sessions per replica, from nginx's access log; a session seen on two replicas is an error."""
    time.sleep(0.5)  # nginx logs a websocket when it closes
    hits, placed = read_access_log(served.access_log), {}
    for lg in logs:
        upstreams = {h.upstream for h in hits if h.affinity == lg.replica_cookie and h.upstream != "-"}
        if len(upstreams) != 1:
            lg.errors.append(f"session {lg.replica_cookie} served by {sorted(upstreams)}")
        for u in upstreams:
            placed[u] = placed.get(u, 0) + 1
    return placed


def tables(results) -> str:
    base = {}  # the smallest N of each mode: memory per additional session is counted from it
    for r in results:
        if r["mode"] not in base or r["n"] < base[r["mode"]]["n"]:
            base[r["mode"]] = r
    rows = ["| mode | N | steps | errors | p50 ms | p95 ms | first view p50 / max s | server RSS MB (idle → peak) "
            "| + per session MB | server CPU s (% of a core) | server CPU ms per step | Chromium CPU s "
            "| rest of machine CPU s | load avg |",
            "|---|---:|---:|---:|---:|---:|---|---|---:|---|---:|---:|---:|---|"]
    for r in results:
        b = base[r["mode"]]
        per = (r["rss_peak_mb"] - b["rss_peak_mb"]) / (r["n"] - b["n"]) if r["n"] > b["n"] else float("nan")
        first = [t for t in r["first_view_ms"] if t == t] or [float("nan")]
        rows.append(
            f"| {r['mode']} | {r['n']} | {r['steps']} | {len(r['errors'])} | {r['p50_ms']:.0f} | {r['p95_ms']:.0f} "
            f"| {statistics.median(first) / 1000:.1f} / {max(first) / 1000:.1f} "
            f"| {r['rss_idle_mb']:.0f} → {r['rss_peak_mb']:.0f} | {'–' if per != per else f'{per:.1f}'} "
            f"| {r['server_cpu_s']:.0f} ({100 * r['server_cpu_s'] / r['wall_s']:.0f}%) "
            f"| {1000 * r['server_cpu_s'] / max(r['steps'], 1):.0f} | {r['browser_cpu_s']:.0f} "
            f"| {r['other_cpu_s']:.0f} | {r['load_avg'][0]:.1f} → {r['load_avg'][1]:.1f} |")
    steps = sorted({k for r in results for k in r["by_step"]})
    rows += ["", "p50 / p95 ms by step:", "",
             "| mode | N | " + " | ".join(steps) + " | probe clicks with an empty selection |",
             "|---|---:|" + "---|" * len(steps) + "---:|"]
    for r in results:
        cells = [f"{r['by_step'][k][0]:.0f} / {r['by_step'][k][1]:.0f}" if k in r["by_step"] else "–" for k in steps]
        rows.append(f"| {r['mode']} | {r['n']} | " + " | ".join(cells) + f" | {r['ignored_clicks']} |")
    rows += ["", "The server's own time per script run (ui/timing.py), p50 / p95 ms (runs): a full run of the page; "
             "the P(y)/probe fragment; the Sample fragment (both also run inside full runs):", "",
             "| mode | N | page | linked panels | density panel |", "|---|---:|---|---|---|"]
    for r in results:
        cells = [f"{v[0]:.0f} / {v[1]:.0f} ({v[2]})" if (v := r["server_run_ms"].get(k)) else "–"
                 for k in ("page", "linked_panels", "density_panel")]
        rows.append(f"| {r['mode']} | {r['n']} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def wait_for_calm(load: float, most_s: float = 600):
    deadline = time.monotonic() + most_s
    while os.getloadavg()[0] >= load and time.monotonic() < deadline:
        time.sleep(10)
    print(f"load average {os.getloadavg()[0]:.1f}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", default="1,5,10", help="session counts, comma-separated")
    parser.add_argument("--seconds", type=float, default=60, help="how long the sessions loop, per N")
    parser.add_argument("--nginx", action="store_true", help="through deploy/serve.sh (replicas behind nginx)")
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--json", help="also write the raw results here")
    parser.add_argument("--think", type=float, default=0,
                        help="seconds a student looks between two steps (each wait uniform in 0.5-1.5 times it); "
                             "0: the demo runs without pause")
    parser.add_argument("--calm", type=float, default=0,
                        help="on a shared machine: before each N, wait (up to 10 min) for the 1-minute load "
                             "average to fall below this")
    parser.add_argument("--first-view-seconds", type=float, default=300,
                        help="how long a session may wait for its first view before it counts as an error")
    parser.add_argument("--step-seconds", type=float, default=60,
                        help="how long a step may take before it counts as an error (a stuck rerun); on a machine "
                             "with fewer cores than browsers, the browsers' own drawing can take longer")
    args = parser.parse_args()
    THINK["seconds"] = args.think
    STEP["ms"] = 1000 * args.step_seconds
    FIRST_VIEW["ms"] = 1000 * args.first_view_seconds

    def measure_one(n):
        if args.calm:
            wait_for_calm(args.calm)
        return asyncio.run(measure(n, args.seconds, args.nginx, args.replicas))

    results = run_levels((int(v) for v in args.n.split(",")), measure_one,
                         lambda r: f"{r['steps']} steps, {len(r['errors'])} errors, p50 {r['p50_ms']:.0f} ms, "
                                   f"p95 {r['p95_ms']:.0f} ms" + (f", sessions per replica {r['sessions_per_replica']}"
                                                                  if args.nginx else ""), args.json)
    print()
    print(tables(results))


if __name__ == "__main__":
    main()
