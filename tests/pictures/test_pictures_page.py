"""AppTest of the digits page: every part and widget renders without an exception, keeps its view in the link,
and a bad link gives one warning; the view round-trips its link (``ui/pictures/state.py``)."""

import numpy as np
import pytest
from apptest_utils import array, assert_clean, figure, open_page
from hypothesis import given, settings
from hypothesis import strategies as st

from core.images import DIGIT_MODELS
from core.quiz_bank_pictures import QUESTIONS
from ui.pictures.state import HIDDEN_ROWS, N_EXAMPLES, N_GENERATED, PARTS, RARE_N, PicturesView, problems_text

PAGE = "pages/pictures.py"


def page(**query):
    at = open_page(PAGE, query)
    assert_clean(at)
    return at


def link(at) -> dict:
    return {k: (v[-1] if isinstance(v, list) else v) for k, v in at.query_params.items()}


def link_warnings(at) -> list:
    return [x.value for x in at.warning if x.value.startswith("Link:")]


def grid(at, key="pictures_grid") -> np.ndarray:
    return array(figure(at, key)["data"][0]["z"])


def text(at) -> str:
    return " ".join(m.value for m in at.markdown)


def test_default_view_shows_real_digits_beside_every_model_and_a_bare_link():
    at = page()
    fig = figure(at, "pictures_grid")
    assert [a["text"] for a in fig["layout"]["annotations"]] == ["<b>real</b>", "<b>naive Bayes</b>",
                                                                 "<b>PPCA</b>", "<b>mixture</b>"]
    z = grid(at)
    assert z.shape == (10 * 9 - 1, 12 * 9 - 1) and np.nanmin(z) >= 0 and np.nanmax(z) <= 16
    assert "none passes for real" in text(at) and link(at) == {} and not link_warnings(at)


def test_sample_draws_new_digits_and_keeps_the_link():
    at = page()
    before = grid(at)
    at.button(key="pictures_sample").click().run()
    assert_clean(at)
    after = grid(at)
    assert not np.allclose(np.nan_to_num(before), np.nan_to_num(after)) and link(at) == {}


def test_the_average_stays_while_samples_change():
    at = page(pic_part="mean")
    before = grid(at, "pictures_mean_grid")
    at.button(key="pictures_mean_sample").click().run()
    after = grid(at, "pictures_mean_grid")
    assert np.array_equal(before[:, :8], after[:, :8], equal_nan=True)  # the mean column
    assert not np.allclose(before[:, 9:], after[:, 9:])
    at.selectbox(key="pictures_mean_model").set_value("gnb").run()
    assert_clean(at)
    assert link(at) == {"pic_part": "mean", "pic_mean_model": "gnb"}


def test_the_part_picker_writes_the_link():
    at = page()
    at.segmented_control(key="pictures_part").set_value("classify").run()
    assert_clean(at)
    assert link(at) == {"pic_part": "classify"} and "Test accuracy on whole images" in text(at)
    assert any(getattr(p, "label", "").startswith("Learning curves on digits") for p in at.get("page_link"))


def test_hide_rows_slider_and_example():
    at = page(pic_part="hide")
    chart = figure(at, "pictures_hidden_chart")
    assert len(chart["data"]) == 5 and chart["layout"]["shapes"][0]["x0"] == 4
    at.slider(key="pictures_hidden").set_value(6).run()
    assert_clean(at)
    assert figure(at, "pictures_hidden_chart")["layout"]["shapes"][0]["x0"] == 6
    z = array(figure(at, "pictures_example_fig")["data"][0]["z"])
    assert np.isnan(z[2:]).all() and not np.isnan(z[:2]).any()
    at.number_input(key="pictures_example").set_value(7).run()
    assert_clean(at)
    assert link(at) == {"pic_part": "hide", "pic_hidden": "6", "pic_example": "7"}
    bars = figure(at, "pictures_example_bars")["data"]
    assert len(bars) == 3 and all(abs(sum(array(b["y"])) - 100) < 1 for b in bars)
    at.slider(key="pictures_hidden").set_value(0).run()
    assert "Nothing is hidden" in text(at)


def test_draw_buttons_fill_and_clear_the_grid_and_both_families_answer():
    at = page(pic_part="draw")
    assert "Click the grid" in text(at)
    at.button(key="pictures_load_real").click().run()
    assert_clean(at)
    key = f"pictures_draw_chart_{at.session_state['pictures_draw_version']}"
    z = array(figure(at, key)["data"][0]["z"])
    assert z.max() > 8 and "digit-like by every model" in text(at)
    assert len(figure(at, "pictures_draw_bars")["data"]) == 4
    at.button(key="pictures_load_average").click().run()
    assert_clean(at)
    assert "Nalisnick" in text(at)
    at.button(key="pictures_clear").click().run()
    assert_clean(at)
    assert "Click the grid" in text(at)


