"""The explorer's page layout: the slots its two fragments fill, in presenter mode and out of it.

The layout first; two fragments fill it: the density panel (Sample reruns only it) and the panels linked to P(y)
and the probe (moving either reruns only those). The scene's lesson is one of them: a lesson that names a P(y)
must go as soon as the slider leaves it.
"""

from __future__ import annotations

import streamlit as st

from core.models import MODELS
from ui import cache
from ui.explorer.notes import discriminative_notes, generative_notes
from ui.explorer.panels import density_panel, scene_band
from ui.explorer.state import ExplorerView

LEAD = ("Top row: a **generative** model learns p(x | y) and P(y) and classifies by Bayes' rule; bottom row: a "
        "**discriminative** model learns P(y | x) directly. More under *About this page*, below the maps.")
INTRO = (
    "Top row: a **generative** model learns what each class looks like, p(x | y), and how common it is, P(y); "
    "Bayes' rule then gives P(y | x), and the model can draw new points. Bottom row: a **discriminative** model "
    "learns P(y | x) directly (logistic regression, a neural network), or a decision rule whose scores are turned "
    "into probabilities (an SVM, a tree, k-NN): where the classes part and how sure to be, but not what they "
    "look like.")


def page_slots(view: ExplorerView, train, strip: dict | None, band, axes_note: str | None) -> dict:
    """Draw the page around the maps and return the containers ``linked_panels`` fills. ``strip``: presenter mode's
    (``presenter_strip``), None outside it; ``band``: where the scene's caption goes; ``axes_note``: a caption
    for maps whose axes are not to scale (``layout.scale_note``)."""
    def gen_notes():
        return generative_notes(view, lambda: cache.fitted(view.data_key, view.gen, view.gen_params),
                                train.class_names, train)

    if strip:  # the first screen: the strip, the scene's caption band, then p(x | y) and both posteriors, large
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
    return slots
