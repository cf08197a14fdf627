"""Real-browser tests of the pages other than the explorer and of links between pages: the powers page, the quiz,
the tour, the cheat sheet, the deep generative page and the learning curves (nothing clipped at a projector's, a wide
screen's and a phone's size). The server and Chromium are the session fixtures of conftest.py, shared with
test_browser.py (the explorer); both files run on one xdist worker (conftest.browser_scope).
"""

import pytest
from browser_utils import (
    CLIPPED_JS,
    SIZES,
    SKIP_WITHOUT_BROWSER,
    _assert_nothing_clipped,
    _explorer_ready,
    _idle,
    _shot,
    expect,
)

pytestmark = SKIP_WITHOUT_BROWSER

# Pixels between the lowest x-axis text (tick numbers, axis title) and the legend's top: negative when they overlap
LEGEND_GAP_JS = """async g => {
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));  // the resize's redraw is done
  const bottom = Math.max(...[...g.querySelectorAll('.xtick text, .g-xtitle text')]
    .map(t => t.getBoundingClientRect().bottom));
  return g.querySelector('.legend').getBoundingClientRect().top - bottom;
}"""


def test_the_powers_page_renders_every_section_and_its_controls_write_the_link(server, page):
    page.goto(f"{server}/generative_powers?k=4")
    _idle(page, timeout=120_000)
    expect(page.get_by_role("heading", name="7. Regression is discriminative too")).to_be_visible(timeout=120_000)
    charts = page.locator('[data-testid="stPlotlyChart"]')
    expect(charts).to_have_count(11, timeout=60_000)  # sections: 2 + 1 + 2 (EM, k curve) + 3 + 1 + 2
    _idle(page)
    _assert_nothing_clipped(page, "generative powers")
    for width, height in SIZES:  # issue 27: the EM chart's legend lay on its x-axis' numbers and title at 1280
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_function(f"window.innerWidth === {width}")
        gap = page.locator(".st-key-pw_em_chart .js-plotly-plot").evaluate(LEGEND_GAP_JS)
        assert gap >= 0, (width, gap)
    page.set_viewport_size({"width": 1600, "height": 1100})
    page.get_by_test_id("stRadioGroup").get_by_text("x₁", exact=True).click()  # the hidden feature
    page.wait_for_url("**hide=x1**", timeout=30_000)
    _idle(page, timeout=120_000)
    assert "k=4" in page.url
    assert page.locator('[data-testid="stException"]').count() == 0
    _shot(page, "generative_powers.png")


