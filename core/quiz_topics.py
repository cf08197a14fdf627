"""The quiz's topics and, per topic, the 60-second answer a strong candidate would give.

Claims here are checked like the questions' (``tests/test_quiz.py``); ``core.quiz`` re-exports both names.
"""

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
        "P_train(y) (Saerens, Latinne & Decaestecker 2002), assuming p(x | y) stays the same. In practice P_new(y) is "
        "unknown, and the same paper estimates it: EM on unlabelled deployment points, reweighting the classifier's "
        "own posteriors by P_new / P_train and averaging them until the estimate settles. That needs calibrated "
        "probabilities, and it is a counterexample to 'only generative models can use unlabelled data'. "
        "Calibration matters on its own too: naive Bayes's probabilities are often too extreme when features repeat "
        "the same evidence, because it counts it twice, but they can be too timid when the features' correlation "
        "carries information. Logistic regression is usually well calibrated near its data; SVM scores need "
        "calibrating (Platt scaling).",
    "modern":
        "A GAN trains a generator to turn noise into samples and a discriminator, a real-vs-fake classifier, to "
        "tell them apart; the discriminator is discriminative, but it is only the training signal: the product is "
        "the generator, a sampler of p(x) with no density you can evaluate. A VAE is an explicit latent-variable "
        "model trained on a lower bound of log p(x), the ELBO. Diffusion models and autoregressive language models "
        "are generative too: a language model factorises p(x) into next-token conditionals and can sample text. "
        "The same contrast exists for sequences: an HMM is generative, a CRF is its discriminative partner.",
}
