"""What a person sees: click-to-picture latency of the explorer in a real browser, as ratios to a floor page.
A script, not a test.

    .venv/bin/python bench/bench_browser.py [--repeats 7] [--actions dataset,model,prior,sample] [--compare DIR]

Starts fresh servers, `streamlit run app.py` of this tree (and of each ``--compare`` checkout, e.g. the commit
before, timed in turn in the same run) and a trivial one-chart page (the floor: a selectbox and a 200-point
scatter, as ../shared/bench/floor/app.py), opens them in Debian's Chromium (Playwright) and times, interleaved:

  - dataset switch (a full rerun, both models refit), generative model switch (a full rerun, one refit),
    P(y) step (one arrow key on the slider: a fragment rerun), Sample click (a fragment rerun);
  - the floor page's selectbox switch after every explorer action.

Per action, in the page's own clock from the input event (``pointerdown`` / ``keydown``):
  - chart changed: the first change of any chart's fingerprint (markers, contour paths, raster images);
  - picture complete: the last such change (a run ends when the app is idle and no chart changed for 0.5 s);
  - idle: the app's script state back to notRunning;
  - server: first -> last message, as a TCP relay between browser and server saw them (the page's own message
    events wait while its main thread is busy); the last one is the script's end, the rest is the browser's;
  - main thread: Chrome's ``Performance.getMetrics`` deltas (TaskDuration, ScriptDuration, layout + style)
    from the input to the end of the quiet period, and the CPU time of all Chromium processes (the GPU
    process included), which depends less on other load than wall time;
  - the fragments' own server time, logged with ``EXPLAINER_TIMINGS`` (ui/timing.py).
Medians; the ratios to the floor's switch in the same run are what compare across days and machines.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from browser_utils import CHROMIUM, FLAGS, IDLE  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402
from serving import browser_pids, cpu_seconds, streamlit_server  # noqa: E402

from ui.timing import logged_ms  # noqa: E402

FLOOR_APP = '''"""The floor: a trivial one-chart Streamlit page whose plotly scatter changes with a selectbox."""
import numpy as np
import plotly.graph_objects as go
import streamlit as st

name = st.selectbox("Dataset", ["a", "b", "c"], key="dataset")
rng = np.random.default_rng("abc".index(name))
X = rng.standard_normal((200, 2))
st.plotly_chart(go.Figure(go.Scatter(x=X[:, 0], y=X[:, 1], mode="markers")), key="chart")
'''

# Installed before the page's own scripts: timestamps of inputs, websocket messages, chart changes and idle.
# A chart's fingerprint: its markers (count, first and last position), and for its first contour line, first
# filled contour and first raster image the length and a middle slice of the path / data URL.
RECORDER = """(() => {
  const R = window.__bench = {input: 0, sent: [], recv: [], plot: [], fp: [], idle: [], writes: 0};
  const W = window.WebSocket;
  window.WebSocket = class extends W {
    constructor(...a) { super(...a); this.addEventListener('message', () => R.recv.push(performance.now())); }
    send(d) { R.sent.push(performance.now()); return super.send(d); }
  };
  for (const t of ['pointerdown', 'keydown']) window.addEventListener(t, () => { R.input = performance.now(); }, true);
  const sig = e => { if (!e) return '-'; const s = e.getAttribute('d') || e.getAttribute('href') || '';
    const m = s.length >> 1; return s.length + s.slice(m, m + 24); };
  R.fingerprint = () => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].map(c => {
    const p = c.querySelectorAll('.scatterlayer .point');
    return p.length + ':' + (p[0] ? p[0].getAttribute('transform') : '') + ':'
      + (p.length ? p[p.length - 1].getAttribute('transform') : '') + ':'
      + sig(c.querySelector('.contourlayer .contourlevel path')) + ':'
      + sig(c.querySelector('.contourlayer .contourfill path')) + ':' + sig(c.querySelector('svg image')) + ':'
      + sig(c.querySelector('.contourlayer path.prior-drag'));  // the page's own drawing of a P(y) step
  }).join('|');
  let last = null, state = null;
  const watch = new MutationObserver(records => {
    const now = performance.now();
    const app = document.querySelector('[data-testid="stApp"]');
    const s = app && app.getAttribute('data-test-script-state');
    if (s !== state) { state = s; if (s === 'notRunning') R.idle.push(now); }
    const inPlot = records.filter(r => r.target.closest && r.target.closest('.js-plotly-plot')).length;
    if (!inPlot) return;
    R.writes += inPlot;
    R.plot.push(now);
    const f = R.fingerprint(); if (f !== last) { last = f; R.fp.push(now); }
  });
  const start = () => watch.observe(document.documentElement, {subtree: true, childList: true, attributes: true});
  document.readyState === 'loading' ? document.addEventListener('DOMContentLoaded', start) : start();
})();"""

READ = """since => { const R = window.__bench, after = a => a.filter(t => t > since);
  return {now: performance.now(), input: R.input, recv: after(R.recv), sent: after(R.sent), fp: after(R.fp),
          plot: after(R.plot), idle: after(R.idle), writes: R.writes,
          running: !document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]')}; }"""
METRICS = ("TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration")
QUIET_MS = 500


def _time_until(page, action, changed, timeout_ms=20_000) -> float:
    """Milliseconds from ``action()`` until ``changed()`` is true and the app is idle (bench_deep uses it)."""
    start = time.perf_counter()
    action()
    page.wait_for_function(changed, timeout=timeout_ms) if isinstance(changed, str) else changed()
    page.wait_for_selector(IDLE, timeout=timeout_ms)
    return 1000 * (time.perf_counter() - start)


def browser_cpu_ms() -> float:
    """CPU time (user + system) of every Chromium process under this one: the renderers and the GPU process
    (without a GPU, SwiftShader draws WebGL there). Less sensitive to other load on the machine than wall time."""
    return 1000 * cpu_seconds(browser_pids())


class Relay:
    """A TCP relay between the browser and a Streamlit server that notes when bytes pass each way: the server's
    messages as the network saw them (the page's own message events wait while its main thread is busy)."""

    def __init__(self, port: int):
        self.target, self.log = port, []  # log: (perf_counter ms, "up" | "down")
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            client, _ = self.listener.accept()
            upstream = socket.create_connection(("127.0.0.1", self.target))
            for src, dst, way in ((client, upstream, "up"), (upstream, client, "down")):
                threading.Thread(target=self._pump, args=(src, dst, way), daemon=True).start()

    def _pump(self, src, dst, way):
        try:
            while data := src.recv(65536):
                self.log.append((1000 * time.perf_counter(), way))
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)


