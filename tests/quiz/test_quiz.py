"""The question bank is valid, every live view opens cleanly and shows what its explanation says, and the
quiz page answers right and wrong, keeps the score, and opens its "show me" links inside the session."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

import numpy as np
import pytest
from apptest_utils import assert_clean, open_page
from explorer.test_claims_explorer import accuracy, disc_log_odds_linear, fitted, gen_log_odds_linear
from sklearn.naive_bayes import GaussianNB

from core.models import DISCRIMINANT, MODELS, PROBABILISTIC, fit_model
from core.prior_shift import reweight_proba
from core.quiz import MODEL_ANSWERS, QUESTION_BY_ID, QUESTIONS, TOPICS, score, select
from core.quiz_bank import EXPLORER, PICTURES, POWERS, WORDS
from core.surfaces import compute_surfaces, make_grid
from quiz.test_quiz_claims import (
    check_a_class_wins_far_from_all_data,
    check_a_grown_tree_stops_at_its_count,
    check_em_finds_the_new_prior_where_counting_does_not,
    check_fisher_direction_is_the_gaussian_one,
    check_naive_bayes_sees_the_axis_but_is_ten_times_too_flat,
)
from ui.explorer.controls import explorer_link
from ui.explorer.state import ExplorerView
from ui.generative_powers.state import PowersView
from ui.quiz.state import QuizView

WITH_VIEW = [q for q in QUESTIONS if q.view is not None]
ON_EXPLORER = [q for q in WITH_VIEW if q.page == EXPLORER]
ON_POWERS = [q for q in WITH_VIEW if q.page == POWERS]


def view_of(qid: str):
    """The question's view, parsed by the page it opens (an explorer's ``est``, merged later, is read apart)."""
    q = QUESTION_BY_ID[qid]
    view, problems = (PowersView if q.page == POWERS else ExplorerView).from_query(q.view)
    assert problems == []
    return view


# ---- the bank -----------------------------------------------------------------------------------

def test_the_bank_has_thirty_questions_ten_with_a_view_and_unique_ids():
    assert len(QUESTIONS) >= 30 and len(WITH_VIEW) >= 10
    assert len(QUESTION_BY_ID) == len(QUESTIONS)


@pytest.mark.parametrize("q", QUESTIONS, ids=lambda q: q.id)
def test_each_question_is_well_formed(q):
    assert q.answer in q.choices and len(set(q.choices)) == len(q.choices) >= 3
    assert q.topic in TOPICS and q.prompt.strip() and q["prompt"] == q.prompt
    sentences = re.findall(r"[.!?](?:\s|$)", q.explanation)
    assert 2 <= len(sentences) <= 4, q.explanation


def test_every_topic_has_questions_and_a_model_answer():
    assert set(MODEL_ANSWERS) == set(TOPICS) == {q.topic for q in QUESTIONS}


@pytest.mark.parametrize("subject", ["logistic regression", "naive Bayes", "LDA", "SVM", "tree", "k-nearest",
                                     "neural network", "HMM", "CRF", "mixture", "GAN", "variational autoencoder",
                                     "diffusion", "language model", "Ng and Jordan", "marginalis", "EM:",
                                     "counted twice", "calibrat", "P_new(y)", "regression of y on x", "discriminator",
                                     "joint p(x, y)", "QDA"])
def test_the_bank_covers_what_candidates_are_asked(subject):
    assert any(subject in q.prompt + " ".join(q.choices) + q.explanation for q in QUESTIONS)


def test_select_filters_by_topic_and_shuffles_reproducibly():
    data = select(("data",))
    assert data and {q.topic for q in data} == {"data"}
    assert [q.id for q in select((), 3)] == [q.id for q in select((), 3)] != [q.id for q in select((), 4)]
    assert sorted(q.id for q in select((), 3)) == sorted(QUESTION_BY_ID)
    assert select() == list(QUESTIONS)


def test_score_counts_right_answers_among_answered():
    q1, q2 = QUESTIONS[:2]
    assert score({q1.id: q1.answer, q2.id: "wrong", "no_such_question": "x"}) == (1, 2)


# ---- every view opens and shows its claim ---------------------------------------------------------

@pytest.mark.parametrize("query", sorted({tuple(sorted(q.view.items())) for q in ON_EXPLORER}), ids=str)
def test_every_view_opens_the_explorer_with_no_error_and_no_link_warning(query):
    at = open_page("pages/explorer.py", explorer_link(dict(query)))
    assert not at.exception
    assert not [w.value for w in at.warning if "Link" in w.value]
    shown = {k: (v[-1] if isinstance(v, list) else v) for k, v in at.query_params.items()}
    assert shown == ExplorerView.from_query(dict(query))[0].to_query()  # the explorer shows that view


def _boundary_x1(proba, grid):
    """Where P(B | x) crosses 1/2 along the row nearest x2 = 0."""
    row = np.argmin(np.abs(grid.ys))
    return grid.xs[np.argmax(proba[1, row] > 0.5)]


def _kind(name):
    return MODELS[name].kind


def check_generative_has_a_density_the_other_has_not(v):
    _, _, gen, disc = fitted(v)
    X, y = gen.sample(50, np.random.default_rng(0))
    return X.shape == (50, 2) and not hasattr(disc, "sample") and np.isfinite(gen.log_px(X)).all()


def check_bayes_rule_at_the_probe(v):
    from core.evaluation import bayes_rule_at
    _, _, gen, _ = fitted(v)
    at = bayes_rule_at(gen, v.probe)
    joint = at.priors * np.exp(at.log_likelihood)
    return np.allclose(at.posterior, joint / joint.sum()) and 0.03 / (0.03 + 0.01) == 0.75


def check_about_equally_well(v):
    _, test, gen, disc = fitted(v)
    return abs(accuracy(gen, test) - accuracy(disc, test)) <= 0.03


def check_logreg_is_probabilistic_and_cannot_sample(v):
    return _kind(v.disc) == PROBABILISTIC and not hasattr(fitted(v)[3], "sample")


def check_discriminant_cannot_sample(v):
    return _kind(v.disc) == DISCRIMINANT and not hasattr(fitted(v)[3], "sample")


def check_svm_probabilities_come_from_calibration(v):
    return check_discriminant_cannot_sample(v) and "Platt" in MODELS[v.disc].proba_source


def check_tree_votes_are_leaf_shares(v):
    train, _, _, tree = fitted(v)
    return check_discriminant_cannot_sample(v) and "leaf" in MODELS[v.disc].proba_source


def check_lda_is_generative_and_linear(v):
    return check_generative_has_a_density_the_other_has_not(v) and gen_log_odds_linear(v)


def check_both_linear(v):
    return gen_log_odds_linear(v) and disc_log_odds_linear(v)


def check_both_linear_but_different_lines(v):
    train, _, lda, logreg = fitted(v)
    lo_gen = np.diff(lda.class_log_likelihood(train.X), axis=1)[:, 0]
    lo_disc = np.diff(np.log(logreg.predict_proba(train.X)), axis=1)[:, 0]
    design = np.column_stack([np.ones(len(train.X)), train.X])
    a, b = (np.linalg.lstsq(design, lo, rcond=None)[0] for lo in (lo_gen, lo_disc))
    return check_both_linear(v) and not np.allclose(a, b, rtol=0.05)


def check_qda_curves_and_classifies_rings(v):
    _, test, qda, linear = fitted(v)
    return not gen_log_odds_linear(v) and accuracy(qda, test) > 0.9 and accuracy(linear, test) < 0.7


def check_naive_bayes_cannot_tilt(v):
    train, _, nb, _ = fitted(v)
    X_new, y_new = nb.sample(4000, np.random.default_rng(0))
    tilted = all(np.corrcoef(train.X[train.y == k].T)[0, 1] > 0.8 for k in (0, 1))
    return tilted and all(abs(np.corrcoef(X_new[y_new == k].T)[0, 1]) < 0.1 for k in (0, 1))


def check_mixture_samples_and_svm_does_not(v):
    _, test, gmm, svm = fitted(v)
    return check_generative_has_a_density_the_other_has_not(v) and abs(accuracy(gmm, test) - accuracy(svm, test)) \
        <= 0.03


def check_sample_labelled_points(v):
    _, _, nb, logreg = fitted(v)
    X, y = nb.sample(200, np.random.default_rng(1))
    return set(np.unique(y)) == {0, 1} and not hasattr(logreg, "sample")


def check_confident_far_away_but_p_of_x_tiny(v):
    train, _, gen, logreg = fitted(v)
    x = np.array([v.probe])
    beyond_b = x[0, 0] > train.X[train.y == 1, 0].max()
    return beyond_b and logreg.predict_proba(x)[0, 1] > 0.99 and gen.log_px(x)[0] < gen.log_px(train.X).min() - 10


def check_both_boundaries_move_toward_a(v):
    train, _, gen, logreg = fitted(v)
    grid = make_grid(train.X, 150)
    new = (1 - v.prior, v.prior)
    gen_moved = _boundary_x1(compute_surfaces(gen, grid, new).proba, grid) < \
        _boundary_x1(compute_surfaces(gen, grid).proba, grid)
    learned = np.moveaxis(logreg.predict_proba(grid.points), 1, 0).reshape(2, *grid.shape)
    train_priors = np.bincount(train.y) / len(train.y)
    moved = reweight_proba(learned, train_priors, new, axis=0)
    a_left = train.X[train.y == 0, 0].mean() < train.X[train.y == 1, 0].mean()
    return v.prior_disc and a_left and gen_moved and _boundary_x1(moved, grid) < _boundary_x1(learned, grid)


def check_mlp_is_probabilistic(v):
    return _kind(v.disc) == PROBABILISTIC


CHECKS = {
    "joint_vs_conditional": check_generative_has_a_density_the_other_has_not,
    "bayes_rule_at_a_point": check_bayes_rule_at_the_probe,
    "nb_vs_logreg": check_about_equally_well,
    "logreg_learns": check_logreg_is_probabilistic_and_cannot_sample,
    "nb_is_generative": check_generative_has_a_density_the_other_has_not,
    "lda_name": check_fisher_direction_is_the_gaussian_one,
    "svm_family": check_svm_probabilities_come_from_calibration,
    "tree_family": check_tree_votes_are_leaf_shares,
    "knn_family": check_discriminant_cannot_sample,
    "mlp_family": check_mlp_is_probabilistic,
    "gmm_classifier": check_mixture_samples_and_svm_does_not,
    "lda_logistic_form": check_both_linear,
    "lda_vs_logreg_fit": check_both_linear_but_different_lines,
    "qda_boundary": check_qda_curves_and_classifies_rings,
    "nb_axis_aligned": check_naive_bayes_cannot_tilt,
    "discriminative_sample": check_a_class_wins_far_from_all_data,
    "sample_labelled": check_sample_labelled_points,
    "outlier": check_confident_far_away_but_p_of_x_tiny,
    "prior_shift": check_both_boundaries_move_toward_a,
    "nb_calibration_correlated": check_naive_bayes_sees_the_axis_but_is_ten_times_too_flat,
    "prior_estimate_em": check_em_finds_the_new_prior_where_counting_does_not,
    "prior_estimate_calibration": check_a_grown_tree_stops_at_its_count,
    "svm_probabilities": check_svm_probabilities_come_from_calibration,
}


def test_every_view_has_a_claim_check():
    """Here for the explorer and powers pages; the words and digits pages' questions are checked beside their
    pages (tests/words/test_quiz_words.py, tests/pictures/test_claims_pictures.py)."""
    assert set(CHECKS) == {q.id for q in WITH_VIEW if q.page in (EXPLORER, POWERS)}


@pytest.mark.parametrize("qid", sorted(CHECKS))
def test_the_view_shows_what_the_explanation_says(qid):
    assert CHECKS[qid](view_of(qid))


def test_a_copied_feature_doubles_its_share_of_naive_bayes_log_odds():
    """double_counting: x3 = x1 adds x1's log-odds term once more."""
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 400)
    X = rng.normal(size=(400, 2)) + y[:, None]
    log_odds = lambda Z: np.diff(GaussianNB().fit(Z, y).predict_joint_log_proba(Z), axis=1)[:, 0]  # noqa: E731
    prior = np.log(np.mean(y == 1) / np.mean(y == 0))
    x1_term = log_odds(X[:, :1]) - prior
    assert np.allclose(log_odds(np.column_stack([X, X[:, 0]])), log_odds(X) + x1_term)
    wide = fit_model("logreg", np.column_stack([X, X[:, 0]]), y)  # logistic regression splits the weight
    narrow = fit_model("logreg", X, y)
    coef = wide.estimator_[-1].coef_[0] if hasattr(wide, "estimator_") else None
    assert np.abs(wide.predict_proba(np.column_stack([X, X[:, 0]])) - narrow.predict_proba(X)).max() < 0.02
    if coef is not None:
        assert coef[0] == pytest.approx(coef[2], rel=1e-3)


