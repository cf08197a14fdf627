"""The words page's sentences (``ui/words/words.py``), each checked on the view where it is shown."""

import re
from functools import cache

import numpy as np
import pytest
from apptest_utils import assert_clean, open_page
from scipy.stats import binomtest

from core.evaluation import paired_verdict
from core.figures.words import crossover_of
from core.text import load_corpus
from core.text_generate import fit_markov, text_curves
from core.text_models import class_scores, explain, fit_logreg, fit_nb, make_split, predictions, short_mask
from ui.words import words as w
from ui.words.state import EXAMPLES

PAGE = "pages/words.py"


@cache
def split(corpus):
    return make_split(corpus)


@cache
def lr(corpus):
    return fit_logreg(split(corpus))


def nb(corpus, kind="multinomial", alpha=1.0):
    return fit_nb(split(corpus), kind, alpha)


@pytest.mark.parametrize("corpus", ["spam", "languages"])
@pytest.mark.parametrize("kind", ["multinomial", "bernoulli", "logreg"])
def test_shown_terms_add_up_to_the_shown_probability(corpus, kind):
    """The table's rows add to its last row, and that log-odds gives the verdict's two probabilities."""
    model = lr(corpus) if kind == "logreg" else nb(corpus, kind)
    e = explain(EXAMPLES[corpus], split(corpus), model, 1.0)
    rows = w.terms(e, "prior", "base")
    values = [v for _, v in rows]
    assert np.isclose(sum(values[:-1]), values[-1])
    a, b = e.pair
    assert abs(values[-1] - np.log(e.proba[a] / e.proba[b])) <= 0.005 + 1e-9


def test_highlighted_words_push_the_way_their_colour_says():
    e = explain(EXAMPLES["spam"], split("spam"), nb("spam"), 1.0)
    md = w.highlighted(e, EXAMPLES["spam"], ("ham", "spam"))
    for p in e.pieces:
        if p.evidence >= w.STRONG:
            assert f":red-background[{p.text}]" in md
        elif p.evidence <= -w.STRONG:
            assert f":blue-background[{p.text}]" in md
        else:
            assert f"[{p.text}]" not in md


def test_alpha_zero_note_a_class_with_an_unseen_word_has_probability_exactly_zero():
    text = EXAMPLES["spam"]
    e = explain(text, split("spam"), nb("spam", alpha=0.0), 0.0)
    note = w.alpha_note(0.0, e, ("ham", "spam"))
    assert "whatever the other words say" in note
    winner = re.search(r"\*\*: (\w+) wins outright", note).group(1)
    assert e.proba[("ham", "spam").index(winner)] == 1.0


def test_alpha_zero_on_a_french_sentence_is_zero_over_zero():
    e = explain(EXAMPLES["languages"], split("languages"), nb("languages", alpha=0.0), 0.0)
    assert np.all(np.isnan(e.proba)) and "divides 0 by 0" in w.alpha_note(0.0, e, ())


@pytest.mark.parametrize("prior", [0.01, 0.5, 0.99])
def test_prior_note_shift_and_verdicts(prior):
    sp = split("spam")
    at = open_page(PAGE, {"words_text": "call me later", "words_prior": str(prior)}, timeout=120)
    assert_clean(at)
    note = next(m.value for m in at.markdown if m.value.startswith(f"P(spam) = {prior:.0%}"))
    share = sp.train_priors[1]
    shift = np.log(prior / (1 - prior)) - np.log(share / (1 - share))
    assert w.signed(shift) in note
    for name, model in (("naive Bayes", nb("spam")), ("logistic regression", lr("spam"))):
        before = explain("call me later", sp, model, 1.0).proba[1] > 0.5
        after = explain("call me later", sp, model, 1.0, prior).proba[1] > 0.5
        assert (f"{name} from" in note) == (before != after)
        e_lr = explain("call me later", sp, model, 1.0, prior)
        e_0 = explain("call me later", sp, model, 1.0)
        assert np.isclose(e_lr.log_odds - e_0.log_odds, shift)


def test_recall_caption_majority_baseline_is_the_ham_share_and_catches_no_spam():
    sp = split("spam")
    y_pred = np.zeros_like(sp.y_test)
    assert np.mean(y_pred == sp.y_test) == pytest.approx(np.mean(sp.y_test == 0))
    assert np.mean(y_pred[sp.y_test == 1] == 1) == 0


@pytest.mark.parametrize("alpha", [0.0, 1.0])
@pytest.mark.parametrize("corpus", ["spam", "languages"])
def test_bernoulli_sentence_names_a_winner_only_when_mcnemars_exact_p_is_below_5_percent(corpus, alpha):
    sp = split(corpus)
    short = short_mask(sp, 8)
    y = sp.y_test[short]
    pred = {k: predictions(class_scores(sp, nb(corpus, k, alpha)), sp.train_priors)[short]
            for k in ("bernoulli", "multinomial")}
    right = {k: pred[k] == y for k in pred}
    only_b, only_m = int(np.sum(right["bernoulli"] & ~right["multinomial"])), int(
        np.sum(right["multinomial"] & ~right["bernoulli"]))
    p = binomtest(only_b, only_b + only_m, 0.5).pvalue if only_b + only_m else 1.0  # McNemar's exact test
    v = paired_verdict(y, pred["multinomial"], pred["bernoulli"])
    s = w.bernoulli_sentence(dict(n=int(short.sum()), max_words=8, bernoulli=right["bernoulli"].mean(),
                                  multinomial=right["multinomial"].mean(), verdict=v))
    assert ("no clear change" in s) == (p >= 0.05)
    assert np.isclose(v.difference, right["bernoulli"].mean() - right["multinomial"].mean())
    if p >= 0.05:
        assert f"(±{100 * v.half_width:.1f} points at 95%" in s and abs(v.difference) <= v.half_width
    else:
        assert ("presence beats counts" in s) == (only_b > only_m)


