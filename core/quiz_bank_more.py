"""The quiz's questions, part two: when each family wins, what only a generative model can do, priors and
calibration, modern generative models. The conventions are ``core.quiz_bank``'s."""

from __future__ import annotations

from core.quiz_bank import q

MORE: tuple = (
    # ---- when each wins -----------------------------------------------------------------------------
    q("ng_jordan", "data",
      "What did Ng and Jordan (2002) find when comparing naive Bayes with logistic regression?",
      ["Naive Bayes is always better", "Logistic regression is always better",
       "Naive Bayes approaches its (higher or equal) asymptotic error faster, O(log d) examples vs O(d), so "
       "the curves can cross", "They reach the same error at every training size"],
      "Naive Bayes approaches its (higher or equal) asymptotic error faster, O(log d) examples vs O(d), so "
      "the curves can cross",
      "Two regimes: with few examples naive Bayes is often ahead, with many logistic regression catches up and "
      "passes it when naive Bayes's assumption is wrong. The result is about that pair of models, not about every "
      "generative and discriminative model. The learning-curves page draws both regimes."),
    q("why_discriminative_wins", "data",
      "Why do discriminative classifiers often reach the lower error given plenty of data?",
      ["They use more parameters", "They spend nothing on modelling x, so a wrong model of p(x | y) cannot bias "
       "them", "They are always better calibrated", "They can use unlabelled data"],
      "They spend nothing on modelling x, so a wrong model of p(x | y) cannot bias them",
      "Vapnik's advice: do not solve a harder problem (density estimation) as a step to an easier one "
      "(classification). A generative model's boundary inherits every error of its p(x | y); a discriminative "
      "model fits the boundary itself. When the generative assumptions hold, though, it loses little and needs "
      "fewer examples."),
    q("generative_always_less_data", "data",
      "True or false: generative models always need less training data than discriminative ones.",
      ["True: Ng and Jordan proved it", "False: the result compares naive Bayes with logistic regression; a "
       "generative model with many parameters can need more", "True for Gaussian models only",
       "False: generative models always need more"],
      "False: the result compares naive Bayes with logistic regression; a generative model with many parameters "
      "can need more",
      "Naive Bayes converges fast because it has few parameters (a mean and variance per feature and class). QDA "
      "or a mixture per class estimates many more and can need more data than logistic regression. Quote the "
      "result with its scope."),
    q("when_generative_wins", "data",
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
    q("discriminative_sample", "powers",
      "Can a fitted discriminative classifier (an SVM, logistic regression) generate new examples of a class?",
      ["Yes, by sampling from P(y | x)", "No: P(y | x) says where classes part, not where x lies",
       "Yes, if it is well calibrated", "Only with more than two classes"],
      "No: P(y | x) says where classes part, not where x lies",
      "Sampling a class's examples needs p(x | y). P(y | x) gives a label for an x you already have; it is flat "
      "about regions with no data. A mixture per class can draw crescent-shaped moons; the SVM beside it draws "
      "an equally good boundary and no points.",
      {"dataset": "moons", "gen": "gmm", "gen.n_components": "4", "disc": "svm"}),
    q("sample_labelled", "powers",
      "Which can a fitted Gaussian naive Bayes do that a fitted logistic regression cannot?",
      ["Classify a new point", "Draw new labelled points: pick y from P(y), then x from p(x | y)",
       "Output a probability", "Handle two classes"],
      "Draw new labelled points: pick y from P(y), then x from p(x | y)",
      "Ancestral sampling follows the generative story: first the class, then the features given the class. "
      "Logistic regression classifies and outputs probabilities too, but has no p(x | y) to draw from. Press "
      "Sample in the explorer.",
      {"dataset": "blobs"}),
    q("outlier", "powers",
      "A point lies far from all training data, beyond class B. What do the two families say?",
      ["Both say they do not know", "Logistic regression can be almost certain of B; the generative model can "
       "also report that p(x) is tiny", "Both assign P = 0.5", "The generative model refuses to classify it"],
      "Logistic regression can be almost certain of B; the generative model can also report that p(x) is tiny",
      "P(y | x) of a linear model tends to 0 or 1 as you move away along its normal, data or no data. The "
      "generative model's posterior is confident too, but its p(x) = Σ P(y) p(x | y) is tiny there, which flags "
      "the point as unlike anything seen. Confidence in P(y | x) is not a measure of familiarity.",
      {"probe": "8,0"}),
    q("missing_feature", "powers",
      "At test time one of two features is missing. How does a generative classifier handle it?",
      ["It cannot: it needs every feature", "It marginalises: P(y | x1) ∝ P(y) ∫ p(x1, x2 | y) dx2; for naive "
       "Bayes, drop that feature's factor", "It sets the feature to zero", "It must be retrained on one feature"],
      "It marginalises: P(y | x1) ∝ P(y) ∫ p(x1, x2 | y) dx2; for naive Bayes, drop that feature's factor",
      "Having p(x | y) means having every marginal of it: for Gaussians, drop the row and column. A discriminative "
      "model fitted on two features needs an imputed value (which can mislead) or a second model fitted on one "
      "feature. The generative-powers page tries both."),
    q("unlabelled_em", "powers",
      "You have 20 labelled points and 2,000 unlabelled ones. How can a generative model use the unlabelled ones?",
      ["It cannot", "EM: treat the missing labels as latent, alternate soft labels (E) and refitting p(x | y) and "
       "P(y) (M)", "By labelling them all with one class", "Only by deleting the labelled ones"],
      "EM: treat the missing labels as latent, alternate soft labels (E) and refitting p(x | y) and P(y) (M)",
      "The unlabelled points carry information about p(x), and a generative model connects p(x) to the classes. "
      "It helps when the model of p(x | y) is right, and can hurt when it is wrong: EM then fits the density, "
      "not the boundary (Nigam et al. 2000 saw both)."),
    # ---- priors and calibration ---------------------------------------------------------------------
    q("prior_shift", "probabilities",
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
    q("nb_calibration_correlated", "probabilities",
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
    q("double_counting", "probabilities",
      "You add a copy of feature x1 (x3 = x1) and refit Gaussian naive Bayes. What happens?",
      ["Nothing: the copy adds no information", "x1's contribution to the log-odds doubles: the same evidence is "
       "counted twice and the probabilities become more extreme", "The model refuses correlated features",
       "x1's contribution halves"],
      "x1's contribution to the log-odds doubles: the same evidence is counted twice and the probabilities become "
      "more extreme",
      "Naive Bayes multiplies one factor per feature, so an identical factor appears twice. Logistic regression "
      "would split the weight between the two copies and keep its P(y | x). This double counting is why naive "
      "Bayes is often overconfident on redundant features, such as many words that co-occur."),
    q("svm_probabilities", "probabilities",
      "How does an SVM get class probabilities?",
      ["From its margin directly", "By a calibration step fitted on its scores (Platt scaling or isotonic)",
       "From p(x | y)", "It cannot have probabilities"],
      "By a calibration step fitted on its scores (Platt scaling or isotonic)",
      "The SVM's score is a signed distance to its boundary; a separate map from score to probability is fitted "
      "afterwards, preferably on held-out data. So its probabilities are as good as that calibration, and "
      "there is still no model of x.",
      {"disc": "svm"}),
    # ---- modern generative models -------------------------------------------------------------------
    q("gan_generative", "modern",
      "A GAN contains a discriminator, a classifier of real vs generated points. Why is a GAN called generative?",
      ["It is not: it is discriminative", "Its product is the generator, which turns noise into samples of p(x); "
       "the discriminator is only the training signal", "Because the discriminator models p(x | y)",
       "Because it uses labels"],
      "Its product is the generator, which turns noise into samples of p(x); the discriminator is only the "
      "training signal",
      "The discriminator is a discriminative model of P(real | x), trained against the generator. After "
      "training it is usually discarded. The generator defines p(x) implicitly: you can sample from it but not "
      "evaluate p(x) at a point, unlike a Gaussian mixture."),
    q("vae_generative", "modern",
      "A variational autoencoder is…",
      ["A discriminative model of its latent code", "A generative latent-variable model: z from a prior, x from "
       "a decoder p(x | z), trained on a lower bound of log p(x) (the ELBO)", "A classifier", "A GAN variant"],
      "A generative latent-variable model: z from a prior, x from a decoder p(x | z), trained on a lower bound of "
      "log p(x) (the ELBO)",
      "The encoder q(z | x) exists to make training possible; the model is the prior p(z) and the decoder. Unlike "
      "a GAN it has an explicit likelihood you can bound, and its samples are often blurrier."),
    q("diffusion_lm", "modern",
      "Which of these are generative models: a diffusion model, a GPT-style language model, both, or neither?",
      ["Both", "Only the diffusion model", "Only the language model", "Neither"],
      "Both",
      "A diffusion model learns to reverse a noising process and samples images; an autoregressive language "
      "model factorises p(x) = Π p(x_t | x_<t) and samples text. Each step of a language model is a classifier "
      "over the next token, which is the tempting wrong answer, but the product of those conditionals is a "
      "distribution over whole sequences."),
)