# ---- the quiz's view and link ----------------------------------------------------------------------

def test_quiz_view_round_trips_and_rejects_bad_values():
    view = QuizView(("bayes", "data"), 7, "ng_jordan")
    assert QuizView.from_query(view.to_query()) == (view, [])
    bad, problems = QuizView.from_query({"topic": "data,nope", "seed": "-1", "q": "nope"})
    assert bad == QuizView(("data",)) and len(problems) == 3
    off, problems = QuizView.from_query({"topic": "modern", "q": "ng_jordan"})
    assert off.question is None and problems
    assert QuizView(("modern",)).current()[1].topic == "modern"


def test_an_in_app_explorer_link_is_never_empty():
    assert explorer_link({}) == {"dataset": "blobs"} and explorer_link({"gen": "lda"}) == {"gen": "lda"}


@pytest.mark.parametrize("q", ON_POWERS, ids=lambda q: q.id)
def test_a_powers_view_opens_that_page_with_no_error_and_no_link_warning(q):
    at = open_page("pages/generative_powers.py", q.view)
    assert not at.exception and not [w.value for w in at.warning if "Link" in w.value]
    shown = {k: (v[-1] if isinstance(v, list) else v) for k, v in at.query_params.items()}
    assert shown == PowersView.from_query(q.view)[0].to_query() == q.view
    assert any("is under-confident by" in m.value and "Gaussian naive Bayes" in m.value for m in at.markdown)


