"""Soak: one browser session takes a long seeded random walk over every page and control. A script, not a test.

    .venv/bin/python bench/bench_soak.py                  # 500 actions, seed 0
    .venv/bin/python bench/bench_soak.py --actions 800 --seed 3

Starts `streamlit run app.py`, opens it in Debian's Chromium (Playwright) and takes random actions, each on
what a visitor can reach at that moment: a page from the menu, or one visible, enabled control of the page
shown (a slider moved by arrow keys, now and then to an end; a select box, multiselect, radio or segmented
option; a toggle; a number typed or stepped; a button, the deep page's Train included; a small CSV uploaded;
an expander; an in-app link; a click on a chart). After each action it waits until the app is idle, then
reads the server's resident memory (VmRSS of the `streamlit` process, not the browser's) and counts exception
boxes, browser console errors and closed websockets.

Target (issue 14): no exception, and the server's RSS after 100 and after the last action within 15% of each
other: every cache is bounded (``max_entries``) and nothing in ``st.session_state`` grows with clicks.
The test suite keeps a shorter walk (tests/test_soak_walk.py, AppTest).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from browser_utils import CHROMIUM, FLAGS, IDLE  # noqa: E402
from playwright.sync_api import Error as PlaywrightError  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from serving import rss_mb, streamlit_server  # noqa: E402

CLICK_TIMEOUT_MS = 10_000  # a control that cannot be clicked by then counts as a miss
SETTLE_MS = 300  # a widget sends its value after a short debounce: wait that long before waiting for idle
RUN_TIMEOUT_MS = 120_000  # one rerun; the worst settings of a page take at most 20 s, a busy machine more
CHECKPOINTS = (100,)  # RSS is reported after these actions and after the last one

# (kind, selector of the elements it acts on, weight): a kind is picked by weight among those with an element
# on the page, then one of its visible, enabled elements
CONTROLS = (
    ("menu", '[data-testid="stSidebarNavLink"]', 5),
    ("sidebar", '[data-testid="stExpandSidebarButton"]', 4),  # presenter mode opens with the sidebar folded
    ("sidebar", '[data-testid="stSidebarCollapseButton"] button', 1),
    ("slider", '[data-testid="stSlider"]', 6),
    ("selectbox", '[data-testid="stSelectbox"]', 4),
    ("multiselect", '[data-testid="stMultiSelect"]', 2),
    ("radio", '[data-testid="stRadio"] label', 2),
    ("toggle", '[data-testid="stCheckbox"]', 2),
    ("segmented", '[data-testid="stButtonGroup"] button', 2),
    ("upload", '[data-testid="stFileUploader"] input[type="file"]', 1),
    ("number", '[data-testid="stNumberInput"]', 2),
    ("button", '[data-testid="stButton"] button, [data-testid="stFormSubmitButton"] button', 4),
    ("download", '[data-testid="stDownloadButton"] button', 1),
    ("expander", '[data-testid="stExpander"] summary', 1),
    ("link", '[data-testid="stPageLink"] a', 1),
    ("chart", '[data-testid="stPlotlyChart"] .nsewdrag', 2),
)


def wait_idle(page):
    page.wait_for_timeout(SETTLE_MS)
    page.wait_for_selector(IDLE, timeout=RUN_TIMEOUT_MS)


_ON_SCREEN = "e => { const r = e.getBoundingClientRect(); return r.right > 0 && r.width > 0; }"


def _visible(locator, hidden_ok: bool = False) -> list:
    """The enabled elements of ``locator`` a visitor can see (``hidden_ok``: a file input, hidden by design).

    A folded sidebar's contents count as visible to Playwright, but lie left of the screen."""
    out = []
    for element in locator.all():
        try:
            if (hidden_ok or (element.is_visible() and element.evaluate(_ON_SCREEN))) and element.is_enabled():
                out.append(element)
        except PlaywrightError:  # detached by a rerun meanwhile
            pass
    return out


def _label(element) -> str:
    text = " ".join((element.get_attribute("aria-label") or element.inner_text() or "?").split())
    return text[:40]


