"""Real-browser tests of a user's own data: a CSV file uploaded, points added by clicking a map.

The upload goes through Streamlit's upload endpoint (an HTTP request beside the websocket), which
AppTest skips; a click on a plotly map is a browser event AppTest cannot make.
"""

from browser_utils import SKIP_WITHOUT_BROWSER, _chart, _explorer_ready, _idle, _shot, expect, upload_csv

pytestmark = SKIP_WITHOUT_BROWSER

CSV = "length,width,kind\n" + "".join(f"{1 + (i % 9) * 0.3:.2f},{(i % 5) * 0.4 + (i % 2) * 2:.2f},"
                                      f"{'wide' if i % 2 else 'narrow'}\n" for i in range(80))


def test_uploading_a_csv_file_shows_it_on_every_map(server, page, tmp_path):
    path = tmp_path / "flowers.csv"
    path.write_text(CSV)
    upload_csv(page, server, path)
    expect(page.get_by_role("combobox", name="Label column")).to_have_value("kind", timeout=30_000)
    _explorer_ready(page)
    expect(_chart(page, 1).locator(".xtitle")).to_have_text("length", timeout=30_000)
    expect(_chart(page, 1).locator(".ytitle")).to_have_text("width")
    expect(_chart(page, 0).locator(".legend")).to_contain_text("narrow")
    assert "dataset=csv" in page.url
    assert page.locator('[data-testid="stException"]').count() == 0
    _shot(page, "explorer_csv_upload.png")


def _click_map(pg, chart: int, fx: float, fy: float):
    area = _chart(pg, chart).locator(".nsewdrag").first
    area.scroll_into_view_if_needed()
    box = area.bounding_box()
    pg.mouse.click(box["x"] + fx * box["width"], box["y"] + fy * box["height"])


def test_clicking_a_map_adds_points_until_the_models_fit_and_then_moves_them(server, page):
    page.goto(f"{server}/explorer?dataset=drawn")
    canvas = page.locator(".st-key-canvas_chart")
    expect(canvas.locator(".js-plotly-plot")).to_have_count(1, timeout=60_000)
    _idle(page)
    spots = {0: [(0.2, 0.2), (0.25, 0.35), (0.35, 0.25), (0.3, 0.4)], 1: [(0.8, 0.8), (0.7, 0.75), (0.75, 0.65),
                                                                       (0.65, 0.7)]}
    added = 0
    for k, where in spots.items():
        page.locator(".st-key-click_adds").get_by_text(f"adds {'AB'[k]}").click()
        _idle(page)
        for fx, fy in where:
            if page.locator(".st-key-canvas_chart").count():
                _click_map(page, 0, fx, fy)  # the canvas, while the models cannot fit yet
            else:
                _click_map(page, 1, fx, fy)  # then the generative posterior map
            added += 1
            expect(page.get_by_text(f"{added} points (")).to_be_visible(timeout=30_000)
            _idle(page)
    _explorer_ready(page)  # eight points: both models fitted, five maps
    assert "pts=" in page.url and page.url.count("%3B") + page.url.count(";") == 7  # eight points in the link
    boundary = _chart(page, 1).locator(".contourlayer .contourlevel path").first
    before = boundary.get_attribute("d")
    page.locator(".st-key-click_adds").get_by_text("adds A").click()
    _idle(page)
    _click_map(page, 3, 0.9, 0.1)  # an A far on B's side, on the discriminative map: the boundary moves
    expect(page.get_by_text("9 points (")).to_be_visible(timeout=30_000)
    _explorer_ready(page)
    expect(boundary).not_to_have_attribute("d", before, timeout=30_000)
    page.get_by_role("button", name="↶ Undo").click()
    expect(page.get_by_text("8 points (")).to_be_visible(timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    _shot(page, "explorer_drawn.png")


# issue 27's file: x1 spans 1-5, x2 0.1-1.8 (a map to scale would be 2.35 times as wide as tall)
SCALES = "height,weight,age,kind\n" + "".join(f"{1 + 0.1 * i:.2f},{0.1 + 1.7 * ((i * 7) % 41) / 40:.3f},{i % 5},"
                                              f"{'cat' if i % 2 else 'dog'}\n" for i in range(41))
PLOT_AND_TICKS_JS = """el => {
  const area = el.querySelector('.nsewdrag').getBoundingClientRect();
  const ticks = [...el.querySelectorAll('g.ytick text')].map(t => t.getBoundingClientRect())
    .sort((a, b) => a.top - b.top);
  return {w: area.width, h: area.height, overlaps: ticks.slice(1).filter((t, i) => t.top < ticks[i].bottom).length};
}"""


def test_a_csv_on_other_scales_keeps_usable_maps_and_a_bad_file_after_it_keeps_its_pickers(server, page, tmp_path):
    page.set_viewport_size({"width": 1280, "height": 720})
    (tmp_path / "scales.csv").write_text(SCALES)
    upload_csv(page, server, tmp_path / "scales.csv")
    label = page.get_by_role("combobox", name="Label column")
    expect(label).to_have_value("kind", timeout=30_000)
    _explorer_ready(page)
    expect(page.get_by_text("Axes not to scale: a unit of weight is drawn 1.18×")).to_be_visible()
    for i in range(5):
        shown = _chart(page, i).evaluate(PLOT_AND_TICKS_JS)
        assert shown["w"] / shown["h"] <= 2.02 and shown["overlaps"] == 0, (i, shown)
    _shot(page, "explorer_csv_scales.png")

    (tmp_path / "bad.csv").write_text("a,b\n1,2\n")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(tmp_path / "bad.csv"))
    expect(page.get_by_text("bad.csv cannot be used")).to_be_visible(timeout=30_000)
    _idle(page)
    expect(label).to_have_value("kind")  # the shown file's pickers stay
    expect(page.get_by_role("combobox", name="First feature (x-axis)")).to_have_value("height")

    (tmp_path / "next.csv").write_text("p,q,c\n" + "".join(f"{i % 5},{(i * 7) % 4},{i % 2}\n" for i in range(30)))
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(tmp_path / "next.csv"))
    expect(label).to_have_value("c", timeout=30_000)  # the next file's own columns, not the last file's
    expect(_chart(page, 1).locator(".xtitle")).to_have_text("p", timeout=30_000)