# ---- the page --------------------------------------------------------------------------------------

def _answer(at, qid, choice):
    at.radio(key=f"quiz_pick.{qid}").set_value(choice).run()
    at.button(key="quiz_check").click().run()


def test_the_quiz_answers_right_and_wrong_and_keeps_the_score():
    at = open_page("pages/quiz.py")
    first, second = QUESTIONS[0], QUESTIONS[1]
    assert at.radio(key=f"quiz_pick.{first.id}").value is None
    at.button(key="quiz_check").click().run()
    assert any("Pick an answer first" in i.value for i in at.info)
    wrong = next(c for c in first.choices if c != first.answer)
    _answer(at, first.id, wrong)
    assert at.error and first.answer in at.error[0].value and not at.success
    assert any(first.explanation == m.value for m in at.markdown)
    _answer(at, first.id, first.answer)  # a second try shows it right, the score keeps the first
    assert at.success and any("0 / 1" in m.value for m in at.markdown)
    at.button(key="quiz_next").click().run()
    assert at.query_params["q"] == [second.id] or at.query_params["q"] == second.id
    _answer(at, second.id, second.answer)
    assert any("1 / 2" in m.value for m in at.markdown)
    assert any("Review missed questions (1)" in e.label for e in at.expander)
    at.button(key="quiz_prev").click().run()
    assert at.radio(key=f"quiz_pick.{first.id}").value == first.answer
    at.button(key="quiz_reset").click().run()
    assert any(f"**{len(QUESTIONS)} questions.**" in m.value for m in at.markdown) and not at.exception


