"""Both families on the same text features: naive Bayes (generative) against logistic regression (discriminative).

Spam is read as word counts (``CountVectorizer()``), languages as character 1-3-grams within words
(``CountVectorizer(analyzer="char_wb", ngram_range=(1, 3))``). Naive Bayes models P(class) and P(feature | class);
logistic regression puts weights on the same counts. ``explain`` splits a typed message into its words and gives
each word's share of the log-odds, so the shown terms add up to the shown answer:

    naive Bayes (multinomial):  log P(a|x)/P(b|x) = log P(a)/P(b) + sum_w c_w [log P(w|a) - log P(w|b)]
    logistic regression:        log P(a|x)/P(b|x) = (b_a - b_b) + sum_w c_w (W_aw - W_bw)  [+ a prior shift]

(Manning, Raghavan & Schütze, *Introduction to Information Retrieval*, 13.2-13.3.)
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass

import numpy as np
from scipy.special import logsumexp
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import BernoulliNB, MultinomialNB

from core.text import load_corpus

TEST_SIZE, SPLIT_SEED = 0.25, 0  # the held-out check of core.text's tests: 75/25, stratified, seed 0
ALPHAS = (0.0, 0.001, 0.01, 0.1, 0.5, 1.0, 2.0)  # the page's Laplace smoothing steps
PRIORS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 0.95, 0.99)  # P(spam) where the filter runs
MAX_CHARS = 3000  # a typed message is read up to here (a 100,000-character paste stays fast)
NB_KINDS = {"multinomial": "multinomial naive Bayes (word counts)",
            "bernoulli": "Bernoulli naive Bayes (presence or absence)"}
#: logistic regression per corpus; the languages' 12,800 character n-grams and 4 classes converge slowly, so a
#: looser tolerance keeps a fit under half a second (held-out accuracy 99% either way)
LR_PARAMS = {"spam": dict(max_iter=1000), "languages": dict(max_iter=200, tol=1e-2)}
_WORD = re.compile(r"(?u)\b\w\w+\b")  # CountVectorizer's default token_pattern
_CHUNK = re.compile(r"\S+")  # char_wb reads each whitespace-separated chunk on its own


def make_vectorizer(corpus: str) -> CountVectorizer:
    if corpus == "spam":
        return CountVectorizer()
    return CountVectorizer(analyzer="char_wb", ngram_range=(1, 3))


@dataclass(frozen=True)
class Split:
    """The corpus's 75/25 split and its count matrices (vectoriser fitted on the training part only)."""

    corpus: str
    class_names: tuple
    vectorizer: CountVectorizer
    X_train: object  # sparse (n_train, n_features)
    y_train: np.ndarray
    X_test: object
    y_test: np.ndarray
    docs_train: tuple
    docs_test: tuple

    @property
    def train_priors(self) -> np.ndarray:
        return np.bincount(self.y_train, minlength=len(self.class_names)) / len(self.y_train)

    def __repr__(self) -> str:
        return f"Split({self.corpus!r}, train={len(self.y_train)}, test={len(self.y_test)})"


def make_split(corpus: str) -> Split:
    c = load_corpus(corpus)
    d_train, d_test, y_train, y_test = train_test_split(c.docs, c.labels, test_size=TEST_SIZE, stratify=c.labels,
                                                        random_state=SPLIT_SEED)
    vectorizer = make_vectorizer(corpus).fit(d_train)
    return Split(corpus, c.class_names, vectorizer, vectorizer.transform(d_train), np.asarray(y_train),
                 vectorizer.transform(d_test), np.asarray(y_test), tuple(d_train), tuple(d_test))


def fit_nb(split: Split, kind: str, alpha: float):
    """Multinomial or Bernoulli naive Bayes with smoothing ``alpha`` (0 is fitted as 1e-10; ``nb_log_theta``
    gives the exact alpha = 0 probabilities)."""
    model = MultinomialNB if kind == "multinomial" else BernoulliNB
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return model(alpha=max(float(alpha), 1e-10), force_alpha=True).fit(split.X_train, split.y_train)


def fit_logreg(split: Split) -> LogisticRegression:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return LogisticRegression(**LR_PARAMS[split.corpus]).fit(split.X_train, split.y_train)


