"""Helpers for AppTest-driven page tests: open a page, read plotly figures back as numpy."""

import base64
import json
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def open_page(page: str, query: dict | None = None, timeout: float = 60) -> AppTest:
    """Run app.py once (as a browser would), then switch to ``page``; ``query`` is the link's query string."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page).run()
    return at


def figure(at: AppTest, key: str) -> dict:
    """The plotly figure (as a dict) of the chart with widget key ``key``."""
    return json.loads(at.get_by_key(key).proto.spec)


def array(value) -> np.ndarray:
    """Decode a plotly array: a base64 typed array ``{"dtype", "bdata", "shape"}`` or a plain list."""
    if isinstance(value, dict) and "bdata" in value:
        out = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        if "shape" in value:
            out = out.reshape([int(s) for s in str(value["shape"]).split(",")])
        return out
    return np.asarray(value)


def traces(fig: dict, name_contains: str = "") -> list:
    return [t for t in fig["data"] if name_contains in t.get("name", "")]


def first_z(fig: dict) -> np.ndarray:
    """The z grid of the first trace that has one (the posterior / density surface)."""
    return next(array(t["z"]) for t in fig["data"] if "z" in t)


def n_points(fig: dict, kind: str = "") -> int:
    """Number of scatter markers whose trace name contains ``kind`` (all scatter traces by default)."""
    return sum(len(array(t["x"])) for t in fig["data"] if t.get("type") == "scatter" and kind in t.get("name", ""))


def assert_clean(at: AppTest):
    assert not at.exception, [e.value for e in at.exception]


def posterior_percent(fig: dict) -> np.ndarray:
    """P(class 1 | x) in percent as a two-class posterior map shows it, whichever way it is drawn: a map that
    carries the P(y) slider (``core.figures.prior``: int8 log-odds shown through zmin / zmax) or percent z."""
    from core.figures.prior import LOG_ODDS_STEPS, SPAN
    surface = next(t for t in fig["data"] if "z" in t)
    z = array(surface["z"]).astype(float)
    if surface.get("name") != "posterior":
        return z
    b = -surface["zmin"] / LOG_ODDS_STEPS - SPAN  # zmin = (-SPAN - b) * steps
    return 100 / (1 + np.exp(-(z / LOG_ODDS_STEPS + b)))


def boundary_level(fig: dict) -> float:
    """The P = 50% line's level in its own z units (a contour trace drawn as lines)."""
    line = next(t for t in fig["data"] if t.get("type") == "contour" and "boundary" in t.get("name", ""))
    assert line["contours"]["start"] == line["contours"]["end"]
    return line["contours"]["start"]
