"""The overview's words: Bishop's three kinds of classifier (PRML 1.5.4), each claim scoped.

``tests/overview/test_claims_overview.py`` checks the checkable ones against the model registry and the
models themselves. The first use of a glossary term links to its entry on the cheat sheet (``term_link``).
"""

from core.glossary import term_link

_BAYES_RULE = term_link("Bayes' rule", "**Bayes' rule**")

CLAIMS = {
    "intro": "A classifier turns an x into a class. There are three ways to build one (Bishop, *Pattern "
             "Recognition and Machine Learning*, 1.5.4): model how each class generates its data, model "
             "P(y | x) directly, or learn a decision rule with no probabilities at all. The first is "
             f"{term_link('generative model', '**generative**')}; the other two are "
             f"{term_link('discriminative model', '**discriminative**')}.",
}

FAMILIES = (
    {
        "title": "Discriminative: learn the boundary",
        "latex": r"\begin{gathered}\text{model } P(y \mid x) \text{ directly,} \\ "
                 r"\text{or just a rule } x \mapsto y\end{gathered}",
        "lines": [
            "**Probabilistic**: logistic regression, a neural network with a softmax. They learn the whole "
            "conditional P(y | x): where the classes part *and* how sure to be at every x.",
            "**Discriminant functions**: an SVM's margin, a tree's or k-NN's vote. They give a boundary; their "
            f"scores become probabilities only by {term_link('calibration')} (this app calibrates its SVM) or as rough "
            "vote shares.",
            "With plenty of data they often reach the lower error: they spend nothing on modelling x.",
            "They cannot generate data or say how typical an x is. A probabilistic one can still take a new class "
            f"{term_link('prior')} P(y), by reweighting its P(y | x).",
        ],
    },
    {
        "title": "Generative: learn what each class looks like",
        "latex": r"\begin{gathered}\text{model } p(x \mid y) \text{ and } P(y), \\ "
                 r"\text{hence } p(x, y) = P(y)\,p(x \mid y)\end{gathered}",
        "lines": [
            "Gaussian naive Bayes, LDA, QDA, mixtures, kernel densities (and, in the modern sense, "
            f"{term_link('GAN', 'GANs')} and {term_link('VAE', 'VAEs')}).",
            f"Classify by {_BAYES_RULE}, and can **sample** new points, score {term_link('marginal p(x)', 'p(x)')} "
            f"to flag outliers, ignore a {term_link('marginalising', 'missing feature')}, and take a new P(y) as one "
            "factor in Bayes' rule. Each of these is only as good as the model of p(x | y).",
            "Ng & Jordan (2002) showed that naive Bayes approaches its best error with fewer examples than "
            "logistic regression, O(log d) against O(d) for d features, and that this best error is higher than or "
            "equal to logistic regression's (equal when naive Bayes' assumption holds). That is a result about "
            "that pair; a "
            "generative model with many parameters (QDA has a covariance per class) can need *more* data.",
        ],
    },
)

FLIP = ("A generative model learns the numerator's two factors and divides; a probabilistic discriminative model "
        "learns the left-hand side directly and never models x. Both end up with a boundary, but only one knows "
        "what the data look like.")