def nb_log_theta(nb, alpha: float) -> np.ndarray:
    """log P(feature | class), shape (K, n_features), with Laplace/Lidstone smoothing ``alpha`` exactly.

    Multinomial: (N_kw + alpha) / (N_k + alpha V); Bernoulli: (docs_kw + alpha) / (docs_k + 2 alpha). At alpha = 0 a
    feature never seen in class k gets probability 0 (log = -inf): "add one" is alpha = 1.
    """
    fc = nb.feature_count_
    if isinstance(nb, BernoulliNB):
        theta = (fc + alpha) / (nb.class_count_[:, None] + 2 * alpha)
    else:
        theta = (fc + alpha) / (fc.sum(axis=1, keepdims=True) + alpha * fc.shape[1])
    with np.errstate(divide="ignore"):
        return np.log(theta)


@dataclass(frozen=True)
class Piece:
    """One word of a typed message: where it is, its share of the log-odds, its features the models know."""

    start: int
    end: int
    text: str
    evidence: float  # this word's share of log P(a|x)/P(b|x); 0 if unknown
    known: tuple
    unknown: tuple


@dataclass(frozen=True)
class Explanation:
    """log P(a | x) / P(b | x) = prior + base + sum of the pieces' evidence.

    ``prior`` : the prior's log-odds (naive Bayes) or the prior shift (logistic regression); ``base`` : logistic
    regression's intercept difference, or Bernoulli's "every word absent" term, else 0. ``proba`` : P(class | x),
    shape (K,), NaN when every class has probability 0 (alpha = 0 and words unseen in every class).
    """

    pair: tuple  # (a, b) class indices
    prior: float
    base: float
    pieces: tuple
    proba: np.ndarray

    @property
    def log_odds(self) -> float:
        with np.errstate(invalid="ignore"):
            return float(self.prior + self.base + sum(p.evidence for p in self.pieces))


def read_pieces(text: str, split: Split) -> list:
    """The message's words with their features: (start, end, features). Only the first ``MAX_CHARS`` are read.

    The features are the vectoriser's own (``tests/test_text_models.py`` checks them against ``build_analyzer``),
    built here per word, fast enough for a long paste.
    """
    text = text[:MAX_CHARS]
    if split.corpus == "spam":  # the vectoriser lowercases first ("İ" becomes two characters): so do we
        low = text.lower()
        if len(low) == len(text):
            return [(m.start(), m.end(), [m.group()]) for m in _WORD.finditer(low)]
        return [(m.start(), m.end(), [m.group().lower()]) for m in _WORD.finditer(text)]
    return [(m.start(), m.end(), char_wb_ngrams(m.group())) for m in _CHUNK.finditer(text)]


def char_wb_ngrams(word: str, n_min: int = 1, n_max: int = 3) -> list:
    """``CountVectorizer(analyzer="char_wb")``'s n-grams of one word: the word lowercased, padded with a space on
    each side; a padded word shorter than n gives itself once and no longer n-grams."""
    w = " " + word.lower() + " "
    out = []
    for n in range(n_min, n_max + 1):
        if len(w) <= n:
            out.append(w)
            break
        out.extend(w[i:i + n] for i in range(len(w) - n + 1))
    return out


def _counts(features, vocabulary) -> dict:
    out = {}
    for f in features:
        if f in vocabulary:
            out[vocabulary[f]] = out.get(vocabulary[f], 0) + 1
    return out


def _shift(new_prior: float | None, train_priors) -> float:
    """log-odds of the new P(spam) minus those trained with (two classes only); 0 without a new prior."""
    if new_prior is None:
        return 0.0
    return float(np.log(new_prior / (1 - new_prior)) - np.log(train_priors[1] / train_priors[0]))


def _pair(proba) -> tuple:
    if len(proba) == 2:
        return (1, 0)
    order = np.argsort(-np.nan_to_num(proba, nan=-1.0), kind="stable")
    return int(order[0]), int(order[1])


