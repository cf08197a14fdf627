"""How long a crafted link keeps a browser busy (issue 25): the quiz opened with 20,000 bad topics, and with a
30,000-character question id (a first request line over 64 KB is refused by the server before the app sees it).
Prints seconds to a settled page (a warning shown, the script idle, two frames painted) and the warning boxes.

    flock /tmp/browser.lock python bench/link_warnings.py [app folder, default: this checkout]
"""

import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser_utils import CHROMIUM, FLAGS, IDLE, _free_port, _wait_healthy, sync_playwright  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402

ROOT = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent)
ALERTS = '[data-testid="stAlert"]'


LIMIT = 120  # seconds: a page still busy then is reported as such


def settle(page, start: float) -> str:
    """Seconds from ``start`` until a warning shows, the script is idle and two frames have painted."""
    try:
        for selector in (ALERTS, IDLE):
            page.wait_for_selector(selector, timeout=max(1, LIMIT - (time.perf_counter() - start)) * 1000)
        page.wait_for_function("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => "
                               "r(1))))", timeout=LIMIT * 1000)
    except PlaywrightTimeout:
        return f"not settled after {LIMIT} s"
    return f"{time.perf_counter() - start:.1f} s to settle"


def boxes(page) -> str:
    lengths = page.locator(ALERTS).evaluate_all("els => els.map(e => e.textContent.length)")
    return f"{len(lengths):,} warning box(es), the longest {max(lengths, default=0):,} characters"


def main():
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
                             "--server.port", str(port), "--browser.gatherUsageStats", "false"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", proc)
        base = f"http://localhost:{port}"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            page.goto(f"{base}/quiz")
            page.wait_for_selector(IDLE)  # warm: the app's modules are loaded
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            start = time.perf_counter()
            page.goto(f"{base}/quiz?topic=" + ",".join(["x"] * 20_000), timeout=LIMIT * 1000, wait_until="commit")
            print(f"/quiz?topic=x,x,… (20,000 items): {settle(page, start)}, {boxes(page)}", flush=True)
            page.close()
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            start = time.perf_counter()
            page.goto(f"{base}/quiz?q=" + "A" * 30_000, timeout=LIMIT * 1000, wait_until="commit")
            print(f"/quiz?q=AAAA… (30,000 characters): {settle(page, start)}, {boxes(page)}", flush=True)
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    main()
