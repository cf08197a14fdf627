"""A user's string is shown as text (issue 25): ui.safe on the injection corpus, then every page under AppTest with
crafted links, and the explorer with a CSV whose headers and labels are links."""

import json
import re
import time

import pytest
from apptest_utils import assert_clean, open_page
from hypothesis import given
from hypothesis import strategies as st
from injection_corpus import CORPUS, DISTINCT_LIST, EVIL, LINKS, LONG_LIST, LONG_VALUE, attack_csv

from ui.safe import SENTENCE_CHARS, VALUE_CHARS, WJ, clip, code_span, label_text, link_warning, md_text, one_line

PUNCT = re.escape("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# what Streamlit's markdown would read as markup in a source string (after a backslash escape, a character is text)
UNESCAPED = r"(?<!\\)(?:\\\\)*"
LIVE = {
    "link or image": re.compile(UNESCAPED + r"\]\("),
    "reference link": re.compile(UNESCAPED + r"\[[^\]]*" + UNESCAPED + r"\]"),
    "html or <autolink>": re.compile(UNESCAPED + r"<[A-Za-z/!?]"),
    "math": re.compile(UNESCAPED + r"\$"),
    "code": re.compile(UNESCAPED + r"`"),
    "entity": re.compile(UNESCAPED + r"&#?\w+;"),
    "emphasis": re.compile(UNESCAPED + r"(\*|~~|(?<![0-9A-Za-z])_\S)"),
    "heading or quote": re.compile(r"(^|\n)\s*(#|>)"),
}
# matched by Streamlit on text *after* escapes are resolved (mdast-util-gfm-autolink-literal, remark-directive,
# its :material_…:, remark-emoji), so a backslash does not stop them: only the word joiner does
ON_TEXT = {
    "url autolink": re.compile(r"(?i)(https?://|www\.)"),
    "email autolink": re.compile(r"[-.\w+]@[-\w]+\.\w"),
    "directive or shortcode": re.compile(r":[A-Za-z]"),
}


def resolved(source: str) -> str:
    """The text Streamlit shows for a source string of plain text: backslash escapes resolved."""
    return re.sub(r"\\([" + PUNCT + "])", r"\1", source)


def live_markup(source: str) -> list:
    """The kinds of markup that would be live in ``source`` (empty when it is all plain text)."""
    found = [k for k, pattern in LIVE.items() if pattern.search(source)]
    return found + [k for k, pattern in ON_TEXT.items() if pattern.search(resolved(source))]


# ---- the helper ----------------------------------------------------------------------------------

@pytest.mark.parametrize("raw", CORPUS)
def test_escaped_text_has_no_markup_and_shows_the_same_characters(raw):
    shown = md_text(raw)
    assert not live_markup(shown), (raw, shown)
    assert resolved(shown).replace(WJ, "") == one_line(raw)


@given(st.text(max_size=80))
def test_every_string_escapes_to_itself_as_text(raw):
    shown = md_text(raw)
    assert resolved(shown).replace(WJ, "") == one_line(raw)
    assert not live_markup(shown), shown


def test_the_checker_sees_what_the_raw_corpus_would_do():  # the oracle can fail: every attack is live unescaped
    for raw in CORPUS[:16]:
        assert live_markup(raw), raw


@pytest.mark.parametrize("raw", CORPUS)
def test_a_code_span_holds_any_value_and_breaks_its_autolinks(raw):
    span = code_span(raw)
    fence = re.match(r"`+", span).group()
    inner = span[len(fence) + 1:-len(fence) - 1]
    assert span.endswith(" " + fence) and fence not in inner
    assert inner.replace(WJ, "") == one_line(raw) and not ON_TEXT["url autolink"].search(inner)


@pytest.mark.parametrize("raw", CORPUS)
def test_a_file_name_is_inert_everywhere_and_short(raw):
    shown = label_text(raw)
    assert not live_markup(shown) and "<" not in shown and len(shown.replace(WJ, "")) <= VALUE_CHARS, shown


def test_clip_cuts_to_n_characters_on_one_line():
    assert clip("a\nb\tc") == "a b c" and clip("x" * 100, 10) == "x" * 9 + "…" and clip("short") == "short"


def test_one_warning_for_twenty_thousand_problems_each_value_cut_in_a_few_ms():
    problems = [f"Unknown topic {t!r}; topics are data, bayes." for t in (LONG_LIST + "," + DISTINCT_LIST).split(",")]
    problems.append(f"Ignored n={LONG_VALUE!r}: not an integer.")
    start = time.perf_counter()
    text = link_warning(problems)
    assert time.perf_counter() - start < 0.5
    assert text.startswith("Link: 2,002 problems") and "…and 1,997 more." in text
    lines = text.split("\n")
    assert len(lines) <= 2 + 5 + 1 and all(len(line) <= 2 * SENTENCE_CHARS for line in lines)
    assert not live_markup(text.split("\n\n", 1)[1].replace("\n- ", " "))
    assert link_warning([]) is None and link_warning(["a", "a"]) == "Link: a"
    long = link_warning([f"Ignored n={LONG_VALUE!r}: not an integer."])
    assert long.endswith("…': not an integer.") and len(long) < 100  # the value is cut, the reason stays


# ---- every page, crafted links (AppTest) -----------------------------------------------------------

SHOWN = ("markdown", "caption", "warning", "error", "info", "success", "toast")
LABELLED = ("slider", "select_slider", "selectbox", "multiselect", "radio", "checkbox", "toggle", "number_input",
            "text_input", "button", "expander", "tabs", "metric", "segmented_control", "pills", "file_uploader")


def shown_strings(at) -> list:
    """Every string the page sends as markdown: element bodies, widget labels and helps, option labels."""
    out = [e.value for kind in SHOWN for e in at.get(kind) if isinstance(getattr(e, "value", None), str)]
    for kind in LABELLED:
        for e in at.get(kind):
            proto = e.proto
            out += [getattr(proto, f) for f in ("label", "help", "body") if isinstance(getattr(proto, f, None), str)]
    return out


TO_EVIL = {  # in a page's own markdown (which has its own links and bold), what would carry the user's text live
    "markdown link or image": re.compile(UNESCAPED + r"\]\([^)]*" + EVIL),
    "html link or image": re.compile(UNESCAPED + r"<(a|img)\b", re.I),
    "colour directive": re.compile(UNESCAPED + r":[a-z-]+" + UNESCAPED + r"\["),
    "material icon": re.compile(":material/"),
}


def assert_no_live_link(at) -> list:
    """No string the page shows links to, or draws, the attacker's host; the strings that name it."""
    strings = [s for s in shown_strings(at) if EVIL in s.replace(WJ, "")]
    for s in strings:
        found = [k for k, pattern in TO_EVIL.items() if pattern.search(s)]
        found += [k for k in ("url autolink", "email autolink") if ON_TEXT[k].search(resolved(s))]
        assert not found, (found, s[:300])
    return strings


@pytest.mark.parametrize("page", list(LINKS))
def test_a_crafted_link_shows_one_warning_box_of_plain_text(page):
    start = time.perf_counter()
    at = open_page(page, LINKS[page], timeout=300)
    seconds = time.perf_counter() - start
    assert_clean(at)
    boxes = [w.value for w in at.warning if w.value.startswith("Link:")]
    assert len(boxes) == 1, boxes
    assert len(boxes[0]) < 2_000 and boxes[0].count("\n- ") <= 6, boxes[0][:500]
    assert not live_markup(boxes[0].removeprefix("Link:").split("\n\n")[-1].replace("\n- ", " ")), boxes[0]
    assert assert_no_live_link(at), "the crafted values were not echoed at all"
    assert seconds < 60


# ---- a CSV whose headers and labels are links ------------------------------------------------------

def _upload(content: bytes, name: str):
    at = open_page("pages/explorer.py")
    at.selectbox(key="dataset").set_value("csv").run()
    return at.file_uploader(key="csv_file").set_value((name, content, "text/csv")).run()


def test_a_csv_of_links_shows_its_names_as_text_on_every_element_and_chart():
    at = _upload(attack_csv(), "[f](https://evil.example/f).csv")
    assert_clean(at)
    assert assert_no_live_link(at)  # the prior caption, the P(y) slider, the notes, the probe line
    for chart in at.get("plotly_chart"):
        spec = json.dumps(json.loads(chart.proto.spec))
        assert "<a" not in spec and "<img" not in spec and "https://evil" not in spec


def test_a_bad_csv_names_its_file_and_columns_as_text():
    at = _upload(b"https://evil.example/x,[y](https://evil.example/y)\n1,2\n", "www.evil.example.csv")
    assert_clean(at)
    assert at.error and assert_no_live_link(at)


def test_the_column_picker_starts_at_the_first_column_that_varies():
    rows = "".join(f"5,{i % 7},{(i * 3) % 11},{'ab'[i % 2]}\n" for i in range(40))
    at = _upload(("c0,c1,c2,kind\n" + rows).encode(), "constant_first.csv")
    assert_clean(at)
    assert not at.error, [e.value for e in at.error]
    assert at.selectbox(key="csv_x1").value == "c1" and at.selectbox(key="csv_x2").value == "c2"
