"""A page's view kept in its sidebar widgets: an arriving link read into the widgets (the session's first visit, or
an in-app link such as the quiz's "show me" that the page did not write itself), the view
read back from them (with what was wrong with the link, until the view changes), and the view written to the link.

The powers page's and the GAN page's widgets and session keys share a prefix ("pw", "dg"); each page's frozen view
parses and writes its own link (``from_query``, ``to_query``).
"""

from __future__ import annotations

from dataclasses import fields

import streamlit as st

from ui import focus
from ui.boot import arriving_link, remember_link
from ui.safe import link_warning

KEEP = dict(persist_state="session")  # a widget keeps its value when the user visits another page and comes back


def load_link_once(prefix: str, view_cls, load):
    """On the session's first visit, or when a link the page did not write arrives (``ui.boot.arriving_link``; a
    plain menu switch keeps the widgets): parse the link into a view, ``load(view)`` into the widgets, keep its
    problems (``<prefix>_problems``) for ``view_from_keys`` to show."""
    ss = st.session_state
    query = arriving_link(prefix)
    if query is not None:
        view, problems = view_cls.from_query(query)
        load(view)
        ss[f"{prefix}_problems"], ss[f"{prefix}_loaded"] = problems, True
        ss[f"{prefix}_focus"] = getattr(view, "focus", None)  # kept in the link until another link arrives
        focus.land(focus.PREFIXES.get(prefix, prefix), ss[f"{prefix}_focus"])
        ss.pop(f"{prefix}_first_query", None)  # the new link's warnings stand until its view changes


def view_from_keys(prefix: str, view_cls, keys: dict, **extra):
    """The view the widgets show (``keys``: field -> widget key; ``extra``: fields kept elsewhere), with a warning
    for each problem of the opening link that still applies."""
    ss = st.session_state
    if "focus" in {f.name for f in fields(view_cls)}:
        extra = {"focus": ss.get(f"{prefix}_focus"), **extra}
    view = view_cls(**{attr: ss[key] for attr, key in keys.items()}, **extra)
    if ss.get(f"{prefix}_problems"):
        st.warning(link_warning(ss[f"{prefix}_problems"]), icon="🔗")
    return view


def write_link(prefix: str, view):
    """Make the address bar hold ``view``'s link; once it differs from the opening one, its problems are gone."""
    query = view.to_query()
    if st.query_params.to_dict() != query:
        st.query_params.from_dict(query)
    remember_link(prefix)
    if query != st.session_state.setdefault(f"{prefix}_first_query", query):
        st.session_state[f"{prefix}_problems"] = []  # a warning about the opening link no longer applies
