"""Show a user's or a corpus's string as text inside ``st.markdown``, line breaks kept: each line goes through the
app's one helper for user strings (``ui.safe.md_text``: markdown, LaTeX ``$``, HTML, links and autolinks,
``:directive[...]`` all shown literally)."""

from ui.safe import md_text


def escape_text(text: str) -> str:
    lines = []
    for line in str(text).split("\n"):
        body = line.lstrip(" \t")
        indent = "\u00a0" * (len(line) - len(body))  # a no-break space per leading space: no code block
        lines.append(indent + md_text(body))
    return "  \n".join(lines)
