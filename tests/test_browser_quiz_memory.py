"""Real-browser test of the quiz that remembers: a missed answer survives a reload through the browser's own storage
(localStorage, written by the page's storage component), a new visit asks the missed question first, and "Forget
me" removes it all, across a reload too."""

import json
import re

from browser_utils import SKIP_WITHOUT_BROWSER, _idle, expect

from core.quiz import QUESTIONS
from ui.quiz.memory import STORAGE_KEY

pytestmark = SKIP_WITHOUT_BROWSER

STORED = f"() => localStorage.getItem({json.dumps(STORAGE_KEY)})"


def _answer_radio(page):
    radio = page.locator('[data-testid="stRadio"]').filter(has_text=re.compile("answer", re.I))
    expect(radio).to_have_count(1, timeout=60_000)
    return radio


def test_a_missed_answer_and_the_score_survive_a_reload_and_forget_me_clears_them(server, page):
    q = QUESTIONS[3]
    wrong = next(c for c in q.choices if c != q.answer)
    page.goto(f"{server}/quiz?q={q.id}")
    _idle(page)
    _answer_radio(page).get_by_text(wrong, exact=True).click()
    _idle(page)
    page.get_by_role("button", name=re.compile("^Check")).click()
    expect(page.get_by_text("Score this session: 0 / 1")).to_be_visible(timeout=30_000)
    page.wait_for_function(f"({STORED})() !== null", timeout=30_000)
    kept = json.loads(page.evaluate(STORED))
    assert kept["first"] == {q.id: wrong} and kept["records"][q.id][0] == 0  # missed: no right answer in a row

    page.reload()  # the link names the question: the bank's order, at that question
    expect(page.get_by_text("Score on this browser: 0 / 1")).to_be_visible(timeout=60_000)
    expect(page.get_by_text(re.compile(r"^Question 4 of \d+"))).to_be_visible()
    expect(page.get_by_text("Due today: 1.")).to_be_visible()
    expect(page.get_by_text("Review missed questions (1)")).to_be_visible()
    radio = _answer_radio(page)
    expect(page.get_by_role("heading", name=q.prompt)).to_be_visible()  # the missed question, asked afresh
    expect(radio.locator("input:checked")).to_have_count(0)

    visit = page.context.new_page()  # a new visit on the same browser (no q in its link): the review order
    visit.goto(f"{server}/quiz")  # the missed question first
    expect(visit.get_by_text("Score on this browser: 0 / 1")).to_be_visible(timeout=60_000)
    expect(visit.get_by_role("heading", name=q.prompt)).to_be_visible()
    expect(visit.get_by_text(re.compile(r"^Question 1 of \d+"))).to_be_visible()
    visit.close()

    page.get_by_role("button", name="Forget me").click()
    expect(page.get_by_text(f"{len(QUESTIONS)} questions.")).to_be_visible(timeout=30_000)
    page.wait_for_function(f"({STORED})() === null", timeout=30_000)
    page.reload()
    _idle(page)
    _answer_radio(page)
    expect(page.get_by_text("Review missed questions (0)")).to_be_visible(timeout=30_000)
    expect(page.get_by_text(f"{len(QUESTIONS)} questions.")).to_be_visible()
    expect(page.get_by_text(re.compile("Score (on this browser|this session)"))).to_have_count(0)
    assert page.evaluate(STORED) is None
