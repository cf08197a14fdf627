"""Shipped text corpora: counts, shapes, credits, and a held-out check that the labels are right."""

from pathlib import Path

import numpy as np
import pytest
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import balanced_accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import MultinomialNB

from core.text import CORPORA, DATA_DIR, Corpus, load_corpus

NAMES = list(CORPORA)


@pytest.mark.parametrize("name", NAMES)
def test_corpus_has_one_int_label_per_str_doc(name):
    c = load_corpus(name)
    assert isinstance(c, Corpus)
    assert isinstance(c.docs, list) and all(isinstance(d, str) and d.strip() for d in c.docs)
    assert c.labels.shape == (len(c.docs),)
    assert np.issubdtype(c.labels.dtype, np.integer)
    assert set(c.labels.tolist()) == set(range(len(c.class_names)))


def test_spam_is_the_whole_sms_spam_collection():
    c = load_corpus("spam")
    assert c.class_names == ("ham", "spam")
    assert c.counts == {"ham": 4827, "spam": 747}
    assert c.docs[0].startswith("Go until jurong point")


def test_languages_has_1000_sentences_each_french_and_german_among_them():
    c = load_corpus("languages")
    assert {"French", "German"} <= set(c.class_names) and len(c.class_names) >= 3
    assert set(c.counts.values()) == {1000}


def test_parallel_sentences_line_up_across_languages():
    c = load_corpus("languages")
    first = {c.class_names[k]: c.docs[int(np.flatnonzero(c.labels == k)[0])] for k in range(len(c.class_names))}
    assert all("Kori Schulman" in sentence for sentence in first.values())


@pytest.mark.parametrize("name", NAMES)
def test_source_credits_authors_and_licence(name):
    source = load_corpus(name).source
    assert "CC BY" in source
    assert ("Almeida" in source) if name == "spam" else ("Universal Dependencies" in source)


@pytest.mark.parametrize("name", NAMES)
def test_each_corpus_folder_has_a_readme_with_its_licence(name):
    readme = (DATA_DIR / name / "README.md").read_text(encoding="utf-8")
    assert "Licence" in readme and "commit" in readme


def test_data_files_are_small():
    total = sum(p.stat().st_size for p in Path(DATA_DIR).rglob("*") if p.is_file())
    assert total < 3_000_000


def test_unknown_name_is_a_clear_error():
    with pytest.raises(ValueError, match="Unknown corpus 'tweets'; choose one of spam, languages"):
        load_corpus("tweets")


def test_callers_get_their_own_copy():
    c = load_corpus("spam")
    c.docs.clear()
    c.labels[:] = 0
    fresh = load_corpus("spam")
    assert len(fresh.docs) == 5574 and fresh.labels.sum() == 747


def test_repr_gives_counts():
    assert repr(load_corpus("spam")) == "Corpus('spam', 5,574 docs; ham: 4,827, spam: 747)"


# ---- a held-out check that the labels are right --------------------------------------

VECTORIZERS = {"spam": lambda: CountVectorizer(),
               "languages": lambda: CountVectorizer(analyzer="char_wb", ngram_range=(1, 3))}


@pytest.fixture(scope="module", params=NAMES)
def counts_split(request):
    """Word counts (spam) or character 1-3-grams (languages), 75/25 stratified split, seed 0."""
    c = load_corpus(request.param)
    docs_train, docs_test, y_train, y_test = train_test_split(c.docs, c.labels, test_size=0.25,
                                                              stratify=c.labels, random_state=0)
    vectorizer = VECTORIZERS[request.param]().fit(docs_train)
    return vectorizer.transform(docs_train), vectorizer.transform(docs_test), y_train, y_test


@pytest.mark.parametrize("model", [MultinomialNB, lambda: LogisticRegression(max_iter=1000)],
                         ids=["multinomial_nb", "logistic_regression"])
def test_plain_pipeline_reaches_balanced_accuracy_0_90(counts_split, model):
    X_train, X_test, y_train, y_test = counts_split
    y_pred = model().fit(X_train, y_train).predict(X_test)
    assert balanced_accuracy_score(y_test, y_pred) >= 0.90
