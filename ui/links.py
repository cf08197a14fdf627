"""Reading a page's link into its view: the parsers every view's ``from_query`` uses.

Pure Python (no streamlit import), so a hand-edited link is unit-tested directly. A link carries only what differs
from the view's defaults; a bad value falls back to its default with one readable sentence (a "problem") that the
page shows above its controls.
"""

from __future__ import annotations

import math

FLAGS = {"1": True, "true": True, "on": True, "0": False, "false": False, "off": False}


def last_values(query) -> dict:
    """The query as {key: value}: a repeated key arrives as a list, the last value wins, an empty list is absent."""
    return {k: (v[-1] if isinstance(v, list) else v) for k, v in dict(query).items() if v != []}


def parse_number(raw, kind, low, high):
    """``raw`` as ``kind`` (int or float) within [low, high]; ValueError says what is wrong in a few words."""
    try:
        value = kind(float(raw)) if kind is int and float(raw).is_integer() else kind(raw)
    except (TypeError, ValueError):
        raise ValueError(f"not {'an integer' if kind is int else 'a number'}") from None
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("not a finite number")
    if not (low <= value <= high):
        raise ValueError(f"must be between {low} and {high}")
    return value


def parse_numbers(query: dict, specs) -> tuple:
    """(values, problems) for the numbers in ``query``; ``specs`` rows are (url key, field, type, low, high)."""
    values, problems = {}, []
    for key, attr, kind, low, high in specs:
        if key in query:
            try:
                values[attr] = parse_number(query[key], kind, low, high)
            except ValueError as exc:
                problems.append(f"Ignored {key}={query[key]!r}: {exc}.")
    return values, problems


def parse_choices(query: dict, specs, defaults) -> tuple:
    """(values, problems) for the named choices in ``query``; ``specs`` rows are (url key, field, allowed, what),
    ``defaults`` the view (class) whose field an unknown value falls back to."""
    values, problems = {}, []
    for key, attr, allowed, what in specs:
        if key in query:
            if query[key] in allowed:
                values[attr] = query[key]
            else:
                problems.append(f"Unknown {what} {query[key]!r}; showing {getattr(defaults, attr)!r}.")
    return values, problems