def test_show_me_opens_the_explorer_on_the_view_inside_the_session_and_the_score_stays():
    q = QUESTION_BY_ID["qda_boundary"]
    at = open_page("pages/quiz.py", {"q": q.id})
    _answer(at, q.id, q.answer)
    link = next(p for p in at.get("page_link") if "Show me" in p.proto.label)
    assert "explorer" in link.proto.page
    at.switch_page("pages/explorer.py")
    for key, value in explorer_link(q.view).items():
        at.query_params[key] = value
    at.run()
    assert at.selectbox(key="gen").value == "qda" and at.selectbox(key="dataset").value == "circles"
    at.selectbox(key="gen").set_value("lda").run()  # the user moves on; a plain page switch keeps that
    at.switch_page("pages/quiz.py").run()
    assert any("1 / 1" in m.value for m in at.markdown)
    at.switch_page("pages/explorer.py")
    for key in list(at.query_params):
        del at.query_params[key]
    at.run()
    assert at.selectbox(key="gen").value == "lda" and not at.exception


def test_show_me_opens_the_powers_page_where_the_confidence_number_is_shown():
    """nb_calibration_correlated links section 4 of the generative powers page, not the explorer, and the link is
    followed after the candidate has already been on that page in the session (its default view)."""
    q = QUESTION_BY_ID["nb_calibration_correlated"]
    at = open_page("pages/quiz.py", {"q": q.id})
    at.switch_page(q.page).run()
    assert at.selectbox(key="pw_gen").value != "gnb"
    at.switch_page("pages/quiz.py")
    at.query_params["q"] = q.id
    at.run()
    _answer(at, q.id, q.answer)
    link = next(p for p in at.get("page_link") if "Show me" in p.proto.label)
    assert "powers" in link.proto.label and link.proto.query_string == "dataset=correlated&gen=gnb&focus=calibration"
    at.switch_page(q.page)
    for key, value in q.view.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception and at.selectbox(key="pw_gen").value == "gnb"
    assert any("Gaussian naive Bayes** is under-confident by" in m.value for m in at.markdown)
    at.switch_page("pages/quiz.py").run()
    assert any("1 / 1" in m.value for m in at.markdown)


