"""Explorer: p(x|y), P(y|x) and the boundary for a generative and a discriminative model, side by side."""

import streamlit as st

from core.datasets import DRAWN
from core.figures.layout import scale_note
from ui import cache
from ui.boot import require_app
from ui.explorer.controls import link_problems, load_view_from_url, presenting, sidebar_view, write_view_to_url
from ui.explorer.layout import LEAD, page_slots
from ui.explorer.own_data import draw_toolbar
from ui.explorer.panels import PAGE_STYLE, export_box, linked_panels, presenter_strip, resolve_view
from ui.explorer.scene_menu import scene_controls, scene_picker
from ui.explorer.scenes import scene_key
from ui.safe import link_warning, md_text

require_app("pages/explorer.py")
load_view_from_url()
present = presenting()
if not present:  # the maps on the first screen: a short title and lead, the rest below them
    st.html(PAGE_STYLE)
    st.title("🔬 Explorer: two ways to learn")
    st.markdown(LEAD)
strip = presenter_strip() if present else None
menu, band = scene_controls(strip)
requested = sidebar_view(strip)
scene_picker(menu, scene_key(requested), present)
if problems := link_problems(requested):
    st.warning(link_warning(problems), icon="🔗")
if requested.dataset == DRAWN:
    draw_toolbar()

with st.spinner("Fitting both models and drawing the maps…", show_time=True):
    view, train = resolve_view(requested)
write_view_to_url(requested)
axes_note = scale_note(cache.grid_for(view.data_key, view.resolution), tuple(map(md_text, train.feature_names)))
slots = page_slots(view, train, strip, band, axes_note)
linked_panels(view, requested, train, slots)
export_box(view)