def test_a_quiz_answer_opens_its_view_in_the_explorer_and_the_score_stays(server, page):
    page.goto(f"{server}/quiz?q=qda_boundary")
    _idle(page)
    page.get_by_text("A quadratic curve (a conic)").click()
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_text("Score this session: 1 / 1")).to_be_visible(timeout=30_000)
    _assert_nothing_clipped(page, "quiz")
    page.get_by_role("link", name="Show me in the explorer").click()  # inside the session: no reload
    _explorer_ready(page)
    expect(page.get_by_role("combobox", name="Dataset")).to_have_value("Circles")
    assert "gen=qda" in page.url and "dataset=circles" in page.url
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Interview prep").click()
    expect(page.get_by_text("Score this session: 1 / 1")).to_be_visible(timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_a_bookmarked_tour_step_opens_its_page_in_the_prepared_state(server, page):
    page.goto(f"{server}/?step=8")
    _idle(page)
    expect(page.get_by_text("Step 8 of 11")).to_be_visible(timeout=30_000)
    _assert_nothing_clipped(page, "overview")
    page.get_by_role("button", name="Next →").click()
    expect(page.get_by_text("Step 9 of 11")).to_be_visible(timeout=30_000)
    page.wait_for_url("**step=9**", timeout=30_000)  # the link follows the caption a moment later
    page.get_by_role("button", name="← Back").click()
    expect(page.get_by_text("Step 8 of 11")).to_be_visible(timeout=30_000)
    page.wait_for_url("**step=8**", timeout=30_000)  # Back's run has written its link: no URL of it still on the way
    _idle(page)
    page.get_by_role("link", name="Open the learning curves").click()
    _idle(page, timeout=120_000)
    expect(page.get_by_role("combobox", name="Scenario")).to_have_value("(b) NB misspecified", timeout=60_000)
    page.wait_for_url("**lc_scenario=nb_misspecified**", timeout=60_000)  # the link carries keys, not labels
    assert "lc_nb_misspecified_copies=2" in page.url and "%28b%29" not in page.url
    assert page.locator('[data-testid="stException"]').count() == 0


# ---- projector and phone: what fits, and nothing clipped ----------------------------------------


@pytest.mark.parametrize("path", ["/cheatsheet", "/deep_generative"])
def test_nothing_is_clipped_at_projector_wide_and_phone_sizes(server, page, path):
    page.goto(server + path)
    _idle(page, timeout=120_000)
    expect(page.locator("h1").first).to_be_visible(timeout=60_000)
    _assert_nothing_clipped(page, path)
    assert page.locator('[data-testid="stException"]').count() == 0


# ---- "When each wins": the both-regimes view, its link, nothing clipped ---------------------------------

LC_FAST = "lc_n_max=50&lc_repeats=10"  # a view computed in a second or two


def _lc_ready(pg, timeout=120_000):
    """The learning-curves chart drawn (its legend is plotly's last layer) and the script idle."""
    pg.locator('[data-testid="stPlotlyChart"] .legend').first.wait_for(state="attached", timeout=timeout)
    _idle(pg, timeout)


def _lc_continue_until_done(pg, rounds=6):
    """On a busy machine a run stops after its clock; Continue computes the rest (cached repeats are free)."""
    for _ in range(rounds):
        button = pg.get_by_role("button", name="Continue")
        if button.count() == 0:
            return
        button.click()
        _idle(pg, 120_000)
        _lc_ready(pg)


def test_the_both_regimes_button_shows_scenario_b_with_its_crossover(server, page):
    page.goto(f"{server}/learning_curves?{LC_FAST}")
    _lc_ready(page)
    page.get_by_role("button", name="Both regimes").click()
    page.wait_for_url("**lc_scenario=nb_misspecified**", timeout=30_000)
    _lc_ready(page)
    _lc_continue_until_done(page)
    assert "lc_nb_misspecified_copies=2" in page.url and "%28b%29" not in page.url  # keys in the link, not labels
    expect(page.get_by_role("combobox", name="Scenario")).to_have_value("(b) NB misspecified")
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    expect(chart.locator(".legend")).to_contain_text("crossover n ≈")
    expect(page.get_by_text("Naive Bayes, shared variances is ahead below n ≈")).to_be_visible()
    assert page.locator('[data-testid="stException"]').count() == 0
    _shot(page, "learning_curves/both_regimes.png")


def test_a_learning_curves_link_with_bad_values_warns_and_an_older_one_still_opens(server, page):
    page.goto(f"{server}/learning_curves?lc_scenario=nb_wrong&lc_repeats=35&lc_n_max=50&lc_models=nb_shared,xgboost")
    _lc_ready(page)
    warnings = page.locator('[data-testid="stAlertContentWarning"]')
    expect(warnings.filter(has_text="Unknown scenario 'nb_wrong'")).to_have_count(1)
    expect(warnings.filter(has_text="Ignored lc_repeats='35'")).to_have_count(1)
    expect(warnings.filter(has_text="'xgboost'")).to_have_count(1)
    page.wait_for_url("**lc_models=nb_shared**", timeout=30_000)  # the link now holds what is shown
    assert "nb_wrong" not in page.url and "lc_repeats" not in page.url
    page.goto(f"{server}/learning_curves?lc_scenario=%28b%29+NB+misspecified&{LC_FAST}")  # as bind wrote it
    _lc_ready(page)
    expect(page.get_by_role("combobox", name="Scenario")).to_have_value("(b) NB misspecified")
    page.wait_for_url("**lc_scenario=nb_misspecified**", timeout=30_000)
    assert page.locator('[data-testid="stAlertContentWarning"]').count() == 0
    assert page.locator('[data-testid="stException"]').count() == 0


# Text cut off by its own box: headings, buttons, captions, paragraphs, alerts; and plotly text (legend, ticks,
# axis titles) running past its chart's SVG. Elements that overflow visibly are not cut, so they are skipped.
LC_CLIPPED = """() => {
  const shown = e => e.getClientRects().length > 0 && e.getBoundingClientRect().width > 0;
  const html = [...document.querySelectorAll('h1, h2, h3, h4, button, button *, [data-testid="stCaptionContainer"], '
      + '[data-testid="stMarkdownContainer"] p, [data-testid="stAlertContainer"] p, [data-testid="stWidgetLabel"] p')]
    .filter(e => shown(e) && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
    .map(e => e.textContent.trim().slice(0, 50));
  const svg = [...document.querySelectorAll('[data-testid="stPlotlyChart"] svg.main-svg text')].filter(t => {
    const s = t.closest('svg.main-svg').getBoundingClientRect(), r = t.getBoundingClientRect();
    return r.width > 0 && (r.right > s.right + 1 || r.left < s.left - 1 || r.bottom > s.bottom + 1); })
    .map(t => t.textContent.trim().slice(0, 50));
  const main = document.querySelector('[data-testid="stMain"]').getBoundingClientRect();
  const wide = [...document.querySelectorAll('[data-testid="stPlotlyChart"], [data-testid="stButton"]')]
    .filter(e => e.getBoundingClientRect().right > main.right + 1).map(e => e.textContent.trim().slice(0, 50));
  return [...new Set([...html, ...svg, ...wide])];
}"""


def test_nothing_on_the_learning_curves_page_is_clipped(server, page):
    # the both-regimes view (the longest heading), a link warning, the clock's note and Continue when busy
    page.goto(f"{server}/learning_curves?lc_scenario=nb_misspecified&lc_nb_misspecified_copies=2&lc_seed=x")
    _lc_ready(page)
    expect(page.get_by_text("Link: Ignored lc_seed='x'")).to_be_visible()
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_function(f"window.innerWidth === {width}")
        page.locator('[data-testid="stExpander"]').last.scroll_into_view_if_needed()
        assert page.evaluate(LC_CLIPPED) == [], width
        assert page.evaluate(CLIPPED_JS) == [], width
        _shot(page, f"learning_curves/page_{width}x{height}.png")
    # the check can fail: a heading squeezed into 60 px is reported
    page.evaluate("""() => { const h = document.createElement('h3'); h.id = 'squeezed';
        h.style = 'width:60px; overflow:hidden; white-space:nowrap'; h.textContent = 'A heading cut off';
        document.querySelector('[data-testid="stMain"]').appendChild(h); }""")
    assert page.evaluate(LC_CLIPPED) == ["A heading cut off"]


def test_on_a_phone_the_gan_and_vae_settings_and_train_are_on_the_first_screen_a_tap_away(server, page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server}/deep_generative?steps=100&hidden=8&n=100")
    _idle(page, timeout=120_000)
    settings = page.locator('[data-testid="stExpander"] summary').filter(has_text="Data, model and training")
    box = settings.bounding_box()
    assert box["y"] + box["height"] <= 844, box  # no scroll, no sidebar button: issue 27
    settings.click()
    train = page.get_by_role("button", name="Train")
    train.scroll_into_view_if_needed()
    expect(train).to_be_visible()
    _assert_nothing_clipped(page, "deep generative, settings open")
    _shot(page, "deep_generative_phone_settings.png")
