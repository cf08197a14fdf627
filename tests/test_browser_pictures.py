"""Real-browser tests of the digits page: a click on the drawing grid inks the pixel clicked and both families
answer; the Sample button redraws the grid; nothing is clipped at the three screen sizes. The server and Chromium
are conftest.py's session fixtures (this file runs with the other browser tests: conftest.browser_scope)."""

from browser_utils import SKIP_WITHOUT_BROWSER, _assert_nothing_clipped, _idle, _shot, expect, open_copy_python

pytestmark = SKIP_WITHOUT_BROWSER
GRID_IMAGE = '[data-testid="stPlotlyChart"] .hm image'


def test_clicks_paint_the_drawing_grid_and_both_families_answer(server, page):
    page.goto(f"{server}/pictures?pic_part=draw")
    _idle(page, timeout=120_000)
    expect(page.get_by_text("Click the grid to paint")).to_be_visible(timeout=60_000)
    area = page.locator('[data-testid="stPlotlyChart"] .nsewdrag').first.bounding_box()
    before = page.locator(GRID_IMAGE).first.get_attribute("href")
    page.mouse.click(area["x"] + 3.5 * area["width"] / 8, area["y"] + 2.5 * area["height"] / 8)
    expect(page.get_by_text("How digit-like, by p(x)")).to_be_visible(timeout=30_000)
    _idle(page)
    assert page.locator(GRID_IMAGE).first.get_attribute("href") != before  # the heatmap was redrawn with ink
    assert page.url.endswith("pic_part=draw")
    _assert_nothing_clipped(page, "digits, draw")
    _shot(page, "pictures_draw.png")


def test_sample_redraws_the_grid_and_nothing_is_clipped(server, page):
    page.goto(f"{server}/pictures")
    _idle(page, timeout=120_000)
    image = page.locator(GRID_IMAGE).first
    expect(image).to_be_visible(timeout=60_000)
    before = image.get_attribute("href")
    page.get_by_role("button", name="Sample new digits").click()
    page.wait_for_function("([sel, old]) => document.querySelector(sel)?.getAttribute('href') !== old",
                           arg=[GRID_IMAGE, before], timeout=30_000)
    _idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    _assert_nothing_clipped(page, "digits, sample")
    _shot(page, "pictures_sample.png")


def test_copy_as_python_opens_under_the_part_picker_and_nothing_is_clipped(server, page):
    """Issue 30: the box opens from the first controls with the open part's script and its download; at all three
    sizes nothing in it (or under it) is clipped."""
    page.goto(f"{server}/pictures?pic_part=hide&pic_hidden=2")
    _idle(page, timeout=120_000)
    open_copy_python(page, "HIDDEN = 2", "digits_view.py")
