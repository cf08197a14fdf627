"""'What to notice' text for the explorer: short, concrete, keyed on the model and dataset shown."""

from core.models import MODELS

_GENERATIVE = {
    "gnb": "Naive Bayes' contours are **axis-aligned ellipses**: it assumes the two features are independent "
           "within a class, so it cannot tilt them.",
    "nb_shared": "This naive Bayes (Ng & Jordan's) gives every class **the same axis-aligned spread**: like LDA "
                 "and logistic regression, its boundary is a **straight line**, the model the learning-curves page "
                 "pits against logistic regression.",
    "lda": "LDA gives every class **the same ellipse shape** (one shared covariance), so the boundary is a "
           "**straight line**.",
    "qda": "QDA gives each class **its own ellipse**; where the shapes differ the boundary **curves** "
           "(a conic: ellipse, parabola or hyperbola).",
    "gmm": "Each class is a **sum of a few Gaussians**: the contours can bend around moons and split across XOR "
           "quadrants.",
    "kde": "A kernel density puts **a small bump on every training point**: small bandwidths hug the data "
           "(and overfit), large ones blur it into one blob.",
}
_DATASET = {
    "correlated": "On correlated data, compare naive Bayes with LDA/QDA: the tilted clouds are the case that "
                  "breaks the independence assumption.",
    "moons": "A single Gaussian per class (NB, LDA, QDA) cannot follow a crescent; a mixture or KDE can.",
    "xor": "A single Gaussian per class sees both classes centred at the origin: try the mixture with 2+ "
           "components.",
    "circles": "The inner class is a small round Gaussian, the outer a wide one: QDA's curved boundary is a circle.",
}


def generative_notes(gen: str, dataset: str) -> str:
    lines = [
        _GENERATIVE.get(gen, MODELS[gen].description),
        "The **density** panel (left) is what only a generative model has; press **Sample** to see that it can "
        "*invent* points that look like the data.",
        "The **posterior** (middle) is not learned directly: it is computed from the left panel and P(y) by Bayes' "
        "rule. Move **P(y)** above and watch the boundary slide toward the rarer class, with no refit.",
        "The **marginal p(x)** (right) is low far from all data: that is how a generative model flags outliers.",
    ]
    if dataset in _DATASET:
        lines.append(_DATASET[dataset])
    return "\n".join(f"- {line}" for line in lines)


def discriminative_notes(disc: str, gen: str, dataset: str) -> str:
    lines = [
        "This model's posterior is **fitted directly**, with no picture of each class behind it.",
        "The **difference map** shows where the two families disagree: usually far from the data, where the "
        "generative model extrapolates its class shapes and the discriminative one extrapolates its boundary.",
    ]
    if disc == "logreg" and gen == "lda":
        lines.append("LDA and logistic regression **both draw straight lines**: LDA's posterior has exactly the "
                     "logistic form. They differ in how they fit it (joint vs. conditional likelihood).")
    elif disc == "logreg":
        lines.append("With degree 1, logistic regression can only draw a **straight line**; raise the polynomial "
                     "degree to bend it.")
    elif disc in ("tree", "forest"):
        lines.append("Trees split one feature at a time: the boundary is a **staircase** of axis-aligned steps.")
    elif disc == "knn":
        lines.append("k-NN's boundary follows the local vote: small k is jagged, large k smooth.")
    return "\n".join(f"- {line}" for line in lines)
