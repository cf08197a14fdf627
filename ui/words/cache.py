"""The words page's cached core calls: fits are resources (never mutated), numbers are data."""

from __future__ import annotations

import numpy as np
import streamlit as st

from core.evaluation import paired_verdict
from core.figures import words as figures_words
from core.text import load_corpus
from core.text_generate import order_models, text_curves
from core.text_models import (
    class_scores,
    explain,
    fit_logreg,
    fit_nb,
    make_split,
    predictions,
    recalls,
    short_mask,
)

SHORT_WORDS = 8  # "short" messages for the Bernoulli-against-multinomial number


@st.cache_resource(show_spinner=False, max_entries=4)
def split(corpus: str):
    return make_split(corpus)


@st.cache_resource(show_spinner=False, max_entries=32)
def nb(corpus: str, kind: str, alpha: float):
    return fit_nb(split(corpus), kind, alpha)


@st.cache_resource(show_spinner="Fitting logistic regression…", max_entries=4)
def logreg(corpus: str):
    return fit_logreg(split(corpus))


@st.cache_resource(show_spinner=False, max_entries=4)
def markov(corpus: str):
    return order_models(split(corpus))


@st.cache_resource(show_spinner=False, max_entries=4)
def source(corpus: str) -> str:
    return load_corpus(corpus).source


@st.cache_data(show_spinner=False, max_entries=64)
def scores(corpus: str, kind: str, alpha: float, prior: float | None) -> dict:
    """Held-out per-class recall and accuracy of naive Bayes (``kind``) and logistic regression at ``prior``."""
    sp = split(corpus)
    K = len(sp.class_names)
    out = {}
    for name, model in (("nb", nb(corpus, kind, alpha)), ("logreg", logreg(corpus))):
        y_pred = predictions(class_scores(sp, model), sp.train_priors, prior)
        out[name] = dict(recall=recalls(sp.y_test, y_pred, K), accuracy=float(np.mean(y_pred == sp.y_test)))
    majority = int(np.argmax(np.bincount(sp.y_train)))
    out["majority"] = dict(cls=majority, accuracy=float(np.mean(sp.y_test == majority)),
                           recall=np.eye(K)[majority])
    out["n_test"] = int(len(sp.y_test))
    return out


@st.cache_data(show_spinner=False, max_entries=32)
def bernoulli_vs_multinomial(corpus: str, alpha: float) -> dict:
    """Accuracy of both naive Bayes on the short test documents, and whether the difference is beyond noise:
    ``verdict`` compares them paired (``core.evaluation.paired_verdict``, A = multinomial, B = Bernoulli)."""
    sp = split(corpus)
    short = short_mask(sp, SHORT_WORDS)
    pred = {k: predictions(class_scores(sp, nb(corpus, k, alpha)), sp.train_priors)[short]
            for k in ("bernoulli", "multinomial")}
    y = sp.y_test[short]
    return dict(n=int(short.sum()), max_words=SHORT_WORDS, bernoulli=float(np.mean(pred["bernoulli"] == y)),
                multinomial=float(np.mean(pred["multinomial"] == y)),
                verdict=paired_verdict(y, pred["multinomial"], pred["bernoulli"]))


@st.cache_data(show_spinner="Training both models on growing samples of real text (once per server)…",
               max_entries=4)
def curves(corpus: str) -> dict:
    c = load_corpus(corpus)
    return text_curves(corpus, c.docs, c.labels)


@st.cache_resource(show_spinner=False, max_entries=8)
def curves_figure(corpus: str):
    return figures_words.curves_figure(curves(corpus))


@st.cache_data(show_spinner=False, max_entries=32)
def phrase_stats(kind: str, alpha: float, a: str = "free", b: str = "entry") -> dict:
    """How often word ``b`` comes with ``a`` in the SMS training messages, and each word's evidence alone
    (its log-odds minus the empty message's) in naive Bayes and in logistic regression."""
    sp = split("spam")
    X = sp.X_train > 0
    ja, jb = sp.vectorizer.vocabulary_[a], sp.vectorizer.vocabulary_[b]
    out = dict(n_b=int(X[:, jb].sum()), both=int(X[:, jb].multiply(X[:, ja]).sum()))
    for name, model, al in (("nb", nb("spam", kind, alpha), alpha), ("lr", logreg("spam"), None)):
        empty = explain("", sp, model, al).log_odds
        out[f"{name}_a"] = explain(a, sp, model, al).log_odds - empty
        out[f"{name}_b"] = explain(b, sp, model, al).log_odds - empty
    return out
