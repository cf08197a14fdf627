"""core.text_models / core.text_generate: oracle tests against scikit-learn, and the words page's view."""

from functools import cache

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from core.text_generate import fit_markov, leader
from core.text_models import explain, fit_logreg, fit_nb, make_split, nb_log_theta, rounded_terms
from ui.safe import WJ
from ui.words.escape import escape_text
from ui.words.state import WordsView


@cache
def fitted(corpus):
    sp = make_split(corpus)
    return sp, fit_nb(sp, "multinomial", 1.0), fit_nb(sp, "bernoulli", 1.0), fit_logreg(sp)


@pytest.mark.parametrize("corpus", ["spam", "languages"])
@pytest.mark.parametrize("which", [1, 2, 3])
def test_explained_proba_and_log_odds_match_sklearn(corpus, which):
    sp, *models = fitted(corpus)
    model = models[which - 1]
    for doc in sp.docs_test[:15]:
        e = explain(doc, sp, model, 1.0)
        p = model.predict_proba(sp.vectorizer.transform([doc]))[0]
        assert np.allclose(e.proba, p, atol=1e-9)
        a, b = e.pair
        assert np.isclose(e.log_odds, np.log(p[a] / p[b]), atol=1e-6)


def test_nb_log_theta_is_sklearns_at_positive_alpha():
    sp, nb, bnb, _ = fitted("spam")
    assert np.allclose(nb_log_theta(nb, 1.0), nb.feature_log_prob_)
    assert np.allclose(nb_log_theta(bnb, 1.0), bnb.feature_log_prob_)


def test_alpha_zero_gives_an_unseen_word_probability_zero():
    sp, *_ = fitted("spam")
    nb0 = fit_nb(sp, "multinomial", 0.0)
    log_theta = nb_log_theta(nb0, 0.0)
    unseen_in_ham = np.flatnonzero(nb0.feature_count_[0] == 0)
    assert np.all(np.isneginf(log_theta[0, unseen_in_ham]))


@given(st.lists(st.floats(-50, 50), max_size=30))
@example([0.025])  # a half-cent total: round(0.025, 2) is 0.03, while round(2.5) is 2
def test_rounded_terms_add_up_to_the_rounded_total(values):
    r = rounded_terms(values)
    assert np.isclose(r.sum(), round(sum(values), 2), atol=1e-9)
    assert np.all(np.abs(r - np.asarray(values)) <= 0.01 + 1e-9)


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gets_valid_probabilities(text):
    sp, nb, _, lr = fitted("spam")
    for model in (nb, lr):
        e = explain(text, sp, model, 1.0)
        assert np.all(np.isfinite(e.proba)) and np.isclose(e.proba.sum(), 1)


def test_markov_model_only_writes_transitions_it_saw():
    m = fit_markov(["a b c", "a b d"], order=1, chars=False)
    text = m.sample(np.random.default_rng(0), 10)
    assert text in ("a b c", "a b d")


def test_leader_needs_more_than_two_standard_errors():
    means = {"nb": np.array([0.10, 0.10]), "logreg": np.array([0.12, 0.105])}
    assert leader(means, np.array([0.005, 0.005]), 0) == "nb"
    assert leader(means, np.array([0.005, 0.005]), 1) is None


@settings(max_examples=60)
@given(st.text(max_size=120))
def test_view_round_trips_any_short_text(text):
    v = WordsView(text=text, alpha=0.0, prior=0.3)
    assert WordsView.from_query(v.to_query()) == (v, [])


@pytest.mark.parametrize("raw", ["$x$", "**b**", "<#>", "&lt;", "[a](b)", ":red[x]", "www.a.com", "a@b.co",
                                 ":smile:", "# h", "1. x", "`c`", "~~s~~"])
def test_escaped_text_has_no_live_markup_and_shows_as_typed(raw):
    from test_safe import live_markup, resolved  # the checker of the app's one helper for user strings

    out = escape_text(raw)
    assert not live_markup(out), (raw, out)
    assert resolved(out).replace(WJ, "") == raw


@pytest.mark.parametrize("corpus", ["spam", "languages"])
def test_read_pieces_gives_the_vectorizers_own_features(corpus):
    from core.text import load_corpus
    from core.text_models import read_pieces
    sp, *_ = fitted(corpus)
    analyzer = sp.vectorizer.build_analyzer()
    # (a character whose lowercase is longer, as "İ", is the one case the spans keep the original word)
    for doc in load_corpus(corpus).docs[::7] + ["a", "ab", "x  y", "😀 ß", "Ünïcödé Straße"]:
        assert sorted(f for _, _, fs in read_pieces(doc, sp) for f in fs) == sorted(analyzer(doc)), doc