def explain(text: str, split: Split, model, alpha: float | None = None, new_prior: float | None = None) -> Explanation:
    """Each word's share of the log-odds of the two likeliest classes (spam against ham for two classes).

    ``model`` is a fitted MultinomialNB, BernoulliNB (give its ``alpha``) or LogisticRegression; ``new_prior`` is
    P(spam) for a two-class corpus (None: as trained).
    """
    vocabulary = split.vectorizer.vocabulary_
    raw = read_pieces(text, split)
    counts = [_counts(f, vocabulary) for _, _, f in raw]
    total = {}
    for c in counts:
        for j, n in c.items():
            total[j] = total.get(j, 0) + n
    cols = np.array(sorted(total), dtype=int)
    cnt = np.array([total[j] for j in cols], dtype=float)
    K = len(split.class_names)
    if isinstance(model, LogisticRegression):
        W = model.coef_ if K > 2 else np.vstack([-model.coef_[0] / 2, model.coef_[0] / 2])
        b = model.intercept_ if K > 2 else np.array([-model.intercept_[0] / 2, model.intercept_[0] / 2])
        scores = b + W[:, cols] @ cnt + (np.array([0.0, _shift(new_prior, split.train_priors)]) if K == 2 else 0)
        proba = np.exp(scores - logsumexp(scores))
        a, o = _pair(proba)
        per_feature = W[a] - W[o]
        prior, base = (_shift(new_prior, split.train_priors) if K == 2 else 0.0), float(b[a] - b[o])
        evidence = [float(sum(n * per_feature[j] for j, n in c.items())) for c in counts]
    else:
        log_theta = nb_log_theta(model, alpha)
        log_prior = model.class_log_prior_.copy()
        if new_prior is not None and K == 2:
            log_prior = np.log([1 - new_prior, new_prior])
        bernoulli = isinstance(model, BernoulliNB)
        with np.errstate(divide="ignore", invalid="ignore"):
            if bernoulli:
                log_absent = np.log1p(-np.exp(log_theta))
                jll = log_prior + log_absent.sum(axis=1) + (log_theta - log_absent)[:, cols].sum(axis=1)
            else:
                jll = log_prior + log_theta[:, cols] @ cnt if len(cols) else log_prior.copy()
            proba = np.full(K, np.nan) if np.all(np.isneginf(jll)) else np.exp(jll - logsumexp(jll))
            a, o = _pair(proba)
            prior = float(log_prior[a] - log_prior[o])
            if bernoulli:
                per_feature = (log_theta[a] - log_absent[a]) - (log_theta[o] - log_absent[o])
                base = float(log_absent[a].sum() - log_absent[o].sum())
            else:
                per_feature, base = log_theta[a] - log_theta[o], 0.0
            seen, evidence = set(), []
            for c in counts:  # Bernoulli counts a feature once: at its first word
                js = [j for j in c if j not in seen] if bernoulli else list(c)
                evidence.append(float(sum((1 if bernoulli else c[j]) * per_feature[j] for j in js)))
                if bernoulli:
                    seen.update(js)
    pieces = tuple(
        Piece(s, e, text[s:e], ev, tuple(f for f in feats if f in vocabulary),
              tuple(f for f in feats if f not in vocabulary))
        for (s, e, feats), ev in zip(raw, evidence))
    return Explanation((a, o), float(prior), base, pieces, np.asarray(proba, dtype=float))


def rounded_terms(values, decimals: int = 2) -> np.ndarray:
    """``values`` rounded so that they add up to their rounded sum exactly (largest remainders)."""
    values = np.asarray(values, dtype=float)
    if len(values) == 0 or not np.all(np.isfinite(values)):
        return np.round(values, decimals)
    scale = 10 ** decimals
    floors = np.floor(values * scale)
    target = int(round(round(float(values.sum()), decimals) * scale))  # the total as shown: 0.025 -> 0.03, not 0.02
    extra = target - int(floors.sum())
    order = np.argsort(-(values * scale - floors), kind="stable")
    floors[order[:extra]] += 1
    return floors / scale


# ---- scores on the held-out quarter -----------------------------------------------------------------------

def class_scores(split: Split, model) -> np.ndarray:
    """Class scores on the test quarter, shape (n_test, K): naive Bayes' joint log-likelihood log P(k) p(x | k)
    (alpha = 0 fitted as 1e-10), logistic regression's linear scores (two classes: -s/2, s/2)."""
    if isinstance(model, LogisticRegression):
        s = model.decision_function(split.X_test)
        return np.column_stack([-s / 2, s / 2]) if s.ndim == 1 else s
    return model.predict_joint_log_proba(split.X_test)


def predictions(scores, train_priors, new_prior: float | None = None) -> np.ndarray:
    """Predicted classes from ``class_scores``; a two-class prior shift moves the threshold."""
    scores = np.array(scores, dtype=float)
    if new_prior is not None and scores.shape[1] == 2:
        scores[:, 1] += _shift(new_prior, train_priors)
    return np.argmax(scores, axis=1)


def recalls(y, y_pred, n_classes: int) -> np.ndarray:
    """Per-class recall: the share of each class's test documents predicted as that class."""
    return np.array([np.mean(y_pred[y == k] == k) for k in range(n_classes)])


def short_mask(split: Split, max_words: int) -> np.ndarray:
    """Test documents of at most ``max_words`` whitespace-separated words."""
    return np.array([len(d.split()) <= max_words for d in split.docs_test])
