"""The quiz's questions, part one: what each family learns, which family a model is, Bayes' rule and boundaries.

Every question has one right answer among its choices (``answer`` is the text of one of them; the page shows
the choices in a seeded, balanced order, see ``core.quiz``), an explanation (why, and why the
tempting wrong answer is wrong), a topic, and ``view``: the query parameters of a view that shows the point
live, on ``page`` (the explorer unless said), or None. ``tests/test_quiz.py`` opens every view and checks the
claim its explanation makes there. A wrong choice is a real misconception, as long and as specific as the
answer: neither the position nor the length of a choice gives the answer away.
"""

from __future__ import annotations

from dataclasses import dataclass

EXPLORER, POWERS = "pages/explorer.py", "pages/generative_powers.py"


@dataclass(frozen=True)
class Question:
    """One multiple-choice question; ``q["prompt"]`` works as well as ``q.prompt``."""

    id: str
    prompt: str
    choices: tuple
    answer: str
    explanation: str
    topic: str
    view: dict | None = None
    page: str = EXPLORER  # the page ``view`` opens

    def __getitem__(self, key):
        return getattr(self, key)


def q(id, topic, prompt, choices, answer, explanation, view=None, page=EXPLORER) -> Question:
    return Question(id, prompt, tuple(choices), answer, explanation, topic, view, page)


