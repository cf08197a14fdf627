"""Real-browser tests: Playwright driving Debian's Chromium against `streamlit run app.py`.

Skipped, with the reason, where Chromium or Playwright is missing; under CI (CI=true) a missing
browser is a failure, because .ci/run installs it. Screenshots go to artifacts/. The server and
the browser are session fixtures (conftest.py); the helpers are in browser_utils.py.
"""

import io

import numpy as np
import pytest
from browser_utils import (  # noqa: F401 (bench/ imports some of these names from here)
    CHROMIUM,
    CLIPPED_JS,
    FLAGS,
    IDLE,
    SIZES,
    SKIP_WITHOUT_BROWSER,
    WIDENED_JS,
    _assert_nothing_clipped,
    _chart,
    _explorer_ready,
    _free_port,
    _idle,
    _shot,
    _wait_healthy,
    expect,
)
from PIL import Image

pytestmark = SKIP_WITHOUT_BROWSER


def test_cold_deep_link_opens_the_explorer_under_the_app_navigation(server, page):
    page.goto(f"{server}/explorer?dataset=moons&gen=qda")
    _explorer_ready(page)
    expect(page.locator("h1").first).to_contain_text("Explorer")
    nav = page.locator('[data-testid="stSidebarNav"]')
    expect(nav).to_contain_text("Two lenses")  # app.py's st.navigation, not the pages/ file list
    expect(nav).not_to_contain_text("overview")
    expect(page.get_by_role("combobox", name="Dataset")).to_have_value("Moons")
    assert "gen=qda" in page.url
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.evaluate(WIDENED_JS) == []  # the room reserved for colour bars and legends fits: one draw each
    _assert_nothing_clipped(page, "explorer")


def test_every_chart_type_renders_with_the_bundled_plotly_js(server, page):
    page.goto(f"{server}/explorer?dataset=three_gaussians&gen=qda")
    _explorer_ready(page)
    # contours (lines and heatmap-coloured), heatmaps and scatter all drew something
    expect(_chart(page, 0).locator(".contourlayer path").first).to_be_attached()
    expect(_chart(page, 1).locator(".contourlayer path").first).to_be_attached()
    expect(_chart(page, 4).locator(".heatmaplayer image").first).to_be_attached()
    for i in range(5):
        assert _chart(page, i).locator(".scatterlayer .point").count() > 100
    assert page.evaluate(WIDENED_JS) == []  # the room reserved for colour bars and legends fits: one draw each
    _shot(page, "explorer_three_classes.png")


def _probe_in_url(pg) -> tuple:
    x, y = pg.url.replace("%2C", ",").split("probe=")[1].split("&")[0].split(",")
    return float(x), float(y)


def test_clicking_a_training_point_or_empty_space_on_either_map_probes_that_spot(server, page):
    page.goto(f"{server}/explorer")
    _explorer_ready(page)
    # a training point: after the click targets (and, on a two-class map, the colour bar's empty trace before them)
    point = _chart(page, 1).locator(".scatterlayer .trace").nth(2).locator(".point").nth(10)
    box = point.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**probe=**", timeout=20_000)
    _idle(page)
    x1 = float(page.get_by_label("x₁ of the probe").input_value())
    assert _probe_in_url(page)[0] == pytest.approx(x1)  # the clicked point is the probe, and in the link
    expect(page.get_by_text(f"x* = ({x1:.3f},")).to_be_visible()  # Bayes' rule is now spelled out there
    for chart, (fx, fy) in ((1, (0.05, 0.05)), (3, (0.95, 0.95))):
        drag = _chart(page, chart).locator(".nsewdrag").first
        drag.scroll_into_view_if_needed()
        area = drag.bounding_box()
        before = page.url
        page.mouse.click(area["x"] + fx * area["width"], area["y"] + fy * area["height"])
        page.wait_for_url(lambda url, before=before: "probe=" in url and url != before, timeout=20_000)
        _idle(page)
        x, y = _probe_in_url(page)
        # far from the data, in the clicked corner: top-left on the first map, bottom-right on the second
        assert (x < -3 and y > 2) if chart == 1 else (x > 3 and y < -2), (chart, x, y)
        expect(page.get_by_text(f"x* = ({x:.3f}, {y:.3f})")).to_be_visible()
    star = _chart(page, 1).locator(".scatterlayer .trace").last.locator(".point")
    expect(star).to_have_count(1)  # one probe star, on the generative map too
    assert page.locator('[data-testid="stException"]').count() == 0
    _shot(page, "explorer_probe_click.png")