def _pick_option(page, rng) -> str:
    options = _visible(page.locator('[role="listbox"] [role="option"]'))
    if not options:
        page.keyboard.press("Escape")
        return "no option"
    option = rng.choice(options)
    name = _label(option)
    option.click()
    return name


def act(page, kind: str, element, rng) -> str:
    """Do one thing to ``element`` (of ``kind``); return what was done, for the log."""
    if kind == "slider":
        thumb = element.locator('input[type="range"]').first
        name = thumb.get_attribute("aria-label") or "?"
        thumb.focus()
        if rng.random() < 0.05:  # now and then to an end: the expensive settings are visited too
            key, presses = rng.choice(["Home", "End"]), 1
        else:
            key, presses = rng.choice(["ArrowLeft", "ArrowRight"]), rng.randint(1, 3)
        for _ in range(presses):
            page.keyboard.press(key)
        return f"{name}: {key} x{presses}"
    if kind in ("selectbox", "multiselect"):
        name = _label(element.locator("label").first) if element.locator("label").count() else "?"
        if kind == "multiselect" and rng.random() < 0.4 and element.locator('[role="button"][aria-label^="Delete"], '
                                                                            'span[role="button"]').count():
            element.locator("input").first.click()
            page.keyboard.press("Backspace")  # removes the last tag
            page.keyboard.press("Escape")
            return f"{name}: removed the last"
        element.click()
        chosen = _pick_option(page, rng)
        if kind == "multiselect":
            page.keyboard.press("Escape")
        return f"{name}: {chosen}"
    if kind == "number":
        field = element.locator("input").first
        name = field.get_attribute("aria-label") or _label(element)
        if rng.random() < 0.5:
            step = rng.choice(['[data-testid="stNumberInputStepUp"]', '[data-testid="stNumberInputStepDown"]'])
            if element.locator(step).is_enabled():
                element.locator(step).click()
                return f"{name}: {'+' if 'Up' in step else '-'}1 step"
        low, high = (float(field.get_attribute(a) or d) for a, d in (("min", -100), ("max", 100)))
        value = rng.randint(int(max(low, -100)), int(min(high, 100)))
        field.fill(str(value))
        field.press("Enter")
        return f"{name}: {value}"
    if kind == "upload":  # a small labelled CSV, now and then with a bad row
        rows = [f"{rng.gauss(0, 1):.3f},{rng.gauss(0, 1):.3f},{rng.choice('ab')}" for _ in range(rng.randint(5, 300))]
        if rng.random() < 0.2:
            rows.append("not,a,number")
        element.set_input_files(files=[{"name": "points.csv", "mimeType": "text/csv",
                                        "buffer": ("x1,x2,label\n" + "\n".join(rows)).encode()}])
        return f"uploaded {len(rows)} rows"
    if kind == "chart":
        box = element.bounding_box()
        element.scroll_into_view_if_needed()
        box = element.bounding_box() or box
        if box:
            page.mouse.click(box["x"] + rng.uniform(0.05, 0.95) * box["width"],
                             box["y"] + rng.uniform(0.05, 0.95) * box["height"])
        return "click on a chart"
    name = _label(element)
    element.click()
    return name


