"""Show a user's or a corpus's string as text inside ``st.markdown``, line breaks kept: each line goes through the
app's one helper for user strings (``ui.safe.md_text``: markdown, LaTeX ``$``, HTML, links and autolinks,
``:directive[...]`` all shown literally), and every colon is escaped too, since the page puts its own
highlighting directives (``:blue-background[word]``) right after a piece of text that may end in one."""

import re

from ui.safe import md_text

_BARE_COLON = re.compile(r"(?<!\\)((?:\\\\)*):")  # a colon after an even number of backslashes


def escape_text(text: str) -> str:
    lines = []
    for line in str(text).split("\n"):
        body = line.lstrip(" \t")
        indent = "\u00a0" * (len(line) - len(body))  # a no-break space per leading space: no code block
        lines.append(indent + _BARE_COLON.sub(r"\1\\:", md_text(body)))
    return "  \n".join(lines)
