"""Copy as Python for "Spam and languages": the page's scores as a self-contained script (numpy + scikit-learn).

``words_script(params)`` takes the words page's link parameters (``WordsView.to_query()``: ``words_corpus``,
``words_nb``, ``words_alpha``, ``words_prior``; a missing or bad value is its default) and returns a script that
reads the same shipped text (``data/text/``, by a path relative to the app's folder), makes the same 75/25 split,
the same counts, fits naive Bayes and logistic regression as ``core.text_models`` does, moves the threshold to the
chosen P(spam) as the page does, and prints both held-out accuracies as the page's scores table shows them.
"""

from __future__ import annotations

import math

from core import text, text_models
from core.snippet_data import joined, script_head, source

DEFAULTS = {"corpus": "spam", "nb": "multinomial", "alpha": 1.0, "prior": None}  # ui.words.state.WordsView's
GEN_LABELS = {kind: label.split(" (")[0] for kind, label in text_models.NB_KINDS.items()}
DISC_LABEL = "logistic regression"


def _step(raw, steps) -> float | None:
    """The step of ``steps`` that ``raw`` names (``"0.10"`` is 0.1), else None."""
    try:
        value = float(str(raw).strip())
    except ValueError:
        return None
    return next((s for s in steps if math.isclose(s, value, rel_tol=1e-9, abs_tol=1e-12)), None)


def normalised(params: dict) -> dict:
    """The view's corpus, naive Bayes kind, alpha and P(spam) (None: the training share) from link parameters;
    a missing or bad value takes its default, as ``WordsView.from_query`` does."""
    one = {k: (v[-1] if isinstance(v, list) else v) for k, v in dict(params).items()}
    q = dict(DEFAULTS)
    if one.get("words_corpus") in text.CORPORA:
        q["corpus"] = one["words_corpus"]
    if one.get("words_nb") in text_models.NB_KINDS:
        q["nb"] = one["words_nb"]
    if (alpha := _step(one.get("words_alpha"), text_models.ALPHAS)) is not None:
        q["alpha"] = alpha
    if q["corpus"] == "spam" and (prior := _step(one.get("words_prior"), text_models.PRIORS)) is not None:
        q["prior"] = prior
    return q


def _corpus_block(corpus: str) -> str:
    """Lines that leave docs (list of str), labels (n_docs,) and class_names, read as ``core.text`` reads them."""
    folder = text.DATA_DIR.relative_to(text.DATA_DIR.parent.parent).as_posix()
    reader = source(text._read_lines)
    if corpus == "spam":
        return reader + f"""

# SMS Spam Collection (UCI, CC BY 4.0): one "label<TAB>message" line per text message
class_names = ["ham", "spam"]
rows = [line.split("\\t", 1) for line in _read_lines(Path({folder!r}) / "spam" / "SMSSpamCollection")]
docs = [message for _, message in rows]
labels = np.array([class_names.index(label) for label, _ in rows], dtype=int)
"""
    stems = dict(text._LANGUAGES)
    return reader + f"""

# PUD treebanks (CC BY-SA 3.0): the same sentences in each language, one "sent_id<TAB>sentence" line each
class_names = {list(stems.values())!r}
docs, labels = [], []
for k, stem in enumerate({list(stems)!r}):
    sentences = [line.split("\\t", 1)[1] for line in _read_lines(Path({folder!r}) / "languages" / f"{{stem}}.tsv")]
    docs += sentences
    labels += [k] * len(sentences)
labels = np.array(labels, dtype=int)
"""


