"""Shared test setup: one BLAS thread; the browser tests' server and Chromium (session fixtures); the browser test
files on one pytest-xdist worker, started first."""

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
    with browser_utils.streamlit_process() as (url, _):
        yield url


@pytest.fixture(scope="session")
def browser():
    with browser_utils.sync_playwright() as p:
        b = p.chromium.launch(executable_path=browser_utils.CHROMIUM, args=browser_utils.TEST_FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A page in a fresh context; the test fails on any uncaught exception or console error in it."""
    context = browser.new_context(viewport={"width": 1600, "height": 1100})
    pg = context.new_page()
    problems = browser_utils.watch_problems(pg)
    yield pg
    context.close()
    assert not problems, problems


def browser_scope(nodeid: str) -> str | None:
    """The one xdist unit of work every browser test file belongs to; None for any other test."""
    return "tests/test_browser*" if nodeid.split("::", 1)[0].startswith("tests/test_browser") else None


def pytest_collection_modifyitems(items):
    """The browser tests first (a stable sort): pytest collects tests/<page>/ folders and top-level files by name,
    so the page folders would otherwise come before tests/test_browser*.py."""
    items.sort(key=lambda item: browser_scope(item.nodeid) is None)


def pytest_xdist_make_scheduler(config, log):
    """Under ``--dist loadfile``, the browser test files (test_browser*.py) are one unit of work: one worker runs
    them all, with one server and one Chromium (two Chromiums on a 2-core machine slow every test 1.5-2x). With
    ``--no-loadscope-reorder`` (pyproject.toml) the units keep the collection order, so the browser tests, the
    suite's longest chain, start first instead of last (xdist otherwise starts the files with the most tests)."""
    if config.getoption("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class BrowserTestsTogether(LoadFileScheduling):
        def _split_scope(self, nodeid):
            return browser_scope(nodeid) or super()._split_scope(nodeid)

    return BrowserTestsTogether(config, log)
