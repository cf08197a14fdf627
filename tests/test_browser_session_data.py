"""Real-browser checks of a session's own data and of Sample in presenter mode.

Session A (one browser context) draws points by a link; 70 other sessions (websocket clients that send what a
browser sends, bench/bench_sessions.py's, so no 70 browsers are needed) each open other drawn points, which refits
and evicts every shared cache entry of A's; session B (a second context) draws too. A's Sample, a probe click and
P(y), each a fragment rerun that registers nothing, still work. Then twenty Sample clicks at once in presenter mode
leave no console error (their CSV download used to point at a replaced file: 404 /media/<hash>.csv).
"""

import asyncio
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from browser_utils import SKIP_WITHOUT_BROWSER, _chart, _explorer_ready, _idle, expect, watch_problems
from playwright.sync_api import TimeoutError as PlaywrightTimeout

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
pytestmark = SKIP_WITHOUT_BROWSER

PTS = "-1,-1,0;-1.5,-0.5,0;-0.5,-1.5,0;-1.2,-1.1,0;1,1,1;1.5,0.5,1;0.5,1.5,1;1.2,1.1,1"
B_PTS = "0,0,0;0.5,0,0;0,0.5,0;0.4,0.4,0;2,2,1;2.5,2,1;2,2.5,1;2.4,2.4,1"
EXCEPTION = '[data-testid="stException"]'


def other_sessions(url: str, n: int, at_once: int = 5) -> list:
    """``n`` sessions, ``at_once`` at a time, each opening its own drawn points (both models refit): their errors."""
    import websockets
    from bench_sessions import TIMEOUT_S, Session, run_script

    async def one(i: int, log: Session):
        query = f"dataset=drawn&res=40&pts=-1,-1,0;-1.5,-0.5,0;-0.5,-1.5,0;-1.{i:03d},-1,0;1,1,1;1.5,0.5,1;0.5,1.5,1"
        async with websockets.connect(url.replace("http", "ws") + "/_stcore/stream", subprotocols=["streamlit"],
                                      max_size=None, open_timeout=TIMEOUT_S, ping_interval=None) as ws:
            await run_script(ws, log, "explorer", query)

    async def every():
        logs = [Session() for _ in range(n)]
        for start in range(0, n, at_once):
            await asyncio.gather(*(one(i, logs[i]) for i in range(start, min(n, start + at_once))))
        return [e for log in logs for e in log.errors]

    with ThreadPoolExecutor(1) as pool:  # Playwright's sync API already runs an event loop on this thread
        return pool.submit(asyncio.run, every()).result()


def _open(browser, url: str):
    context = browser.new_context(viewport={"width": 1600, "height": 1100})
    page = context.new_page()
    problems = watch_problems(page)
    page.goto(url)
    _explorer_ready(page)
    return context, page, problems


def test_a_drawing_survives_70_other_sessions_sample_probe_and_prior_still_work(server, browser):
    a_context, a, a_problems = _open(browser, f"{server}/explorer?dataset=drawn&res=40&pts={PTS}")
    b_context, b, b_problems = _open(browser, f"{server}/explorer?dataset=drawn&res=40&pts={B_PTS}")
    try:
        a.locator(".st-key-click_adds").get_by_text("moves the probe").click()  # a link's drawing starts on "adds A"
        _idle(a)
        assert other_sessions(server, 70) == []  # then A reruns fragments only: Sample, a probe click, P(y)
        points = _chart(a, 0).locator(".scatterlayer .point")
        n = points.count()
        a.locator(".st-key-sample").get_by_role("button").click()
        expect(points).to_have_count(n + 200, timeout=30_000)  # the default 200 sampled points
        _idle(a)
        drag = _chart(a, 1).locator(".nsewdrag").first
        drag.scroll_into_view_if_needed()
        area = drag.bounding_box()
        a.mouse.click(area["x"] + 0.9 * area["width"], area["y"] + 0.1 * area["height"])
        a.wait_for_url("**probe=**", timeout=30_000)
        _idle(a)
        expect(a.get_by_text(re.compile(r"^x\* = \("))).to_be_visible()  # the probe section, not the line on top
        expect(a.get_by_text("the centre of the data")).to_have_count(0)  # the clicked point, not the default
        a.get_by_text("Set P(y) by hand").click()
        expect(a.get_by_role("heading", name="A new P(y) for both families")).to_be_visible(timeout=30_000)
        _idle(a)
        assert a.locator(EXCEPTION).count() == 0 and not a_problems, a_problems
        assert "pts=" in a.url and "-1.5" in a.url  # A's points, still in its link
        assert "-1.5" not in b.url and b.locator(EXCEPTION).count() == 0 and not b_problems  # B has its own
    finally:
        a_context.close()
        b_context.close()


@pytest.mark.parametrize("clicks", [20])
def test_twenty_sample_clicks_at_once_in_presenter_mode_leave_no_console_error(server, page, clicks):
    page.goto(f"{server}/explorer?present=1")
    _explorer_ready(page)
    button = page.locator(".st-key-sample").get_by_role("button")
    for _ in range(clicks):
        button.click()  # no wait between clicks: reruns are cut short and the fragment redrawn many times
    _idle(page)
    expect(page.get_by_text("Sample #")).to_be_visible(timeout=30_000)
    download = page.locator(".st-key-download_samples").get_by_role("button")
    got = None
    for _attempt in range(3):  # a click that lands while a queued rerun replaces the button starts no download
        try:
            with page.expect_download(timeout=15_000) as got:
                download.click()
            break
        except PlaywrightTimeout:
            got = None
            _idle(page)
    assert got is not None, "three clicks on the samples' CSV started no download"
    text = Path(got.value.path()).read_text()
    assert text.startswith("x1,x2,y\n") and text.count("\n") == 201  # the sample shown, made on click
    _idle(page)
    assert page.locator(EXCEPTION).count() == 0  # the page fixture fails the test on a console error
