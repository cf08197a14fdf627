"""Explorer: p(x|y), P(y|x) and the boundary for a generative and a discriminative model, side by side."""

import streamlit as st

from core.datasets import DRAWN
from core.figures.layout import scale_note
from core.models import MODELS
from ui import cache
from ui.boot import require_app
from ui.explorer.controls import (
    link_problems,
    load_view_from_url,
    presenting,
    scene_controls,
    scene_picker,
    sidebar_view,
    write_view_to_url,
)
from ui.explorer.notes import discriminative_notes, generative_notes
from ui.explorer.own_data import draw_toolbar
from ui.explorer.panels import (
    PAGE_STYLE,
    density_panel,
    export_box,
    linked_panels,
    presenter_strip,
    resolve_view,
    scene_band,
)
from ui.explorer.scenes import scene_key
from ui.safe import link_warning, md_text

require_app("pages/explorer.py")
LEAD = ("Top row: a **generative** model learns p(x | y) and P(y) and classifies by Bayes' rule; bottom row: a "
        "**discriminative** model learns P(y | x) directly. More under *About this page*, below the maps.")
INTRO = (
    "Top row: a **generative** model learns what each class looks like, p(x | y), and how common it is, P(y); "
    "Bayes' rule then gives P(y | x), and the model can draw new points. Bottom row: a **discriminative** model "
    "learns P(y | x) directly (logistic regression, a neural network), or a decision rule whose scores are turned "
    "into probabilities (an SVM, a tree, k-NN): where the classes part and how sure to be, but not what they "
    "look like.")

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

# The layout first; two fragments fill it: the density panel (Sample reruns only it) and the
# panels linked to P(y) and the probe (moving either reruns only those). The scene's lesson is
# one of them: a lesson that names a P(y) must go as soon as the slider leaves it.
gen_notes = lambda: generative_notes(  # noqa: E731
    view, lambda: cache.fitted(view.data_key, view.gen, view.gen_params), train.class_names, train)
if present:  # the first screen: the strip, the scene's caption band, then p(x | y) and both posteriors, large
    slots = dict(prior=strip["prior"], **scene_band(band))
    g1, slots["gen_posterior"], slots["disc_posterior"] = st.columns(3)
    with g1:
        density_panel(view, train.class_names, strip["sample"])
    slots["marginal"], slots["difference"], slots["scores"] = st.columns(3)
    if axes_note:
        st.caption(axes_note)
    with st.expander("What to notice: generative row"):
        st.markdown(gen_notes())
    with st.expander("What to notice: discriminative row"):
        st.markdown(discriminative_notes(view, len(train.class_names)))
    with st.expander("About this page"):
        st.markdown(INTRO)
        st.caption("Presenter mode is on: its switch is at the top of the sidebar (» at the top left).")
else:
    slots = scene_band(band)
    st.subheader(f"Generative · {MODELS[view.gen].label}")
    g1, slots["gen_posterior"], slots["marginal"] = st.columns(3)
    with g1:
        density_panel(view, train.class_names)
    if axes_note:
        st.caption(axes_note)
    slots["prior"] = st.container()
    with st.expander("What to notice: generative row", expanded=True):
        st.markdown(gen_notes())
    st.subheader(f"Discriminative · {MODELS[view.disc].label}")
    slots["disc_posterior"], slots["difference"], slots["scores"] = st.columns(3)
    with st.expander("What to notice: discriminative row", expanded=True):
        st.markdown(discriminative_notes(view, len(train.class_names)))
    with st.expander("About this page"):
        st.markdown(INTRO)
slots["shift"], slots["probe"], slots["share"] = st.container(), st.container(), st.container()
linked_panels(view, requested, train, slots)
export_box(view)
