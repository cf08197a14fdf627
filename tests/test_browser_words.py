"""Real-browser tests of "Spam and languages": nothing clipped at the three sizes, a typed message shown exactly as
typed (markdown, LaTeX, HTML, entities, shortcodes and links stay text), and typing writes the link."""

import re
from urllib.parse import quote

from browser_utils import SKIP_WITHOUT_BROWSER, _assert_nothing_clipped, _idle, expect, open_copy_python

pytestmark = SKIP_WITHOUT_BROWSER

RAW = "$x$ **b** <#> &lt; :red[z] :smile: www.a.com £5 [l](http://x.y)"


def _ready(pg):
    expect(pg.locator("h1").first).to_be_visible(timeout=120_000)
    pg.locator('[data-testid="stPlotlyChart"] .legend').first.wait_for(state="attached", timeout=120_000)
    _idle(pg, 120_000)


def test_nothing_on_the_words_page_is_clipped(server, page):
    page.goto(server + "/words")
    _ready(page)
    _assert_nothing_clipped(page, "/words")
    assert page.locator('[data-testid="stException"]').count() == 0


def test_a_message_full_of_markup_is_shown_exactly_as_typed(server, page):
    page.goto(server + "/words?words_text=" + quote(RAW))
    _ready(page)
    shown = page.locator('[data-testid="stMarkdownContainer"]').filter(has_text="www").first.inner_text()
    flat = re.sub(r"\s+", "", shown.replace("\u2060", ""))  # ui.safe's invisible word joiners break autolinks
    assert re.sub(r"\s+", "", RAW) in flat
    assert page.locator('[data-testid="stMarkdownContainer"] a[href*="x.y"]').count() == 0
    assert page.locator('[data-testid="stMarkdownContainer"] .katex').count() == 0


def test_typing_a_message_writes_it_into_the_link(server, page):
    page.goto(server + "/words")
    _ready(page)
    box = page.locator('[data-testid="stTextArea"] textarea')
    box.fill("see you at lunch")
    box.press("Control+Enter")
    page.wait_for_url(re.compile(r"words_text=see"), timeout=60_000)
    expect(page.get_by_text("so ham").first).to_be_visible(timeout=60_000)


def test_copy_as_python_opens_beside_the_corpus_and_nothing_is_clipped(server, page):
    """Issue 30: the box opens from the first row of controls with the script and its download; at all three sizes
    nothing in it (or under it) is clipped."""
    page.goto(server + "/words?words_corpus=languages")
    _ready(page)
    open_copy_python(page, "char_wb", "words_view.py")
