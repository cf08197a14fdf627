"""Real-browser tests of "Every model": nothing clipped at the three sizes; in presenter mode at 1280x720 all twelve
tiles are on the first screen with their text at 18 px or more; the p(x | y) switch writes the link and draws."""

import re

from browser_utils import (
    CLIPPED_JS,
    SKIP_WITHOUT_BROWSER,
    WIDENED_JS,
    _assert_nothing_clipped,
    _idle,
    _shot,
    expect,
    projector_page,
)

from core.models import MODELS, models_of

pytestmark = SKIP_WITHOUT_BROWSER
TILES = '[data-testid="stPlotlyChart"] .js-plotly-plot'
TEXT_SIZES_JS = """els => els.filter(e => e.getBoundingClientRect().width > 0)
                      .map(e => parseFloat(getComputedStyle(e).fontSize))"""


def _ready(pg):
    expect(pg.locator(TILES)).to_have_count(len(MODELS), timeout=120_000)
    _idle(pg, 120_000)


def test_nothing_on_the_gallery_is_clipped(server, page):
    page.goto(server + "/gallery?contours=1")
    _ready(page)
    _assert_nothing_clipped(page, "/gallery")
    assert page.evaluate(WIDENED_JS) == []
    assert page.locator('[data-testid="stException"]').count() == 0


def test_presenter_mode_puts_every_tile_on_a_1280x720_first_screen_in_large_text(server, browser):
    with projector_page(browser) as page:
        page.goto(f"{server}/gallery?present=1&dataset=three_gaussians&contours=1")
        _ready(page)
        assert page.locator('[data-testid="stSidebar"]').bounding_box()["x"] < -100  # folded by the link
        for name in MODELS:
            box = page.locator(f".st-key-gl_tile_{name}").bounding_box()
            assert box["width"] >= 180 and box["x"] >= 0 and box["x"] + box["width"] <= 1280, (name, box)
            assert box["y"] >= 0 and box["y"] + box["height"] <= 720, (name, box)
        rows = [{round(page.locator(f".st-key-gl_tile_{n}").bounding_box()["y"]) for n in models_of(family)}
                for family in ("generative", "discriminative")]
        assert all(len(r) == 1 for r in rows) and rows[0] != rows[1]  # one row a family, generative on top
        sizes = page.locator(f"{TILES} svg text").evaluate_all(TEXT_SIZES_JS)
        assert len(sizes) >= 2 * len(MODELS) and min(sizes) >= 18
        assert page.evaluate(WIDENED_JS) == []
        assert page.evaluate(CLIPPED_JS) == []
        assert page.locator('[data-testid="stException"]').count() == 0
        _shot(page, "gallery_present_1280x720.png")


def test_the_p_x_given_y_switch_writes_the_link_and_draws_the_densities(server, page):
    page.goto(server + "/gallery")
    _ready(page)
    lines = page.locator(".st-key-gl_tile_qda .contourlayer .contourlevel path")
    disc_lines = page.locator(".st-key-gl_tile_logreg .contourlayer .contourlevel path")
    before, disc_before = lines.count(), disc_lines.count()
    page.get_by_text("Show p(x | y)").click()
    page.wait_for_url(re.compile(r"contours=1"), timeout=60_000)
    _idle(page)
    expect(lines).not_to_have_count(before, timeout=30_000)
    assert disc_lines.count() == disc_before  # a discriminative model has no p(x | y) to draw
