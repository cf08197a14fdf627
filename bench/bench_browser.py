"""What a person sees: click-to-redraw latency of the explorer in a real browser. A script, not a test.

    .venv/bin/python bench/bench_browser.py

Starts `streamlit run app.py`, opens the explorer in Debian's Chromium (Playwright) and measures,
from the input event until the chart's DOM has changed and the app is idle again:
  - Sample click: a fragment rerun (only the density panel runs on the server);
  - prior change (one arrow-key step): reruns the fragment of the panels linked to P(y); nothing refits.
Each number is the median of several repetitions; it includes Playwright's own click handling,
the websocket round trip and plotly.js drawing, which AppTest cannot see. For scale, the same
measurements on a one-chart Streamlit app (a fragment with a button and a 50-point scatter) are
printed first: headless Chromium without a GPU on 2 cores is slow for every Streamlit app.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from playwright.sync_api import expect, sync_playwright  # noqa: E402
from test_browser import CHROMIUM, FLAGS, IDLE, _free_port, _wait_healthy  # noqa: E402

REPEATS = 9
BASELINE_APP = """
import numpy as np
import plotly.graph_objects as go
import streamlit as st

if "n" not in st.session_state:
    st.session_state.n = 0


@st.fragment
def panel():
    if st.button("Sample"):
        st.session_state.n += 1
    rng = np.random.default_rng(st.session_state.n)
    st.plotly_chart(go.Figure(go.Scatter(x=rng.random(50), y=rng.random(50), mode="markers")), key="c")


panel()
"""


def _time_until(page, action, changed, timeout_ms=20_000) -> float:
    """Milliseconds from ``action()`` until ``changed()`` is true and the app is idle."""
    start = time.perf_counter()
    action()
    page.wait_for_function(changed, timeout=timeout_ms) if isinstance(changed, str) else changed()
    page.wait_for_selector(IDLE, timeout=timeout_ms)
    return 1000 * (time.perf_counter() - start)


def _serve(cwd, timings=None):
    port = _free_port()
    env = dict(os.environ, **({"EXPLAINER_TIMINGS": str(timings)} if timings else {}))
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
                               "--server.port", str(port), "--browser.gatherUsageStats", "false"], cwd=cwd,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", server)
    return port, server


def _sample_clicks(page) -> list:
    density = "document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')[0]"
    signature = f"(() => {{ const p = {density}.querySelectorAll('.scatterlayer .point'); " \
                f"return p.length + ':' + (p[p.length - 1] ? p[p.length - 1].getAttribute('transform') : ''); }})()"
    times = []
    for _ in range(REPEATS):
        before = page.evaluate(signature)
        times.append(_time_until(page, lambda: page.get_by_role("button", name="Sample").click(),
                                 f"{signature} !== {before!r}"))
    return times


def _server_ms(timings: Path, label: str) -> str:
    """Median server time of the runs labelled ``label`` logged since the file was last cleared."""
    values = [float(line.split("\t")[1]) for line in timings.read_text().splitlines() if line.startswith(label)]
    timings.write_text("")
    return f"{statistics.median(values):.1f} ms over {len(values)} runs" if values else "no runs logged"


def baseline():
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "app.py").write_text(BASELINE_APP)
        port, server = _serve(tmp)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                page = browser.new_page(viewport={"width": 1600, "height": 1100})
                start = time.perf_counter()
                page.goto(f"http://localhost:{port}/")
                page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
                page.wait_for_selector(IDLE)
                print(f"baseline one-chart app: first view {1000 * (time.perf_counter() - start):.0f} ms, "
                      f"fragment click -> redraw median {statistics.median(_sample_clicks(page)):.0f} ms")
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)


def main():
    baseline()
    timings = Path(tempfile.mkdtemp()) / "timings.tsv"
    port, server = _serve(ROOT, timings)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page(viewport={"width": 1600, "height": 1100})
            start = time.perf_counter()
            page.goto(f"http://localhost:{port}/explorer")
            page.locator(".js-plotly-plot").nth(4).wait_for(timeout=60_000)
            page.wait_for_selector(IDLE)
            print(f"cold first view (fresh server, browser open to 5 charts drawn): "
                  f"{1000 * (time.perf_counter() - start):.0f} ms")

            timings.write_text("")
            sample_ms = _sample_clicks(page)
            sample_server = _server_ms(timings, "density_panel")
            print(f"Sample click -> new points drawn (fragment rerun): median {statistics.median(sample_ms):.0f} ms "
                  f"(min {min(sample_ms):.0f}, max {max(sample_ms):.0f})")
            print(f"  server side, the density fragment alone: {sample_server}")

            page.get_by_text("Set P(y) by hand").click()
            slider = page.locator('[data-testid="stSlider"]').filter(has_text="used by Bayes").locator(
                'input[type="range"]')
            expect(slider).to_be_enabled(timeout=20_000)
            page.wait_for_selector(IDLE)
            boundary = ("(() => { const c = document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')[1]; "
                        "const p = c && c.querySelector('.contourlayer .contourlevel path'); "
                        "return p ? p.getAttribute('d') : null; })()")
            timings.write_text("")
            prior_ms = []
            for i in range(REPEATS):
                before = page.evaluate(boundary)
                slider.focus()
                key = "ArrowLeft" if i % 2 == 0 else "ArrowRight"
                prior_ms.append(_time_until(page, lambda key=key: page.keyboard.press(key),
                                            f"(v => v !== null && v !== {before!r})({boundary})"))
            print(f"prior step -> generative boundary redrawn (linked-panels fragment rerun): "
                  f"median {statistics.median(prior_ms):.0f} ms (min {min(prior_ms):.0f}, max {max(prior_ms):.0f})")
            print(f"  server side, the linked-panels fragment alone: {_server_ms(timings, 'linked_panels')}")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
