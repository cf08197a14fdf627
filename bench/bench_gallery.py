"""Benchmark of the "Every model" page (pages/gallery.py): a script to run, not a test.

    .venv/bin/python bench/bench_gallery.py

Prints, through AppTest (server side only): the page cold on the default view and on the worst view (2,000 points
of every heavy dataset, p(x | y) and presenter mode on), a plain rerun, the p(x | y) switch, a dataset switch and
back (cached), and the plotly payload of each (JSON bytes of the twelve charts). The bound is the guide's 20 s.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from apptest_utils import open_page  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

PAGE = "pages/gallery.py"


def payload(at) -> int:
    return sum(len(c.proto.spec) for c in at.get("plotly_chart"))


def timed(label: str, step):
    start = time.perf_counter()
    at = step()
    print(f"{label:<58} {1000 * (time.perf_counter() - start):8.0f} ms  {payload(at) / 1000:6.0f} KB")
    return at


def main():
    threadpool_limits(1, user_api="blas")  # as ui.cache sets it in the app
    import ui.gallery.panels  # noqa: F401  (its import is not part of a rerun)

    at = timed("cold, default view (moons, 400 points)", lambda: open_page(PAGE))
    timed("plain rerun", lambda: at.run())
    timed("p(x | y) on", lambda: at.toggle(key="gl_contours").set_value(True).run())
    timed("dataset switch to circles (cold)", lambda: at.selectbox(key="gl_dataset").set_value("circles").run())
    timed("dataset switch back to moons (cached)", lambda: at.selectbox(key="gl_dataset").set_value("moons").run())
    timed("presenter mode on", lambda: at.toggle(key="gl_present").set_value(True).run())
    for seed, (dataset, noise) in enumerate((("three_gaussians", "2"), ("spirals", "0.4"), ("moons", "0.6"),
                                             ("blobs", "2.5")), start=9950):
        worst = {"dataset": dataset, "noise": noise, "n": "2000", "seed": str(seed), "contours": "1", "present": "1"}
        timed(f"cold, worst: {dataset}, noise {noise}, 2,000 points", lambda q=worst: open_page(PAGE, q))
    print("bound: 20,000 ms for a page at its most expensive (the developers' guide)")


if __name__ == "__main__":
    main()
