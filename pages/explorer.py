"""Explorer: p(x|y), P(y|x) and the boundary for a generative and a discriminative model, side by side."""

import streamlit as st

from core.models import MODELS
from ui import cache
from ui.boot import require_app
from ui.controls import load_view_from_url, sidebar_view, write_view_to_url
from ui.explorer_panels import (
    density_panel,
    prior_box,
    priors_for,
    probe_from_click,
    probe_section,
    resolve_view,
    scores_panel,
)
from ui.notes import discriminative_notes, generative_notes

require_app("pages/explorer.py")
st.title("🔬 Explorer: two ways to learn the same classes")
st.markdown(
    "Top row: a **generative** model learns what each class looks like, p(x | y), and how common it is, P(y); "
    "Bayes' rule then gives P(y | x), and the model can draw new points. Bottom row: a **discriminative** model "
    "learns P(y | x) directly: only where the line between classes goes.")

for problem in load_view_from_url():
    st.warning(f"Link: {problem}", icon="🔗")
requested = sidebar_view()
view, train = resolve_view(requested)
write_view_to_url(requested)

key, res, names = view.data_key, view.resolution, train.class_names
gen_label, disc_label = MODELS[view.gen].label, MODELS[view.disc].label
priors = priors_for(view, len(names))
active_priors = prior_box(view, names)
chart = dict(width="stretch", config={"displayModeBar": False})

st.subheader(f"Generative · {gen_label}")
g1, g2, g3 = st.columns(3)
with g1:
    density_panel(view, names, active_priors)
with g2:
    event = st.plotly_chart(cache.posterior_fig(key, view.gen, view.gen_params, res, priors,
                                                "P(y | x) from Bayes' rule", view.probe),
                            key="gen_posterior_chart", on_select="rerun", selection_mode="points", **chart)
    st.caption("Click a training point to probe it (below).")
with g3:
    st.plotly_chart(cache.marginal_fig(key, view.gen, view.gen_params, res, priors), key="marginal_chart", **chart)
with st.expander("What to notice: generative row", expanded=True):
    st.markdown(generative_notes(view.gen, view.dataset))

st.subheader(f"Discriminative · {disc_label}")
d1, d2, d3 = st.columns(3)
with d1:
    st.plotly_chart(cache.posterior_fig(key, view.disc, view.disc_params, res, None, "P(y | x), learned directly",
                                        view.probe), key="disc_posterior_chart", **chart)
with d2:
    st.plotly_chart(cache.difference_fig(key, view.gen, view.gen_params, view.disc, view.disc_params, res, priors),
                    key="difference_chart", **chart)
with d3:
    scores_panel(view, train, active_priors, gen_label, disc_label)
with st.expander("What to notice: discriminative row", expanded=True):
    st.markdown(discriminative_notes(view.disc, view.gen, view.dataset))

probe_from_click(event)
probe_section(view, train, active_priors, disc_label)

with st.expander("🔗 Share this view"):
    query = "&".join(f"{k}={v}" for k, v in requested.to_query().items())
    st.code(f"{st.context.url or ''}?{query}" if query else (st.context.url or ""), language=None)
    st.caption("The address bar always holds this link; the copy button is at the right of the box.")