def test_a_demo_scene_reset_and_sample_redraw_the_page_and_the_link(server, page):
    page.goto(f"{server}/explorer")
    _explorer_ready(page)
    density = _chart(page, 0).locator(".contourlayer path").first
    density.wait_for(state="attached")
    before = density.get_attribute("d")
    page.get_by_role("combobox", name="🎬 Demo scene").click()
    page.get_by_role("option", name="A crescent needs a mixture").click()
    page.wait_for_url("**dataset=moons**", timeout=20_000)
    _explorer_ready(page)
    assert "gen=gmm" in page.url and "disc=svm" in page.url
    expect(page.get_by_text("Four Gaussians per class bend around each moon")).to_be_visible()
    expect(page.get_by_role("combobox", name="Dataset")).to_have_value("Moons")
    expect(density).not_to_have_attribute("d", before, timeout=20_000)
    _shot(page, "explorer_scene_moons.png")
    page.get_by_role("button", name="Reset to defaults").click()
    expect(page.get_by_role("combobox", name="Dataset")).to_have_value("Two Gaussian blobs", timeout=20_000)
    _explorer_ready(page)
    assert "?" not in page.url.rstrip("?")  # the default view's link is the bare address
    points = _chart(page, 0).locator(".scatterlayer .point")
    points.first.wait_for()
    before = points.count()
    page.get_by_role("button", name="Sample").click()
    # the fragment reran and redrew: 200 sampled markers (default N) join the training points
    expect(points).to_have_count(before + 200, timeout=20_000)
    _idle(page)
    expect(page.get_by_text("Sample #1")).to_be_visible()
    assert page.locator('[data-testid="stException"]').count() == 0
    _shot(page, "explorer_sampled.png")


