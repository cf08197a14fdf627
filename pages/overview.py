"""Overview: three kinds of classifier, P(y|x) and P(x, y), and the Bayes-rule flip between them."""

import streamlit as st

from ui.boot import require_app
from ui.icons import page_link
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
page_link(c1, "pages/explorer.py", "Explorer: both families side by side, with sampling")
c1.caption("It opens with demo scenes: one pick per classic contrast, each explained in two sentences.")
page_link(c1, "pages/gallery.py", "Every model on one slide: all their maps at once")
page_link(c2, "pages/learning_curves.py", "When each family wins: learning curves")
page_link(c1, "pages/generative_powers.py", "What only generative models can do, tried")
c1.caption("Outliers, a missing feature, unlabelled data, calibration, judged samples: each with live numbers and "
           "where it goes wrong.")
page_link(c2, "pages/quiz.py", "Interview prep: a quiz with live views")
page_link(c2, "pages/cheatsheet.py", "Cheat sheet and glossary")
page_link(c2, "pages/deep_generative.py", "GANs and VAEs on the same data")
page_link(c2, "pages/words.py", "Spam and languages: both families on real text")
page_link(c2, "pages/pictures.py", "Digits: sample, hide and draw handwritten digits")
