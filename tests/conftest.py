"""Shared test setup: one BLAS thread; the browser tests' server and Chromium (session fixtures)."""

import subprocess
import sys

import browser_utils
import pytest
from threadpoolctl import threadpool_limits


@pytest.fixture(autouse=True, scope="session")
def one_blas_thread():
    """Run BLAS on one thread: the test matrices are tiny, and on a busy 2-core machine
    OpenBLAS's spinning worker threads make a GaussianMixture fit ~20x slower."""
    with threadpool_limits(limits=1, user_api="blas"):
        yield


@pytest.fixture(scope="session")
def server():
    """One fresh `streamlit run app.py` for every browser test: cold, as a shared link meets it."""
    port = browser_utils._free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=browser_utils.ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        browser_utils._wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", proc)
        yield f"http://localhost:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    with browser_utils.sync_playwright() as p:
        b = p.chromium.launch(executable_path=browser_utils.CHROMIUM, args=browser_utils.FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1600, "height": 1100})
    pg = context.new_page()
    yield pg
    context.close()
