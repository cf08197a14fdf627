"""Show a user's or a corpus's string as text inside ``st.markdown`` (to be swapped for the shared ``ui/safe.py``).

Every ASCII punctuation mark gets a backslash (CommonMark lets any be escaped), which stops markdown, LaTeX ``$``,
HTML tags and entities (``&lt;``), links and autolinks (``www.``, ``http:``, ``a@b``), emoji shortcodes and
``:directive[...]``. Line breaks stay line breaks; leading spaces stay (no code block).
"""

import re
import string

_PUNCT = re.compile("([" + re.escape(string.punctuation) + "])")


def escape_text(text: str) -> str:
    lines = []
    for line in str(text).split("\n"):
        body = line.lstrip(" \t")
        indent = "\u00a0" * (len(line) - len(body))  # a no-break space per leading space: no code block
        lines.append(indent + _PUNCT.sub(r"\\\1", body))
    return "  \n".join(lines)
