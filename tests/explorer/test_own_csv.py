"""A user's CSV in the explorer (issue 27, "Own CSV"): the number-of-points slider on a fixed dataset, the column
pickers after a bad upload, and maps of features on very different scales (AppTest; the aspect rule itself is in
tests/core_tests/test_axis_stretch.py)."""

import re
import subprocess
import sys

import pytest
from apptest_utils import assert_clean, figure, open_page

PAGE = "pages/explorer.py"
MAPS = ("density_chart", "gen_posterior_chart", "marginal_chart", "disc_posterior_chart", "difference_chart")


def _csv(rows: int, x1=lambda i: i % 7 + 0.1 * (i % 3), x2=lambda i: (i * 3) % 11) -> bytes:
    return b"height,weight,age,kind\n" + b"".join(
        f"{x1(i):.3f},{x2(i):.3f},{i % 5},{'cat' if i % 2 else 'dog'}\n".encode() for i in range(rows))


GOOD = _csv(60)
SMALL = _csv(15)
# the file: x1 spans 1-5, x2 0.1-1.8 (ranges 4 and 1.7: a map to scale is 2.35 times as wide as tall)
SCALES = _csv(41, x1=lambda i: 1 + 0.1 * i, x2=lambda i: 0.1 + 1.7 * ((i * 7) % 41) / 40)
UNREADABLE = b"a,b\n1,2\n"


def _explorer(query=None):
    return open_page(PAGE, query)


def _upload(at, content, name="my.csv"):
    return at.file_uploader(key="csv_file").set_value((name, content, "text/csv")).run()


def _on_csv(content, name="my.csv"):
    at = _explorer()
    at.selectbox(key="dataset").set_value("csv").run()
    return _upload(at, content, name)


def _points_sliders(at):
    return [s for s in at.sidebar.slider if s.label == "Number of points"]


def _fixed_caption(at) -> str:
    return next(c.value for c in at.sidebar.caption if c.value.startswith("A fixed dataset"))


# ---- 1. the number of points on a fixed dataset --------------------------------------------------

def test_a_csv_no_larger_than_the_slider_s_lowest_value_disables_it_and_uses_every_point():
    at = _on_csv(SMALL)
    assert_clean(at)
    (points,) = _points_sliders(at)
    assert points.disabled and points.value == 15 and "all of them are used" in points.help
    assert "all 15 of its points are used" in _fixed_caption(at)
    assert "n_samples" not in {s.key for s in at.sidebar.slider}  # nothing to move
    assert at.session_state["n_samples"] == 400  # ... and the number asked for is kept for the next dataset


@pytest.mark.parametrize("name, size, end", [("iris", 150, 150), ("wine_2d", 178, 180), ("cancer_2d", 569, 570)])
def test_a_shipped_dataset_s_slider_ends_at_its_size_where_every_point_is_used(name, size, end):
    at = _explorer({"dataset": name, "n": "1000"})  # a link asking for more points than there are opens
    assert_clean(at)
    points = at.slider(key="n_samples")
    assert not points.disabled and (points.min, points.max, points.value) == (20, end, end)
    assert f"all {size} of its points are used" in _fixed_caption(at)
    assert at.query_params.get("n") in ([str(end)], str(end))  # the link says what is shown
    points.set_value(100).run()
    assert f"100 of its {size} points are used" in _fixed_caption(at)


def test_the_number_of_points_asked_for_comes_back_on_a_larger_dataset_unless_moved_by_hand():
    at = _explorer({"dataset": "iris", "n": "1000"})
    at.selectbox(key="dataset").set_value("moons").run()
    assert_clean(at)
    assert (at.slider(key="n_samples").max, at.slider(key="n_samples").value) == (2000, 1000)
    at.selectbox(key="dataset").set_value("iris").run()
    at.slider(key="n_samples").set_value(60).run()  # moved by hand: the new number asked for
    at.selectbox(key="dataset").set_value("moons").run()
    assert at.slider(key="n_samples").value == 60


# ---- 2. a bad upload after a good one --------------------------------------------------------------