class Tab:
    """One page with the recorder and a CDP session for the main thread's metrics."""

    def __init__(self, browser, url: str, relay: Relay | None = None):
        self.relay = relay
        self.page = browser.new_page(viewport={"width": 1500, "height": 1000})
        self.page.add_init_script(RECORDER)
        self.cdp = self.page.context.new_cdp_session(self.page)
        self.cdp.send("Performance.enable", {"timeDomain": "threadTicks"})
        self.page.goto(url)

    def metrics(self) -> dict:
        return {m["name"]: m["value"] for m in self.cdp.send("Performance.getMetrics")["metrics"]}

    def settle(self, pause_ms=300):
        self.page.wait_for_selector(IDLE, timeout=60_000)
        self.page.wait_for_timeout(pause_ms)
        self.page.wait_for_selector(IDLE, timeout=60_000)

    def timed(self, trigger, timeout_s=30.0) -> dict:
        """Times from the input event of ``trigger()``; waits for the app idle and the charts quiet."""
        page = self.page
        since, writes = page.evaluate("[performance.now(), window.__bench.writes]")
        before, cpu = self.metrics(), browser_cpu_ms()
        relayed = len(self.relay.log) if self.relay else 0
        trigger()
        deadline = time.perf_counter() + timeout_s
        while True:
            page.wait_for_timeout(100)
            r = page.evaluate(READ, since)
            moved = max([r["input"], *r["fp"], *r["plot"]])
            if r["fp"] and not r["running"] and r["now"] - moved > QUIET_MS:
                break
            if time.perf_counter() > deadline:
                r["timeout"] = True
                break
        after, cpu = self.metrics(), browser_cpu_ms() - cpu
        t0 = r["input"] if r["input"] > since else since

        def first_last(times):
            return (times[0] - t0, times[-1] - t0) if times else (None, None)

        out = {"timeout": r.get("timeout", False), "cpu": cpu, "writes": r["writes"] - writes,
               "idle": first_last(r["idle"])[1], "last_plot_dom": first_last(r["plot"])[1]}
        out["changed"], out["complete"] = first_last(r["fp"])
        out["first_msg"], out["last_msg"] = first_last(r["recv"])  # as the page's main thread handled them
        for m in METRICS:
            out[m] = 1000 * (after.get(m, 0) - before.get(m, 0))
        out["net_first"] = out["net_last"] = None
        log = self.relay.log[relayed:] if self.relay else []
        up = [t for t, way in log if way == "up"]
        if up and r["sent"]:  # the rerun request, seen by the page and by the relay, aligns the two clocks
            down = [t - up[0] + r["sent"][0] for t, way in log if way == "down" and t > up[0]]
            out["net_first"], out["net_last"] = first_last(down)
        return out


