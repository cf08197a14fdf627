"""Cold start: a fresh server to the first chart, and what each page's imports cost. A script.

    .venv/bin/python bench/bench_cold.py [--repeats 3]

1. Imports, each in a fresh interpreter (as a fresh server meets them): `import streamlit`, then
   the modules each page imports (read from pages/*.py), in seconds over streamlit alone; and,
   for the explorer, the packages that time goes to (``python -X importtime``, self time summed by
   top-level package).
2. A fresh `streamlit run app.py`: process start to healthy; a browser's first visit to
   /explorer until its five charts are drawn (imports, fits, surfaces, plotly in the browser);
   the same visit again in a new browser context (a second student, a warm process); on
   another fresh server, the landing page (/) until its script is done; and on a third, warmed
   first as deploy/serve.sh does (Streamlit's script health check runs the app once), the
   warm-up itself and then the first visit to /explorer.
"""

from __future__ import annotations

import argparse
import ast
import statistics
import subprocess
import sys
import time
import urllib.request

from playwright.sync_api import sync_playwright
from serving import CHROMIUM, FLAGS, ROOT, _explorer_ready, _idle, streamlit_server


def page_imports(page: str) -> list:
    """The import statements at the top of ``pages/<page>.py`` (streamlit's aside)."""
    tree = ast.parse((ROOT / "pages" / f"{page}.py").read_text())
    return [ast.unparse(node) for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)
            and not (node.module if isinstance(node, ast.ImportFrom) else node.names[0].name).startswith("streamlit")]


def _python(code: str, *flags) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *flags, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          check=True)


def import_seconds(statements: list) -> float:
    """Seconds to run the import ``statements`` in a fresh interpreter that has imported streamlit already."""
    code = ("import time, streamlit; t = time.perf_counter(); "
            + "".join(f"{s}; " for s in statements) + "print(time.perf_counter() - t)")
    return float(_python(code).stdout.split()[-1])


def streamlit_seconds() -> float:
    return float(_python("import time; t = time.perf_counter(); import streamlit; "
                         "print(time.perf_counter() - t)").stdout.split()[-1])


def by_package(statements: list, top: int = 8) -> list:
    """(package, seconds) of self import time after streamlit, summed by top-level package."""
    code = "import streamlit, sys; print('---', file=sys.stderr); " + "".join(f"{s}; " for s in statements)
    err = _python(code, "-X", "importtime").stderr
    totals = {}
    for line in err.split("---", 1)[1].splitlines():
        if line.startswith("import time:") and "|" in line:
            self_us, _, name = line[len("import time:"):].split("|")
            if self_us.strip().isdigit():
                pkg = name.strip().split(".")[0]
                totals[pkg] = totals.get(pkg, 0) + int(self_us) / 1e6
    return sorted(totals.items(), key=lambda kv: -kv[1])[:top]


def cold_views(browser) -> dict:
    out = {}
    start = time.perf_counter()
    with streamlit_server() as served:
        out["process start to healthy"] = time.perf_counter() - start
        for label in ("first visit to /explorer (cold process)", "second visit to /explorer (warm process)"):
            context = browser.new_context(viewport={"width": 1600, "height": 1100})
            page = context.new_page()
            t = time.perf_counter()
            page.goto(served.url + "/explorer")
            _explorer_ready(page, 300_000)
            out[label] = time.perf_counter() - t
            context.close()
    with streamlit_server() as served:
        context = browser.new_context(viewport={"width": 1600, "height": 1100})
        page = context.new_page()
        t = time.perf_counter()
        page.goto(served.url + "/")
        page.locator("h1").first.wait_for(timeout=300_000)
        _idle(page, 300_000)
        out["first visit to / (cold process)"] = time.perf_counter() - t
        context.close()
    # deploy/serve.sh's warm-up: Streamlit's script health check runs the app once before anyone visits
    with streamlit_server(args=("--server.scriptHealthCheckEnabled", "true")) as served:
        t = time.perf_counter()
        with urllib.request.urlopen(served.url + "/_stcore/script-health-check", timeout=300) as response:
            assert response.status == 200
        out["warm-up: the script health check"] = time.perf_counter() - t
        context = browser.new_context(viewport={"width": 1600, "height": 1100})
        page = context.new_page()
        t = time.perf_counter()
        page.goto(served.url + "/explorer")
        _explorer_ready(page, 300_000)
        out["first visit to /explorer (warmed process)"] = time.perf_counter() - t
        context.close()
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--skip-browser", action="store_true", help="imports only")
    args = parser.parse_args()

    print("| imports (fresh interpreter) | median s | min s |\n|---|---:|---:|")
    base = [streamlit_seconds() for _ in range(args.repeats)]
    print(f"| `import streamlit` | {statistics.median(base):.2f} | {min(base):.2f} |")
    pages = sorted(p.stem for p in (ROOT / "pages").glob("*.py"))
    for page in pages:
        times = [import_seconds(page_imports(page)) for _ in range(args.repeats)]
        print(f"| pages/{page}.py's imports, after streamlit | {statistics.median(times):.2f} | {min(times):.2f} |",
              flush=True)
    print()
    for page in pages:
        print(f"pages/{page}.py's imports, self time by top-level package (s): "
              + ", ".join(f"{k} {v:.2f}" for k, v in by_package(page_imports(page))), flush=True)
    if args.skip_browser:
        return
    runs = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for _ in range(args.repeats):
            runs.append(cold_views(browser))
            print(".", end="", flush=True)
        browser.close()
    print("\n\n| cold start (fresh server, headless Chromium) | median s | min s |\n|---|---:|---:|")
    for key in runs[0]:
        values = [r[key] for r in runs]
        print(f"| {key} | {statistics.median(values):.1f} | {min(values):.1f} |")


if __name__ == "__main__":
    main()
