"""What plotly.js alone costs to draw the explorer's five maps, against the floor page's one chart. A script.

    .venv/bin/python bench/bench_plotly.py [--repeats 9]

Builds the five figures of the explorer's default view (AppTest, as the page sends them) and the floor page's
figure (``../shared/bench/floor/app.py``: a 200-point scatter), then times ``Plotly.newPlot`` of each in a bare
page in Debian's headless Chromium (plotly.js from the plotly package, no Streamlit), from the call to the next
frame painted, after ``Plotly.purge``; the variants take turns in every round, the first two rounds are warm-up,
medians of the rest. Variants: as shipped; without the click targets; without the training points; without any
marker. It bounds what any change to the figures can win: the rest of a dataset switch is Streamlit's own
rendering of the page and the server.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import numpy as np  # noqa: E402
import plotly  # noqa: E402
import plotly.graph_objects as go  # noqa: E402
from apptest_utils import open_page  # noqa: E402
from browser_utils import CHROMIUM, FLAGS  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

KEYS = ["density_chart", "gen_posterior_chart", "marginal_chart", "disc_posterior_chart", "difference_chart"]
TARGETS = "click to probe"
MAP_WIDTH, FLOOR_WIDTH = 300, 704  # a map's column at 1600 px; Streamlit's centred main column

TIME = """async ([variants, rounds]) => {
  const out = variants.map(figs => figs.map(() => []));
  const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  const el = document.getElementById('g');
  for (let round = 0; round < rounds; round++) for (let v = 0; v < variants.length; v++)
    for (let i = 0; i < variants[v].length; i++) {
      const f = variants[v][i];
      Plotly.purge(el); await frame();
      const t0 = performance.now();
      await Plotly.newPlot(el, f.data, f.layout, {displayModeBar: false});
      await frame();
      out[v][i].push(performance.now() - t0);
    }
  return out; }"""


def explorer_figures() -> list:
    at = open_page("pages/explorer.py")
    return [json.loads(at.get_by_key(key).proto.spec) for key in KEYS]


def floor_figure() -> dict:
    X = np.random.default_rng(0).standard_normal((200, 2))
    return json.loads(go.Figure(go.Scatter(x=X[:, 0], y=X[:, 1], mode="markers")).to_json())


def variant(figs: list, name: str) -> list:
    out = copy.deepcopy(figs)
    for f in out:
        f["layout"]["width"] = MAP_WIDTH
        keep = {"as shipped": lambda t: True,
                "no click targets": lambda t: t.get("name") != TARGETS,
                "no training points": lambda t: t.get("type") != "scatter" or t.get("name") in (TARGETS, "colour bar"),
                "no markers at all": lambda t: t.get("type") != "scatter" or t.get("name") == "colour bar"}[name]
        f["data"] = [t for t in f["data"] if keep(t)]
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=9)
    args = parser.parse_args()
    figs = explorer_figures()
    floor = floor_figure()
    floor["layout"]["width"] = FLOOR_WIDTH
    names = ["as shipped", "no click targets", "no training points", "no markers at all"]
    variants = [variant(figs, n) for n in names] + [[floor]]
    plotly_js = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_text()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        page.set_content(f"<html><body><div id='g'></div><script>{plotly_js}</script></body></html>")
        times = page.evaluate(TIME, [variants, args.repeats])
        browser.close()
    medians = [[statistics.median(t[2:]) for t in v] for v in times]
    floor_ms = medians[-1][0]
    version = re.search(r"plotly\.js v([\d.]+)", plotly_js[:200])
    print(f"plotly.js {version.group(1) if version else '?'} (Streamlit 1.67 bundles 3.8.2), "
          f"{args.repeats - 2} rounds after 2 of warm-up; the floor's chart: {floor_ms:.0f} ms\n")
    print("| figures | " + " | ".join(KEYS) + " | five maps | × the floor's chart |")
    print("|---|" + "---:|" * (len(KEYS) + 2))
    for name, row in zip(names, medians):
        print(f"| {name} | " + " | ".join(f"{m:.0f}" for m in row) + f" | {sum(row):.0f} | {sum(row) / floor_ms:.1f} |")


if __name__ == "__main__":
    main()
