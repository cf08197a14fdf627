"""The cheat sheet page's panels and words: every registry model in two short tables and one card each,
the downloads, what to notice, the glossary.

The rows come from ``core.cheatsheet`` (the registry plus fitted models), the glossary from
``core.glossary``; the sentences here are built from the rows and formulas they describe and are
checked in ``tests/cheatsheet/test_cheatsheet.py``.
"""

from __future__ import annotations

import streamlit as st

from core.cheatsheet import (
    APPETITE,
    AT_A_GLANCE,
    LEGEND,
    MISSING_SHORT,
    cheatsheet_rows,
    n_parameters,
    to_csv,
    to_markdown,
)
from core.glossary import GLOSSARY
from core.models import GENERATIVE, MODELS
from core.onepager import one_pager
from core.quiz_topics import MODEL_ANSWERS, TOPICS

INTRO = ("Every model in this app, named as in the sidebars: its family, what it models and what that lets it "
         "do. The tables are generated from the app's model registry and from each model fitted once on a small "
         "dataset, so they say what the code does; the glossary below defines the terms the pages use, and their "
         "links lead here.")

TABLE_HEADER, TABLE_ROW = 64, 35  # px: a fixed height the table reserves before it loads, so nothing below moves
CARD_WIDTH = 330  # px: cards wrap, one a row on a phone, two at 1280 px with the sidebar open, four at 1920 px
TEXT_WIDTH = 880  # px: the glossary's lines stay readable on a wide screen

HELP = {  # what the short columns mean: shown under the table and as the headers' tooltips
    "Samples": "the fitted model has a sample method that draws new (x, y), y from P(y), then x from p(x | y).",
    "p(x)": "it scores p(x) = Σₖ P(k) p(x | k) (a log_px method).",
    "Missing feature": (f"what it does with a NaN for one feature at prediction time: {MISSING_SHORT['integrates']} "
                        f"of p(x | y); a {MISSING_SHORT['runs']} down one branch of each split (scikit-learn's "
                        f"trees); an {MISSING_SHORT['error']}, as it needs every value."),
}

CARD_FIELDS = (("models", "What it models"), ("boundary", "Boundary"), ("sample", "Can sample"),
               ("score", "Scores p(x)"), ("missing", "A missing feature"))


# No arguments: one entry by construction; max_entries says so, as every other cache in ui/ bounds its size
@st.cache_resource(max_entries=1, show_spinner="Fitting every model once to fill the tables…")
def rows() -> list:
    """The cheat sheet's rows (every model fitted once on the probe data: 1-2 s, once per process)."""
    return cheatsheet_rows()


# ---- panels ----------------------------------------------------------------------------------------

def _table(rows: list, columns: dict, key: str) -> None:
    config = {header: st.column_config.TextColumn(header, pinned=(k == "model"), help=HELP.get(header))
              for k, header in columns.items()}
    st.dataframe([{header: row[k] for k, header in columns.items()} for row in rows], hide_index=True,
                 column_config=config, key=key, height=TABLE_HEADER + TABLE_ROW * len(rows))


def table_section(rows: list) -> None:
    """The short forms in two narrow tables, the parameter counts with their legend. A short caption
    above each table leaves room for the table's toolbar, which covers the line above it."""
    st.caption("On a phone, swipe a table sideways: the model names stay.")
    _table(rows, AT_A_GLANCE, "cheatsheet_glance")
    st.caption(" ".join(f"**{header}**: {text}" for header, text in HELP.items()))
    st.subheader("Data appetite: numbers each model fits", anchor="parameters")
    st.caption("At the registry's default settings.")
    _table(rows, APPETITE, "cheatsheet_parameters")
    st.caption(LEGEND)


def downloads(rows: list) -> None:
    """Every column in full, as CSV and as Markdown, and the printable one-pager (this table and the quiz's
    60-second answers, two A4 pages); a click downloads without rerunning the page."""
    with st.container(horizontal=True):
        st.download_button("Download CSV", to_csv(rows), file_name="generative-vs-discriminative.csv",
                           mime="text/csv", on_click="ignore", key="cheatsheet_csv", icon=":material/download:")
        st.download_button("Download Markdown", to_markdown(rows), file_name="generative-vs-discriminative.md",
                           mime="text/markdown", on_click="ignore", key="cheatsheet_md",
                           icon=":material/download:")
        st.download_button("Printable one-pager", one_pager(rows, MODEL_ANSWERS, TOPICS),
                           file_name="generative-vs-discriminative-one-pager.html", mime="text/html",
                           on_click="ignore", key="cheatsheet_print", icon=":material/print:",
                           help="The table above and the interview prep's seven 60-second answers in one HTML "
                                "file: open it and print (two A4 pages).")


