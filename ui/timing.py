"""The time limit every page keeps, and opt-in server-side timings for bench/bench_browser.py.

``LIMIT_SECONDS``: with every control of a page at its most expensive at once, one rerun takes at most this long
on the project's 2-core server (issue 14; tests/test_worst_settings.py). Pages that could take longer cut their
work to fit and say so.

With the environment variable ``EXPLAINER_TIMINGS`` set to a file path, every call of a function
wrapped with ``timed(label)`` appends ``label<TAB>milliseconds`` to that file. Unset (the default),
the wrapper costs one dictionary lookup. AppTest can only rerun a whole page; this is how a
fragment's own rerun time is measured in a live server.
"""

import functools
import os
import time
from pathlib import Path

LIMIT_SECONDS = 20


def timed(label: str):
    def wrap(func):
        @functools.wraps(func)
        def run(*args, **kwargs):
            path = os.environ.get("EXPLAINER_TIMINGS")
            if not path:
                return func(*args, **kwargs)
            start = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                with open(path, "a") as log:
                    log.write(f"{label}\t{1000 * (time.perf_counter() - start):.2f}\n")
        return run
    return wrap


def logged_ms(path, label: str) -> list:
    """The milliseconds ``timed(label)`` appended to ``path`` (the ``EXPLAINER_TIMINGS`` file); [] without the file."""
    path = Path(path)
    lines = path.read_text().splitlines() if path.exists() else []
    return [float(line.split("\t")[1]) for line in lines if line.startswith(label + "\t")]
