"""Real-browser tests of the quiz made for the moment: at a projector's 1280x720, after a choice and Check the
verdict and the start of its explanation are on the first screen; "show me" lands on, and marks, the part of the
explorer that shows the answer (the Bayes'-rule question on the probe's numbers)."""

import re

import pytest
from browser_utils import SKIP_WITHOUT_BROWSER, _explorer_ready, _idle, expect

from core.quiz import QUESTION_BY_ID

pytestmark = SKIP_WITHOUT_BROWSER

ON_SCREEN = """el => { const r = el.getBoundingClientRect(); return [r.top, r.bottom, innerHeight]; }"""


def _settled(page):
    _idle(page)
    page.wait_for_timeout(300)  # a rerun can start just after the click; wait for its end as well
    _idle(page)


@pytest.mark.parametrize("qid", ["joint_vs_conditional", "nb_vs_logreg"])  # short choices; the longest ones
def test_after_check_the_verdict_and_the_explanation_start_on_the_first_screen(server, page, qid):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{server}/quiz?q={qid}")
    _settled(page)
    answer = page.locator('[data-testid="stRadio"]').filter(has_text=re.compile("answer", re.I))
    expect(answer).to_have_count(1, timeout=60_000)
    answer.locator("[role=radiogroup] label").first.click()  # the first choice, not the radio's own label
    expect(answer.locator("input").first).to_be_checked()
    _settled(page)
    page.get_by_role("button", name=re.compile("^Check")).click()
    verdict = page.locator('[data-testid="stAlert"]').filter(has_text=re.compile("Right|Not quite"))
    expect(verdict).to_have_count(1, timeout=30_000)
    top, bottom, height = verdict.evaluate(ON_SCREEN)
    assert 0 <= top and bottom <= height, (top, bottom)
    words = QUESTION_BY_ID[qid].explanation.split()[:4]
    start = page.get_by_text(" ".join(words)).first
    top, bottom, height = start.evaluate(ON_SCREEN)
    assert 0 <= top < height, (top, height)  # the explanation starts on the first screen


def test_show_me_lands_on_the_probe_s_numbers_and_marks_them(server, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    q = QUESTION_BY_ID["bayes_rule_at_a_point"]
    page.goto(f"{server}/quiz?q={q.id}")
    _settled(page)
    page.get_by_text(q.answer, exact=True).click()
    _settled(page)
    page.get_by_role("button", name=re.compile("^Check")).click()
    page.get_by_role("link", name="Show me in the explorer").click()
    _explorer_ready(page)
    marked = page.locator("[data-focused]")
    expect(marked).to_have_count(1, timeout=30_000)
    assert "Bayes' rule with live numbers" in marked.inner_text()
    page.wait_for_timeout(2500)  # the charts above finish drawing; the part is kept in view
    numbers = page.locator(".katex", has_text="p(x").first  # p(x*) = …, the worked numbers
    top, bottom, height = numbers.evaluate(ON_SCREEN)
    assert 0 <= top and bottom <= height, (top, bottom)
    assert "focus=probe" in page.url and "probe=0.5" in page.url
