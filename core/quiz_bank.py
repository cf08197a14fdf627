"""The quiz's questions, part one: what each family learns, which family a model is, Bayes' rule and boundaries.

Every question has one right answer among its choices, an explanation (why, and why the tempting wrong answer
is wrong), a topic, and ``view``: the query parameters of a view that shows the point live, on ``page`` (the
explorer unless said), or None;
its ``focus`` names the part of that page that shows it (``ui.focus.TARGETS``), which the page scrolls to and
marks. ``tests/test_quiz.py`` opens every view and checks the claim its explanation
makes there. The bank writes the answer first; ``answer`` stays its text, and the page shows the choices in a
seeded, balanced order (``core.quiz``). A wrong choice is a real misconception, worded as confidently and as
specifically as the answer: neither a choice's position nor its length gives the answer away
(``tests/test_quiz_fairness.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

EXPLORER, POWERS = "pages/explorer.py", "pages/generative_powers.py"
WORDS, PICTURES = "pages/words.py", "pages/pictures.py"


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


def q(id, topic, prompt, answer, wrong, explanation, view=None, page=EXPLORER) -> Question:
    """A question whose choices are ``answer`` and the ``wrong`` ones."""
    return Question(id, prompt, (answer, *wrong), answer, explanation, topic, view, page)


BASICS: tuple = (
    # ---- definitions ----------------------------------------------------------------------------
    q("joint_vs_conditional", "definitions",
      "A generative classifier models which quantity?",
      "p(x | y) and P(y), hence the joint p(x, y)",
      ["P(y | x), as any probabilistic model does",
       "p(x) alone, by density estimation with the labels set aside",
       "A decision rule x → y, with a score but no probabilities"],
      "It learns how each class produces its inputs, p(x | y), and how common each class is, P(y); their product "
      "is the joint. It then classifies by Bayes' rule. P(y | x) alone is what a probabilistic discriminative "
      "model learns (having probabilities does not make a model generative), and p(x) without labels is density "
      "estimation, not yet a classifier.",
      {"dataset": "blobs", "focus": "density"}),
    q("which_from_which", "definitions",
      "You know P(x, y) for every x and y. What else can you compute? And from P(y | x) alone?",
      "From P(x, y) you get P(y | x); from P(y | x) you cannot get P(x, y)",
      ["Each gives the other: P(x, y) = P(y | x) p(x), and p(x) follows from P(y | x)",
       "From P(y | x) you get P(x, y) by Bayes' rule; the joint does not give the conditional",
       "Neither: the joint and the conditional are separate models"],
      "P(y | x) = P(x, y) / Σ_y' P(x, y'), so the joint gives the conditional. The conditional says nothing about "
      "p(x), where the inputs lie, so the joint cannot be rebuilt from it. That missing p(x) is why a "
      "discriminative model cannot sample or flag an unusual x."),
    q("bayes_rule_at_a_point", "definitions",
      "At a point x a generative model has P(A) p(x | A) = 0.03 and P(B) p(x | B) = 0.01. What is P(A | x)?",
      "0.75",
      ["0.03", "0.25", "Cannot be known without p(x) from elsewhere"],
      "Bayes' rule divides by the sum over classes: 0.03 / (0.03 + 0.01) = 0.75. The sum is p(x) itself, so the "
      "model needs nothing from elsewhere. 0.03 is the joint P(A, x), not the posterior, and 0.25 is P(B | x). The "
      "explorer prints these terms at the probe, and the shown terms give the shown result.",
      {"probe": "0.5,0.5", "focus": "probe"}),
    q("nb_vs_logreg", "definitions",
      "Naive Bayes and logistic regression both give P(y | x). How do they differ?",
      "Naive Bayes fits p(x | y) feature by feature and P(y), then applies Bayes' rule; logistic regression fits "
      "P(y | x) directly",
      ["They are the same model: for Gaussian features both give a sigmoid of a weighted sum of x, and fitting "
       "finds the same weights on any data",
       "Logistic regression fits p(x | y) with a Gaussian per class and P(y); naive Bayes fits P(y | x) directly "
       "by maximising the conditional likelihood",
       "Only naive Bayes outputs probabilities; logistic regression outputs a class from the sign of a weighted "
       "sum of the features"],
      "Naive Bayes estimates each feature's density within each class (counts, or a mean and a variance) and "
      "multiplies them; prediction is Bayes' rule. Logistic regression fits weights so the predicted P(y | x) "
      "matches the labels; prediction is a sigmoid of a weighted sum. On the explorer's two blobs they classify "
      "about equally well; they part ways when the independence assumption is badly wrong.",
      {"dataset": "blobs", "focus": "difference"}),
    q("logreg_learns", "definitions",
      "What does logistic regression learn from labelled data?",
      "P(y | x) directly, by maximising the conditional likelihood of the labels given the inputs",
      ["p(x | y) for each class, as a Gaussian whose log-odds happen to be linear",
       "Only a boundary, whose distance to a point is then read as a probability",
       "p(x, y), by maximising the joint likelihood of the inputs and the labels"],
      "It maximises Σ log P(y_i | x_i): the inputs are taken as given and never modelled. That makes it a "
      "probabilistic discriminative model; it has probabilities (unlike an SVM's raw score) but no p(x | y), so "
      "it cannot draw new points.",
      {"disc": "logreg", "focus": "disc_posterior"}),
    # ---- which family ---------------------------------------------------------------------------
    q("nb_is_generative", "which",
      "Which of these is a generative classifier?",
      "Naive Bayes",
      ["Logistic regression", "An SVM", "A decision tree"],
      "Naive Bayes fits p(x | y) as a product of one density per feature, and P(y), and classifies by Bayes' rule; "
      "its fitted model can draw new points. The other three never model x: logistic regression fits P(y | x), "
      "an SVM and a tree fit a decision rule.",
      {"gen": "gnb", "focus": "density"}),
    q("lda_name", "which",
      "LDA stands for linear *discriminant* analysis. Which family is it?",
      "Generative: it fits a Gaussian per class with one shared covariance, plus P(y)",
      ["Discriminative: the name says it fits a discriminant",
       "Neither: it is an unsupervised projection, like PCA, with no model of the classes",
       "Discriminative, because a linear boundary can only come from a discriminative model"],
      "LDA as a classifier estimates class means, a shared covariance and class priors, then classifies by "
      "Bayes' rule, and it can sample. The name comes from Fisher's linear discriminant (1936), a projection "
      "chosen to separate the classes that assumes no Gaussians; for two classes it points the same way as the "
      "Gaussian model's Σ⁻¹(μ₁ − μ₀). That projection uses the labels, unlike PCA, and a linear boundary says "
      "nothing about the family: both families can draw one.",
      {"gen": "lda", "focus": "gen_posterior"}),
    q("svm_family", "which",
      "An SVM with an RBF kernel is best described as…",
      "A discriminant function: a boundary and a margin, with probabilities only after a calibration step",
      ["A generative model of each class, since its support vectors summarise where each class lies",
       "A probabilistic model of P(y | x): its margin is a log-odds, as in logistic regression",
       "A density estimator: the RBF kernel places a Gaussian bump on every support vector"],
      "An SVM learns a decision function whose sign is the class; its score is a distance, not a probability or a "
      "log-odds. Probabilities come from a calibration step fitted afterwards (Platt scaling, or this app's "
      "calibrated SVM). Its kernel's bumps around the support vectors place a boundary, not a density: it models "
      "no p(x | y), so it cannot sample.",
      {"disc": "svm", "focus": "disc_posterior"}),
    q("tree_family", "which",
      "A decision tree classifier is…",
      "Discriminative: a rule x → y whose leaf vote shares act as rough estimates of P(y | x)",
      ["Generative: each leaf stores its class counts, which is a model of p(x | y)",
       "Generative, because its splits are chosen from the distribution of each feature",
       "Neither: a rule-based system with no probabilities at all"],
      "A tree partitions the input space and votes within each cell; the leaf's class shares are rough "
      "probabilities, not a model of where x lies. The leaf counts are counts of y given the cell, i.e. an "
      "estimate of P(y | x), which is the discriminative quantity.",
      {"disc": "tree", "focus": "disc_posterior"}),
    q("knn_family", "which",
      "k-nearest neighbours classification is usually classed as…",
      "Discriminative: a vote among the k nearest training points, an estimate of P(y | x)",
      ["Generative: it stores the training data, so it holds p(x | y)",
       "Unsupervised: it fits nothing, so it belongs to neither family",
       "A mixture model with one component per training point"],
      "It stores the training data and returns the class shares among the k nearest points: an estimate of "
      "P(y | x) with no model of p(x | y) that you could sample from. Bishop (PRML 2.5.2) derives the vote from "
      "k-NN density estimates via Bayes' rule, a nice follow-up, but those estimates are not normalised "
      "densities, and the method is used as a discriminative one.",
      {"dataset": "three_gaussians", "gen": "qda", "disc": "knn", "focus": "disc_posterior"}),
    q("mlp_family", "which",
      "A neural network with a softmax output, trained with cross-entropy, is…",
      "A probabilistic discriminative model of P(y | x), like logistic regression with learned features",
      ["Generative, because its hidden layers learn a representation of x",
       "A discriminant function with no probabilities, like an SVM's margin",
       "Generative, because a large enough network can model any distribution"],
      "Cross-entropy is the negative conditional log-likelihood, so the network fits P(y | x), like logistic "
      "regression with learned features. Depth and learned features do not make a model generative: what matters "
      "is whether it models the inputs.",
      {"disc": "mlp", "focus": "disc_posterior"}),
    q("gmm_classifier", "which",
      "A classifier that fits one Gaussian mixture per class and applies Bayes' rule is…",
      "Generative: a density p(x | y) per class, then Bayes' rule to classify",
      ["Discriminative, because mixtures are flexible enough to draw any boundary",
       "Unsupervised, so neither: a mixture is a clustering method",
       "Discriminative, because each class's mixture is fitted to separate it from the others"],
      "Each class gets a density p(x | y) (a mixture of Gaussians, fitted to that class's points alone) and the "
      "classes get P(y); Bayes' rule does the rest, and the fitted model can draw new points. Flexibility does not "
      "change the family: a flexible density is still a density.",
      {"dataset": "moons", "gen": "gmm", "gen.n_components": "4", "disc": "svm", "focus": "density"}),
    q("hmm_crf", "which",
      "For sequence labelling, which pair mirrors naive Bayes vs logistic regression?",
      "HMM (generative: the joint of observations and labels) vs CRF (discriminative: labels given observations)",
      ["CRF (generative) vs HMM (discriminative), since a CRF models the whole sequence",
       "Both are generative: each models a sequence of labels",
       "Both are discriminative: each predicts labels from observations"],
      "An HMM models the joint p(x, y) of the observations and the hidden labels; a linear-chain CRF models "
      "p(y | x) over the whole label sequence. Sutton and McCallum present them as the sequence versions of naive "
      "Bayes and logistic regression, with the same trade-offs."),
    q("regression_is_discriminative", "which",
      "Ordinary least-squares regression of y on x is…",
      "Discriminative: it models p(y | x) (or E[y | x]) and never x",
      ["Generative, because it assumes Gaussian noise on y",
       "Neither: only classifiers belong to the two families",
       "Generative, because once fitted it can produce a y for every x you give it"],
      "The Gaussian noise is on y given x; the inputs are taken as given. A generative regression would model the "
      "joint p(x, y), for example a Gaussian over (x, y), and condition on x to predict. The families are about "
      "what is modelled, not about classification."),
    # ---- Bayes' rule and boundaries -----------------------------------------------------------------
    q("lda_logistic_form", "bayes",
      "Two Gaussian classes share one covariance matrix (LDA's assumption). What form does P(y = 1 | x) take?",
      "A sigmoid of a linear function of x: logistic regression's form",
      ["A sigmoid of a quadratic function of x, as for any two Gaussian classes",
       "A step function of x: the class with the nearer mean wins outright",
       "A Gaussian in x, centred halfway between the two class means"],
      "The log-odds are log P(1) p(x | 1) − log P(0) p(x | 0); with a shared covariance the quadratic terms xᵀΣ⁻¹x "
      "cancel, leaving a linear function, so the boundary is a straight line. The quadratic form belongs to "
      "QDA, where each class has its own covariance.",
      {"gen": "lda", "focus": "gen_posterior"}),
    q("lda_vs_logreg_fit", "bayes",
      "LDA and logistic regression have the same form of P(y | x). Do they find the same line?",
      "Not in general: LDA maximises the joint likelihood, logistic regression the conditional one",
      ["Always the same line: the same form of P(y | x), fitted by maximum likelihood to the same points, gives "
       "the same weights",
       "The same line whenever the classes are separable, different lines otherwise",
       "Not in general, because only logistic regression's boundary is a straight line"],
      "LDA gets its line from the class means and shared covariance it estimates, so it trusts the Gaussian "
      "assumption; logistic regression fits the line to P(y | x) alone. When the classes really are Gaussian with "
      "a shared covariance they agree in the limit; otherwise they differ, and logistic regression's is usually "
      "the better classifier with enough data.",
      {"gen": "lda", "focus": "difference"}),
    q("qda_boundary", "bayes",
      "QDA gives each class its own covariance. Its decision boundary is…",
      "A quadratic curve (a conic): an ellipse, parabola or hyperbola",
      ["A straight line, because the log-odds of two Gaussian classes are always linear",
       "A staircase of axis-aligned steps, one per feature and class",
       "A circle around each class mean, whose radius is that class's variance"],
      "With different covariances the xᵀΣ_k⁻¹x terms no longer cancel, so the log-odds are quadratic. On rings "
      "the boundary closes around the inner class, which a straight line cannot do. QDA's density there is a "
      "wrong picture of the data (it peaks in the empty centre), yet its boundary classifies well.",
      {"dataset": "circles", "gen": "qda", "focus": "gen_posterior"}),
    q("nb_axis_aligned", "bayes",
      "Naive Bayes assumes the features are independent given the class. On correlated data its class "
      "contours are…",
      "Axis-aligned ellipses, whatever the data's tilt: a diagonal covariance per class",
      ["Tilted ellipses that follow the data, since each class's variances are fitted",
       "Circles, because independent features have equal variances",
       "Straight lines, because independence makes the model linear"],
      "Independence given the class means a diagonal covariance per class, so each contour is an ellipse whose "
      "axes are the coordinate axes; its samples are untilted too. LDA and QDA estimate the full covariance and "
      "capture the tilt.",
      {"dataset": "correlated", "focus": "density"}),
    q("lda_qda_data", "bayes",
      "With d features and K classes, which needs more data: LDA or QDA?",
      "QDA: K covariance matrices of d(d+1)/2 entries each, against one shared",
      ["LDA: one covariance shared by all the classes must fit every class's data at once",
       "They need the same: both estimate a mean per class and a covariance",
       "LDA: pooling the classes into one covariance needs K times the points"],
      "QDA estimates K·d(d+1)/2 covariance entries, LDA d(d+1)/2: with d = 100 and two classes that is 10,100 "
      "against 5,050. Pooling helps LDA, as every point serves the one shared matrix. With little data QDA "
      "overfits, so regularising it toward a shared or diagonal covariance helps; 'generative models need less "
      "data' is not a rule."),
)
