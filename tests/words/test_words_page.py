"""AppTest of "Spam and languages": every widget path, links in and out, and bad input never a traceback."""

import pytest
from apptest_utils import assert_clean, open_page

from ui.words.state import WordsView
from ui.words.words import INTRO

PAGE = "pages/words.py"


def page(**query):
    at = open_page(PAGE, query, timeout=120)
    assert_clean(at)
    return at


def md(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def link(at) -> dict:
    return {k: (v[-1] if isinstance(v, list) else v) for k, v in at.query_params.items()}


@pytest.fixture(scope="module")
def spam():
    return page()


def test_default_view_shows_both_verdicts_recall_and_the_source(spam):
    text = md(spam)
    assert "**Multinomial naive Bayes**: P(spam | text)" in text and "**Logistic regression**: P(spam | text)" in text
    assert "always answering **ham**" in text
    assert any("Almeida" in c.value for c in spam.caption)
    assert any("nothing to sample from" in c.value for c in spam.caption)


def test_typing_changes_the_answer_and_the_link(spam):
    spam.text_area(key="words_text").set_value("see you at lunch tomorrow").run()
    assert_clean(spam)
    assert "so **ham**" in md(spam)
    assert link(spam)["words_text"] == "see you at lunch tomorrow"


@pytest.mark.parametrize("text", ["", "   ", "😀😀 🎉", "Привет мир как дела", "zzqx blorf wibblewob",
                                  "$x$ **bold** <#> &lt; [a](http://x.y) :red[z] £5 www.a.com", "free " * 20_000])
def test_bad_or_odd_text_is_answered_without_a_traceback(text):
    at = page()
    at.text_area(key="words_text").set_value(text).run()
    assert_clean(at)
    body = md(at) + " ".join(i.value for i in at.info)
    if not text.strip() or text.startswith("😀"):
        assert "Type a message above" in body
    if text.startswith("zzqx"):
        assert "Never seen in training" in body and "None of the words is known" in body
    if len(text) > 3000:
        assert "read the first 3,000" in body and len(link(at).get("words_text", "")) == 0
        assert any("at most 300 characters" in c.value for c in at.caption)


def test_alpha_zero_rules_a_class_out():
    at = page(words_alpha="0")
    assert "At **α = 0**" in md(at) and "whatever the other words say" in md(at)
    at.select_slider(key="words_alpha").set_value(1.0).run()
    assert "**add one**" in md(at) and "words_alpha" not in link(at)


def test_prior_slider_moves_both_models_and_says_so():
    at = page(words_text="call me later")
    at.select_slider(key="words_prior").set_value(0.99).run()
    assert_clean(at)
    assert "P(spam) = 99%" in md(at) and link(at)["words_prior"] == "0.99"


def test_bernoulli_radio_switches_the_model():
    at = page()
    at.radio(key="words_nb").set_value("bernoulli").run()
    assert "**Bernoulli naive Bayes**" in md(at) and link(at)["words_nb"] == "bernoulli"


def test_write_one_shows_a_bag_and_an_ordered_message_of_the_chosen_class():
    at = page()
    at.selectbox(key="words_class").set_value("ham").run()
    at.button(key="words_sample").click().run()
    assert_clean(at)
    text = md(at)
    assert "**Bag:**" in text and "**In order:**" in text
    assert any("no order" in c.value for c in at.caption)


def test_languages_corpus_writes_pseudo_french_and_names_the_language():
    at = page(words_corpus="languages")
    assert "**French**" in md(at)
    at.button(key="words_sample").click().run()
    assert_clean(at)
    assert "**In order:**" in md(at) and any("three before" in c.value for c in at.caption)
    at.radio(key="words_corpus").set_value("spam").run()
    assert_clean(at)
    assert at.text_area(key="words_text").value == WordsView().text


def test_a_bad_link_warns_and_keeps_defaults():
    at = page(words_alpha="banana", words_corpus="tweets", words_prior="2")
    warnings = [x.value for x in at.warning if x.value.startswith("Link:")]
    assert len(warnings) == 1 and warnings[0].startswith("Link: 3 problems")  # one box for a link's problems
    assert at.select_slider(key="words_alpha").value == 1.0


def test_present_link_keeps_present_and_folds_the_intro():
    at = page(present="1")
    assert link(at).get("present") == "1"
    assert INTRO not in md(at)


def test_alpha_zero_on_french_shows_no_answer_and_no_colours():
    at = page(words_corpus="languages", words_alpha="0")
    text = md(at)
    assert "every class has probability 0" in text and "divides 0 by 0" in text
    nb_reading = text.split("**Multinomial naive Bayes** reads it as")[1].split("**Logistic regression**")[0]
    assert "background[" not in nb_reading