def _pick(page, label_re: str, option: str):
    """Open a selectbox and filter its list to ``option`` (not timed); returns the option to click."""
    page.locator('[data-testid="stSelectbox"]').filter(has_text=re.compile(label_re)).first.click()
    page.keyboard.type(option)
    opt = page.get_by_role("option", name=option, exact=True)
    opt.wait_for()
    return opt


def _clear(timings: Path | None):
    """Empty the server's timings log: what it holds next is the next action's."""
    if timings is not None and timings.exists():
        timings.write_text("")


def _med(rows, key):
    values = [r[key] for r in rows if r.get(key) is not None]
    return statistics.median(values) if values else float("nan")


NAMES = {"dataset": "dataset switch", "model": "generative model switch", "prior": "P(y) step (fragment)",
         "sample": "Sample (fragment)", "floor": "floor page: selectbox switch"}


def report(label: str, results: dict, floor: list, server: dict):
    """One table: per action, medians, and the picture-complete and main-thread ratios to the floor."""
    f_complete, f_task = _med(floor, "complete"), _med(floor, "TaskDuration")
    print(f"\n{label}: medians of {len(floor)} rounds, from the input event; ratios to the floor page's switch in "
          f"the same run\n")
    head = ("| action | chart changed | picture complete | idle | server: first → last message | browser after "
            "last message | main thread (task / script / layout+style) | browser CPU | complete ÷ floor "
            "| task ÷ floor |")
    print(head + "\n|---|" + "---:|" * (head.count("|") - 2))
    for key, rows in [*results.items(), ("floor", floor)]:
        if not rows:
            continue
        comp, last = _med(rows, "complete"), _med(rows, "net_last")
        lay = statistics.median(r["LayoutDuration"] + r["RecalcStyleDuration"] for r in rows)
        timeouts = sum(r["timeout"] for r in rows)
        print(f"| {NAMES[key]} | {_med(rows, 'changed'):.0f} ms | {comp:.0f} ms | {_med(rows, 'idle'):.0f} ms | "
              f"{_med(rows, 'net_first'):.0f} → {last:.0f} ms | {comp - last:.0f} ms | "
              f"{_med(rows, 'TaskDuration'):.0f} / {_med(rows, 'ScriptDuration'):.0f} / {lay:.0f} ms | "
              f"{_med(rows, 'cpu'):.0f} ms | {comp / f_complete:.2f}× | {_med(rows, 'TaskDuration') / f_task:.2f}×"
              f"{f' ({timeouts} timed out)' if timeouts else ''} |")
    for name, values in server.items():
        if values:
            print(f"server, the {name} fragment alone (EXPLAINER_TIMINGS): median {statistics.median(values):.1f} ms "
                  f"over {len(values)} runs")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--actions", default="dataset,model,prior,sample")
    parser.add_argument("--compare", action="append", default=[], metavar="DIR",
                        help="another checkout of the app (e.g. the commit before), timed in the same run, in turn")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as servers:
        (Path(tmp) / "app.py").write_text(FLOOR_APP)
        floor = servers.enter_context(streamlit_server(cwd=Path(tmp)))
        explorers = {}
        for k, where in enumerate([ROOT, *map(Path, args.compare)]):
            timings = Path(tmp) / f"timings{k}.tsv"
            served = servers.enter_context(streamlit_server(env={"EXPLAINER_TIMINGS": str(timings)}, cwd=where))
            explorers[str(where)] = (Relay(served.port), timings)
        run(explorers, Relay(floor.port), args.actions.split(","), args.repeats)