def test_rare_digit_controls():
    at = page(pic_part="rare", pic_rare_digit="8", pic_rare_n="5", pic_rare_model="ppca", pic_generated="100")
    assert "no clear change" in text(at)
    at.selectbox(key="pictures_rare_digit").set_value(2).run()
    at.slider(key="pictures_rare_n").set_value(3).run()
    at.selectbox(key="pictures_rare_model").set_value("gnb").run()
    at.select_slider(key="pictures_generated").set_value(300).run()
    assert_clean(at)
    assert "the generated samples help" in text(at) and link(at) == {"pic_part": "rare"}
    at.select_slider(key="pictures_generated").set_value(0).run()
    assert "Nothing is added yet" in text(at)


def test_a_bad_link_gives_one_warning_and_keeps_the_rest():
    at = page(pic_part="hide", pic_hidden="99", pic_rare_model="**bold**", pic_nope="x" * 80)
    warnings = link_warnings(at)
    assert len(warnings) == 1
    assert "'99'" in warnings[0] and "\\*\\*bold\\*\\*" in warnings[0] and "x" * 41 not in warnings[0]
    assert at.slider(key="pictures_hidden").value == 4 and link(at) == {"pic_part": "hide"}
    at.slider(key="pictures_hidden").set_value(2).run()
    assert not link_warnings(at)  # the view the link gave was changed


def test_every_bad_link_value_falls_back_to_its_default_with_one_sentence():
    bad = {"pic_part": "x", "pic_hidden": "99", "pic_example": "abc", "pic_mean_model": "vae", "pic_generated": "7",
           "pic_nope": "1"}
    view, problems = PicturesView.from_query({**bad, "pic_rare_digit": ["5", "3"], "other_page": "kept apart"})
    assert view == PicturesView(rare_digit=3) and len(problems) == len(bad)
    for key, raw in bad.items():
        assert sum(f"{raw!r}" in p for p in problems) >= 1, key


def test_problems_text_shows_a_backtick_as_text():
    out = problems_text(["Unknown part 'a`b'; showing 'sample'."])
    assert "a\\`b" in out and out.startswith("Link: ")


def test_presenter_mode_renders_and_stays_in_the_link():
    at = page(present="1")
    assert figure(at, "pictures_grid") and link(at) == {"present": "1"}
    at.segmented_control(key="pictures_part").set_value("hide").run()
    assert link(at) == {"present": "1", "pic_part": "hide"}


def test_the_learning_curves_link_opens_a_digits_scenario_without_a_warning():
    from ui.learning_curves.state import LearningView
    link_ = next(p for p in page(pic_part="classify").get("page_link") if "Learning curves" in p.label)
    view, problems = LearningView.from_query(dict(link_.proto.query_string and
                                                  [kv.split("=") for kv in link_.proto.query_string.split("&")]))
    assert problems == [] and view.scenario == "real" and dict(view.options)["dataset"] == "digits_3_8"


@settings(max_examples=60, deadline=None)
@given(part=st.sampled_from(list(PARTS)), hidden=st.integers(*HIDDEN_ROWS), example=st.integers(0, N_EXAMPLES - 1),
       mean_model=st.sampled_from(list(DIGIT_MODELS)), digit=st.integers(0, 9), n=st.integers(*RARE_N),
       model=st.sampled_from(list(DIGIT_MODELS)), generated=st.sampled_from(N_GENERATED))
def test_every_view_round_trips_its_link(part, hidden, example, mean_model, digit, n, model, generated):
    view = PicturesView(part, hidden, example, mean_model, digit, n, model, generated)
    again, problems = PicturesView.from_query(view.to_query())
    assert again == view and problems == []


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_every_quiz_view_opens_cleanly(question):
    assert question.page == PAGE
    view, problems = PicturesView.from_query(question.view)
    assert problems == [] and view.to_query() == question.view
    at = page(**question.view)
    assert not link_warnings(at)


def test_a_part_keeps_its_settings_while_another_part_is_shown():
    at = page(pic_part="hide", pic_hidden="6")
    at.segmented_control(key="pictures_part").set_value("sample").run()
    assert link(at) == {"pic_hidden": "6"}  # the hidden rows stay in the view while another part shows
    at.segmented_control(key="pictures_part").set_value("hide").run()
    assert_clean(at)
    assert at.slider(key="pictures_hidden").value == 6