def test_an_unreadable_upload_keeps_the_shown_file_its_pickers_and_their_picks():
    at = _on_csv(GOOD)
    at.selectbox(key="csv_x1").set_value("age").run()  # a pick of the user's, to keep
    assert_clean(at)
    axes = figure(at, "gen_posterior_chart")["layout"]["xaxis"]["title"]["text"]
    _upload(at, UNREADABLE, "bad.csv")
    assert any("bad.csv cannot be used" in e.value for e in at.error)
    assert any(c.value == "Still showing my.csv." for c in at.sidebar.caption)
    assert at.selectbox(key="csv_x1").value == "age"  # the shown file's pickers, as the user left them
    assert at.selectbox(key="csv_label").options == ["height", "weight", "age", "kind"]
    assert figure(at, "gen_posterior_chart")["layout"]["xaxis"]["title"]["text"] == axes
    # they still work: the shown file follows them while the bad file sits in the upload box
    at.selectbox(key="csv_x1").set_value("height").run()
    assert not at.exception
    assert figure(at, "gen_posterior_chart")["layout"]["xaxis"]["title"]["text"] == "height"
    _upload(at, UNREADABLE, "bad2.csv")  # and the pick moved there stays through the next bad file
    assert at.selectbox(key="csv_x1").value == "height"


def test_a_readable_upload_that_cannot_be_used_shows_its_own_pickers_to_fix_it():
    one_class = b"p,q,s,r\n" + b"".join(f"{i},{i % 4},{i % 3},same\n".encode() for i in range(20))
    at = _on_csv(GOOD)
    _upload(at, one_class, "one.csv")
    assert any("one.csv cannot be used" in e.value and "one class" in e.value for e in at.error)
    assert any("Still showing my.csv; the columns above are one.csv's." == c.value for c in at.sidebar.caption)
    assert at.selectbox(key="csv_label").options == ["p", "q", "s", "r"]
    at.selectbox(key="csv_label").set_value("q").run()  # another label column makes it usable
    assert_clean(at)
    assert figure(at, "gen_posterior_chart")["layout"]["xaxis"]["title"]["text"] == "p"


def test_removing_the_upload_keeps_the_shown_file_with_its_pickers():
    at = _on_csv(GOOD)
    at.file_uploader(key="csv_file").set_value(None).run()
    assert_clean(at)
    assert at.selectbox(key="csv_label").value == "kind"


# ---- 3. features on very different scales ------------------------------------------------------

def _stretch_in_caption(at) -> float | None:
    found = [re.search(r"drawn ([\d.]+)× as long", c.value) for c in at.caption if "Axes not to scale" in c.value]
    return float(found[0].group(1)) if found else None


def test_features_on_different_scales_are_stretched_to_a_usable_map_and_the_page_says_so():
    at = _on_csv(SCALES)
    assert_clean(at)
    for key in MAPS:
        yaxis = figure(at, key)["layout"]["yaxis"]
        assert yaxis["scaleanchor"] == "x" and yaxis["scaleratio"] == pytest.approx(4 * 1.3 / (1.7 * 1.3) / 2)
    stretch = _stretch_in_caption(at)
    assert stretch == pytest.approx(figure(at, MAPS[0])["layout"]["yaxis"]["scaleratio"], abs=0.005)
    assert any("a unit of weight is drawn" in c.value and "as long as one of height" in c.value for c in at.caption)


def test_axes_to_scale_say_nothing():
    at = _explorer()
    assert figure(at, "gen_posterior_chart")["layout"]["yaxis"]["scaleratio"] == 1
    assert _stretch_in_caption(at) is None


def test_the_python_copy_reads_the_shown_file_s_columns_while_a_bad_new_file_sits_in_the_upload_box(tmp_path):
    one_class = b"p,q,s,r\n" + b"".join(f"{i},{i % 4},{i % 3},same\n".encode() for i in range(20))
    at = _on_csv(GOOD)
    at.selectbox(key="csv_x1").set_value("age").run()
    _upload(at, one_class, "one.csv")
    at.session_state["copy_python"] = True
    at.run()
    script = next(c.value for c in at.code if "test accuracy" in c.value)
    assert "my.csv" in script and "'age'" in script and "'weight'" in script and "'kind'" in script
    assert "'p'" not in script and "'r'" not in script
    (tmp_path / "my.csv").write_bytes(GOOD)  # and it runs: the scores table's accuracies, on the file beside it
    (tmp_path / "view.py").write_text(script)
    out = subprocess.run([sys.executable, "view.py"], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                         check=True).stdout
    printed = [line.rsplit(": ", 1)[1] for line in out.splitlines() if "test accuracy:" in line]
    table = next(m.value for m in at.markdown if "| test accuracy |" in m.value)
    row = next(line for line in table.splitlines() if line.startswith("| test accuracy |"))
    assert printed == [c.strip() for c in row.strip("|").split("|")[1:]]
