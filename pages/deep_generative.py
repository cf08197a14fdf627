"""GANs and VAEs: the generative models people mean today, on the same 2D data, trained here in numpy."""

import streamlit as st

from ui.boot import require_app
from ui.deep_generative import explicit_section, judged, judged_section, replay_section, trained, view_from_widgets

require_app("pages/deep_generative.py")
st.title("🧠 GANs and VAEs")
st.markdown(
    "A **GAN** pairs a generator, which turns noise into points, with a discriminator, a discriminative model "
    "whose P(real | x) is the kind of posterior the explorer draws; each learns against the other. A **VAE** "
    "encodes each point into a code z and decodes it back, with codes kept close to a Gaussian so that new z "
    "decode into new points. Both learn from the points x alone (the dataset's labels are ignored), differently: "
    "a VAE defines a density p(x) and maximises a lower bound on it (the ELBO); a GAN learns only a sampler, with "
    "no density to evaluate. Both networks here are small multilayer perceptrons written in numpy, trained on "
    "this server when you press **Train** in the sidebar or open a link to a setting not trained yet.")

view = view_from_widgets()
try:
    run = trained(view)
except ValueError as exc:
    st.error(f"**This setting cannot be trained:** {exc}", icon="⚠️")
    st.stop()

st.header("Training, replayed")
replay_section(view, run)  # writes the link, with the replayed step
facts = judged(view.train_key, view.data_key, view.train_seed)
st.header("The trained model, judged")
judged_section(view, facts, run["seconds"])
st.header("Explicit and implicit densities")
explicit_section(view, facts)
