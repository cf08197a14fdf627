"""A user's own data in the explorer: an uploaded CSV file, or points added by clicking a map.

Both become a Dataset held in the session (``csv_data``, ``drawn_points``), registered with
``core.datasets.keep_pool`` on every run, so the view names it by a key (``ExplorerView.user_data``)
and every cached panel follows it like any other dataset. The session holds the registered Datasets
(``own_pools``, ``hold``), so the pool finds them for as long as the session lives: a fragment's rerun
(Sample, a probe click, P(y)), which registers nothing, finds them however many other sessions drew since.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import streamlit as st

from core.datasets import DRAWN, keep_pool
from core.io import csv_columns, load_labeled_csv
from ui.explorer.state import DRAWN_CLASSES, LINK_POINTS, drawn_dataset
from ui.safe import VALUE_CHARS, label_text, md_text

NAME_LENGTH = VALUE_CHARS


def display_name(name: str) -> str:
    """A name from a user's file as inert text (ui.safe.label_text): shown as written (near enough), never markup."""
    return label_text(name, NAME_LENGTH)


def inert_markdown(text: str) -> str:
    """Text from a user's file (a message naming its columns) for st.markdown: shown literally (ui.safe.md_text)."""
    return md_text(text)


HELD = 3  # a session's own Datasets held at once (the newest), besides the one its last good view shows


def hold(data) -> str:
    """Register a user's Dataset and hold it in this session (``own_pools``): its key, found while the session lives."""
    ss = st.session_state
    key, kept = keep_pool(data)
    held = ss.setdefault("own_pools", {})
    held.pop(key, None)
    held[key] = kept
    last_good = getattr(ss.get("last_good_view"), "user_data", None)  # the page falls back to it
    for old in list(held)[:-HELD]:
        if old != last_good:
            del held[old]
    return key


def _inert(data):
    return replace(data, class_names=tuple(display_name(n) for n in data.class_names),
                   feature_names=tuple(display_name(n) for n in data.feature_names))


@st.cache_data(max_entries=8, show_spinner=False)
def _columns(data: bytes):
    return csv_columns(data, varying=True)


@st.cache_data(max_entries=8, show_spinner=False)
def _parse(data: bytes, features: tuple | None, label: str | None):
    return load_labeled_csv(data, feature_columns=features, label_column=label)


def _picker(label: str, choices: list, default, key: str):
    """A column picker whose value lives in session state: a new file's default is written there (``default``, when
    its last pick is gone), so the browser shows it too (a keyed selectbox keeps its id when its options change,
    and the browser would keep showing the last file's column)."""
    ss = st.session_state
    if ss.get(key) not in choices:
        ss[key] = default
    return st.selectbox(label, choices, key=key)


def _pick(label: str, choices: list, varying: list, key: str):
    """A feature picker starting at the first column a model can use (not constant), as ``load_labeled_csv`` does."""
    if not choices:
        return None
    return _picker(label, choices, next((c for c in choices if c in varying), choices[0]), key)


PICKERS = ("csv_label", "csv_x1", "csv_x2")


def _new_file():
    """A callback: a new upload starts from its own default columns (the shown file's stay in ``csv_shown``)."""
    for key in PICKERS:
        st.session_state.pop(key, None)


def _pickers(raw: bytes) -> tuple:
    """The column pickers for the file ``raw``: (features or None, label); ``ValueError`` if it cannot be read."""
    columns, numeric, varying = _columns(raw)
    label = _picker("Label column", columns, columns[-1], "csv_label")
    choices = [c for c in numeric if c != label]
    x1 = _pick("First feature (x-axis)", choices, varying, "csv_x1")
    rest = [c for c in choices if c != x1]
    x2 = _pick("Second feature (y-axis)", rest, varying, "csv_x2")
    return ((x1, x2) if x1 and x2 else None), label


def _use(raw: bytes, name: str):
    """Draw the pickers for ``raw`` and make it the data shown (``csv_data``); ``ValueError`` if it cannot be used."""
    ss = st.session_state
    features, label = _pickers(raw)
    data, notes = _parse(raw, features, label)
    ss["csv_data"], ss["csv_notes"] = _inert(data), notes
    ss["csv_name"] = name
    ss["csv_shown"] = raw, name, {key: ss[key] for key in PICKERS if key in ss}  # to pick its columns again


def csv_controls() -> str | None:
    """The uploader and the column pickers (in the sidebar); the key of the data to show, or None.

    A file that cannot be used shows why, and the last good file stays on screen; so do its column pickers when
    the new file's columns cannot even be read (a readable file keeps its own: another column may fix it)."""
    ss = st.session_state
    upload = st.file_uploader("CSV file (a header row; up to 5 MB)", type=["csv", "tsv", "txt"], key="csv_file",
                              on_change=_new_file,
                              help="Two numeric columns and a label column. The label is the last column unless you "
                                   "pick another; the features are the first two numeric columns among the rest.")
    shown = ss.get("csv_shown")
    if upload is not None:
        readable = False  # True once its own pickers are drawn
        try:
            _columns(upload.getvalue())  # unreadable: no pickers of its own
            readable = True
            _use(upload.getvalue(), upload.name)
        except ValueError as exc:
            st.error(f"**{display_name(upload.name)} cannot be used:** {inert_markdown(exc)}", icon="⚠️")
            if "csv_data" in ss:
                st.caption(f"Still showing {display_name(ss.get('csv_name', 'the last file'))}"
                           + (f"; the columns above are {display_name(upload.name)}'s." if readable else "."))
            if not readable and shown is not None:
                _use_shown(shown)
    elif shown is not None:  # the upload was removed: the file on screen keeps its pickers
        _use_shown(shown)
    if "csv_data" not in ss:
        return None
    for note in ss.get("csv_notes", []):
        st.caption(inert_markdown(note))
    return hold(ss["csv_data"])


