"""Copy as Python on "Spam and languages": ``core.snippet_words.words_script`` writes a script that, run in a fresh
process from the app's folder, prints the page's own held-out accuracies (``ui.words.cache.scores``, which its scores
table shows) for both corpora, both kinds of naive Bayes, and non-default alpha and P(spam)."""

from __future__ import annotations

import pytest
from script_runner import import_roots, run_scripts

from core.snippet_words import DEFAULTS, GEN_LABELS, words_script
from ui.words import cache
from ui.words.state import WordsView

LINKS = [
    {},
    {"words_nb": "bernoulli"},
    {"words_alpha": "0", "words_prior": "0.05"},
    {"words_nb": "bernoulli", "words_alpha": "0.01", "words_prior": "0.9"},
    {"words_corpus": "languages"},
    {"words_corpus": "languages", "words_nb": "bernoulli", "words_alpha": "2"},
    {"words_corpus": "languages", "words_alpha": "0"},
]


def expected(view: WordsView) -> list:
    s = cache.scores(view.corpus, view.nb, view.alpha, view.prior)
    return [f"generative ({GEN_LABELS[view.nb]}) test accuracy: {s['nb']['accuracy']:.3f}",
            f"discriminative (logistic regression) test accuracy: {s['logreg']['accuracy']:.3f}"]


def test_defaults_are_the_pages():
    view = WordsView()
    assert DEFAULTS == {"corpus": view.corpus, "nb": view.nb, "alpha": view.alpha, "prior": view.prior}


def test_scripts_print_the_pages_accuracies(tmp_path):
    views = [WordsView.from_query(link) for link in LINKS]
    assert all(problems == [] for _, problems in views)
    scripts = [words_script(view.to_query()) for view, _ in views]
    assert run_scripts(tmp_path, scripts) == [expected(view) for view, _ in views]


@pytest.mark.parametrize("link", [
    {"words_corpus": "klingon", "words_nb": "poisson", "words_alpha": "-1"},
    {"words_alpha": "abc", "words_prior": "1.5"},
    {"words_corpus": "languages", "words_prior": "0.3"},  # P(spam) belongs to the spam corpus
    {"words_alpha": "nan", "words_prior": "inf"},
    {"words_alpha": "0.3", "words_prior": "0.42"},  # not one of the page's steps
])
def test_bad_parameters_fall_back_as_the_page_does(link):
    view, problems = WordsView.from_query(link)
    assert problems
    assert words_script(link) == words_script(view.to_query())


def test_script_is_python_with_only_numpy_sklearn_and_the_standard_library():
    assert all(import_roots(words_script(link)) == {"numpy", "sklearn", "warnings", "pathlib"} for link in LINKS)
