"""The glossary: every term the app's pages use, defined in one to three scoped sentences.

``GLOSSARY`` maps a term to its ``definition`` and its ``anchor``, the id of its heading on the cheat sheet
page (``pages/cheatsheet.py``); ``term_link`` turns a term into a markdown link to that heading, for the
first use of the term on another page. Checkable statements (the Brier score's scale, the log-loss clip,
which log-odds are linear, naive Bayes' confidence either way, EM for an unknown prior, Fisher's
direction) are tested in ``tests/test_glossary.py``.
"""

from __future__ import annotations

from types import MappingProxyType

PAGE = "cheatsheet"  # the cheat sheet's URL path: st.Page("pages/cheatsheet.py") is served at /cheatsheet

_ENTRIES = (
    # ---- the two families --------------------------------------------------------------------
    ("generative model", "generative",
     "A model of how the data arise: here P(y) and p(x | y), hence the joint p(x, y). It classifies by Bayes' "
     "rule and can also draw new points and score how typical an x is. In deep learning the word also covers "
     "models of x alone, such as GANs, VAEs and language models."),
    ("discriminative model", "discriminative",
     "A model of what tells the classes apart and nothing more: either P(y | x) itself (probabilistic "
     "discriminative, such as logistic regression) or a rule from x to a class (a discriminant function, such "
     "as an SVM). It has no model of x, so it cannot draw points or score p(x)."),
    ("discriminant function", "discriminant-function",
     "A function that maps x to a class with no probabilities in it (Bishop, *Pattern Recognition and Machine "
     "Learning*, 1.5.4): an SVM's margin, a tree's or k-NN's vote. Its scores become probabilities only by "
     "calibration or as rough vote shares. Linear discriminant analysis, despite its name, is generative."),
    # ---- the probabilities -------------------------------------------------------------------
    ("prior", "prior",
     "P(y = k), the probability of class k before x is seen. A generative model estimates it on its own (here: "
     "the class shares of the training set) and uses it as one factor of Bayes' rule, so a new prior needs no "
     "refit."),
    ("likelihood", "likelihood",
     "The probability (or density) of the observed data under a model, read as a function of the model's "
     "parameters: maximum-likelihood fitting picks the parameters that make it largest. In Bayes' rule, "
     "p(x | y = k) is called the likelihood of class k at x."),
    ("class-conditional density", "class-conditional-density",
     "p(x | y = k), the density of x among the points of class k. A generative classifier models one per class "
     "(a Gaussian, a mixture, a kernel density), and everything it does is only as good as these models."),
    ("joint p(x, y)", "joint",
     "p(x, y) = P(y) p(x | y), the probability density of seeing x together with label y. A generative model "
     "learns it; the posterior and the marginal p(x) both follow from it."),
    ("marginal p(x)", "marginal",
     "p(x) = Σₖ P(y = k) p(x | y = k), the density of x whatever its class. Low values mark points unlike the "
     "training data, as far as the model of p(x | y) is right; a discriminative model has no p(x)."),
    ("posterior", "posterior",
     "P(y = k | x), the probability of class k once x is seen. A generative model computes it by Bayes' rule; "
     "a probabilistic discriminative model learns it directly."),
    ("Bayes' rule", "bayes-rule",
     "P(y = k | x) = P(y = k) p(x | y = k) / p(x). It turns a prior and class-conditional densities into the "
     "posterior; p(x) is the same for every class, so the most probable class is the one with the largest "
     "P(y = k) p(x | y = k)."),
    ("conditional likelihood", "conditional-likelihood",
     "The likelihood of the labels given the inputs, Πᵢ P(yᵢ | xᵢ). Logistic regression and the neural network "
     "are fitted by maximising it (minimising the log-loss, plus a penalty); a generative model maximises the "
     "joint likelihood Πᵢ P(yᵢ) p(xᵢ | yᵢ) instead."),
    # ---- boundaries --------------------------------------------------------------------------
    ("log-odds", "log-odds",
     "log [P(y = 1 | x) / P(y = 0 | x)] for two classes, 0 on the decision boundary. Logistic regression "
     "models it as a linear function of x (of polynomial features of x at a higher degree); a generative "
     "model's log-odds follow from its class densities: linear in x for LDA and shared-variance naive Bayes, "
     "quadratic for QDA and Gaussian naive Bayes."),
    ("decision boundary", "decision-boundary",
     "The set of points where the predicted class changes, where the two highest-scoring classes tie. For a "
     "two-class probabilistic model it is where P(y = 1 | x) = 0.5, that is where the log-odds are 0."),
    ("Bayes error", "bayes-error",
     "The lowest error rate any classifier can reach on a problem: that of the rule that picks the class with "
     "the largest true P(y | x). It is above zero wherever the classes overlap, and can be computed only when "
     "the true distributions are known, as for the Gaussian datasets on the learning-curves page."),
    # ---- the models --------------------------------------------------------------------------
    ("naive (conditional independence) assumption", "naive-assumption",
     "Naive Bayes assumes the features are independent given the class: p(x | y) = Πⱼ p(xⱼ | y). When they are "
     "not, its probabilities can err either way: features that repeat the same evidence (copies, or features "
     "correlated within a class whose means shift the same way) are counted once each (double counting), which "
     "makes it over-confident; a class's spread overestimated along the direction that separates the classes "
     "makes it under-confident, as on the explorer's correlated Gaussians, where it assumes variance 1 along the "
     "short axis of variance 0.1. Its decisions can still be good (Domingos & Pazzani, 1997)."),
    ("LDA / QDA", "lda-qda",
     "Linear and quadratic discriminant analysis: one Gaussian per class, all sharing one covariance (LDA) or "
     "each with its own (QDA); both are generative, LDA's log-odds between two classes are linear in x, QDA's "
     "quadratic, and QDA has K − 1 more covariance matrices to estimate. The name comes from Fisher's linear "
     "discriminant (1936), which assumes no Gaussians: for two classes, the direction that best separates the "
     "class means relative to the spread within a class is Σ⁻¹(μ₁ − μ₀), Σ the pooled within-class covariance, "
     "the same direction as LDA's. (Latent Dirichlet allocation, a topic model, is also called LDA.)"),
    ("mixture", "mixture",
     "A density made of weighted simpler ones, p(x) = Σₘ wₘ N(x; μₘ, Σₘ) for a Gaussian mixture. This app fits "
     "one mixture per class, by EM, to follow shapes one Gaussian cannot; such a classifier is generative."),
    ("kernel density / bandwidth", "kernel-density",
     "A kernel density estimate puts a small bump (here a Gaussian) on every training point and averages them, "
     "p(x) = (1/n) Σᵢ N(x; xᵢ, h²I). The bandwidth h is the bump's width (here in standard deviations of the "
     "data): small widths follow single points, large ones blur the classes together."),
    ("Platt scaling", "platt-scaling",
     "Turning a classifier's score s(x) into a probability with a sigmoid, 1 / (1 + exp(A s(x) + B)), A and B "
     "fitted on held-out data (Platt, 1999). This app calibrates its SVM this way, on held-out folds."),
    # ---- what generative models can do -------------------------------------------------------
    ("EM", "em",
     "Expectation-maximisation fits a model with unobserved variables (a point's mixture component, or its "
     "class when the label is missing) by alternating two steps: E computes their probabilities under the "
     "current fit, M refits the parameters weighted by them. No step lowers the likelihood, but EM can stop at "
     "a local optimum."),
    ("marginalising", "marginalising",
     "Summing or integrating a variable out: p(x₁ | y) = ∫ p(x₁, x₂ | y) dx₂. A generative model handles a "
     "missing feature this way, with no refit (for a Gaussian: drop that feature's row and column of the "
     "covariance); the answer is right for the model's own p(x | y) when the value is missing at random."),
    ("outlier / novelty detection", "novelty",
     "Flagging points unlike the training data. With a model of p(x), a point is flagged when log p(x) is below "
     "a threshold (on the Generative powers page: a low percentile of the training points' values). "
     "scikit-learn says novelty detection when the training data are clean, outlier detection when they may "
     "contain outliers."),
    ("prior shift / reweighting", "prior-shift",
     "Prior shift (label shift): the class shares P(y) change between training and use while p(x | y) stays the "
     "same. The posterior is then corrected without a refit, by multiplying it by P_new(y) / P_train(y) and "
     "renormalising, exact if the probabilities were calibrated; a generative model simply swaps its P(y). In "
     "practice P_new(y) is unknown: it is estimated by EM on unlabelled deployment points with the classifier's "
     "own posteriors (Saerens, Latinne & Decaestecker, 2002), which again needs calibrated probabilities."),
    ("two-sample test", "two-sample-test",
     "A test of whether two samples come from the same distribution. The classifier two-sample test "
     "(Lopez-Paz & Oquab, 2017) trains a classifier to tell them apart: cross-validated accuracy near 50% means "
     "it found no difference, not that there is none."),
    # ---- scores ------------------------------------------------------------------------------
    ("calibration", "calibration",
     "A model is calibrated when its probabilities match frequencies: of the points it gives P(k | x) ≈ 0.8, "
     "about 80% are in class k. A reliability diagram plots the observed frequency against the predicted "
     "probability, and a calibrated model lies on its diagonal; a model can be accurate and still over- or "
     "under-confident."),
    ("log-loss", "log-loss",
     "−mean log P(true class | x) over a set of points (the cross-entropy of the labels): 0 when every point's "
     "class gets probability 1, and without bound as that probability goes to 0. The explorer's table clips "
     "probabilities at 1e-15, so one point adds at most about 34.5."),
    ("Brier score", "brier-score",
     "The mean squared gap between predicted probabilities and the truth. This app's Brier score is the sum "
     "over classes, mean Σₖ (P(k | x) − [y = k])², from 0 to 2; for two classes that is twice scikit-learn's "
     "`brier_score_loss`, which then scores P(y = 1 | x) alone."),
    ("total variation", "total-variation",
     "The total variation distance between two distributions over the classes, ½ Σₖ |P_a(k) − P_b(k)|: the "
     "largest difference in probability they give to any set of classes, from 0 to 1. The explorer's difference "
     "map shows it between the two posteriors for three or more classes; for two classes it equals "
     "|P_a(y = 1 | x) − P_b(y = 1 | x)|, which the map shows with its sign."),
    ("shrinkage / regularisation", "regularisation",
     "Pulling estimates towards a simpler value: a little bias for less variance, which helps most with few "
     "points per parameter. Here LDA's shrinkage pulls the shared covariance towards a scaled identity, QDA's "
     "regularisation pulls each class's covariance towards the identity (in standardised units), and an L2 "
     "penalty keeps weights small: its strength is logistic regression's 1/C and the network's alpha."),
    # ---- deep generative models --------------------------------------------------------------
    ("GAN", "gan",
     "Generative adversarial network (Goodfellow et al., 2014): a generator turns random noise into samples and "
     "a discriminator learns to tell them from real data, each trained against the other. It is generative "
     "because the generator models the data's distribution (the discriminator is a training aid); it can "
     "sample but gives no p(x)."),
    ("VAE", "vae",
     "Variational autoencoder (Kingma & Welling, 2014): an encoder maps x to a distribution over latent codes "
     "z, a decoder maps z back to a distribution over x, and both are trained by maximising a lower bound on "
     "log p(x) (the ELBO). It samples by decoding a random z; the bound, not log p(x) itself, is what it "
     "computes."),
    # ---- text (the Spam and languages page) ---------------------------------------------------
    ("multinomial naive Bayes", "multinomial-nb",
     "Naive Bayes for counts: each class has a distribution over the vocabulary, and a document's words are "
     "drawn from it independently, so the class score is log P(y) + Σ count(w) log P(w | y). Word order is "
     "ignored."),
    ("Bernoulli naive Bayes", "bernoulli-nb",
     "Naive Bayes for presence: each vocabulary word is present or absent with its own probability per class. "
     "Absent words count as evidence; repeats do not."),
    ("Laplace smoothing", "laplace-smoothing",
     "Adding α to every count before dividing; for multinomial naive Bayes P(w | y) = (count + α) / (total + "
     "α V), V words in the vocabulary. α = 1 is “add one”; α = 0 gives an unseen word probability 0, which rules "
     "its class out whatever else is seen."),
    ("bag of words", "bag-of-words",
     "A document represented by its word counts alone, order discarded; multinomial naive Bayes models text "
     "this way, so its samples are words in no order."),
    ("character n-gram", "char-ngram",
     "A run of n consecutive characters (here within a word, padded with spaces): “ le” and “le ” for “le”. "
     "Useful for telling languages apart, where spelling patterns differ."),
)

GLOSSARY = MappingProxyType({term: MappingProxyType({"definition": definition, "anchor": anchor})
                             for term, anchor, definition in _ENTRIES})


def find_term(term: str) -> str:
    """The glossary key for ``term``, matched without case, or by its anchor."""
    wanted = term.strip().lower()
    for key, entry in GLOSSARY.items():
        if wanted in (key.lower(), entry["anchor"]):
            return key
    raise KeyError(f"{term!r} is not in the glossary; add it to core/glossary.py.")


def term_url(term: str) -> str:
    """Relative URL of ``term``'s heading on the cheat sheet page: ``cheatsheet#<anchor>``."""
    return f"{PAGE}#{GLOSSARY[find_term(term)]['anchor']}"


def term_link(term: str, text: str | None = None) -> str:
    """A markdown link to ``term``'s glossary entry, shown as ``text`` (the term itself by default).

    The URL is relative, so it resolves against the page it is on (``/explorer`` -> ``/cheatsheet``).
    """
    return f"[{term if text is None else text}]({term_url(term)})"