def _use_shown(shown: tuple):
    """The column pickers of the file on screen, while the upload box holds another file or none."""
    raw, name, picks = shown
    for key, value in picks.items():
        st.session_state.setdefault(key, value)  # a new upload cleared them (``_new_file``)
    try:
        _use(raw, name)
    except ValueError as exc:  # another column of it that cannot be used: the data on screen stays
        st.error(f"**{display_name(name)}, with these columns:** {inert_markdown(exc)}", icon="⚠️")


# ---- drawing ----------------------------------------------------------------------------------

def drawn_key() -> str | None:
    """The key of the drawn points (registered now), None while there are none."""
    points = st.session_state.get("drawn_points") or []
    if not points:
        return None
    return hold(drawn_dataset(points))


def adding_class() -> int | None:
    """The class a click on a map adds a point of, None while a click moves the probe."""
    if st.session_state.get("dataset") != DRAWN:
        return None
    mode = st.session_state.get("click_adds")
    return mode if isinstance(mode, int) else None


def add_point(x1: float, x2: float, k: int):
    st.session_state.setdefault("drawn_points", []).append((round(float(x1), 3), round(float(x2), 3), int(k)))


def _undo():
    points = st.session_state.get("drawn_points") or []
    if points:
        points.pop()


def _clear():
    st.session_state["drawn_points"] = []


def _classes_changed():
    """A callback: fewer classes drop the points of the class that goes."""
    K = st.session_state["drawn_classes"]
    st.session_state["drawn_points"] = [p for p in st.session_state.get("drawn_points") or [] if p[2] < K]
    if isinstance(st.session_state.get("click_adds"), int) and st.session_state["click_adds"] >= K:
        st.session_state["click_adds"] = 0


def start_drawing(X, y, n_classes: int):
    """A callback: the drawing starts from these points (classes renamed A, B, C) and the dataset becomes "drawn"."""
    ss = st.session_state
    ss["drawn_points"] = [(round(float(a), 3), round(float(b), 3), int(k)) for (a, b), k in zip(X, y)]
    ss["drawn_classes"] = n_classes
    ss["dataset"], ss["click_adds"] = DRAWN, 0
    ss["probe_x"] = ss["probe_y"] = None


def draw_toolbar():
    """On the page, above the maps: what a click adds, undo, clear, and how many points there are."""
    ss = st.session_state
    ss.setdefault("drawn_classes", 2)
    ss.setdefault("click_adds", 0)
    K = ss["drawn_classes"]
    with st.container(border=True):
        row = st.container(horizontal=True, vertical_alignment="bottom")
        row.segmented_control("A click on a posterior map", ["probe", *range(K)], required=True, key="click_adds",
                              format_func=lambda m: "moves the probe" if m == "probe" else f"adds {DRAWN_CLASSES[m]}",
                              help="Pick a class, then click anywhere on either posterior map to put a point of it "
                                   "there. The points snap to a fine grid (5% of the map's width).")
        row.segmented_control("Classes", [2, 3], required=True, key="drawn_classes", on_change=_classes_changed)
        points = ss.get("drawn_points") or []
        row.button("↶ Undo", key="draw_undo", on_click=_undo, disabled=not points)
        row.button("Clear", key="draw_clear", on_click=_clear, disabled=not points,
                   help="Start again from an empty canvas.")
        counts = np.bincount([p[2] for p in points], minlength=K) if points else np.zeros(K, int)
        link = ("they are in the link" if len(points) <= LINK_POINTS else
                f"more than {LINK_POINTS}: the link no longer holds them, download them (Data (CSV), under “Take it "
                "away”) to keep them")
        st.caption(f"{len(points)} points (" + ", ".join(f"{n}: {c}" for n, c in zip(DRAWN_CLASSES, counts))
                   + f"); {link}. Every class needs 2 training points before the models can fit.")


def draw_from_current(where, view, train_test):
    """The sidebar button that copies the current dataset into the drawing canvas."""
    train, test = train_test
    K = train.n_classes
    where.button("Draw on these points", icon=":material/draw:", key="draw_from_data", disabled=K > len(DRAWN_CLASSES),
                 on_click=start_drawing,
                 args=(np.vstack([train.X, test.X]), np.concatenate([train.y, test.y]), K),
                 help="Copy this dataset's points to a canvas where a click adds or you undo points"
                      + (f" (classes renamed {', '.join(DRAWN_CLASSES[:K])})." if K <= len(DRAWN_CLASSES) else
                         f"; up to {len(DRAWN_CLASSES)} classes."))