def notice_section(rows: list) -> None:
    st.subheader("What to notice", anchor="what-to-notice")
    st.markdown("\n".join(f"- {line}" for line in notice(rows)))


def cards_section(rows: list) -> None:
    """One card per model with every column in full; the cards wrap to the screen's width."""
    st.subheader("Each model in full", anchor="models")
    with st.container(horizontal=True, gap="small"):
        for row in rows:
            with st.container(border=True, width=CARD_WIDTH):
                st.markdown(card(row))


def page_index() -> None:
    """Where each part of this long page is, one line under the intro."""
    st.markdown("**On this page:** [the parameter counts](#parameters) · [what to notice](#what-to-notice) · "
                f"[each model in full](#models) · [the glossary, {len(GLOSSARY)} terms](#glossary) · the "
                "printable one-pager (below the tables)")


def glossary_matches(query: str) -> list:
    """The glossary's terms whose name or definition holds every word of ``query`` (any case), in order."""
    words = query.lower().split()
    return [term for term, entry in GLOSSARY.items()
            if all(w in f"{term} {entry['definition']}".lower() for w in words)]


def glossary_section() -> None:
    """An index and a filter, then every term under its own heading, whose anchor ``core.glossary.term_link``
    points to. The filter's text is only compared, never shown as markdown."""
    st.header("Glossary", anchor="glossary")
    with st.container(width=TEXT_WIDTH):
        query = st.text_input("Filter the terms", key="glossary_filter", placeholder="a word, e.g. prior or EM",
                              help="Shows the terms whose name or definition holds every word typed.")
        shown = glossary_matches(query)
        if not shown:
            st.caption("No term holds every word typed: clear the filter to see all.")
        st.caption(" · ".join(f"[{term}](#{GLOSSARY[term]['anchor']})" for term in shown))
        for term in shown:
            st.subheader(term[0].upper() + term[1:], anchor=GLOSSARY[term]["anchor"])
            st.markdown(GLOSSARY[term]["definition"])


# ---- words, built from the rows and the formulas ------------------------------------------------

def card(row: dict) -> str:
    """One model's row as markdown: its name and family, then each column in full."""
    lines = [f"**{row['model']}** · *{row['family']}*", ""]
    lines += [f"- **{title}:** {row[key]}" for key, title in CARD_FIELDS]
    lines.append(f"- **Parameters:** {row['parameters']}; at d = 2, K = 2: {row['d2']}")
    lines.append(f"- **Calibration:** {row['calibration']}")
    return "\n".join(lines)


def _labels(keys) -> str:
    labels = [MODELS[k].label for k in keys]
    return ", ".join(labels[:-1]) + f" and {labels[-1]}" if len(labels) > 1 else labels[0]


def notice(rows: list) -> list:
    """'What to notice': three sentences, each read off the rows or the parameter formulas."""
    row = {r["key"]: r for r in rows}
    keys = list(MODELS)
    powers = [k for k in keys if row[k]["sample_short"] == row[k]["score_short"] == "yes"]
    integrate = [k for k in keys if row[k]["missing_short"] == MISSING_SHORT["integrates"]]
    runs = [k for k in keys if row[k]["missing_short"] == MISSING_SHORT["runs"]]
    generative = [k for k in keys if MODELS[k].family == GENERATIVE]
    line = f"{'Only the generative models' if powers == generative else _labels(powers)} can draw new points and "
    line += "score p(x), and only they integrate a missing feature out." if integrate == powers else "score p(x)."
    if runs:
        line += f" {_labels(runs)} also predict with a NaN, but by a fixed route, not by integrating."
    gap = {d: n_parameters("qda", d, 2) - n_parameters("lda", d, 2) for d in (2, 10, 100)}
    nb, lr = n_parameters("nb_shared", 100, 2), n_parameters("logreg", 100, 2)
    return [
        line,
        f"With two classes QDA fits {gap[2]:g} more numbers than LDA at d = 2, {gap[10]:g} at d = 10 and "
        f"{gap[100]:g} at d = 100: a second covariance matrix, d(d + 1)/2 entries. That is why QDA tends to need "
        "more data.",
        f"A count is not the whole appetite: at d = 100 and two classes naive Bayes with shared variances fits "
        f"{nb:g} numbers and logistic regression {lr:g}, yet naive Bayes approaches its best error after "
        "O(log d) examples and logistic regression its own, lower or equal, after O(d) (Ng & Jordan, 2002): "
        "each naive Bayes number is a one-feature mean or variance, estimated on its own.",
    ]