DATASETS = ("Moons", "Circles", "XOR", "Two Gaussian blobs")  # as ../shared/bench/instant_check.py cycles them
MODELS = ("LDA", "QDA", "Gaussian naive Bayes")


class Explorer:
    """An explorer tab and what is timed on it."""

    def __init__(self, browser, relay: Relay, timings: Path, actions: list):
        start = time.perf_counter()
        self.tab = Tab(browser, f"http://localhost:{relay.port}/explorer", relay)
        page = self.page = self.tab.page
        expect(page.locator('[data-testid="stPlotlyChart"] .js-plotly-plot')).to_have_count(5, timeout=120_000)
        self.tab.settle()
        self.first_view = 1000 * (time.perf_counter() - start)
        page.wait_for_timeout(1500)
        self.timings, self.results = timings, {a: [] for a in actions}
        self.server = {"density_panel": [], "linked_panels": []}
        self.slider = page.locator('.st-key-prior input[type="range"]').first
        if "prior" in actions:
            page.locator(".st-key-prior_on").locator("label").first.click()
            expect(self.slider).to_be_enabled(timeout=30_000)
            self.tab.settle()
        _clear(timings)

    def act(self, action: str, i: int):
        page, tab = self.page, self.tab
        if action == "dataset":
            result = tab.timed(_pick(page, "^Dataset", DATASETS[i % len(DATASETS)]).click)
        elif action == "model":
            result = tab.timed(_pick(page, "^Learns p", MODELS[i % len(MODELS)]).click)
        elif action == "prior":
            self.slider.focus()
            result = tab.timed(lambda: page.keyboard.press("ArrowRight" if i % 2 == 0 else "ArrowLeft"))
        else:
            result = tab.timed(page.get_by_role("button", name="Sample").click)
        self.results[action].append(result)
        if self.timings is not None and action in ("prior", "sample"):
            for name in self.server:  # both read before the log is cleared
                self.server[name] += logged_ms(self.timings, name)
        _clear(self.timings)
        tab.settle(100)


def run(explorers: dict, floor_relay: Relay, actions: list, repeats: int):
    floor = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        start = time.perf_counter()
        fl = Tab(browser, f"http://localhost:{floor_relay.port}/", floor_relay)
        fl.page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
        fl.settle()
        floor_first = 1000 * (time.perf_counter() - start)
        tabs = {label: Explorer(browser, relay, timings, actions) for label, (relay, timings) in explorers.items()}
        try:
            for i in range(repeats):
                for action in actions:
                    for ex in tabs.values():
                        ex.act(action, i)
                    floor.append(fl.timed(_pick(fl.page, "Dataset", "abc"[(len(floor) + 1) % 3]).click))
                    fl.settle(100)
                print(f"round {i + 1}/{repeats} done", file=sys.stderr)
        except Exception as exc:  # a browser or server gone mid-run (a busy shared machine): report what was timed
            print(f"stopped after {len(floor)} floor switches: {type(exc).__name__}: {str(exc).splitlines()[0]}")
        with contextlib.suppress(Exception):
            browser.close()
    for label, ex in tabs.items():
        report(label, ex.results, floor, ex.server)
    print("\nfirst view, fresh server (from goto to all charts drawn and idle): floor page "
          f"{floor_first:.0f} ms; " + "; ".join(f"{label} {ex.first_view:.0f} ms" for label, ex in tabs.items()))


if __name__ == "__main__":
    main()
