"""Time the "When each wins" page's default view through AppTest: cold, cache-cleared, warm; plotly payload.

Run: .venv/bin/python bench/bench_learning_curves.py   (targets: cold <= 5 s, warm <= 100 ms)

- first view: a fresh process, app.py run once, then the page (imports of core modules included)
- cold: the same page after clearing ``st.cache_data`` and ``st.cache_resource``: everything recomputed
- warm: median of reruns with nothing changed (all cached)
"""

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

PAGE = "pages/learning_curves.py"


def timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main(n_warm: int = 9) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    first = timed(lambda: at.switch_page(PAGE).run())
    assert not at.exception, at.exception
    st.cache_data.clear()
    st.cache_resource.clear()
    cold = timed(at.run)
    warm = [timed(at.run) for _ in range(n_warm)]
    assert not at.exception, at.exception
    spec = at.get("plotly_chart")[0].proto.spec
    n_traces = len(json.loads(spec)["data"])
    print(f"first view (fresh process, imports included): {first:6.2f} s")
    print(f"cold (cache cleared):                         {cold:6.2f} s   target <= 5 s")
    print(f"warm (median of {n_warm} reruns):                 {1000 * statistics.median(warm):6.0f} ms  "
          f"target <= 100 ms  (min {1000 * min(warm):.0f}, max {1000 * max(warm):.0f})")
    print(f"plotly payload: {len(spec.encode()):,} bytes, {n_traces} traces")


if __name__ == "__main__":
    main()
