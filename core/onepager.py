"""The printable one-pager: the cheat sheet's short table and the quiz's 60-second model answers in one HTML file.

Pure Python (no streamlit): ``one_pager(rows, answers, topics)`` returns a self-contained HTML document with print
CSS (A4, small type, no page break inside a table row or an answer) that prints on two A4 pages;
``tests/cheatsheet/test_onepager.py`` checks it holds every model row and every answer, and
``tests/test_browser_onepager.py`` prints it to PDF in Chromium and counts the pages.
"""

from __future__ import annotations

import html
import re

from core.cheatsheet import AT_A_GLANCE, LEGEND

TITLE = "Generative vs discriminative classifiers: the one-pager"
COLUMNS = {**AT_A_GLANCE, "formula": "Parameters (d features, K classes)"}

CSS = """
@page { size: A4; margin: 11mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "Source Sans 3", Arial, sans-serif; font-size: 8.6pt; line-height: 1.32;
       color: #111; margin: 0 auto; max-width: 190mm; }
h1 { font-size: 13pt; margin: 0 0 2mm; }
h2 { font-size: 10.5pt; margin: 3.5mm 0 1.5mm; border-bottom: 0.4pt solid #999; }
h3 { font-size: 9pt; margin: 2.2mm 0 0.6mm; }
p { margin: 0 0 1.2mm; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.4pt solid #bbb; padding: 0.6mm 1.2mm; text-align: left; vertical-align: top; }
th { background: #eee; }
tr, .answer { break-inside: avoid; page-break-inside: avoid; }
.small { font-size: 7.6pt; color: #333; }
@media screen { body { padding: 8mm; font-size: 11pt; } .small { font-size: 9.5pt; } }
"""


def _inline(text: str) -> str:
    """Plain text (the app's words, with *emphasis*) as HTML: escaped, then emphasis as <em>."""
    return re.sub(r"\*([^*]+)\*", r"<em>\1</em>", html.escape(text, quote=False))


def one_pager(rows: list, answers: dict, topics: dict) -> str:
    """The one-pager as an HTML document: every row of ``rows`` (``core.cheatsheet.cheatsheet_rows``) in one table,
    then every model answer of ``answers`` (topic -> text) under its topic's title from ``topics``."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in COLUMNS.values())
    body = "".join("<tr>" + "".join(f"<td>{_inline(str(row[k]))}</td>" for k in COLUMNS) + "</tr>" for row in rows)
    sections = "".join(f'<div class="answer"><h3>{html.escape(topics[t])}</h3><p>{_inline(answers[t])}</p></div>'
                       for t in answers)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(TITLE)}</title>'
            f"<style>{CSS}</style></head><body><h1>{html.escape(TITLE)}</h1>"
            "<h2>Every model at a glance</h2>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
            f'<p class="small">{_inline(LEGEND)}</p>'
            "<h2>The 60-second answers</h2>"
            f"{sections}</body></html>")
