"""What the real-browser tests share: Debian's Chromium and its flags, waiting for Streamlit, and
the checks every page gets (nothing clipped at a projector's, a wide screen's and a phone's size).

The server and the browser are session fixtures in conftest.py: one cold `streamlit run app.py`
serves every browser test file. bench/ imports these names too.
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# The tests' Chromium (not the benches'): greyscale text and plain sRGB colour cost about 8% less CPU per explorer
# load (14.8 against 16.1 CPU-s, 4 interleaved rounds); what a test checks does not depend on either
TEST_FLAGS = FLAGS + ["--disable-lcd-text", "--force-color-profile=srgb"]
# Streamlit's frontend, opened at /<page>, first looks for its server one level down (/<page>/_stcore/health,
# /<page>/_stcore/host-config): those 404s are console errors that mean nothing
PROBE_404 = re.compile(r"/[^/?]+/_stcore/(health|host-config)(\?|$)")
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
ARTIFACTS = ROOT / "artifacts"


def console_problem(kind: str, text: str, url: str) -> str | None:
    """A console message worth counting as an error, as text; None for anything else."""
    if kind != "error" or (text.startswith("Failed to load resource") and PROBE_404.search(url or "")):
        return None
    return f"console {kind}: {text} ({url})" if url else f"console {kind}: {text}"


def watch_problems(page) -> list:
    """The page's uncaught exceptions and console errors from now on, as a list that grows."""
    problems = []
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("console", lambda m: (problem := console_problem(m.type, m.text, m.location.get("url")))
            and problems.append(problem))
    return problems


try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

_missing = ("playwright is not installed" if sync_playwright is None
            else None if Path(CHROMIUM).exists() else f"no Chromium at {CHROMIUM} (apt-get install chromium)")
if _missing and os.environ.get("CI") == "true":
    raise RuntimeError(f"browser tests cannot run in CI: {_missing}")
SKIP_WITHOUT_BROWSER = pytest.mark.skipif(_missing is not None, reason=_missing or "")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_process(app: str = "app.py", env: dict | None = None, args: tuple = (), cwd: Path = ROOT):
    """One fresh `streamlit run` of ``app`` in ``cwd`` (cold, as a shared link meets it), healthy, stopped on exit:
    yields (url, process). The browser tests' server (conftest.py) and the benches' (bench/serving.py)."""
    port = _free_port()
    command = [sys.executable, "-m", "streamlit", "run", app, "--server.headless", "true", "--server.port", str(port),
               "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false", *args]
    proc = subprocess.Popen(command, cwd=cwd, env=dict(os.environ, **(env or {})),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", proc)
        yield f"http://localhost:{port}", proc
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _wait_healthy(url: str, proc, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("streamlit exited before it became healthy")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)  # polling a server that is still starting, not synchronising the test
    raise TimeoutError(f"{url} not healthy after {timeout}s")


def _idle(pg, timeout=60_000):
    pg.wait_for_selector(IDLE, timeout=timeout)


def _explorer_ready(pg, timeout=90_000):
    """All five explorer charts drawn and the script idle. The idle marker alone can match between
    the reruns of a cold deep link's redirect, before the page has drawn anything."""
    expect(pg.locator('[data-testid="stPlotlyChart"] .js-plotly-plot')).to_have_count(5, timeout=timeout)
    _idle(pg, timeout)


@contextmanager
def projector_page(browser, width: int = 1280, height: int = 720):
    """A page in a fresh context of a projector's size (not the fixtures' 1600x1100); after the block, the test
    fails on any page or console error it saw (``watch_problems``)."""
    context = browser.new_context(viewport={"width": width, "height": height})
    pg = context.new_page()
    problems = watch_problems(pg)
    try:
        yield pg
    finally:
        context.close()
    assert not problems, problems


def upload_csv(pg, server: str, path):
    """Open the explorer, pick "Your CSV file" and upload ``path`` (the caller waits for what it expects)."""
    pg.goto(f"{server}/explorer")
    _explorer_ready(pg)
    pg.get_by_role("combobox", name="Dataset").click()
    pg.get_by_role("option", name="Your CSV file").click()
    expect(pg.get_by_text("upload one in the sidebar")).to_be_visible(timeout=30_000)
    pg.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))


def _chart(pg, index: int):
    return pg.locator('[data-testid="stPlotlyChart"]').nth(index)


# Charts whose margins plotly.js had to widen (for a colour bar, a legend, tick labels): it drew each of them twice.
WIDENED_JS = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')].map(g => {
  const s = g._fullLayout._size, m = g._fullLayout.margin;
  return ['l', 'r', 't', 'b'].filter(k => s[k] > m[k] + 1).map(k => `${k}: ${m[k]} -> ${s[k]}`).join(', ');
}).filter(x => x)"""


def _shot(pg, name: str):
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / name), full_page=True)


SIZES = ((1280, 720), (1920, 1080), (390, 844))  # a projector, a wide screen, a phone
CLIPPED_JS = (Path(__file__).parent / "clipped.js").read_text()  # the elements whose text overflows their box


def _assert_nothing_clipped(page, where: str):
    """At a projector's, a wide screen's and a phone's size in turn, no text overflows its box; the viewport is
    put back afterwards. Called by the tests that already opened a page, so each page loads once."""
    before = page.viewport_size
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_function(f"window.innerWidth === {width}")
        page.locator('[data-testid="stMain"]').evaluate("el => new Promise(r => requestAnimationFrame(r))")
        clipped = page.evaluate(CLIPPED_JS)
        assert clipped == [], (where, width, clipped)
    page.set_viewport_size(before)


def open_copy_python(page, shows: str, file_name: str):
    """Open a page's "Copy as Python" popover (issue 30) from its first screen: the script (containing ``shows``)
    and its download button ``file_name`` appear; then nothing is clipped at any of the three sizes."""
    button = page.locator('[data-testid="stPopoverButton"]:visible')  # Streamlit keeps a hidden copy for measuring
    expect(button).to_be_visible(timeout=60_000)
    assert button.bounding_box()["y"] < 720
    button.click()
    body = page.locator('[data-testid="stPopoverBody"]')
    expect(body.locator('[data-testid="stCode"]')).to_contain_text(shows, timeout=60_000)
    expect(body.locator('[data-testid="stDownloadButton"]')).to_contain_text(file_name)
    _assert_nothing_clipped(page, f"{page.url}, Copy as Python open")
