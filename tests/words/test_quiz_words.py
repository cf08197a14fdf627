"""The words page's quiz questions (core/quiz_bank_words.py): fair, and each view shows its answer."""

import numpy as np
import pytest
from apptest_utils import assert_clean, open_page

from core.glossary import GLOSSARY
from core.quiz import shown_choices
from core.quiz_bank_words import CHEATSHEET_ROWS, QUESTIONS
from ui.words.state import WordsView

IDS = [q.id for q in QUESTIONS]


def test_at_least_five_questions_that_open_the_words_page():
    assert len(QUESTIONS) >= 5 and len(set(IDS)) == len(IDS)
    for q in QUESTIONS:
        assert q.page == "pages/words.py" and q.answer in q.choices and len(set(q.choices)) == len(q.choices)


def test_answers_are_not_guessable_by_position_or_length():
    positions = [shown_choices(q, None).index(q.answer) for q in QUESTIONS]  # as the quiz shows them by default
    assert max(np.bincount(positions)) <= len(QUESTIONS) // 2
    longest = sum(len(q.answer) == max(map(len, q.choices)) for q in QUESTIONS)
    assert longest <= len(QUESTIONS) // 3
    for q in QUESTIONS:  # distractors as specific as the answer
        assert min(map(len, q.choices)) >= 0.75 * len(q.answer)


@pytest.mark.parametrize("q", QUESTIONS, ids=IDS)
def test_every_view_is_a_clean_link_to_the_words_page(q):
    view, problems = WordsView.from_query(q.view)
    assert problems == []
    at = open_page("pages/words.py", q.view, timeout=120)
    assert_clean(at)
    text = "\n".join(m.value for m in at.markdown)
    if q.id == "words_laplace_zero":
        assert "whatever the other words say" in text
    if q.id == "words_bernoulli_vs_multinomial":
        assert any("every word absent" in str(df.value) for df in at.dataframe)


def test_double_counting_explanation_entry_weighs_much_less_in_logistic_regression():
    from ui.words.cache import phrase_stats
    p = phrase_stats.__wrapped__("multinomial", 1.0)
    assert p["lr_b"] < p["lr_a"] and p["nb_b"] > p["nb_a"] and p["lr_b"] < p["nb_b"] / 4


def test_glossary_and_cheatsheet_entries_are_complete():
    assert {"multinomial naive Bayes", "Bernoulli naive Bayes", "Laplace smoothing", "bag of words",
            "character n-gram"} <= set(GLOSSARY)
    assert {r["family"] for r in CHEATSHEET_ROWS} == {"generative", "probabilistic discriminative"}
