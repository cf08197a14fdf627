"""Overview: the two lenses, P(y|x) and P(x, y), and the Bayes-rule flip between them."""

import streamlit as st

from ui.boot import require_app

require_app("pages/overview.py")
st.title("👓 Two lenses on one classification problem")
st.markdown(
    "Every classifier needs P(y | x): how likely each class is, given what we see. "
    "There are two ways to get it, and they lead to different models with different powers.")

left, right = st.columns(2)
with left:
    st.subheader("Discriminative: learn the boundary")
    st.latex(r"\text{model } P(y \mid x) \text{ directly}")
    st.markdown(
        "- Logistic regression, SVMs, trees, k-NN, neural nets.\n"
        "- Spend all their capacity on **where the line between classes goes**.\n"
        "- Usually the lower error once data are plentiful.\n"
        "- Cannot generate data or say how typical an x is.")
with right:
    st.subheader("Generative: learn what each class looks like")
    st.latex(r"\text{model } p(x \mid y) \text{ and } P(y), \text{ hence } p(x, y) = P(y)\,p(x \mid y)")
    st.markdown(
        "- Gaussian naive Bayes, LDA, QDA, mixtures, kernel densities.\n"
        "- Classify by **Bayes' rule**, and can **sample** new points, score p(x) to flag outliers, "
        "ignore a missing feature, change P(y) without retraining.\n"
        "- Often reach their (higher) best error with fewer examples (Ng & Jordan, 2002).")

st.subheader("The flip: Bayes' rule")
st.latex(r"P(y{=}k \mid x) \;=\; \frac{P(y{=}k)\; p(x \mid y{=}k)}{\sum_j P(y{=}j)\; p(x \mid y{=}j)}")
st.markdown(
    "A generative model learns the numerator's two factors and divides; a discriminative model learns the "
    "left-hand side and never sees the right. Both end up with a boundary, but only one knows what the data look like.")

st.subheader("Where to next")
c1, c2 = st.columns(2)
c1.page_link("pages/explorer.py", label="Explorer: both families side by side, with sampling", icon="🔬")
c1.caption("Its sidebar starts with demo scenes: one pick per classic contrast, each explained in two sentences.")
c2.page_link("pages/learning_curves.py", label="When each family wins: learning curves", icon="📈")