def test_topic_filter_and_shuffle_choose_the_questions():
    at = open_page("pages/quiz.py", {"topic": "modern", "seed": "5"})
    assert at.toggle(key="quiz_shuffle").value and at.number_input(key="quiz_seed").value == 5
    i, q = QuizView(("modern",), 5).current()
    assert at.radio(key=f"quiz_pick.{q.id}") is not None
    count = {t: sum(q.topic == t for q in QUESTIONS) for t in ("modern", "data")}
    assert any(f"of {count['modern']} · GANs" in c.value for c in at.caption)
    at.multiselect(key="quiz_topics").set_value(["data"]).run()
    assert any(f"of {count['data']} · When each wins" in c.value for c in at.caption)
    assert at.query_params["topic"] in ("data", ["data"])


def test_a_bad_quiz_link_warns_and_starts_at_the_first_question():
    at = open_page("pages/quiz.py", {"q": "nope", "seed": "abc"})
    assert [w.value.count("- ") for w in at.warning if "Link" in w.value] == [2] and not at.exception  # one box
    assert at.radio(key=f"quiz_pick.{QUESTIONS[0].id}") is not None


@pytest.mark.parametrize("q", [q for q in WITH_VIEW if q.page in (WORDS, PICTURES)], ids=lambda q: q.id)
def test_show_me_opens_the_words_and_digits_pages_on_the_questions_view(q):
    """The questions kept beside their pages (core.quiz_bank_words, core.quiz_bank_pictures) are in the quiz, and
    their "show me" opens that page with the view's link, the score kept."""
    at = open_page("pages/quiz.py", {"q": q.id})
    _answer(at, q.id, q.answer)
    link = next(p for p in at.get("page_link") if "Show me" in p.proto.label)
    assert link.proto.page.endswith(q.page.split("/")[-1].removesuffix(".py"))
    assert dict(parse_qsl(link.proto.query_string)) == q.view
    at.switch_page(q.page)
    for key, value in q.view.items():
        at.query_params[key] = value
    at.run()
    assert_clean(at)
    assert not [w for w in at.warning if w.value.startswith("Link:")]
    at.switch_page("pages/quiz.py").run()
    assert any("1 / 1" in m.value for m in at.markdown)
