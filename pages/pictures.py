"""Digits: the app's lessons on pictures (scikit-learn's 8x8 handwritten digits).

Sample from three generative models, the mean that is not a sample, both families classifying, hidden rows
integrated out, a digit you draw, and a rare digit topped up with generated ones.
"""

import streamlit as st

from ui.boot import require_app
from ui.pictures import cache as compute
from ui.pictures import words as w
from ui.pictures.drawing import draw_panel, rare_panel
from ui.pictures.panels import (
    bullets,
    classify_panel,
    copy_box,
    current_view,
    hide_panel,
    link_warning,
    mean_panel,
    part_picker,
    sample_panel,
    write_link,
)

require_app("pages/pictures.py")
st.title("🔢 Both families on digits")
X_train, X_test, _, _ = compute.split()
st.markdown(w.intro(len(X_train), len(X_test)))
part = part_picker()
copy_box()
view = current_view()
link_warning(view)

if part == "sample":
    sample_panel()
elif part == "mean":
    mean_panel(view)
elif part == "classify":
    classify_panel()
elif part == "hide":
    hide_panel(view)
elif part == "draw":
    draw_panel()
else:
    rare_panel(view)
write_link(current_view())

with st.expander("What to notice"):
    st.markdown(bullets(w.NOTICE))