def test_the_prior_slider_moves_the_boundary_and_the_link_then_a_new_prior_for_both_families(server, page):
    # the shift table appears and goes inside the P(y) fragment: a fragment may only write where the last full run
    # did, which AppTest does not check (it always reruns the whole page)
    page.goto(f"{server}/explorer?share=0.2")  # B is 20% of the training data
    _explorer_ready(page)
    boundary = _chart(page, 1).locator(".contourlayer .contourlevel path").first
    disc_map = _chart(page, 3).locator(".contourlayer .contourlevel path").first
    disc_map.wait_for(state="attached")
    before, gen_before = disc_map.get_attribute("d"), boundary.get_attribute("d")
    page.get_by_text("Set P(y) by hand").click()
    expect(page.get_by_role("heading", name="A new P(y) for both families")).to_be_visible(timeout=20_000)
    _idle(page)
    slider = page.locator('[data-testid="stSlider"]').filter(has_text="used by Bayes").locator('input[type="range"]')
    slider.focus()
    updates = page.evaluate("window.__priorDrag.updates.length")
    page.keyboard.press("ArrowRight")
    # the page draws the step itself at once (ui/prior_drag.py), then the fragment's rerun redraws the maps
    page.wait_for_function("n => window.__priorDrag.updates.length > n", arg=updates)
    assert page.evaluate("window.__priorDrag.drawn") == pytest.approx(0.21)
    for _ in range(9):
        page.keyboard.press("ArrowRight")
    page.wait_for_url("**prior=0.3**", timeout=20_000)  # 0.20 plus 10 steps of 0.01
    _idle(page)
    expect(boundary).not_to_have_attribute("d", gen_before, timeout=20_000)
    expect(_chart(page, 1).locator(".prior-drag")).to_have_count(0)  # plotly.js drew the map: the page's drawing went
    assert disc_map.get_attribute("d") == before  # the discriminative map is not reweighted until asked
    # the share box shows the same link, and its Copy button puts it on the clipboard
    page.get_by_text("Share this view").click()
    box = page.locator(".st-key-share_link")
    expect(box.locator("code")).to_contain_text("prior=0.3")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    box.get_by_role("button", name="Copy").click()
    expect(box.get_by_role("button")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == box.locator("code").text_content()
    page.get_by_text("Apply it to the discriminative model too").click()
    page.wait_for_url("**prior_disc=1**", timeout=20_000)
    _idle(page)
    expect(page.get_by_text("P(y | x), learned + reweighted")).to_be_visible(timeout=20_000)
    expect(disc_map).not_to_have_attribute("d", before, timeout=20_000)  # the boundary moved
    expect(page.get_by_text("new, by reweighting")).to_be_visible()
    _shot(page, "explorer_prior_both_families.png")
    page.get_by_text("Set P(y) by hand").click()
    expect(page.get_by_role("heading", name="A new P(y) for both families")).to_have_count(0, timeout=20_000)
    _idle(page)
    assert "prior" not in page.url
    assert page.locator('[data-testid="stException"]').count() == 0


def test_a_scene_lesson_that_names_a_prior_goes_when_the_slider_moves(server, page):
    # moving the slider reruns only the P(y) fragment: the lesson must be drawn by it to go away at once
    page.goto(f"{server}/explorer?share=0.2&prior=0.5")
    _explorer_ready(page)
    lesson = page.get_by_text("A rare class and a new P(y), no refit")
    expect(lesson).to_be_visible()
    slider = page.locator('[data-testid="stSlider"]').filter(has_text="used by Bayes").locator('input[type="range"]')
    slider.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_url("**prior=0.51**", timeout=20_000)
    expect(lesson).to_have_count(0, timeout=20_000)
    page.keyboard.press("ArrowLeft")
    page.wait_for_url("**prior=0.5", timeout=20_000)
    expect(lesson).to_be_visible(timeout=20_000)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_the_powers_page_renders_every_section_and_its_controls_write_the_link(server, page):
    page.goto(f"{server}/generative_powers?k=4")
    _idle(page, timeout=120_000)
    expect(page.get_by_role("heading", name="7. Regression is discriminative too")).to_be_visible(timeout=120_000)
    charts = page.locator('[data-testid="stPlotlyChart"]')
    expect(charts).to_have_count(11, timeout=60_000)  # sections: 2 + 1 + 2 (EM, k curve) + 3 + 1 + 2
    _idle(page)
    _assert_nothing_clipped(page, "generative powers")
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
    expect(page.get_by_text("Step 8 of 10")).to_be_visible(timeout=30_000)
    _assert_nothing_clipped(page, "overview")
    page.get_by_role("button", name="Next →").click()
    expect(page.get_by_text("Step 9 of 10")).to_be_visible(timeout=30_000)
    page.wait_for_url("**step=9**", timeout=30_000)  # the link follows the caption a moment later
    page.get_by_role("button", name="← Back").click()
    expect(page.get_by_text("Step 8 of 10")).to_be_visible(timeout=30_000)
    page.get_by_role("link", name="Open the learning curves").click()
    _idle(page, timeout=120_000)
    expect(page.get_by_role("combobox", name="Scenario")).to_have_value("(b) NB misspecified", timeout=60_000)
    page.wait_for_url("**lc_scenario=nb_misspecified**", timeout=60_000)  # the link carries keys, not labels
    assert "lc_nb_misspecified_copies=2" in page.url and "%28b%29" not in page.url
    assert page.locator('[data-testid="stException"]').count() == 0


# ---- projector and phone: what fits, and nothing clipped ----------------------------------------

def test_a_present_link_fits_the_lecture_on_a_1280x720_first_screen(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    try:
        page.goto(f"{server}/explorer?present=1")
        _explorer_ready(page)
        assert page.locator(".st-key-present input").is_checked()  # in the folded sidebar
        assert page.locator('[data-testid="stSidebar"]').bounding_box()["x"] < -100  # folded by the link
        for key in ("density_chart", "gen_posterior_chart", "disc_posterior_chart"):
            box = page.locator(f".st-key-{key}").bounding_box()
            assert box["width"] >= 380 and box["x"] >= 0 and box["x"] + box["width"] <= 1280, (key, box)
            assert box["y"] >= 0 and box["y"] + box["height"] <= 720, (key, box)
        for name in ("Sample", "Next scene ▶"):
            box = page.get_by_role("button", name=name).bounding_box()
            assert box["y"] + box["height"] <= 720
        slider = page.locator(".st-key-prior").bounding_box()
        assert slider["y"] + slider["height"] <= 720
        sizes = page.locator(".st-key-gen_posterior_chart .xtick text").evaluate_all(
            "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
        assert sizes and min(sizes) >= 18
        assert page.evaluate(WIDENED_JS) == []  # the projector's room fits too
        assert page.evaluate(CLIPPED_JS) == []
        assert page.locator('[data-testid="stException"]').count() == 0
        _shot(page, "present_1280x720.png")
    finally:
        context.close()


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


def test_dragging_p_y_on_the_map_moves_the_boundary_before_release_then_the_page_follows(server, page):
    # while the thumb is held the page draws the map itself (ui/prior_drag.py), with no round trip; what it draws
    # is what plotly.js draws from the server's figure once the drag is released
    page.goto(f"{server}/explorer")
    _explorer_ready(page)
    chart = page.locator(".st-key-gen_posterior_chart")
    rail = chart.locator(".slider-rail-rect").first
    rail.scroll_into_view_if_needed()
    plotly_boundary = chart.locator(".contourlayer .contourlevel path").first
    before = plotly_boundary.get_attribute("d")
    page.wait_for_function("!!(window.__priorDrag && window.__priorDrag.redrawAt)")
    grip = chart.locator(".slider-grip-rect").first.bounding_box()
    width = rail.bounding_box()["width"]
    x, y = grip["x"] + grip["width"] / 2, grip["y"] + grip["height"] / 2
    updates = page.evaluate("window.__priorDrag.updates.length")
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 0.3 * width, y, steps=8)
    page.wait_for_function("n => window.__priorDrag.updates.length > n", arg=updates)
    drawn = chart.locator(".contourlayer path.prior-drag")
    expect(drawn).to_have_count(1)
    assert drawn.get_attribute("d") not in ("", before)  # moved in the browser, while the thumb is held ...
    expect(plotly_boundary).to_be_hidden()  # ... over plotly's own drawing, hidden meanwhile ...
    assert "prior=" not in page.url  # ... with no server round trip yet
    page.wait_for_function("n => window.__priorDrag.updates.length >= n + 8", arg=updates)  # every step drawn
    area = chart.locator(".nsewdrag").first.bounding_box()
    during = np.asarray(Image.open(io.BytesIO(page.screenshot(clip=area))).convert("RGB"), dtype=int)
    page.mouse.up()
    page.wait_for_url("**prior=0.**", timeout=30_000)  # released: the page learns the value
    _idle(page)
    expect(chart.locator(".prior-drag")).to_have_count(0)  # plotly.js drew the map again: the overlays went
    expect(plotly_boundary).to_be_visible()
    assert plotly_boundary.get_attribute("d") != before
    after = np.asarray(Image.open(io.BytesIO(page.screenshot(clip=area))).convert("RGB"), dtype=int)
    differ = (np.abs(during - after).max(axis=2) > 40).mean()
    assert differ < 0.005, differ  # the picture drawn during the drag is the server's for that prior
    value = page.url.split("prior=")[1].split("&")[0]
    assert float(value) < 0.4
    expect(page.locator(".st-key-prior")).to_contain_text(f"{float(value):.2f}")
    assert page.locator('[data-testid="stException"]').count() == 0
