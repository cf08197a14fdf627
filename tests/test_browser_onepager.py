"""The printable one-pager prints on at most two A4 pages in Chromium (page.pdf, format A4)."""

from __future__ import annotations

import re

from browser_utils import SKIP_WITHOUT_BROWSER

from core.cheatsheet import cheatsheet_rows
from core.onepager import one_pager
from core.quiz_topics import MODEL_ANSWERS, TOPICS

pytestmark = SKIP_WITHOUT_BROWSER


def test_the_one_pager_prints_on_two_a4_pages(page):
    page.set_content(one_pager(cheatsheet_rows(), MODEL_ANSWERS, TOPICS))
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page(?![a-z])", pdf))
    assert 1 <= pages <= 2, pages