@pytest.mark.parametrize("bernoulli_better", [True, False])
def test_bernoulli_sentence_names_the_winner_of_a_clear_difference(bernoulli_better):
    y = np.zeros(100, dtype=int)
    better, worse = y.copy(), np.r_[np.ones(20, dtype=int), y[20:]]  # 20 discordant points, all one way
    bern, multi = (better, worse) if bernoulli_better else (worse, better)
    v = paired_verdict(y, multi, bern)
    s = w.bernoulli_sentence(dict(n=100, max_words=8, bernoulli=np.mean(bern == y), multinomial=np.mean(multi == y),
                                  verdict=v))
    assert v.p_value < 0.05 and "no clear change" not in s and "p < 0.001" in s
    assert ("presence beats counts" in s) == bernoulli_better and ("counts beat presence" in s) != bernoulli_better


@cache
def curves(corpus):
    c = load_corpus(corpus)
    return text_curves(corpus, c.docs, c.labels)


@pytest.mark.parametrize("corpus", ["spam", "languages"])
def test_curves_sentence_claims_a_lead_only_beyond_two_paired_standard_errors(corpus):
    cv = curves(corpus)
    s = w.curves_sentence(cv, crossover_of(cv))
    for i, part in zip((0, len(cv["sizes"]) - 1), s.split("At n = ")[1:]):
        diff = cv["means"]["nb"][i] - cv["means"]["logreg"][i]
        beyond = abs(diff) > 2 * cv["diff_se"][i]
        assert ("no clear difference" in part) == (not beyond)
        if beyond:
            assert ("naive Bayes is ahead" in part) == (diff < 0)
    assert ("cross near" in s) == (crossover_of(cv) is not None)


def test_ordered_sample_only_uses_bigrams_of_its_class():
    sp = split("spam")
    docs = [d for d, y in zip(sp.docs_train, sp.y_train) if y == 1]
    m = fit_markov(docs, order=1, chars=False)
    seen = {(a, b) for d in docs for a, b in zip(d.split(), d.split()[1:])}
    words = m.sample(np.random.default_rng(3), 40).split()
    assert all(pair in seen for pair in zip(words, words[1:]))


def test_no_sampler_line_scopes_to_logistic_regression():
    assert w.NO_SAMPLER.startswith("Logistic regression has nothing to sample from")


def test_unknown_note_lists_only_unknown_words():
    e = explain("blorfzz free wibbleqq", split("spam"), nb("spam"), 1.0)
    note = w.unknown_note(e, "spam")
    assert "blorfzz" in note and "wibbleqq" in note and "“free”" not in note and "None of the words" not in note


@pytest.mark.parametrize("alpha", [0.1, 1.0])
def test_phrase_note_numbers_are_each_words_evidence_alone(alpha):
    at = open_page(PAGE, {"words_alpha": str(alpha)}, timeout=120)
    assert_clean(at)
    note = next(m.value for m in at.markdown if "“free entry”" in m.value or "also have “free”" in m.value)
    sp, model = split("spam"), nb("spam", alpha=alpha)
    X = sp.X_train > 0
    jf, je = sp.vectorizer.vocabulary_["free"], sp.vectorizer.vocabulary_["entry"]
    assert f"{int(X[:, je].multiply(X[:, jf]).sum())} of the {int(X[:, je].sum())}" in note
    for m, al in ((model, alpha), (lr("spam"), None)):
        empty = explain("", sp, m, al).log_odds
        assert w.signed(explain("entry", sp, m, al).log_odds - empty) in note
        assert w.signed(explain("free", sp, m, al).log_odds - empty) in note


@pytest.mark.parametrize("kind", ["multinomial", "bernoulli"])
def test_alpha_formula_shown_is_the_one_computed(kind):
    from core.text_models import nb_log_theta
    model, alpha = nb("spam", kind, 0.5), 0.5
    fc, V = model.feature_count_, model.feature_count_.shape[1]
    note = w.alpha_note(alpha, explain("hello", split("spam"), model, alpha), ("ham", "spam"), kind)
    if kind == "multinomial":
        assert "(count + α) / (total + α V)" in note
        expected = (fc + alpha) / (fc.sum(axis=1, keepdims=True) + alpha * V)
    else:
        assert "(documents with w + α) / (documents + 2α)" in note
        expected = (fc + alpha) / (model.class_count_[:, None] + 2 * alpha)
    assert np.allclose(np.exp(nb_log_theta(model, alpha)), expected)
    assert np.allclose(np.exp(nb_log_theta(model, alpha)), np.exp(model.feature_log_prob_))


@pytest.mark.parametrize("kind", ["multinomial", "bernoulli", "logreg"])
def test_only_unknown_words_answer_as_an_empty_message(kind):
    sp = split("spam")
    model = lr("spam") if kind == "logreg" else nb("spam", kind)
    e = explain("blorfzz wibbleqq", sp, model, 1.0)
    assert "None of the words is known" in w.unknown_note(e, "spam")
    assert np.allclose(e.proba, model.predict_proba(sp.vectorizer.transform([""]))[0])
    if kind == "multinomial":
        assert np.isclose(e.proba[1], sp.train_priors[1])