def words_script(params: dict) -> str:
    """A self-contained Python script that rebuilds the words page's scores table for a view.

    Parameters
    ----------
    params : the page's link parameters (str -> str), as ``WordsView.to_query()`` gives them; a missing or bad
        value takes its default (the typed message does not change the scores and stays out)

    Returns
    -------
    str, Python source that needs numpy and scikit-learn and runs from the app's folder (it reads
    ``data/text/`` there). It prints each model's per-class recall, then as its last two lines
    ``generative (<naive Bayes>) test accuracy: 0.975`` and ``discriminative (logistic regression) test accuracy:
    ...``: the page's scores table, to 3 decimals.
    """
    q = normalised(params)
    corpus, kind, alpha, prior = q["corpus"], q["nb"], q["alpha"], q["prior"]
    nb_class = "MultinomialNB" if kind == "multinomial" else "BernoulliNB"
    imports = {"import warnings", "from pathlib import Path", "import numpy as np",
               "from sklearn.feature_extraction.text import CountVectorizer",
               "from sklearn.linear_model import LogisticRegression",
               "from sklearn.model_selection import train_test_split", f"from sklearn.naive_bayes import {nb_class}"}
    view = f"words_corpus={corpus}, words_nb={kind}, words_alpha={alpha:g}" + (
        "" if prior is None else f", words_prior={prior:g}")
    lines = script_head('A view of "Spam and languages", rebuilt with numpy and scikit-learn (the page\'s "Copy as '
                        'Python").', "Run it from the app's folder: it reads the shipped text under data/text/. It "
                        "prints both models' held-out accuracy, as the page's scores table shows them.", view,
                        imports, (GEN_LABELS[kind], DISC_LABEL))
    shift = ("" if prior is None else
             f"\n# the filter runs where P(spam) = {prior:g}: both thresholds move by the change in prior log-odds\n")
    body = [
        _corpus_block(corpus),
        f"""
# the split: {text_models.TEST_SIZE:g} held out, stratified, seed {text_models.SPLIT_SEED}; the counts are learned \
on the training part only
docs_train, docs_test, y_train, y_test = train_test_split(docs, labels, test_size={text_models.TEST_SIZE!r}, \
stratify=labels,
                                                          random_state={text_models.SPLIT_SEED})
vectorizer = {text_models.make_vectorizer(corpus)!r}.fit(docs_train)
X_train, X_test = vectorizer.transform(docs_train), vectorizer.transform(docs_test)
train_priors = np.bincount(y_train, minlength=len(class_names)) / len(y_train)

# ---- generative: {GEN_LABELS[kind]}, alpha {alpha:g} ----
# alpha = 0 is fitted as 1e-10, as the page's scores table fits it (scikit-learn's naive Bayes needs alpha > 0)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    nb = {nb_class}(alpha={max(alpha, 1e-10)!r}, force_alpha=True).fit(X_train, y_train)

# ---- discriminative: logistic regression on the same counts ----
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    logreg = {text_models.LogisticRegression(**text_models.LR_PARAMS[corpus])!r}.fit(X_train, y_train)


def class_scores(model, X):
    \"\"\"Class scores, shape (n, K): naive Bayes' log P(k) p(x | k), logistic regression's linear scores.\"\"\"
    if isinstance(model, LogisticRegression):
        s = model.decision_function(X)
        return np.column_stack([-s / 2, s / 2]) if s.ndim == 1 else s
    return model.predict_joint_log_proba(X)

""",
        shift + source(text_models._shift, text_models.predictions),
        f"""

def accuracy(model):
    y_pred = predictions(class_scores(model, X_test), train_priors, {prior!r})
    recall = ", ".join(f"{{name}} {{np.mean(y_pred[y_test == k] == k):.3f}}" for k, name in enumerate(class_names))
    return float(np.mean(y_pred == y_test)), recall


(gen, gen_recall), (disc, disc_recall) = accuracy(nb), accuracy(logreg)
print(f"recall per class, {{GEN_LABEL}}: {{gen_recall}}")
print(f"recall per class, {{DISC_LABEL}}: {{disc_recall}}")
print(f"generative ({{GEN_LABEL}}) test accuracy: {{gen:.3f}}")
print(f"discriminative ({{DISC_LABEL}}) test accuracy: {{disc:.3f}}")
""",
    ]
    return "\n".join(lines) + "\n" + joined(*body)