def walk(page, rng, n_actions: int, server_pid: int, log=print, tsv=None) -> dict:
    """``n_actions`` random actions; returns RSS per action, exceptions, console errors, closed sockets, times.

    ``tsv``: an open file that gets one line per action as it is taken."""
    problems = {"console": [], "sockets": 0}
    page.on("console", lambda m: problems["console"].append(m.text[:200]) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems["console"].append(f"page error: {e}"[:200]))
    page.on("websocket", lambda ws: ws.on("close", lambda _: problems.__setitem__("sockets", problems["sockets"] + 1)))
    steps, exceptions = [], []
    while len(steps) < n_actions:
        i = len(steps) + 1
        page_name = page.url.split("/")[-1].split("?")[0] or "overview"
        usable = [(kind, elements, w) for kind, sel, w in CONTROLS
                  if (elements := _visible(page.locator(sel), hidden_ok=kind == "upload"))]
        start = time.perf_counter()
        if not usable:  # between two pages: nothing to act on yet
            wait_idle(page)
            continue
        kind, elements, _ = rng.choices(usable, weights=[w for *_, w in usable])[0]
        element = rng.choice(elements)
        try:
            if kind != "upload":
                element.scroll_into_view_if_needed()
            what = act(page, kind, element, rng)
        except PlaywrightError as exc:  # a rerun replaced the element under the cursor: a miss, not a bug
            what = f"missed ({str(exc).splitlines()[0][:60]})"
            page.keyboard.press("Escape")
        wait_idle(page)
        step = dict(n=i, page=page_name, kind=kind, what=what, seconds=time.perf_counter() - start,
                    rss=rss_mb([server_pid]))
        steps.append(step)
        if tsv is not None:
            tsv.write("\t".join(str(step[k]) for k in ("n", "page", "kind", "what")) +
                      f"\t{step['seconds']:.2f}\t{step['rss']:.1f}\n")
            tsv.flush()
        boxes = page.locator('[data-testid="stException"]')
        if boxes.count():
            exceptions.append((step, boxes.first.inner_text()[:300]))
        if i % 25 == 0 or i in CHECKPOINTS:
            log(f"{i:4d} actions: server RSS {step['rss']:6.1f} MB, last {page_name}/{kind}: {what} "
                f"({step['seconds']:.1f} s); exceptions {len(exceptions)}, console errors {len(problems['console'])}")
    return dict(steps=steps, exceptions=exceptions, **problems)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--log", type=Path, help="a TSV of every action (page, kind, what, seconds, RSS), as it goes")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with streamlit_server() as served, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        page.set_default_timeout(CLICK_TIMEOUT_MS)
        page.goto(f"http://localhost:{served.port}/", timeout=RUN_TIMEOUT_MS)
        wait_idle(page)
        start_rss = rss_mb([served.root_pid])
        print(f"server RSS after the first page: {start_rss:.1f} MB")
        start = time.perf_counter()
        with open(args.log or os.devnull, "w") as tsv:
            tsv.write("n\tpage\tkind\twhat\tseconds\trss_mb\n")
            result = walk(page, rng, args.actions, served.root_pid, tsv=tsv)
        took = time.perf_counter() - start
        browser.close()
    steps = result["steps"]
    rss, seconds = [s["rss"] for s in steps], [s["seconds"] for s in steps]
    print(f"\n{args.actions} actions (seed {args.seed}) in {took / 60:.1f} min; per action median "
          f"{statistics.median(seconds):.2f} s, max {max(seconds):.1f} s")
    for what in ("page", "kind"):
        counts = Counter(s[what] for s in steps)
        print(f"actions per {what}: " + ", ".join(f"{k} {n}" for k, n in counts.most_common()))
    print(f"server RSS: start {start_rss:.1f} MB, peak {max(rss):.1f} MB")
    verdict = True
    for n in CHECKPOINTS:
        if n < len(rss):
            change = rss[-1] / rss[n - 1] - 1
            ok = abs(change) <= 0.15
            verdict &= ok
            print(f"server RSS after {n} actions {rss[n - 1]:.1f} MB, after {len(rss)} {rss[-1]:.1f} MB: "
                  f"{100 * change:+.1f}% (target within 15%: {'ok' if ok else 'MISSED'})")
    print(f"exceptions: {len(result['exceptions'])}; console errors: {len(result['console'])}; "
          f"websockets closed: {result['sockets']}")
    for item in result["exceptions"][:10]:
        print("  exception after action", item)
    for text in sorted(set(result["console"]))[:10]:
        print("  console:", text)
    print("slowest actions:")
    for s in sorted(steps, key=lambda s: s["seconds"])[-5:][::-1]:
        print(f"  #{s['n']} {s['seconds']:.1f} s  {s['page']}/{s['kind']}: {s['what']}")
    return 0 if verdict and not result["exceptions"] else 1


if __name__ == "__main__":
    sys.exit(main())
