"""A user's string (a link value, a CSV header or label, a file name) shown as text, never as markup.

Pure Python. Streamlit's markdown (st.markdown, st.caption, st.warning, widget labels) reads, beyond CommonMark:
GFM autolinks (``https://…``, ``www.…``, ``a@b.c``, found in text *after* backslash escapes are resolved),
``:name[…]`` directives (``:red-background[…]``), ``:material/icon:``, ``:emoji:`` and ``:streamlit:``
shortcodes, ``$…$`` KaTeX, and raw HTML. Backslash escapes stop the CommonMark and math constructs; an invisible
word joiner (U+2060) breaks the ones matched on the text itself (``https:⁠//``, ``www⁠.``, ``⁠@``, ``:⁠name``).
"""

from __future__ import annotations

import re

WJ = "\u2060"  # word joiner: invisible, no line break, and no markdown construct matches across it
VALUE_CHARS = 40  # a value from a link is cut to this many characters in a message
SENTENCE_CHARS = 240
SHOWN_PROBLEMS = 5

_ALWAYS = set("\\`*[]<>#&|~$")  # escaped wherever they stand
_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")  # emphasis needs a non-alphanumeric neighbour
_TEXT_LINKS = (
    (re.compile(r":(?=\S)"), ":" + WJ),  # directives, :material/…:, :emoji:, and scheme://
    (re.compile(r"(?i)(www)(?=\.)"), r"\1" + WJ),  # www.example autolinks
    (re.compile(r"(?<=[-.+\w])@"), WJ + "@"),  # a@b.example becomes mailto:
)
# look-alikes for a name that also goes into plotly's HTML-like labels and LaTeX, where a backslash is no escape
_LOOK_ALIKE = str.maketrans({"<": "‹", ">": "›", "*": "∗", "_": "‗", "`": "ʹ", "$": "＄", "\\": "∖", "{": "(",
                             "}": ")", "[": "(", "]": ")", "&": "＆", "#": "＃", "^": "ˆ", "~": "∼", "|": "¦",
                             "%": "％"})


def one_line(value) -> str:
    """``value`` as a string on one line: runs of whitespace and control characters become one space."""
    text = "".join(c if c.isprintable() or c.isspace() else " " for c in str(value))
    return " ".join(text.split())


def clip(value, n: int = VALUE_CHARS) -> str:
    """``value`` on one line, cut to at most ``n`` characters (an ellipsis marks the cut)."""
    text = one_line(value)
    return text if len(text) <= n else text[: n - 1] + "…"


def break_links(text: str) -> str:
    """Insert word joiners where Streamlit would find an autolink, a directive or a shortcode in plain text."""
    for pattern, repl in _TEXT_LINKS:
        text = pattern.sub(repl, text)
    return text


def md_text(value) -> str:
    """``value`` escaped for Streamlit markdown: it shows as the same characters (on one line), never as markup."""
    text = one_line(value)
    text = "".join("\\" + c if c in _ALWAYS else c for c in text)
    text = _UNDERSCORE.sub(r"\\_", text)
    text = re.sub(r"^([-+=])", r"\\\1", re.sub(r"^(\d{1,9})([.)])", r"\1\\\2", text))  # a list item at line start
    return break_links(text)


def code_span(value) -> str:
    """``value`` as an inline code span: a fence longer than any run of backticks inside it."""
    text = break_links(one_line(value))
    fence = "`" * (max((len(r) for r in re.findall(r"`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}"


def label_text(value, n: int = VALUE_CHARS) -> str:
    """A name from a user's file for markdown, LaTeX and plotly labels alike: markup characters become inert
    look-alikes (‹b› for <b>), autolinks and shortcodes are broken, and it is cut to ``n`` characters."""
    return break_links(clip(str(value).translate(_LOOK_ALIKE), n))


def _short_word(word: str) -> str:
    """A long word (a value) cut to ``VALUE_CHARS``, keeping the quote and punctuation that close it."""
    if len(word) <= VALUE_CHARS:
        return word
    body = word.rstrip("'\":;,.)]}")
    return clip(body) + word[len(body):][:4]


def _short_words(sentence: str) -> str:
    return " ".join(_short_word(word) for word in one_line(sentence).split(" "))


def link_warning(problems, shown: int = SHOWN_PROBLEMS) -> str | None:
    """One markdown message for every problem of a link (None if there is none): the first ``shown`` distinct
    ones, each value cut to ``VALUE_CHARS`` and the sentence to ``SENTENCE_CHARS``, escaped; then how many more."""
    distinct = list(dict.fromkeys(problems))
    if not distinct:
        return None
    items = [md_text(clip(_short_words(p), SENTENCE_CHARS)) for p in distinct[:shown]]
    more = len(distinct) - len(items)
    tail = f"\n- …and {more:,} more." if more else ""
    if len(items) == 1 and not more:
        return f"Link: {items[0]}"
    return f"Link: {len(distinct):,} problems; the rest of the link applies.\n\n" + "\n".join(
        f"- {item}" for item in items) + tail
