"""A copy of ../shared/bench/moment_check.py (read-only there) whose quiz step picks an option of the answer radio.

The moment check (issue "moment", turn 3): what a lecturer and a candidate need is on the first screen.
Usage: moment_check.py BASE_URL REPO_DIR
(1) presenter mode at 1280x720: after "Next scene", the scene's lesson (its first words) is on the first screen in
    text >= 18 px, and the scene box names the scene; (2) after a click on the generative posterior map, a line with
    x* with both models' probabilities (two "P(… x*) = 0.dd") is on the first screen; (3) the quiz at 1280x720: after
    picking a choice of the answer radio and Check, the verdict ("Right" / "Not quite") is on the first screen; the
    explorer outside presenter mode (sidebar open) has a map with a plot area >= 200 px wide on the first screen; (4) the README names `streamlit run app.py` in its first 25 lines and has
    <= 1,500 words."""
import importlib, re, sys
sys.excepthook = lambda t, e, tb: print(f"moment: {t.__name__}: {str(e).splitlines()[0][:200] if str(e) else ''}")
from playwright.sync_api import sync_playwright
BASE, REPO = sys.argv[1], sys.argv[2]
sys.path.insert(0, REPO)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
scenes = None
import pkgutil, ui
for mod in ["ui.scenes", "ui.explorer.scenes"] + [m.name for m in pkgutil.walk_packages(ui.__path__, "ui.")]:
    try: scenes = importlib.import_module(mod).SCENES; break
    except Exception: pass
plain = lambda s: re.sub(r"[*_`$]", "", s)
starts = [" ".join(plain(s.lesson).split()[:5]) for s in scenes.values()] if scenes else []
titles = [plain(s.title) for s in scenes.values()] if scenes else []
ON_SCREEN = """([needle, minpx]) => { const out = []; const re = new RegExp(needle);
  const txt = e => (e.innerText || '').replace(/\\s+/g, ' ');
  for (const e of document.querySelectorAll('p, li, div, span, h1, h2, h3, h4, h5, td')) {
    const t = txt(e);
    if (t.length > 600 || !re.test(t)) continue;
    if ([...e.children].some(c => re.test(txt(c)))) continue;   // the deepest element that holds the words
    const r = e.getBoundingClientRect(); if (r.width === 0 || r.top < 0 || r.bottom > innerHeight) continue;
    out.push(parseFloat(getComputedStyle(e).fontSize)); }
  return out.filter(x => x >= minpx).length; }"""
COUNT_ON_SCREEN = """([needle]) => { const re = new RegExp(needle, 'g'); let n = 0;
  const txt = e => (e.innerText || '').replace(/\\s+/g, ' ');
  for (const e of document.querySelectorAll('p, li, div, span, td, .katex')) {
    const t = txt(e); if (t.length > 600 || !new RegExp(needle).test(t)) continue;
    if ([...e.children].some(c => new RegExp(needle).test(txt(c)))) continue;
    const r = e.getBoundingClientRect(); if (r.width === 0 || r.top < 0 || r.bottom > innerHeight) continue;
    n += (t.match(re) || []).length; }
  return n; }"""
def settle(page):
    page.wait_for_selector(IDLE, timeout=90000); page.wait_for_timeout(1200); page.wait_for_selector(IDLE, timeout=90000)
def esc(s): return re.escape(s).replace("\\ ", "\\s+")
bad = []
if not scenes: bad.append("no SCENES (ui.scenes or ui.explorer.scenes)")
with sync_playwright() as p:
    b = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
    page = b.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{BASE}/explorer?present=1"); settle(page)
    page.get_by_role("button", name=re.compile("Next scene")).first.click(); settle(page)
    if starts and not any(page.evaluate(ON_SCREEN, [esc(s), 18]) for s in starts):
        bad.append("presenter 1280x720: no scene lesson on the first screen in >= 18 px text after Next scene")
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=re.compile('scene', re.I)).first.inner_text()
    if titles and not any(t[:25] in box for t in titles):
        bad.append(f"presenter: the scene box reads {box.strip()[:40]!r}, not the scene's title")
    drag = page.locator('[data-testid="stPlotlyChart"]').nth(1).locator(".nsewdrag").first
    bb = drag.bounding_box()
    page.mouse.click(bb["x"] + bb["width"] * 0.4, bb["y"] + bb["height"] * 0.45); settle(page)
    PROB = r"P\s*\([^)]*x\s*[*∗⋆][^)]*\)\s*=[^0-9]*\d?\.\d\d"   # P(B | x*) = 0.47 (text or KaTeX)
    if page.evaluate(COUNT_ON_SCREEN, [PROB]) < 2:
        bad.append("presenter 1280x720: after a click on the map no line with both models' P(y | x*) on the first screen")
    q = b.new_page(viewport={"width": 1280, "height": 720})
    q.goto(f"{BASE}/quiz"); settle(q)
    # an option of the answer radio: the stRadio's first <label> is the widget's own label ("Your answer"), which
    # selects nothing (../shared/bench/moment_check.py clicks it, so Check then has no choice to judge)
    q.locator('[data-testid="stRadio"]').filter(has_text=re.compile("answer", re.I)).first.locator('[role=radiogroup] label').first.click(); settle(q)
    q.get_by_role("button", name=re.compile("^Check")).first.click(); settle(q)
    alerts = [a.bounding_box() for a in q.locator('[data-testid="stAlert"]').filter(has_text=re.compile("Right|Not quite")).all()]
    if not any(a and a["y"] >= 0 and a["y"] + a["height"] <= 720 for a in alerts):
        bad.append("quiz 1280x720: the verdict (Right / Not quite) after Check is not on the first screen")
    n = b.new_page(viewport={"width": 1280, "height": 720})
    n.goto(f"{BASE}/explorer"); settle(n)
    drags = [d.bounding_box() for d in n.locator('[data-testid="stPlotlyChart"] .nsewdrag').all()]
    if not any(d and d["y"] >= 0 and d["y"] + d["height"] <= 720 and d["width"] >= 200 for d in drags):
        bad.append("explorer 1280x720 (sidebar open): no map with a plot area >= 200 px wide on the first screen")
    b.close()
readme = open(f"{REPO}/README.md", encoding="utf-8").read()
head = "\n".join(readme.splitlines()[:25])
if "streamlit run app.py" not in head: bad.append("README: `streamlit run app.py` not in its first 25 lines")
words = len(readme.split())
if words > 1500: bad.append(f"README: {words} words (want <= 1,500; the rest in docs/)")
if bad: print("; ".join(bad[:5])); sys.exit(1)
print(f"moment: lesson and probe on the projector's first screen, quiz verdict in view, README {words} words")
