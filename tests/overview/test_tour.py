"""The guided tour: every step opens its page cleanly in its prepared state, Back / Next keep the step in
the link, and the sentences a step adds to its scene's lesson hold in its view."""

from __future__ import annotations

import pytest
from apptest_utils import open_page
from explorer.test_claims_explorer import accuracy, fitted

from core.models import MODELS
from ui.explorer.controls import explorer_link
from ui.explorer.scenes import SCENES
from ui.explorer.state import ExplorerView
from ui.learning_curves.state import BOTH_REGIMES
from ui.overview.tour import EXPLORER, LEARNING, TOUR, parse_step


def test_the_tour_has_eight_to_twelve_steps_from_what_a_model_learns_to_testing_yourself():
    assert 8 <= len(TOUR) <= 12
    assert "learns" in TOUR[0].title and TOUR[-1].page == "pages/quiz.py"
    assert {step.page for step in TOUR} >= {EXPLORER, LEARNING, "pages/generative_powers.py"}


@pytest.mark.parametrize("i", range(len(TOUR)))
def test_every_step_opens_its_page_cleanly_in_its_state(i):
    step = TOUR[i]
    query = explorer_link(step.query) if step.page == EXPLORER else step.query
    at = open_page(step.page, query)
    assert not at.exception and not [w for w in at.warning if "Link" in w.value]
    if step.page == EXPLORER:
        view = ExplorerView.from_query(step.query)[0]
        assert at.selectbox(key="dataset").value == view.dataset and at.selectbox(key="gen").value == view.gen
        assert at.selectbox(key="disc").value == view.disc


def test_scene_steps_say_their_scenes_tested_lesson():
    scene_steps = [s for s in TOUR if s.scene is not None]
    assert len(scene_steps) >= 4
    for step in scene_steps:
        assert step.text.startswith(step.scene.lesson)


def test_the_first_steps_describe_the_default_explorer():
    view = ExplorerView.from_query(TOUR[0].query)[0]
    assert view == ExplorerView() and "Gaussian naive Bayes on two blobs" in TOUR[0].text
    assert MODELS[view.gen].label == "Gaussian naive Bayes" and view.dataset == "blobs"
    assert "logistic regression" in TOUR[1].text and MODELS[view.disc].label == "Logistic regression"
    _, test, gen, disc = fitted(view)
    assert "about equally well" in TOUR[1].text and abs(accuracy(gen, test) - accuracy(disc, test)) <= 0.03
    assert "no p(x | y) to draw from" in TOUR[2].text and not hasattr(disc, "sample") and hasattr(gen, "sample")


def test_the_rare_step_adds_that_the_generative_boundary_follows_p_y():
    step = next(s for s in TOUR if s.scene is SCENES["rare"])
    assert step.text.endswith("the generative boundary follows it.")  # the lesson's own test checks the sign


def test_the_learning_curves_step_opens_scenario_b_with_two_near_copies():
    step = next(s for s in TOUR if s.page == LEARNING)
    assert step.query == BOTH_REGIMES.to_query() == {"lc_scenario": "nb_misspecified",
                                                     "lc_nb_misspecified_copies": "2"}  # keys, not labels
    at = open_page(LEARNING, step.query)
    assert at.selectbox(key="lc_scenario").value == "nb_misspecified"
    assert at.slider(key="lc_nb_misspecified_copies").value == 2 and "two near-copies" in step.text
    assert "**Both regimes** button opens this same view" in step.text
    assert any(m.value.startswith("**Both regimes:** Naive Bayes") for m in at.markdown)  # the curves cross


@pytest.mark.parametrize("raw, expected", [(None, (0, None)), ("5", (4, None)), (["2", "3"], (2, None))])
def test_parse_step(raw, expected):
    assert parse_step(raw) == expected


@pytest.mark.parametrize("raw", ["0", "99", "two", "-1", ""])
def test_a_bad_step_falls_back_to_the_first_with_a_message(raw):
    step, problem = parse_step(raw)
    assert step == 0 and "steps 1 to" in problem


def test_next_and_back_keep_the_step_in_the_link():
    at = open_page("pages/overview.py", {"step": "5"})
    assert any(c.value == f"Step 5 of {len(TOUR)}" for c in at.caption)
    at.button(key="tour_next").click().run()
    assert at.query_params["step"] in ("6", ["6"]) and any(c.value.startswith("Step 6") for c in at.caption)
    at.button(key="tour_prev").click().run()
    at.button(key="tour_prev").click().run()
    assert at.query_params["step"] in ("4", ["4"])
    at = open_page("pages/overview.py", {"step": "99"})
    assert any("steps 1 to" in w.value for w in at.warning) and not at.exception


def test_the_text_step_shows_both_families_evidence_and_a_write_button():
    """"naive Bayes adds up each word's evidence ... logistic regression adds up its weights ... Write one"."""
    step = next(s for s in TOUR if s.page == "pages/words.py")
    at = open_page(step.page, step.query)
    assert not at.exception and at.text_area(key="words_text").value == step.query["words_text"]
    assert at.button(key="words_sample") is not None and "**Write one**" in step.text
    shown = " ".join(m.value for m in at.markdown) + " ".join(str(d.value) for d in at.dataframe)
    assert "spam" in shown.lower() and "weight" in shown.lower()
