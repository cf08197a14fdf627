"""The quiz made for the moment: "show me" names the part of the page that shows the answer (``focus``, which
the explorer's view keeps in its link and lands on), a bad focus is one link warning, and the bank's formulas
render as KaTeX in the feedback, the review and the model answers (never as raw Σ_y' or P_new)."""

from __future__ import annotations

import pytest
from apptest_utils import assert_clean, open_page

from core.quiz import MODEL_ANSWERS, QUESTION_BY_ID, QUESTIONS
from core.quiz_bank import EXPLORER
from ui.explorer.controls import explorer_link
from ui.explorer.state import ExplorerView
from ui.focus import TARGETS, parse_focus
from ui.quiz.words import MATH, RAW, outside_math, with_math

ON_EXPLORER = [q for q in QUESTIONS if q.view is not None and q.page == EXPLORER]
BANK_TEXT = [q.explanation for q in QUESTIONS] + list(MODEL_ANSWERS.values())


@pytest.mark.parametrize("q", ON_EXPLORER, ids=lambda q: q.id)
def test_every_explorer_show_me_names_a_part_of_the_page_and_the_view_keeps_it(q):
    assert q.view.get("focus") in TARGETS["explorer"]
    view, problems = ExplorerView.from_query(explorer_link(q.view))
    assert problems == [] and view.focus == q.view["focus"]
    assert view.to_query()["focus"] == q.view["focus"] and ExplorerView.from_query(view.to_query())[0] == view


def test_the_probe_questions_land_on_the_probe_and_the_prior_ones_on_the_prior():
    assert QUESTION_BY_ID["bayes_rule_at_a_point"].view == {"probe": "0.5,0.5", "focus": "probe"}
    assert QUESTION_BY_ID["outlier"].view["focus"] == "probe"
    assert QUESTION_BY_ID["prior_shift"].view["focus"] == "prior"
    assert QUESTION_BY_ID["prior_estimate_em"].view["focus"] == "estimate"


def test_an_unknown_focus_is_one_problem_and_the_rest_of_the_link_applies():
    assert parse_focus({"focus": "probe"}, "explorer") == ({"focus": "probe"}, [])
    values, problems = parse_focus({"focus": "<b>nowhere</b>"}, "explorer")
    assert values == {} and len(problems) == 1 and "nowhere" in problems[0]
    view, problems = ExplorerView.from_query({"focus": "nowhere", "probe": "0.5,0.5"})
    assert view.focus is None and view.probe == (0.5, 0.5) and len(problems) == 1


def test_the_explorer_opened_with_a_focus_lands_there_once_and_keeps_it_in_the_link():
    at = open_page("pages/explorer.py", {"probe": "0.5,0.5", "focus": "probe"})
    assert_clean(at)
    scripts = [h for h in at.get("html") if "scrollIntoView" in h.proto.body]
    assert len(scripts) == 1 and '"#probe"' in scripts[0].proto.body
    assert at.query_params["focus"] in ("probe", ["probe"])
    assert any(h.proto.anchor == "probe" for h in at.subheader)  # the part it names is on the page
    at.run()  # a rerun does not scroll again
    assert not [h for h in at.get("html") if "scrollIntoView" in h.proto.body]


def test_a_bad_focus_gets_the_single_link_warning():
    at = open_page("pages/explorer.py", {"focus": "nowhere"})
    assert_clean(at)
    warnings = [w.value for w in at.warning if w.value.startswith("Link:")]
    assert len(warnings) == 1 and "focus" in warnings[0]


# ---- formulas ----------------------------------------------------------------------------------------

def test_the_bank_has_no_dollar_sign_so_only_its_own_formulas_become_math():
    assert not any("$" in text for text in BANK_TEXT)


@pytest.mark.parametrize("text", BANK_TEXT, ids=range(len(BANK_TEXT)))
def test_no_raw_subscript_or_superscript_is_left_outside_math(text):
    shown = with_math(text)
    assert not RAW.search(outside_math(shown)), outside_math(shown)
    assert shown.count("$") % 2 == 0


def test_every_formula_in_the_table_is_used():
    assert all(any(raw in text for text in BANK_TEXT) for raw in MATH)


def _answer(at, qid, choice):
    at.radio(key=f"quiz_pick.{qid}").set_value(choice).run()
    at.button(key="quiz_check").click().run()


def test_the_feedback_and_the_review_render_the_formulas_as_math():
    q = QUESTION_BY_ID["which_from_which"]
    at = open_page("pages/quiz.py", {"q": q.id})
    _answer(at, q.id, next(c for c in q.choices if c != q.answer))
    assert at.error and at.error[0].value.startswith("Not quite.")
    rendered = [m.value for m in at.markdown if r"\sum_{y'}" in m.value]
    assert len(rendered) == 2  # the feedback and the review
    assert not any("Σ_y'" in m.value for m in at.markdown)
    assert_clean(at)


# ---- the other pages a "show me" opens ----------------------------------------------------------------

PAGE_OF = {"pages/generative_powers.py": ("powers", "ui.generative_powers.state", "PowersView"),
           "pages/words.py": ("words", "ui.words.state", "WordsView")}
ON_OTHERS = [q for q in QUESTIONS if q.view is not None and q.page in PAGE_OF]


def _view_cls(page):
    import importlib

    name, module, cls = PAGE_OF[page]
    return name, getattr(importlib.import_module(module), cls)


@pytest.mark.parametrize("q", ON_OTHERS, ids=lambda q: q.id)
def test_every_powers_and_words_show_me_names_a_part_and_the_view_round_trips_it(q):
    name, cls = _view_cls(q.page)
    assert q.view.get("focus") in TARGETS[name]
    view, problems = cls.from_query(q.view)
    assert problems == [] and view.focus == q.view["focus"] and view.to_query()["focus"] == q.view["focus"]


@pytest.mark.parametrize("page", list(PAGE_OF))
def test_a_bad_focus_on_the_powers_or_words_page_is_one_link_warning(page):
    at = open_page(page, {"focus": "nowhere"})
    assert_clean(at)
    warnings = [w.value for w in at.warning if w.value.startswith("Link:")]
    assert len(warnings) == 1 and "focus" in warnings[0]


@pytest.mark.parametrize("q", [next(q for q in ON_OTHERS if q.page == p) for p in PAGE_OF], ids=lambda q: q.id)
def test_the_powers_and_words_pages_land_on_the_focus_and_keep_it_in_the_link(q):
    at = open_page(q.page, q.view)
    assert_clean(at)
    name, _ = _view_cls(q.page)
    scripts = [h for h in at.get("html") if "scrollIntoView" in h.proto.body]
    assert len(scripts) == 1 and TARGETS[name][q.view["focus"]] in scripts[0].proto.body
    assert at.query_params["focus"] in (q.view["focus"], [q.view["focus"]])


def test_the_verdict_column_says_where_the_verdict_appears_until_check():
    q = QUESTIONS[0]
    at = open_page("pages/quiz.py")
    hint = "the verdict and why appear here"
    assert any(hint in c.value for c in at.caption) and not at.success and not at.error
    _answer(at, q.id, q.answer)
    assert at.success and not any(hint in c.value for c in at.caption)
