"""What the generative side of the words page can do and measure: write text, and learn with growing data.

Two generative models of one class's text: naive Bayes' own multinomial (a bag of features: the right words in no
order, as the model assumes) and a Markov chain that keeps order (word bigrams for SMS, characters given the 3
before for languages; Jurafsky & Martin, *Speech and Language Processing*, ch. 3). Logistic regression models only
P(class | text): it has no P(text | class) to draw from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import MultinomialNB

from core.experiments import learning_curve, log_spaced_sizes, mean_and_se
from core.text_models import LR_PARAMS, Split, make_vectorizer

BAG_MAX = 30  # features drawn for a bag-of-features sample
ORDER = {"spam": 1, "languages": 3}  # tokens of context: a word bigram; a character 4-gram
MAX_TOKENS = {"spam": 40, "languages": 160}
START, END = "\x02", "\x03"


def bag_sample(log_theta_k, feature_names, lengths, rng: np.random.Generator) -> list:
    """Features drawn i.i.d. from P(feature | class): as many as one of the class's documents has (``lengths``),
    at most ``BAG_MAX``. Naive Bayes' multinomial has no order, so neither has its sample."""
    theta = np.exp(np.asarray(log_theta_k, dtype=float))
    theta = theta / theta.sum()
    n = int(min(BAG_MAX, max(1, rng.choice(np.asarray(lengths)))))
    return [str(feature_names[j]) for j in rng.choice(len(theta), size=n, p=theta)]


@dataclass(frozen=True)
class MarkovText:
    """P(next token | the ``order`` tokens before), counted from one class's documents (maximum likelihood).

    ``chain`` maps a context tuple to (next tokens, their cumulative probabilities).
    """

    order: int
    chars: bool
    chain: dict

    def sample(self, rng: np.random.Generator, max_tokens: int) -> str:
        context, out = (START,) * self.order, []
        for _ in range(max_tokens):
            nexts, cum = self.chain[context]
            token = nexts[int(np.searchsorted(cum, rng.random() * cum[-1], side="right"))]
            if token == END:
                break
            out.append(token)
            context = (*context[1:], token)
        return ("" if self.chars else " ").join(out)

    def __repr__(self) -> str:
        return f"MarkovText(order={self.order}, chars={self.chars}, contexts={len(self.chain):,})"


def fit_markov(docs, order: int, chars: bool) -> MarkovText:
    counts: dict = {}
    for doc in docs:
        tokens = list(doc) if chars else re.findall(r"\S+", doc)
        seq = [START] * order + tokens + [END]
        for i in range(order, len(seq)):
            nxt = counts.setdefault(tuple(seq[i - order:i]), {})
            nxt[seq[i]] = nxt.get(seq[i], 0) + 1
    chain = {ctx: (tuple(nxt), np.cumsum(list(nxt.values()))) for ctx, nxt in counts.items()}
    return MarkovText(order, chars, chain)


def order_models(split: Split) -> tuple:
    """One ``MarkovText`` per class, from its training documents."""
    docs = np.array(split.docs_train, dtype=object)
    return tuple(fit_markov(docs[split.y_train == k], ORDER[split.corpus], split.corpus == "languages")
                 for k in range(len(split.class_names)))


def doc_lengths(split: Split, k: int) -> np.ndarray:
    """Features per training document of class ``k`` (word counts or character n-grams)."""
    return np.asarray(split.X_train[split.y_train == k].sum(axis=1)).ravel()


# ---- learning curves on real text -------------------------------------------------------------------------

class TextPool:
    """Subsamples a sparse count matrix without replacement; ``holdout`` keeps a stratified quarter for testing
    (the interface ``core.experiments.learning_curve`` takes, as ``core.scenarios.PoolSampler`` has it)."""

    def __init__(self, X, y, test_fraction: float = 0.25):
        self.X, self.y, self.test_fraction = X, np.asarray(y), float(test_fraction)

    @property
    def max_train_size(self) -> int:
        return len(self.y) - sum(int(round(self.test_fraction * c)) for c in np.bincount(self.y))

    def __call__(self, n: int, rng: np.random.Generator):
        idx = rng.choice(len(self.y), size=int(n), replace=False)
        return self.X[idx], self.y[idx]

    def holdout(self, rng: np.random.Generator):
        test = np.concatenate([rng.permutation(np.flatnonzero(self.y == k))[:int(round(self.test_fraction * c))]
                               for k, c in enumerate(np.bincount(self.y))])
        train = np.setdiff1d(np.arange(len(self.y)), test)
        return TextPool(self.X[train], self.y[train], 0.0), (self.X[test], self.y[test])

    def __repr__(self) -> str:
        return f"TextPool(n_samples={len(self.y)}, n_features={self.X.shape[1]})"


CURVE_SIZES = {"spam": (20, 4000), "languages": (8, 1000)}
CURVE_REPEATS = {"spam": 20, "languages": 6}  # about 3 s each here quiet, once per server


def text_curves(corpus: str, docs, labels, n_repeats: int | None = None, seed: int = 0) -> dict:
    """Test error of multinomial naive Bayes (alpha = 1) and logistic regression as the training set grows.

    The vocabulary is read from all documents (no labels), each repeat holds out a stratified quarter.

    Returns
    -------
    dict with ``sizes`` (tuple), ``errors`` {"nb", "logreg": ndarray (n_sizes, n_repeats)}, ``means``/``ses``
    {"nb", "logreg": ndarray (n_sizes,)}, ``diff_se``: standard error of the paired difference nb - logreg.
    """
    n_repeats = n_repeats or CURVE_REPEATS[corpus]
    X = make_vectorizer(corpus).fit_transform(docs)
    sizes = log_spaced_sizes(*CURVE_SIZES[corpus], 8)
    models = {"nb": MultinomialNB(alpha=1.0), "logreg": LogisticRegression(**LR_PARAMS[corpus])}
    errors = learning_curve(TextPool(X, labels), models, sizes, n_repeats=n_repeats, seed=seed)
    means, ses = {}, {}
    for name, e in errors.items():
        means[name], ses[name] = mean_and_se(e)
    _, diff_se = mean_and_se(errors["nb"] - errors["logreg"])
    return dict(sizes=sizes, errors=errors, means=means, ses=ses, diff_se=diff_se)


def leader(means: dict, diff_se, i: int) -> str | None:
    """"nb" or "logreg" if its mean error at size index ``i`` is lower by more than two standard errors of the
    paired difference; None otherwise (no clear difference)."""
    diff = means["nb"][i] - means["logreg"][i]
    if abs(diff) > 2 * diff_se[i] and diff_se[i] > 0:
        return "nb" if diff < 0 else "logreg"
    return None
