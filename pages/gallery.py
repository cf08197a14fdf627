"""Every model on one slide: each registry model's P(y | x) on the same data, generative above, discriminative below."""

import streamlit as st

from core.figures.layout import scale_note
from ui import cache
from ui.boot import require_app
from ui.gallery import words
from ui.gallery.panels import MAX_SHOWN, TILE_RES, tiles_panel, view_from_widgets
from ui.icons import page_link
from ui.safe import md_text

require_app("pages/gallery.py")
view = view_from_widgets()
train, test = cache.load_data(view.data_key)
if not view.present:
    st.title("🖼️ Every model on one slide")
    st.markdown(words.intro(view, len(train.y), len(test.y)))
    st.html(words.legend_html(train.class_names))

tiles_panel(view)
if axes_note := scale_note(cache.grid_for(view.data_key, TILE_RES), tuple(map(md_text, train.feature_names))):
    st.caption(axes_note)

notes = st.expander("About these maps", expanded=not view.present)
with notes:
    if view.present:
        st.markdown(words.intro(view, len(train.y), len(test.y)))
    st.caption(words.points_caption(min(MAX_SHOWN, len(test.y)), len(test.y)))
    st.caption(words.contours_caption(view.contours))
    st.markdown("\n".join(f"- {line}" for line in words.notice(len(train.class_names))))
    page_link(st, "pages/explorer.py", "Open this data in the explorer", query_params=view.explorer_query())
