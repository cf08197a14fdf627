"""Real-browser test of issue 25's "Must hold": crafted links on every page and a CSV whose headers and labels are
links put no <a> or <img> pointing at the attacker's host into the page, no coloured fake alert, no icon, no math,
and one warning box for all of a link's problems. Only a browser runs Streamlit's markdown (GFM autolinks,
directives, KaTeX); AppTest sees the markdown source (tests/test_safe.py checks that)."""

from urllib.parse import urlencode

import pytest
from browser_utils import SKIP_WITHOUT_BROWSER, _explorer_ready, _idle, expect, upload_csv
from injection_corpus import EVIL, LINKS, URL_PATHS, attack_csv

pytestmark = SKIP_WITHOUT_BROWSER

BROWSER_VALUE = 10_000  # a request line over Tornado's 64 KB header limit is refused before the app sees it

LIVE_JS = """evil => {
  const outside = [...document.querySelectorAll('a[href], img[src], image, [src], [href]')]
    .map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('xlink:href') || '')
    .filter(u => u.includes(evil));
  const alerts = [...document.querySelectorAll('[data-testid="stAlert"]')];
  return {
    outside,
    links_to_evil_text: [...document.querySelectorAll('a')].filter(a => a.textContent.includes(evil)).length,
    coloured: [...document.querySelectorAll('.has-background-color, span[style*="color"]')]
      .filter(e => e.textContent.includes('session expired')).length,
    icons: [...document.querySelectorAll('[data-testid="stAlert"] span[role="img"]')].map(e => e.textContent),
    math: document.querySelectorAll('[data-testid="stAlert"] .katex').length,
    alerts: alerts.length,
    link_alerts: alerts.filter(a => a.textContent.includes('Link:')).map(a => a.textContent.length),
  };
}"""


def _query(params: dict) -> str:
    return urlencode({k: v[:BROWSER_VALUE] for k, v in params.items()})


def assert_nothing_live(page, alerts_at_most: int = 4):
    seen = page.evaluate(LIVE_JS, EVIL)
    assert not seen["outside"] and not seen["links_to_evil_text"], seen
    assert not seen["coloured"] and not seen["math"], seen
    assert all(icon in ("", "🔗") or len(icon) <= 2 for icon in seen["icons"]), seen  # no :material/…: icon
    assert seen["alerts"] <= alerts_at_most and len(seen["link_alerts"]) <= 1, seen
    assert all(n < 2_000 for n in seen["link_alerts"]), seen
    return seen


@pytest.mark.parametrize("page_file", list(LINKS))
def test_a_crafted_link_draws_no_foreign_link_image_or_alert(server, page, page_file):
    page.goto(f"{server}{URL_PATHS[page_file]}?{_query(LINKS[page_file])}")
    warning = page.locator('[data-testid="stAlert"]').filter(has_text="Link:")
    expect(warning).to_have_count(1, timeout=120_000)
    _idle(page, timeout=120_000)
    expect(warning).to_contain_text(EVIL)  # the crafted values are there, as text
    seen = assert_nothing_live(page)
    assert seen["link_alerts"] and page.locator('[data-testid="stException"]').count() == 0


def test_a_csv_whose_headers_and_labels_are_links_shows_them_as_text(server, page, tmp_path):
    path = tmp_path / "www.evil.example.csv"
    path.write_bytes(attack_csv())
    upload_csv(page, server, path)
    _explorer_ready(page)
    expect(page.locator('[data-testid="stMain"]')).to_contain_text(EVIL, timeout=30_000)  # names shown, as text
    assert_nothing_live(page)
    assert page.locator('[data-testid="stException"]').count() == 0
