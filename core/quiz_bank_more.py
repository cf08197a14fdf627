"""The quiz's questions, part two: when each family wins, what only a generative model can do, priors and
calibration, modern generative models. The conventions are ``core.quiz_bank``'s.

The two questions on estimating an unknown new prior open the explorer with ``est``: that many unlabelled
deployment points drawn at the new prior, from which EM estimates it (Saerens, Latinne & Decaestecker 2002).
"""

from __future__ import annotations

from core.quiz_bank import POWERS, q

# training shares 20% B, deployment 50% B, classes that overlap: counting predicted classes is visibly biased
ESTIMATE_VIEW = {"dataset": "blobs", "noise": "1.5", "share": "0.2", "prior": "0.5", "prior_disc": "1",
                 "est": "500"}

MORE: tuple = (
    # ---- when each wins -----------------------------------------------------------------------------
    q("ng_jordan", "data",
      "What did Ng and Jordan (2002) find when comparing naive Bayes with logistic regression?",
      "Naive Bayes approaches its (higher or equal) asymptotic error faster, O(log d) examples vs O(d), so "
      "the curves can cross",
      ["Naive Bayes is better at every training size, because its independence assumption acts as a regulariser "
       "that logistic regression lacks",
       "Logistic regression is better at every training size, because it minimises the classification error "
       "directly rather than a likelihood",
       "Logistic regression gets to its (lower or equal) asymptotic error faster, with O(log d) examples against "
       "naive Bayes's O(d), so the curves can cross"],
      "Two regimes: with few examples naive Bayes is often ahead, with many logistic regression catches up and "
      "passes it when naive Bayes's assumption is wrong. The result is about that pair of models, not about every "
      "generative and discriminative model. The learning-curves page draws both regimes."),
    q("why_discriminative_wins", "data",
      "Why do discriminative classifiers often reach the lower error given plenty of data?",
      "They spend nothing on modelling x, so a wrong model of p(x | y) cannot bias them",
      ["They have more parameters, and more parameters always lower the error",
       "They are always better calibrated, so their probabilities rank the classes better",
       "They learn from the unlabelled points as well, which generative models must ignore"],
      "Vapnik's advice: do not solve a harder problem (density estimation) as a step to an easier one "
      "(classification). A generative model's boundary inherits every error of its p(x | y); a discriminative "
      "model fits the boundary itself. When the generative assumptions hold, though, it loses little and needs "
      "fewer examples."),
    q("generative_always_less_data", "data",
      "True or false: generative models always need less training data than discriminative ones.",
      "False: the result compares naive Bayes with logistic regression; a generative model with many parameters "
      "can need more",
      ["True: Ng and Jordan proved that any generative classifier needs only O(log d) examples, where its "
       "discriminative partner needs O(d)",
       "True for Gaussian models: fitting means and covariances needs fewer examples than fitting weights",
       "False: generative models always need more, because modelling x is harder than drawing a boundary"],
      "Naive Bayes has more parameters than logistic regression, not fewer: at d = 100 and two classes 401 (301 "
      "with one variance per feature shared by the classes) against 101. It approaches its best error after "
      "O(log d) examples because each parameter is a one-feature mean or variance, estimated on its own; QDA or a "
      "mixture per class estimates many more coupled numbers and can need more data than logistic regression. "
      "Quote the result with its scope."),
    q("when_generative_wins", "data",
      "When is a generative classifier the better choice?",
      "With few labels, when its assumptions roughly hold, or when you need p(x): outliers, missing features, "
      "unlabelled data, sampling",
      ["Never with today's data sizes: with enough labels a discriminative model is at least as accurate, and "
       "nothing else about a classifier matters",
       "Whenever the boundary is linear, since a linear boundary is what a shared-covariance Gaussian model gives",
       "Only for images, text and audio, where there is far more unlabelled data than labelled data to model"],
      "Few examples is its regime in Ng and Jordan's comparison, and a density enables what a boundary cannot: "
      "scoring how typical an x is, integrating out a missing feature, EM on unlabelled data, generating. When "
      "the assumptions are badly wrong and labels are plentiful, a discriminative model is usually more accurate."),
    # ---- what only a generative model can do --------------------------------------------------------
    q("discriminative_sample", "powers",
      "Can a fitted discriminative classifier (an SVM, logistic regression) generate new examples of a class?",
      "No: P(y | x) says where the classes part, not where x lies, so there is nothing to draw x from",
      ["Yes: fix the class and sample x where P(y | x) is high, which is where its examples lie",
       "Yes, if it is well calibrated: calibrated probabilities are densities of the data",
       "Only with more than two classes, where the softmax spreads its mass over the inputs"],
      "Sampling a class's examples needs p(x | y). P(y | x) gives a label for an x you already have and says "
      "nothing about which regions hold data: a class can win where no point lies (this SVM gives the same 0.54 "
      "to one class at every faraway point). A mixture per class can draw crescent-shaped moons; the SVM beside it "
      "draws an equally good boundary and no points.",
      {"dataset": "moons", "gen": "gmm", "gen.n_components": "4", "disc": "svm", "focus": "density"}),
    q("sample_labelled", "powers",
      "Which can a fitted Gaussian naive Bayes do that a fitted logistic regression cannot?",
      "Draw new labelled points that look like the data: pick y from P(y), then x from p(x | y)",
      ["Classify a new point, which logistic regression can only do near its training data",
       "Output a probability for each class, which logistic regression gives only after calibration",
       "Handle more than two classes, which logistic regression cannot do without one model per class"],
      "Ancestral sampling follows the generative story: first the class, then the features given the class. "
      "Logistic regression classifies any point, outputs probabilities and handles several classes (a softmax) "
      "too, but has no p(x | y) to draw from. Press Sample in the explorer.",
      {"dataset": "blobs", "focus": "density"}),
    q("outlier", "powers",
      "A point lies far from all training data, beyond class B. What do the two families say?",
      "Logistic regression can be almost certain of B; the generative model can also report that p(x) is tiny",
      ["Both say they do not know: far from the training data every model's P(y | x) falls back to 1/2, the "
       "no-evidence value",
       "Both assign P(B | x) = 0.5, since no training point lies near enough to vote for either class, so the "
       "evidence is balanced",
       "The generative model refuses to classify it because p(x) is tiny, while logistic regression says 1/2 for "
       "lack of evidence"],
      "P(y | x) of a linear model tends to 0 or 1 as you move away along its normal, data or no data. The "
      "generative model's posterior is confident too, but its p(x) = Σ P(y) p(x | y) is tiny there, which flags "
      "the point as unlike anything seen. Confidence in P(y | x) is not a measure of familiarity.",
      {"probe": "8,0", "focus": "probe"}),
    q("missing_feature", "powers",
      "At test time one of two features is missing. How does a generative classifier handle it?",
      "It marginalises: P(y | x1) ∝ P(y) ∫ p(x1, x2 | y) dx2; for naive Bayes, drop that feature's factor",
      ["It cannot: Bayes' rule needs p(x | y) at the full x, so every feature must be given",
       "It sets the missing feature to its training mean, which for a Gaussian model is exactly what integrating "
       "it out does",
       "It must be refitted on the remaining feature, because its p(x | y) was fitted on both"],
      "Having p(x | y) means having every marginal of it: for Gaussians, drop the row and column. Plugging in the "
      "training mean is not the same: it scores every class as if the hidden feature sat at that mean, which "
      "favours the classes whose points lie there. A discriminative model fitted on two features needs such an "
      "imputed value or a second model fitted on one feature; the generative-powers page tries both."),
    q("unlabelled_em", "powers",
      "You have 20 labelled points and 2,000 unlabelled ones. How can a generative model use the unlabelled ones?",
      "EM: treat the missing labels as latent, alternate soft labels (E) and refitting p(x | y) and P(y) (M)",
      ["It cannot: a generative model is fitted by counting labelled points per class, so unlabelled points carry "
       "nothing for it",
       "Label them all with the majority class of the 20 labelled points and refit on all 2,020",
       "Fit p(x) to the unlabelled points alone, then use it as P(y) in Bayes' rule"],
      "The unlabelled points carry information about p(x), and a generative model connects p(x) to the classes. "
      "It helps when the model of p(x | y) is right, and can hurt when it is wrong: EM then fits the density, "
      "not the boundary (Nigam and colleagues, 2000, saw both)."),
    # ---- priors and calibration ---------------------------------------------------------------------
    q("prior_shift", "probabilities",
      "Training data had 20% of class B; in deployment B is 50%. Which models can adapt without refitting?",
      "Both: the generative one swaps P(y); a probabilistic discriminative one reweights P(y | x) · P_new(y) / "
      "P_train(y)",
      ["Only the generative one: it swaps P(y) in Bayes' rule, while a discriminative model has no P(y) to swap "
       "and must be refitted",
       "Neither: a new class balance changes each p(x | y) as well as P(y), so both models must be refitted on "
       "labelled deployment data",
       "Only the discriminative one: its P(y | x) holds for any class balance, since only P(y) changed, so it needs "
       "no change at all"],
      "Both rest on the same assumption, label shift: p(x | y) is unchanged. The generative boundary moves toward "
      "the class made rarer, A, with no refit, and reweighting moves logistic regression's the same way; 'only "
      "generative models can change P(y)' is the tempting, wrong answer. In practice P_new(y) is unknown: EM on "
      "unlabelled deployment points estimates it from the classifier's own posteriors (Saerens, Latinne & "
      "Decaestecker 2002), which needs calibrated probabilities and is a counterexample to 'only generative models "
      "can use unlabelled data'.",
      {"share": "0.2", "prior": "0.5", "prior_disc": "1", "focus": "prior"}),
    q("prior_estimate_em", "probabilities",
      "A classifier trained with 20% of class B is deployed where the share of B is unknown (it is 50%). From 500 "
      "unlabelled deployment points, what does EM (Saerens, Latinne & Decaestecker 2002) estimate, and how?",
      "The new P(y): reweight each point's P(y | x) by P_new / P_train, renormalise, average, and repeat until it "
      "settles",
      ["The new P(y) as the share of deployment points the trained classifier assigns to B, counted once, which "
       "is unbiased when the classifier is accurate",
       "New class densities p(x | y), refitted to the unlabelled deployment points by maximum likelihood so that "
       "P(y) can stay as it was trained",
       "The labels of the 500 points, one by one, which are then used to refit the classifier on the deployment "
       "data with its new shares"],
      "Under label shift the deployment points are a mixture of the same classes with unknown weights P_new(y); "
      "EM finds the weights that agree with the reweighted posteriors (E-step: each P(y | x) times "
      "P_new / P_train, renormalised; M-step: their average). Counting predicted classes is pulled toward the "
      "training 20%, because the posteriors it thresholds still carry P_train: here it says about 35%. EM lands "
      "within a few points of the true 50%, for naive Bayes and logistic regression alike.",
      {**ESTIMATE_VIEW, "focus": "estimate"}),
    q("prior_estimate_calibration", "probabilities",
      "Why does that EM estimate of a new P(y) need calibrated probabilities?",
      "It averages the posteriors as if they were true class shares; skewed probabilities skew the estimate",
      ["It does not: EM only uses which class wins at each point, so any classifier with a good boundary "
       "estimates P(y) equally well",
       "Calibration sets the new P(y) in advance, and EM then only checks it on the unlabelled points",
       "Only a generative model can use unlabelled data, so a discriminative one must be calibrated into one"],
      "The M-step averages the reweighted P(y | x), so it trusts their values, not just which class wins. A fully "
      "grown tree gives every point 0 or 1, which no reweighting moves: EM stops at its first count, about 36% "
      "here, while naive Bayes, close to calibrated, lands near the true 50%. Any probabilistic classifier can run "
      "it, so it is also a counterexample to 'only generative models can use unlabelled data'.",
      {**ESTIMATE_VIEW, "disc": "tree", "disc.max_depth": "20", "focus": "estimate"}),
    q("nb_calibration_correlated", "probabilities",
      "'Naive Bayes is overconfident.' On the app's correlated Gaussians (the means differ along the short "
      "axis of the ellipses), how does its average confidence compare with its accuracy?",
      "Below it: here naive Bayes is underconfident, its probabilities too close to 1/2 for how often it is right",
      ["Far above it: naive Bayes is overconfident, as its independence assumption always makes it",
       "Equal to it: Gaussian naive Bayes is calibrated whenever each class really is Gaussian",
       "Above it, because ignoring the correlation counts the two features' shared evidence twice"],
      "Naive Bayes does see the short axis: its boundary points the right way and it classifies almost every "
      "point right. What it gets wrong is the spread along that axis: its diagonal covariance gives variance 1 "
      "there, where the data have 0.1, so its log-odds are about 10 times too flat and it is less sure than it "
      "should be. Overconfidence comes when features repeat the same evidence, which naive Bayes counts twice; "
      "check a calibration curve rather than a slogan, as section 4 of the generative-powers page does here.",
      {"dataset": "correlated", "gen": "gnb", "focus": "calibration"}, POWERS),
    q("double_counting", "probabilities",
      "You add a copy of feature x1 (x3 = x1) and refit Gaussian naive Bayes. What happens?",
      "x1's contribution to the log-odds doubles: the same evidence is counted twice and the probabilities become "
      "more extreme",
      ["Nothing changes: the copy adds no new information, and a maximum-likelihood fit such as naive Bayes gives "
       "redundant features no weight",
       "x1's contribution halves: naive Bayes splits x1's evidence between the two identical copies, as logistic "
       "regression splits its weight",
       "The fit fails: two identical features make each class's covariance matrix singular, so naive Bayes cannot "
       "invert it and stops"],
      "Naive Bayes multiplies one factor per feature, so an identical factor appears twice; with a diagonal "
      "covariance nothing is singular. Logistic regression would split the weight between the two copies and keep "
      "its P(y | x). This double counting is why naive Bayes is often overconfident on redundant features, such as "
      "many words that co-occur."),
    q("svm_probabilities", "probabilities",
      "How does an SVM get class probabilities?",
      "By a calibration step fitted on its scores afterwards, such as Platt scaling or isotonic regression",
      ["From its margin directly: the signed distance to the boundary is already a probability",
       "From p(x | y): the kernel gives each class a density, and Bayes' rule does the rest",
       "It cannot have probabilities: a margin-based model only ever outputs a class"],
      "The SVM's score is a signed distance to its boundary; a separate map from score to probability is fitted "
      "afterwards, preferably on held-out data. So its probabilities are as good as that calibration, and "
      "there is still no model of x.",
      {"disc": "svm", "focus": "disc_posterior"}),
    # ---- modern generative models -------------------------------------------------------------------
    q("gan_generative", "modern",
      "A GAN contains a discriminator, a classifier of real vs generated points. Why is a GAN called generative?",
      "Its product is the generator, which turns noise into samples of p(x); the discriminator is only the "
      "training signal",
      ["It is not: its discriminator is a real-vs-fake classifier trained by cross-entropy, so the whole model is "
       "discriminative like logistic regression",
       "Because the discriminator learns p(x | y) for y = real and y = fake, and the GAN compares the two densities "
       "by Bayes' rule",
       "Because its discriminator outputs a density of the real data, and the generator then draws its samples from "
       "that density"],
      "The discriminator is a discriminative model of P(real | x), trained against the generator. After "
      "training it is usually discarded. The generator defines p(x) implicitly: you can sample from it but not "
      "evaluate p(x) at a point, unlike a Gaussian mixture."),
    q("vae_generative", "modern",
      "A variational autoencoder is…",
      "A generative latent-variable model: z from a prior, x from a decoder p(x | z), trained on a lower bound of "
      "log p(x) (the ELBO)",
      ["A discriminative model of its latent code: the encoder learns q(z | x) from data, exactly as a classifier "
       "learns P(y | x), and the decoder only inverts it",
       "An autoencoder that compresses x into a code z and decodes it back; it has no probability model of x and "
       "cannot draw new samples",
       "A GAN variant: its decoder plays the generator and its encoder plays the discriminator, trained against "
       "each other on real data"],
      "The encoder q(z | x) exists to make training possible; the model is the prior p(z) and the decoder. Unlike "
      "a GAN it has an explicit likelihood you can bound, and its samples are often blurrier."),
    q("diffusion_lm", "modern",
      "Which of these are generative models: a diffusion model, a GPT-style language model, both, or neither?",
      "Both: each learns a distribution over whole examples (images, texts) and can sample new ones",
      ["Only the diffusion model: a language model is a next-token classifier, so it is discriminative",
       "Only the language model: a diffusion model learns to denoise, a regression of noise on x",
       "Neither: both are trained by predicting a target from an input, as a classifier is"],
      "A diffusion model learns to reverse a noising process and samples images; an autoregressive language "
      "model factorises p(x) = Π p(x_t | x_<t) and samples text. Each step of a language model is a classifier "
      "over the next token, which is the tempting wrong answer, but the product of those conditionals is a "
      "distribution over whole sequences."),
)
