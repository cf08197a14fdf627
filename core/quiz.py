"""Interview questions on generative vs discriminative classifiers, with the live view behind each answer.

Every question has one right answer among its choices, an explanation (why, and why the tempting wrong
answer is wrong), a topic, and ``view``: the explorer's query parameters for a view that shows the point
live, or None. ``tests/test_quiz.py`` opens every view and checks the claim its explanation makes there,
as ``tests/test_claims_explorer.py`` does for the explorer's notes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

TOPICS = {
    "definitions": "What each family learns",
    "which": "Which family is it?",
    "bayes": "Bayes' rule and boundary shapes",
    "data": "When each wins",
    "powers": "What only a generative model can do",
    "probabilities": "Priors and calibration",
    "modern": "GANs, VAEs and other modern models",
}

# The 60-second answer a strong candidate would give, one per topic.
MODEL_ANSWERS = {
    "definitions":
        "A discriminative classifier models P(y | x) directly (logistic regression, a softmax network) or just a "
        "decision rule (an SVM, a tree, k-NN). A generative classifier models how each class produces its data, "
        "p(x | y), and how common each class is, P(y); together that is the joint p(x, y) = P(y) p(x | y). It "
        "classifies by Bayes' rule, P(y | x) ∝ P(y) p(x | y). From the joint you can get the conditional, not "
        "the reverse, so the generative model knows more: it can sample, score how typical an x is, and handle a "
        "missing feature. The price is that it must model x, which is harder than drawing a boundary, and its "
        "answers are only as good as that model.",
    "which":
        "Ask what is fitted. If it is a distribution over the inputs, p(x | y) or p(x), it is generative: naive "
        "Bayes, LDA and QDA, a Gaussian mixture per class, an HMM, a VAE, a GAN, a diffusion model, an "
        "autoregressive language model. If it is P(y | x) or a decision function, it is discriminative: logistic "
        "regression, an MLP, a CRF, an SVM, a tree, k-NN, and ordinary regression. The names mislead: linear "
        "*discriminant* analysis is generative, and a GAN contains a discriminator yet is generative because what "
        "it delivers is a sampler of p(x).",
    "bayes":
        "Bayes' rule turns p(x | y) and P(y) into P(y | x). With Gaussian classes the log-odds are quadratic in x; "
        "if the classes share one covariance (LDA) the quadratic terms cancel and the log-odds are linear, so "
        "P(y | x) is a sigmoid of a linear function: exactly logistic regression's form. Gaussian naive Bayes with "
        "variances shared across classes is linear too. The two fit that form differently: LDA maximises the joint "
        "likelihood, logistic regression the conditional one, so their lines differ when the Gaussian assumption "
        "is wrong. QDA, with a covariance per class, draws conics.",
    "data":
        "Ng and Jordan (2002) compared naive Bayes with logistic regression: naive Bayes approaches its asymptotic "
        "error with about O(log d) examples, logistic regression needs O(d), but logistic regression's asymptotic "
        "error is lower or equal. So with little data the generative model often wins, with plenty the "
        "discriminative one, and the curves can cross. That is a result about that pair: a generative model with "
        "many parameters, like QDA's covariance per class, can need more data, not less. Discriminative models "
        "tend to win with enough data because they spend nothing on modelling x and are not hurt when that model "
        "is wrong.",
    "powers":
        "Because a generative model has p(x) = Σ P(y) p(x | y), it can flag an x that no class explains (an "
        "outlier), classify with a feature missing by integrating it out, learn from unlabelled points with EM, "
        "and draw new examples. A discriminative model has none of these for free: its P(y | x) can be confident "
        "far from all data, it needs imputation for a missing feature, and it cannot sample. Each power is only "
        "as good as the model of p(x | y): EM with a wrong model can make things worse, and a density can look "
        "wrong while its boundary is fine.",
    "probabilities":
        "A new class prior is one factor in Bayes' rule, so a generative model takes it with no refit. A "
        "probabilistic discriminative model can too, by reweighting: P_new(y | x) ∝ P(y | x) P_new(y) / "
        "P_train(y) (Saerens et al. 2002), assuming p(x | y) stays the same. Calibration is a separate question: "
        "naive Bayes's probabilities are often too extreme when features repeat the same evidence, because it "
        "counts it twice, but they can be too timid when the features' correlation carries information. Logistic "
        "regression is usually well calibrated near its data; SVM scores need calibrating (Platt scaling).",
    "modern":
        "A GAN trains a generator to turn noise into samples and a discriminator, a real-vs-fake classifier, to "
        "tell them apart; the discriminator is discriminative, but it is only the training signal: the product is "
        "the generator, a sampler of p(x) with no density you can evaluate. A VAE is an explicit latent-variable "
        "model trained on a lower bound of log p(x), the ELBO. Diffusion models and autoregressive language models "
        "are generative too: a language model factorises p(x) into next-token conditionals and can sample text. "
        "The same contrast exists for sequences: an HMM is generative, a CRF is its discriminative partner.",
}


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

    def __getitem__(self, key):
        return getattr(self, key)


def _q(id, topic, prompt, choices, answer, explanation, view=None) -> Question:
    return Question(id, prompt, tuple(choices), answer, explanation, topic, view)


QUESTIONS: tuple = (
    # ---- definitions ----------------------------------------------------------------------------
    _q("joint_vs_conditional", "definitions",
       "A generative classifier models which quantity?",
       ["P(y | x) only", "p(x | y) and P(y), hence the joint p(x, y)", "A decision rule x → y with no probabilities",
        "p(x) only, with no labels"],
       "p(x | y) and P(y), hence the joint p(x, y)",
       "It learns how each class produces its inputs, p(x | y), and how common each class is, P(y); their product "
       "is the joint. It then classifies by Bayes' rule. P(y | x) alone is what a probabilistic discriminative "
       "model learns, and p(x) without labels is density estimation, not yet a classifier.",
       {"dataset": "blobs"}),
    _q("which_from_which", "definitions",
       "You know P(x, y) for every x and y. What else can you compute? And from P(y | x) alone?",
       ["From P(x, y) you get P(y | x); from P(y | x) you cannot get P(x, y)",
        "Each can be computed from the other", "From P(y | x) you get P(x, y); not the reverse",
        "Neither gives the other"],
       "From P(x, y) you get P(y | x); from P(y | x) you cannot get P(x, y)",
       "P(y | x) = P(x, y) / Σ_y' P(x, y'), so the joint gives the conditional. The conditional says nothing about "
       "p(x), where the inputs lie, so the joint cannot be rebuilt from it. That missing p(x) is why a "
       "discriminative model cannot sample or flag an unusual x."),
    _q("bayes_rule_at_a_point", "definitions",
       "At a point x a generative model has P(A) p(x | A) = 0.03 and P(B) p(x | B) = 0.01. What is P(A | x)?",
       ["0.75", "0.03", "0.5", "Cannot be known without p(x) from elsewhere"],
       "0.75",
       "Bayes' rule divides by the sum over classes: 0.03 / (0.03 + 0.01) = 0.75. The sum is p(x) itself, so the "
       "model needs nothing from elsewhere. 0.03 is the joint P(A, x), not the posterior. The explorer prints these "
       "terms at the probe, and the shown terms give the shown result.",
       {"probe": "0.5,0.5"}),
    _q("nb_vs_logreg", "definitions",
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
    _q("logreg_learns", "definitions",
       "What does logistic regression learn from labelled data?",
       ["P(y | x) directly, by maximising the conditional likelihood", "p(x | y) for each class",
        "p(x), then a threshold", "Only a boundary, with no probabilities"],
       "P(y | x) directly, by maximising the conditional likelihood",
       "It maximises Σ log P(y_i | x_i): the inputs are taken as given and never modelled. That makes it a "
       "probabilistic discriminative model; it has probabilities (unlike an SVM's raw score) but no p(x | y), so "
       "it cannot draw new points.",
       {"disc": "logreg"}),
    # ---- which family ---------------------------------------------------------------------------
    _q("nb_is_generative", "which",
       "Which of these is a generative classifier?",
       ["Logistic regression", "Naive Bayes", "A support vector machine", "A decision tree"],
       "Naive Bayes",
       "Naive Bayes fits p(x | y) as a product of one density per feature, and P(y), and classifies by Bayes' rule; "
       "its fitted model can draw new points. The other three never model x: logistic regression fits P(y | x), "
       "an SVM and a tree fit a decision rule.",
       {"gen": "gnb"}),
    _q("lda_name", "which",
       "LDA stands for linear *discriminant* analysis. Which family is it?",
       ["Discriminative: the name says so", "Generative: it fits a Gaussian per class with one shared covariance, "
        "plus P(y)", "Neither: it is a dimensionality reduction", "Discriminative, because its boundary is linear"],
       "Generative: it fits a Gaussian per class with one shared covariance, plus P(y)",
       "LDA estimates class means, a shared covariance and class priors, then classifies by Bayes' rule, and it can "
       "sample. 'Discriminant' names what comes out: a linear discriminant function, because the shared covariance "
       "makes the log-odds linear. A linear boundary says nothing about the family: both families can draw one.",
       {"gen": "lda"}),
    _q("svm_family", "which",
       "An SVM with an RBF kernel is best described as…",
       ["A generative model of each class", "A probabilistic model of P(y | x)",
        "A discriminant function: a boundary and a margin, probabilities only after calibration",
        "A density estimator"],
       "A discriminant function: a boundary and a margin, probabilities only after calibration",
       "An SVM learns a decision function whose sign is the class; its score is a distance, not a probability. "
       "Probabilities come from a calibration step fitted afterwards (Platt scaling, or this app's calibrated "
       "SVM). It models no p(x | y), so it cannot sample.",
       {"disc": "svm"}),
    _q("tree_family", "which",
       "A decision tree classifier is…",
       ["Generative: its leaves store class counts", "Discriminative: a rule x → y whose leaf vote shares act as "
        "probabilities", "Generative, because it splits on the features", "Neither"],
       "Discriminative: a rule x → y whose leaf vote shares act as probabilities",
       "A tree partitions the input space and votes within each cell; the leaf's class shares are rough "
       "probabilities, not a model of where x lies. The leaf counts are counts of y given the cell, i.e. an "
       "estimate of P(y | x), which is the discriminative quantity.",
       {"disc": "tree"}),
    _q("knn_family", "which",
       "k-nearest neighbours classification is usually classed as…",
       ["Generative", "Discriminative: a local vote for P(y | x)", "Unsupervised", "A mixture model"],
       "Discriminative: a local vote for P(y | x)",
       "It stores the training data and returns the class shares among the k nearest points: an estimate of "
       "P(y | x) with no model of p(x | y) that you could sample from. Bishop (PRML 2.5.2) derives the vote from "
       "k-NN density estimates via Bayes' rule, a nice follow-up, but those estimates are not normalised "
       "densities, and the method is used as a discriminative one.",
       {"dataset": "three_gaussians", "gen": "qda", "disc": "knn"}),
    _q("mlp_family", "which",
       "A neural network with a softmax output, trained with cross-entropy, is…",
       ["Generative", "A probabilistic discriminative model of P(y | x)", "A discriminant function with no "
        "probabilities", "Generative, because it has hidden layers"],
       "A probabilistic discriminative model of P(y | x)",
       "Cross-entropy is the negative conditional log-likelihood, so the network fits P(y | x), like logistic "
       "regression with learned features. Depth does not make a model generative: what matters is whether it "
       "models the inputs.",
       {"disc": "mlp"}),
    _q("gmm_classifier", "which",
       "A classifier that fits one Gaussian mixture per class and applies Bayes' rule is…",
       ["Generative", "Discriminative", "Unsupervised, so neither", "Discriminative, because mixtures are flexible"],
       "Generative",
       "Each class gets a density p(x | y) (a mixture of Gaussians) and the classes get P(y); Bayes' rule does the "
       "rest, and the fitted model can draw new points. Flexibility does not change the family: a flexible density "
       "is still a density.",
       {"dataset": "moons", "gen": "gmm", "gen.n_components": "4", "disc": "svm"}),
    _q("hmm_crf", "which",
       "For sequence labelling, which pair mirrors naive Bayes vs logistic regression?",
       ["HMM (generative) vs CRF (discriminative)", "CRF (generative) vs HMM (discriminative)",
        "Both HMM and CRF are generative", "Both are discriminative"],
       "HMM (generative) vs CRF (discriminative)",
       "An HMM models the joint p(x, y) of the observations and the hidden labels; a linear-chain CRF models "
       "p(y | x) over the whole label sequence. Sutton and McCallum present them as the sequence versions of naive "
       "Bayes and logistic regression, with the same trade-offs."),
    _q("regression_is_discriminative", "which",
       "Ordinary least-squares regression of y on x is…",
       ["Generative, because it assumes Gaussian noise", "Discriminative: it models p(y | x) (or E[y | x]) and "
        "never x", "Neither: only classifiers have families", "Generative, because it can predict y for any x"],
       "Discriminative: it models p(y | x) (or E[y | x]) and never x",
       "The Gaussian noise is on y given x; the inputs are taken as given. A generative regression would model the "
       "joint p(x, y), for example a Gaussian over (x, y), and condition on x to predict. The families are about "
       "what is modelled, not about classification."),
    # ---- Bayes' rule and boundaries -----------------------------------------------------------------
    _q("lda_logistic_form", "bayes",
       "Two Gaussian classes share one covariance matrix (LDA's assumption). What form does P(y = 1 | x) take?",
       ["A sigmoid of a linear function of x: logistic regression's form", "A sigmoid of a quadratic function",
        "A step function", "A Gaussian in x"],
       "A sigmoid of a linear function of x: logistic regression's form",
       "The log-odds are log P(1) p(x | 1) − log P(0) p(x | 0); with a shared covariance the quadratic terms xᵀΣ⁻¹x "
       "cancel, leaving a linear function, so the boundary is a straight line. The quadratic form belongs to "
       "QDA, where each class has its own covariance.",
       {"gen": "lda"}),
    _q("lda_vs_logreg_fit", "bayes",
       "LDA and logistic regression have the same form of P(y | x). Do they find the same line?",
       ["Always the same line", "Not in general: LDA maximises the joint likelihood, logistic regression the "
        "conditional one", "Only logistic regression's is linear", "Only on three or more classes"],
       "Not in general: LDA maximises the joint likelihood, logistic regression the conditional one",
       "LDA gets its line from the class means and shared covariance it estimates, so it trusts the Gaussian "
       "assumption; logistic regression fits the line to P(y | x) alone. When the classes really are Gaussian with "
       "a shared covariance they agree in the limit; otherwise they differ, and logistic regression's is usually "
       "the better classifier with enough data.",
       {"gen": "lda"}),
    _q("qda_boundary", "bayes",
       "QDA gives each class its own covariance. Its decision boundary is…",
       ["Always a straight line", "A quadratic curve (a conic): an ellipse, parabola or hyperbola",
        "Axis-aligned steps", "Undefined for two classes"],
       "A quadratic curve (a conic): an ellipse, parabola or hyperbola",
       "With different covariances the xᵀΣ_k⁻¹x terms no longer cancel, so the log-odds are quadratic. On rings "
       "the boundary closes around the inner class, which a straight line cannot do. QDA's density there is a "
       "wrong picture of the data (it peaks in the empty centre), yet its boundary classifies well.",
       {"dataset": "circles", "gen": "qda"}),
    _q("nb_axis_aligned", "bayes",
       "Naive Bayes assumes the features are independent given the class. On correlated data its class "
       "contours are…",
       ["Tilted ellipses that follow the data", "Axis-aligned ellipses, whatever the data's tilt",
        "Circles", "Straight lines"],
       "Axis-aligned ellipses, whatever the data's tilt",
       "Independence given the class means a diagonal covariance per class, so each contour is an ellipse whose "
       "axes are the coordinate axes; its samples are untilted too. LDA and QDA estimate the full covariance and "
       "capture the tilt.",
       {"dataset": "correlated"}),
    _q("lda_qda_data", "bayes",
       "With d features and K classes, which needs more data: LDA or QDA?",
       ["LDA", "QDA: K covariance matrices of d(d+1)/2 entries each, against one shared",
        "They need the same", "Neither estimates covariances"],
       "QDA: K covariance matrices of d(d+1)/2 entries each, against one shared",
       "QDA estimates K·d(d+1)/2 covariance entries, LDA d(d+1)/2: with d = 100 and two classes that is 10,100 "
       "against 5,050. With little data QDA overfits, so regularising it toward a shared or diagonal covariance "
       "helps; 'generative models need less data' is not a rule."),
    # ---- when each wins -----------------------------------------------------------------------------
    _q("ng_jordan", "data",
       "What did Ng and Jordan (2002) find when comparing naive Bayes with logistic regression?",
       ["Naive Bayes is always better", "Logistic regression is always better",
        "Naive Bayes approaches its (higher or equal) asymptotic error faster, O(log d) examples vs O(d), so "
        "the curves can cross", "They reach the same error at every training size"],
       "Naive Bayes approaches its (higher or equal) asymptotic error faster, O(log d) examples vs O(d), so "
       "the curves can cross",
       "Two regimes: with few examples naive Bayes is often ahead, with many logistic regression catches up and "
       "passes it when naive Bayes's assumption is wrong. The result is about that pair of models, not about every "
       "generative and discriminative model. The learning-curves page draws both regimes."),
    _q("why_discriminative_wins", "data",
       "Why do discriminative classifiers often reach the lower error given plenty of data?",
       ["They use more parameters", "They spend nothing on modelling x, so a wrong model of p(x | y) cannot bias "
        "them", "They are always better calibrated", "They can use unlabelled data"],
       "They spend nothing on modelling x, so a wrong model of p(x | y) cannot bias them",
       "Vapnik's advice: do not solve a harder problem (density estimation) as a step to an easier one "
       "(classification). A generative model's boundary inherits every error of its p(x | y); a discriminative "
       "model fits the boundary itself. When the generative assumptions hold, though, it loses little and needs "
       "fewer examples."),
    _q("generative_always_less_data", "data",
       "True or false: generative models always need less training data than discriminative ones.",
       ["True: Ng and Jordan proved it", "False: the result compares naive Bayes with logistic regression; a "
        "generative model with many parameters can need more", "True for Gaussian models only",
        "False: generative models always need more"],
       "False: the result compares naive Bayes with logistic regression; a generative model with many parameters "
       "can need more",
       "Naive Bayes converges fast because it has few parameters (a mean and variance per feature and class). QDA "
       "or a mixture per class estimates many more and can need more data than logistic regression. Quote the "
       "result with its scope."),
    _q("when_generative_wins", "data",
       "When is a generative classifier the better choice?",
       ["Never, with modern data sizes", "With few labels, when its assumptions roughly hold, or when you need "
        "p(x): outliers, missing features, unlabelled data, sampling", "Only for images", "Whenever the boundary "
        "is linear"],
       "With few labels, when its assumptions roughly hold, or when you need p(x): outliers, missing features, "
       "unlabelled data, sampling",
       "Few examples is its regime in Ng and Jordan's comparison, and a density enables what a boundary cannot: "
       "scoring how typical an x is, integrating out a missing feature, EM on unlabelled data, generating. When "
       "the assumptions are badly wrong and labels are plentiful, a discriminative model is usually more accurate."),
    # ---- what only a generative model can do --------------------------------------------------------
    _q("discriminative_sample", "powers",
       "Can a fitted discriminative classifier (an SVM, logistic regression) generate new examples of a class?",
       ["Yes, by sampling from P(y | x)", "No: P(y | x) says where classes part, not where x lies",
        "Yes, if it is well calibrated", "Only with more than two classes"],
       "No: P(y | x) says where classes part, not where x lies",
       "Sampling a class's examples needs p(x | y). P(y | x) gives a label for an x you already have; it is flat "
       "about regions with no data. A mixture per class can draw crescent-shaped moons; the SVM beside it draws "
       "an equally good boundary and no points.",
       {"dataset": "moons", "gen": "gmm", "gen.n_components": "4", "disc": "svm"}),
    _q("sample_labelled", "powers",
       "Which can a fitted Gaussian naive Bayes do that a fitted logistic regression cannot?",
       ["Classify a new point", "Draw new labelled points: pick y from P(y), then x from p(x | y)",
        "Output a probability", "Handle two classes"],
       "Draw new labelled points: pick y from P(y), then x from p(x | y)",
       "Ancestral sampling follows the generative story: first the class, then the features given the class. "
       "Logistic regression classifies and outputs probabilities too, but has no p(x | y) to draw from. Press "
       "Sample in the explorer.",
       {"dataset": "blobs"}),
    _q("outlier", "powers",
       "A point lies far from all training data, beyond class B. What do the two families say?",
       ["Both say they do not know", "Logistic regression can be almost certain of B; the generative model can "
        "also report that p(x) is tiny", "Both assign P = 0.5", "The generative model refuses to classify it"],
       "Logistic regression can be almost certain of B; the generative model can also report that p(x) is tiny",
       "P(y | x) of a linear model tends to 0 or 1 as you move away along its normal, data or no data. The "
       "generative model's posterior is confident too, but its p(x) = Σ P(y) p(x | y) is tiny there, which flags "
       "the point as unlike anything seen. Confidence in P(y | x) is not a measure of familiarity.",
       {"probe": "8,0"}),
    _q("missing_feature", "powers",
       "At test time one of two features is missing. How does a generative classifier handle it?",
       ["It cannot: it needs every feature", "It marginalises: P(y | x1) ∝ P(y) ∫ p(x1, x2 | y) dx2; for naive "
        "Bayes, drop that feature's factor", "It sets the feature to zero", "It must be retrained on one feature"],
       "It marginalises: P(y | x1) ∝ P(y) ∫ p(x1, x2 | y) dx2; for naive Bayes, drop that feature's factor",
       "Having p(x | y) means having every marginal of it: for Gaussians, drop the row and column. A discriminative "
       "model fitted on two features needs an imputed value (which can mislead) or a second model fitted on one "
       "feature. The generative-powers page tries both."),
    _q("unlabelled_em", "powers",
       "You have 20 labelled points and 2,000 unlabelled ones. How can a generative model use the unlabelled ones?",
       ["It cannot", "EM: treat the missing labels as latent, alternate soft labels (E) and refitting p(x | y) and "
        "P(y) (M)", "By labelling them all with one class", "Only by deleting the labelled ones"],
       "EM: treat the missing labels as latent, alternate soft labels (E) and refitting p(x | y) and P(y) (M)",
       "The unlabelled points carry information about p(x), and a generative model connects p(x) to the classes. "
       "It helps when the model of p(x | y) is right, and can hurt when it is wrong: EM then fits the density, "
       "not the boundary (Nigam et al. 2000 saw both)."),
    # ---- priors and calibration ---------------------------------------------------------------------
    _q("prior_shift", "probabilities",
       "Training data had 20% of class B; in deployment B is 50%. Which models can adapt without refitting?",
       ["Only the generative one: it swaps P(y) in Bayes' rule", "Both: the generative one swaps P(y); a "
        "probabilistic discriminative one reweights P(y | x) · P_new(y) / P_train(y)", "Neither",
        "Only the discriminative one"],
       "Both: the generative one swaps P(y); a probabilistic discriminative one reweights P(y | x) · P_new(y) / "
       "P_train(y)",
       "Both rest on the same assumption, that p(x | y) is unchanged (label shift). The generative boundary moves "
       "toward the class made rarer, A, with no refit; reweighting moves logistic regression's the same way "
       "(Saerens et al. 2002). 'Only generative models can change P(y)' is the tempting, wrong answer.",
       {"share": "0.2", "prior": "0.5", "prior_disc": "1"}),
    _q("nb_calibration_correlated", "probabilities",
       "'Naive Bayes is overconfident.' On the explorer's correlated Gaussians (the means differ along the short "
       "axis of the ellipses), how does its average confidence compare with its accuracy?",
       ["Far above it: overconfident", "Below it: here naive Bayes is underconfident", "Exactly equal",
        "Naive Bayes outputs no probabilities"],
       "Below it: here naive Bayes is underconfident",
       "Ignoring a correlation loses information as well as repeating it. Here the classes are separated along "
       "the ellipses' short axis, which naive Bayes cannot see, so it is less sure than it should be. "
       "Overconfidence comes when features repeat the same evidence, which naive Bayes counts twice; which one "
       "happens depends on the data, so check a calibration curve rather than a slogan.",
       {"dataset": "correlated"}),
    _q("double_counting", "probabilities",
       "You add a copy of feature x1 (x3 = x1) and refit Gaussian naive Bayes. What happens?",
       ["Nothing: the copy adds no information", "x1's contribution to the log-odds doubles: the same evidence is "
        "counted twice and the probabilities become more extreme", "The model refuses correlated features",
        "x1's contribution halves"],
       "x1's contribution to the log-odds doubles: the same evidence is counted twice and the probabilities become "
       "more extreme",
       "Naive Bayes multiplies one factor per feature, so an identical factor appears twice. Logistic regression "
       "would split the weight between the two copies and keep its P(y | x). This double counting is why naive "
       "Bayes is often overconfident on redundant features, such as many words that co-occur."),
    _q("svm_probabilities", "probabilities",
       "How does an SVM get class probabilities?",
       ["From its margin directly", "By a calibration step fitted on its scores (Platt scaling or isotonic)",
        "From p(x | y)", "It cannot have probabilities"],
       "By a calibration step fitted on its scores (Platt scaling or isotonic)",
       "The SVM's score is a signed distance to its boundary; a separate map from score to probability is fitted "
       "afterwards, preferably on held-out data. So its probabilities are as good as that calibration, and "
       "there is still no model of x.",
       {"disc": "svm"}),
    # ---- modern generative models -------------------------------------------------------------------
    _q("gan_generative", "modern",
       "A GAN contains a discriminator, a classifier of real vs generated points. Why is a GAN called generative?",
       ["It is not: it is discriminative", "Its product is the generator, which turns noise into samples of p(x); "
        "the discriminator is only the training signal", "Because the discriminator models p(x | y)",
        "Because it uses labels"],
       "Its product is the generator, which turns noise into samples of p(x); the discriminator is only the "
       "training signal",
       "The discriminator is a discriminative model of P(real | x), trained against the generator. After "
       "training it is usually discarded. The generator defines p(x) implicitly: you can sample from it but not "
       "evaluate p(x) at a point, unlike a Gaussian mixture."),
    _q("vae_generative", "modern",
       "A variational autoencoder is…",
       ["A discriminative model of its latent code", "A generative latent-variable model: z from a prior, x from "
        "a decoder p(x | z), trained on a lower bound of log p(x) (the ELBO)", "A classifier", "A GAN variant"],
       "A generative latent-variable model: z from a prior, x from a decoder p(x | z), trained on a lower bound of "
       "log p(x) (the ELBO)",
       "The encoder q(z | x) exists to make training possible; the model is the prior p(z) and the decoder. Unlike "
       "a GAN it has an explicit likelihood you can bound, and its samples are often blurrier."),
    _q("diffusion_lm", "modern",
       "Which of these are generative models: a diffusion model, a GPT-style language model, both, or neither?",
       ["Both", "Only the diffusion model", "Only the language model", "Neither"],
       "Both",
       "A diffusion model learns to reverse a noising process and samples images; an autoregressive language "
       "model factorises p(x) = Π p(x_t | x_<t) and samples text. Each step of a language model is a classifier "
       "over the next token, which is the tempting wrong answer, but the product of those conditionals is a "
       "distribution over whole sequences."),
)

QUESTION_BY_ID = {q.id: q for q in QUESTIONS}


def select(topics=None, seed: int | None = None) -> list:
    """The questions of ``topics`` (all when empty), shuffled by ``seed`` (bank order when None)."""
    chosen = [q for q in QUESTIONS if not topics or q.topic in topics]
    if seed is not None:
        order = np.random.default_rng(seed).permutation(len(chosen))
        chosen = [chosen[i] for i in order]
    return chosen


def score(answers: dict) -> tuple:
    """(right, answered) for ``answers``: question id -> the choice given."""
    right = sum(QUESTION_BY_ID[qid].answer == given for qid, given in answers.items() if qid in QUESTION_BY_ID)
    return right, sum(qid in QUESTION_BY_ID for qid in answers)
