"""Time the "Digits" page: a first view on a warm server, a Sample click, and each part at its most expensive.

Run (under the browser lock): flock /tmp/browser.lock .venv/bin/python bench/bench_pictures.py
Targets (issue 29): first view <= 3 s on a warm server, Sample <= 300 ms, most expensive settings <= 20 s.

- browser: one fresh `streamlit run`; the page is opened once (warming the caches), then opened again in a new
  tab (timed to an idle app with the grid drawn), and Sample is clicked n times (timed to the grid redrawn)
- server: each part at its most expensive settings, its caches cleared, through AppTest (one rerun timed)
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import streamlit as st  # noqa: E402
from browser_utils import CHROMIUM, FLAGS, IDLE  # noqa: E402
from serving import streamlit_server  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

PAGE = "pages/pictures.py"
WORST = {  # every part's most expensive view
    "sample": {"pic_part": "sample"},
    "mean": {"pic_part": "mean", "pic_mean_model": "pca_gmm"},
    "classify": {"pic_part": "classify"},
    "hide": {"pic_part": "hide", "pic_hidden": "7"},
    "draw": {"pic_part": "draw"},
    "rare": {"pic_part": "rare", "pic_rare_n": "30", "pic_rare_model": "pca_gmm", "pic_generated": "500"},
}
GRID = '[data-testid="stPlotlyChart"] .heatmaplayer image, [data-testid="stPlotlyChart"] .hm image'


def browser_times(n_clicks: int = 9) -> tuple:
    from playwright.sync_api import sync_playwright
    with streamlit_server() as served, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        warm_up = browser.new_page(viewport={"width": 1280, "height": 720})
        warm_up.goto(f"{served.url}/pictures")
        warm_up.wait_for_selector(IDLE, timeout=120_000)
        warm_up.wait_for_selector(GRID, timeout=120_000)
        warm_up.close()
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        start = time.perf_counter()
        page.goto(f"{served.url}/pictures")
        page.wait_for_selector(GRID, timeout=60_000)
        page.wait_for_selector(IDLE, timeout=60_000)
        first = time.perf_counter() - start
        clicks = []
        for _ in range(n_clicks):
            before = page.locator(GRID).first.get_attribute("href")
            start = time.perf_counter()
            page.get_by_role("button", name="Sample new digits").click()
            page.wait_for_function("([sel, old]) => { const i = document.querySelector(sel); "
                                   "return i && i.getAttribute('href') !== old; }", arg=[GRID, before],
                                   timeout=30_000)
            clicks.append(time.perf_counter() - start)
            page.wait_for_selector(IDLE)
        other = browser.new_page(viewport={"width": 1280, "height": 720})
        start = time.perf_counter()
        other.goto(f"{served.url}/overview")
        other.wait_for_selector(IDLE, timeout=60_000)
        overview = time.perf_counter() - start
        browser.close()
    return first, clicks, overview


def worst_times() -> dict:
    out = {}
    for part, query in WORST.items():
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        for k, v in query.items():
            at.query_params[k] = v
        at.run()
        start = time.perf_counter()
        at.switch_page(PAGE).run()
        out[part] = time.perf_counter() - start
        assert not at.exception, [e.value for e in at.exception]
    return out


def main() -> None:
    first, clicks, overview = browser_times()
    print(f"first view, warm server (browser, to grid drawn and idle): {first:5.2f} s   target <= 3 s")
    print(f"Sample click (browser, to the grid redrawn), median of {len(clicks)}: "
          f"{1000 * statistics.median(clicks):4.0f} ms  (min {1000 * min(clicks):.0f}, max {1000 * max(clicks):.0f})"
          "   target <= 300 ms")
    print(f"for scale, the overview on the same warm server: {overview:5.2f} s  (load average now "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    for part, seconds in worst_times().items():
        print(f"{part:8s} at its most expensive, caches cleared (AppTest): {seconds:5.2f} s   target <= 20 s")


if __name__ == "__main__":
    main()
