"""The printable one-pager holds every cheat-sheet row and every 60-second model answer, escaped; the cheat sheet
page offers it, and its glossary has an index and a filter that keeps every term's anchor."""

from __future__ import annotations

import html
import re

import pytest
from apptest_utils import APP, assert_clean
from streamlit.testing.v1 import AppTest

from core.cheatsheet import cheatsheet_rows
from core.glossary import GLOSSARY
from core.models import MODELS
from core.onepager import COLUMNS, one_pager
from core.quiz_topics import MODEL_ANSWERS, TOPICS
from ui.cheatsheet.panels import glossary_matches


@pytest.fixture(scope="module")
def page_html():
    return one_pager(cheatsheet_rows(), MODEL_ANSWERS, TOPICS)


def _text(document: str) -> str:
    """What a reader sees: tags out, entities resolved, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", document)).split())


def _plain(text: str) -> str:
    return " ".join(text.replace("*", "").split())


def test_it_holds_a_row_for_every_model_with_every_short_column(page_html):
    rows = re.findall(r"<tr>(.*?)</tr>", page_html.split("<tbody>")[1])
    assert len(rows) == len(MODELS) == len(cheatsheet_rows())
    for row, cells in zip(cheatsheet_rows(), rows):
        shown = [_text(c) for c in re.findall(r"<td>(.*?)</td>", cells)]
        assert shown == [_plain(str(row[k])) for k in COLUMNS]


def test_it_holds_every_model_answer_under_its_topic(page_html):
    text = _text(page_html)
    assert len(MODEL_ANSWERS) == 7
    for topic, answer in MODEL_ANSWERS.items():
        assert f"{TOPICS[topic]} {_plain(answer)}" in text


def test_it_is_one_document_with_print_css_and_no_script(page_html):
    assert page_html.startswith("<!DOCTYPE html>") and "@page { size: A4" in page_html
    assert "<script" not in page_html.lower() and "break-inside: avoid" in page_html


def test_markup_in_a_row_is_escaped():
    row = {k: "<b>x</b>" for k in COLUMNS}
    out = one_pager([row], {}, {})
    assert "<b>" not in out and "&lt;b&gt;x&lt;/b&gt;" in out


def test_the_glossary_filter_matches_every_word_in_a_term_or_its_definition():
    assert glossary_matches("") == list(GLOSSARY)
    assert "prior" in glossary_matches("PRIOR") and "likelihood" not in glossary_matches("prior refit")
    assert glossary_matches("no-such-word-anywhere") == []


def test_the_page_filters_its_glossary_and_keeps_the_anchors_of_the_terms_shown():
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/cheatsheet.py").run()
    assert_clean(at)
    assert any("On this page:" in m.value and "#glossary" in m.value for m in at.markdown)
    at.text_input(key="glossary_filter").set_value("prior").run()
    anchors = {h.proto.anchor for h in at.subheader}
    shown = {GLOSSARY[t]["anchor"] for t in glossary_matches("prior")}
    assert shown <= anchors and GLOSSARY["likelihood"]["anchor"] not in anchors
    at.text_input(key="glossary_filter").set_value("<b>nothing**").run()  # a user's string: compared, never shown
    assert not at.exception and any("No term holds every word" in c.value for c in at.caption)
    assert not any("<b>nothing" in m.value for m in at.markdown)
