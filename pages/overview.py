"""Overview: three kinds of classifier, P(y|x) and P(x, y), and the Bayes-rule flip between them."""

import streamlit as st

from ui.boot import require_app
from ui.overview.panels import tour_panel
from ui.overview.words import CLAIMS, FAMILIES, FLIP

require_app("pages/overview.py")
st.title("👓 Two lenses on one classification problem")
st.markdown(CLAIMS["intro"])
tour_panel()

left, right = st.columns(2)
for column, family in zip((left, right), FAMILIES):
    with column:
        st.subheader(family["title"])
        st.latex(r"\small " + family["latex"])  # fits half a 1280-px screen
        st.markdown("\n".join(f"- {line}" for line in family["lines"]))

st.subheader("The flip: Bayes' rule")
st.latex(r"P(y{=}k \mid x) \;=\; \frac{P(y{=}k)\; p(x \mid y{=}k)}{\sum_j P(y{=}j)\; p(x \mid y{=}j)}")
st.markdown(FLIP)

st.subheader("Where to next")
c1, c2 = st.columns(2)
c1.page_link("pages/explorer.py", label="Explorer: both families side by side, with sampling", icon="🔬")
c1.caption("Its sidebar starts with demo scenes: one pick per classic contrast, each explained in two sentences.")
c1.page_link("pages/gallery.py", label="Every model on one slide: all their maps at once", icon="🖼️")
c2.page_link("pages/learning_curves.py", label="When each family wins: learning curves", icon="📈")
c1.page_link("pages/generative_powers.py", label="What only generative models can do, tried", icon="🧬")
c1.caption("Outliers, a missing feature, unlabelled data, calibration, judged samples: each with live numbers and "
           "where it goes wrong.")
c2.page_link("pages/quiz.py", label="Interview prep: a quiz with live views", icon="🎓")
c2.page_link("pages/cheatsheet.py", label="Cheat sheet and glossary", icon="📋")
c2.page_link("pages/deep_generative.py", label="GANs and VAEs on the same data", icon="🧠")
c2.page_link("pages/words.py", label="Spam and languages: both families on real text", icon="✉️")
c2.page_link("pages/pictures.py", label="Digits: sample, hide and draw handwritten digits", icon="🔢")
