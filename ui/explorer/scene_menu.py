"""The explorer's demo scenes as controls: the scene menu, "Next scene", and where the scene's caption band goes.

Moved out of ``ui/explorer/controls.py`` whole (issue 27 added the band and a menu that names the scene shown).
"""

from __future__ import annotations

import streamlit as st

from ui.explorer.controls import apply_view, present_toggle
from ui.explorer.scenes import SCENES
from ui.explorer.state import ExplorerView


def _apply_scene():
    name = st.session_state.get("scene")
    if name in SCENES:
        apply_view(SCENES[name].view)


def _next_scene():
    """A callback: the scene after the one shown (``shown_scene``) in the menu's order; the first when none is."""
    keys, current = list(SCENES), st.session_state.get("shown_scene")
    apply_view(SCENES[keys[(keys.index(current) + 1) % len(keys)] if current in keys else keys[0]].view)


def scene_picker(where, shown: str | None, present: bool = False):
    """The demo-scene menu (one click to an instructive view) in ``where``, naming the scene ``shown``
    (the key of the scene the view shows, ``scenes.scene_key``), or "Jump to a scene…" while it shows none.

    In presenter mode (``present``) its label is the scene's title too, written out in full: the box has room for
    its first words only."""
    st.session_state["scene"] = shown  # the menu follows the view: a scene, or none once the view leaves it
    if present:
        label = (f":material/movie: Scene {list(SCENES).index(shown) + 1} of {len(SCENES)}: {SCENES[shown].title}"
                 if shown else ":material/movie: Scene")
    else:
        label = ":material/movie: Demo scene"
    with where:
        st.selectbox(label, list(SCENES), index=None, format_func=lambda k: SCENES[k].title,
                     key="scene", placeholder="Jump to a scene…", on_change=_apply_scene,
                     help=None if present else "Instructive settings in one click; everything stays adjustable "
                                               "afterwards.")


def next_scene_button(where):
    where.button("Next scene", icon=":material/skip_next:", key="next_scene", on_click=_next_scene)


def scene_controls(strip: dict | None = None) -> tuple:
    """Presenter mode's switch and a reset at the top of the sidebar; returns (where the demo-scene menu goes, where
    the scene's caption band goes). Outside presenter mode both are on the page, side by side (not behind a phone's
    sidebar button); in presenter mode the menu is in the ``strip`` and the band below it. The menu is drawn once
    the view is known (``scene_picker``)."""
    with st.sidebar:
        present_toggle()
        st.button("Reset to defaults", icon=":material/restart_alt:", key="reset_view", on_click=apply_view,
                  args=(ExplorerView(),), width="stretch")
    if strip:
        return strip["scene"], st.container(key="scene_band")
    menu, band = st.columns([2, 3], vertical_alignment="bottom")
    return menu, band.container(key="scene_band")