BASICS: tuple = (
    # ---- definitions ----------------------------------------------------------------------------
    q("joint_vs_conditional", "definitions",
      "A generative classifier models which quantity?",
      ["P(y | x) only", "p(x | y) and P(y), hence the joint p(x, y)", "A decision rule x → y with no probabilities",
       "p(x) only, with no labels"],
      "p(x | y) and P(y), hence the joint p(x, y)",
      "It learns how each class produces its inputs, p(x | y), and how common each class is, P(y); their product "
      "is the joint. It then classifies by Bayes' rule. P(y | x) alone is what a probabilistic discriminative "
      "model learns, and p(x) without labels is density estimation, not yet a classifier.",
      {"dataset": "blobs"}),
    q("which_from_which", "definitions",
      "You know P(x, y) for every x and y. What else can you compute? And from P(y | x) alone?",
      ["From P(x, y) you get P(y | x); from P(y | x) you cannot get P(x, y)",
       "Each can be computed from the other", "From P(y | x) you get P(x, y); not the reverse",
       "Neither gives the other"],
      "From P(x, y) you get P(y | x); from P(y | x) you cannot get P(x, y)",
      "P(y | x) = P(x, y) / Σ_y' P(x, y'), so the joint gives the conditional. The conditional says nothing about "
      "p(x), where the inputs lie, so the joint cannot be rebuilt from it. That missing p(x) is why a "
      "discriminative model cannot sample or flag an unusual x."),
    q("bayes_rule_at_a_point", "definitions",
      "At a point x a generative model has P(A) p(x | A) = 0.03 and P(B) p(x | B) = 0.01. What is P(A | x)?",
      ["0.75", "0.03", "0.5", "Cannot be known without p(x) from elsewhere"],
      "0.75",
      "Bayes' rule divides by the sum over classes: 0.03 / (0.03 + 0.01) = 0.75. The sum is p(x) itself, so the "
      "model needs nothing from elsewhere. 0.03 is the joint P(A, x), not the posterior. The explorer prints these "
      "terms at the probe, and the shown terms give the shown result.",
      {"probe": "0.5,0.5"}),
    q("nb_vs_logreg", "definitions",
      "Naive Bayes and logistic regression both give P(y | x). How do they differ?",
      ["They are the same model", "Naive Bayes fits p(x | y) per feature and P(y), then applies Bayes' rule; "
       "logistic regression fits P(y | x) directly by maximising the conditional likelihood",
       "Logistic regression fits p(x | y); naive Bayes fits P(y | x)", "Only naive Bayes outputs probabilities"],
      "Naive Bayes fits p(x | y) per feature and P(y), then applies Bayes' rule; logistic regression fits P(y | x) "
      "directly by maximising the conditional likelihood",
      "Naive Bayes estimates each feature's density within each class (counts, or a mean and a variance) and "
      "multiplies them; prediction is Bayes' rule. Logistic regression fits weights so the predicted P(y | x) "
      "matches the labels; prediction is a sigmoid of a weighted sum. On the explorer's two blobs they classify "
      "about equally well; they part ways when the independence assumption is badly wrong.",
      {"dataset": "blobs"}),
    q("logreg_learns", "definitions",
      "What does logistic regression learn from labelled data?",
      ["P(y | x) directly, by maximising the conditional likelihood", "p(x | y) for each class",
       "p(x), then a threshold", "Only a boundary, with no probabilities"],
      "P(y | x) directly, by maximising the conditional likelihood",
      "It maximises Σ log P(y_i | x_i): the inputs are taken as given and never modelled. That makes it a "
      "probabilistic discriminative model; it has probabilities (unlike an SVM's raw score) but no p(x | y), so "
      "it cannot draw new points.",
      {"disc": "logreg"}),
    # ---- which family ---------------------------------------------------------------------------
    q("nb_is_generative", "which",
      "Which of these is a generative classifier?",
      ["Logistic regression", "Naive Bayes", "A support vector machine", "A decision tree"],
      "Naive Bayes",
      "Naive Bayes fits p(x | y) as a product of one density per feature, and P(y), and classifies by Bayes' rule; "
      "its fitted model can draw new points. The other three never model x: logistic regression fits P(y | x), "
      "an SVM and a tree fit a decision rule.",
      {"gen": "gnb"}),
    q("lda_name", "which",
      "LDA stands for linear *discriminant* analysis. Which family is it?",
      ["Discriminative: the name says so", "Generative: it fits a Gaussian per class with one shared covariance, "
       "plus P(y)", "Neither: it is a dimensionality reduction", "Discriminative, because its boundary is linear"],
      "Generative: it fits a Gaussian per class with one shared covariance, plus P(y)",
      "LDA estimates class means, a shared covariance and class priors, then classifies by Bayes' rule, and it can "
      "sample. 'Discriminant' names what comes out: a linear discriminant function, because the shared covariance "
      "makes the log-odds linear. A linear boundary says nothing about the family: both families can draw one.",
      {"gen": "lda"}),
    q("svm_family", "which",
      "An SVM with an RBF kernel is best described as…",
      ["A generative model of each class", "A probabilistic model of P(y | x)",
       "A discriminant function: a boundary and a margin, probabilities only after calibration",
       "A density estimator"],
      "A discriminant function: a boundary and a margin, probabilities only after calibration",
      "An SVM learns a decision function whose sign is the class; its score is a distance, not a probability. "
      "Probabilities come from a calibration step fitted afterwards (Platt scaling, or this app's calibrated "
      "SVM). It models no p(x | y), so it cannot sample.",
      {"disc": "svm"}),
    q("tree_family", "which",
      "A decision tree classifier is…",
      ["Generative: its leaves store class counts", "Discriminative: a rule x → y whose leaf vote shares act as "
       "probabilities", "Generative, because it splits on the features", "Neither"],
      "Discriminative: a rule x → y whose leaf vote shares act as probabilities",
      "A tree partitions the input space and votes within each cell; the leaf's class shares are rough "
      "probabilities, not a model of where x lies. The leaf counts are counts of y given the cell, i.e. an "
      "estimate of P(y | x), which is the discriminative quantity.",
      {"disc": "tree"}),
    q("knn_family", "which",
      "k-nearest neighbours classification is usually classed as…",
      ["Generative", "Discriminative: a local vote for P(y | x)", "Unsupervised", "A mixture model"],
      "Discriminative: a local vote for P(y | x)",
      "It stores the training data and returns the class shares among the k nearest points: an estimate of "
      "P(y | x) with no model of p(x | y) that you could sample from. Bishop (PRML 2.5.2) derives the vote from "
      "k-NN density estimates via Bayes' rule, a nice follow-up, but those estimates are not normalised "
      "densities, and the method is used as a discriminative one.",
      {"dataset": "three_gaussians", "gen": "qda", "disc": "knn"}),
    q("mlp_family", "which",
      "A neural network with a softmax output, trained with cross-entropy, is…",
      ["Generative", "A probabilistic discriminative model of P(y | x)", "A discriminant function with no "
       "probabilities", "Generative, because it has hidden layers"],
      "A probabilistic discriminative model of P(y | x)",
      "Cross-entropy is the negative conditional log-likelihood, so the network fits P(y | x), like logistic "
      "regression with learned features. Depth does not make a model generative: what matters is whether it "
      "models the inputs.",
      {"disc": "mlp"}),
    q("gmm_classifier", "which",
      "A classifier that fits one Gaussian mixture per class and applies Bayes' rule is…",
      ["Generative", "Discriminative", "Unsupervised, so neither", "Discriminative, because mixtures are flexible"],
      "Generative",
      "Each class gets a density p(x | y) (a mixture of Gaussians) and the classes get P(y); Bayes' rule does the "
      "rest, and the fitted model can draw new points. Flexibility does not change the family: a flexible density "
      "is still a density.",
      {"dataset": "moons", "gen": "gmm", "gen.n_components": "4", "disc": "svm"}),
    q("hmm_crf", "which",
      "For sequence labelling, which pair mirrors naive Bayes vs logistic regression?",
      ["HMM (generative) vs CRF (discriminative)", "CRF (generative) vs HMM (discriminative)",
       "Both HMM and CRF are generative", "Both are discriminative"],
      "HMM (generative) vs CRF (discriminative)",
      "An HMM models the joint p(x, y) of the observations and the hidden labels; a linear-chain CRF models "
      "p(y | x) over the whole label sequence. Sutton and McCallum present them as the sequence versions of naive "
      "Bayes and logistic regression, with the same trade-offs."),
    q("regression_is_discriminative", "which",
      "Ordinary least-squares regression of y on x is…",
      ["Generative, because it assumes Gaussian noise", "Discriminative: it models p(y | x) (or E[y | x]) and "
       "never x", "Neither: only classifiers have families", "Generative, because it can predict y for any x"],
      "Discriminative: it models p(y | x) (or E[y | x]) and never x",
      "The Gaussian noise is on y given x; the inputs are taken as given. A generative regression would model the "
      "joint p(x, y), for example a Gaussian over (x, y), and condition on x to predict. The families are about "
      "what is modelled, not about classification."),
    # ---- Bayes' rule and boundaries -----------------------------------------------------------------
    q("lda_logistic_form", "bayes",
      "Two Gaussian classes share one covariance matrix (LDA's assumption). What form does P(y = 1 | x) take?",
      ["A sigmoid of a linear function of x: logistic regression's form", "A sigmoid of a quadratic function",
       "A step function", "A Gaussian in x"],
      "A sigmoid of a linear function of x: logistic regression's form",
      "The log-odds are log P(1) p(x | 1) − log P(0) p(x | 0); with a shared covariance the quadratic terms xᵀΣ⁻¹x "
      "cancel, leaving a linear function, so the boundary is a straight line. The quadratic form belongs to "
      "QDA, where each class has its own covariance.",
      {"gen": "lda"}),
    q("lda_vs_logreg_fit", "bayes",
      "LDA and logistic regression have the same form of P(y | x). Do they find the same line?",
      ["Always the same line", "Not in general: LDA maximises the joint likelihood, logistic regression the "
       "conditional one", "Only logistic regression's is linear", "Only on three or more classes"],
      "Not in general: LDA maximises the joint likelihood, logistic regression the conditional one",
      "LDA gets its line from the class means and shared covariance it estimates, so it trusts the Gaussian "
      "assumption; logistic regression fits the line to P(y | x) alone. When the classes really are Gaussian with "
      "a shared covariance they agree in the limit; otherwise they differ, and logistic regression's is usually "
      "the better classifier with enough data.",
      {"gen": "lda"}),
    q("qda_boundary", "bayes",
      "QDA gives each class its own covariance. Its decision boundary is…",
      ["Always a straight line", "A quadratic curve (a conic): an ellipse, parabola or hyperbola",
       "Axis-aligned steps", "Undefined for two classes"],
      "A quadratic curve (a conic): an ellipse, parabola or hyperbola",
      "With different covariances the xᵀΣ_k⁻¹x terms no longer cancel, so the log-odds are quadratic. On rings "
      "the boundary closes around the inner class, which a straight line cannot do. QDA's density there is a "
      "wrong picture of the data (it peaks in the empty centre), yet its boundary classifies well.",
      {"dataset": "circles", "gen": "qda"}),
    q("nb_axis_aligned", "bayes",
      "Naive Bayes assumes the features are independent given the class. On correlated data its class "
      "contours are…",
      ["Tilted ellipses that follow the data", "Axis-aligned ellipses, whatever the data's tilt",
       "Circles", "Straight lines"],
      "Axis-aligned ellipses, whatever the data's tilt",
      "Independence given the class means a diagonal covariance per class, so each contour is an ellipse whose "
      "axes are the coordinate axes; its samples are untilted too. LDA and QDA estimate the full covariance and "
      "capture the tilt.",
      {"dataset": "correlated"}),
    q("lda_qda_data", "bayes",
      "With d features and K classes, which needs more data: LDA or QDA?",
      ["LDA", "QDA: K covariance matrices of d(d+1)/2 entries each, against one shared",
       "They need the same", "Neither estimates covariances"],
      "QDA: K covariance matrices of d(d+1)/2 entries each, against one shared",
      "QDA estimates K·d(d+1)/2 covariance entries, LDA d(d+1)/2: with d = 100 and two classes that is 10,100 "
      "against 5,050. With little data QDA overfits, so regularising it toward a shared or diagonal covariance "
      "helps; 'generative models need less data' is not a rule."),
)
