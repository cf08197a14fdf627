"""The digits page's sentences (``ui/pictures/words.py``), checked on the numbers the page computes for its
views, and the core behind them (``core/pictures.py``): McNemar, hidden rows, the rare-digit verdict."""

import numpy as np
import pytest
from scipy.stats import binomtest

from core.images import fit_digits
from core.pictures import (
    digits_split,
    fill_with,
    grey_share,
    hide_bottom_rows,
    mcnemar_exact,
    neighbour_correlation,
    next_ink,
    percentile_below,
    rare_class_run,
    rare_class_verdict,
)
from ui.pictures import cache as compute
from ui.pictures import words as w
from ui.pictures.drawing import paint
from ui.pictures.state import PicturesView

# ---- core ------------------------------------------------------------------------------------------

def test_mcnemar_exact_matches_the_binomial_test_on_the_discordant_pairs():
    a = np.array([1] * 30 + [1] * 9 + [0] * 2 + [0] * 5, dtype=bool)
    b = np.array([1] * 30 + [0] * 9 + [1] * 2 + [0] * 5, dtype=bool)
    only_a, only_b, p = mcnemar_exact(a, b)
    assert (only_a, only_b) == (9, 2)
    assert np.isclose(p, binomtest(2, 11, 0.5).pvalue)
    assert mcnemar_exact(a, a) == (0, 0, 1.0)


def test_hiding_rows_sets_the_bottom_rows_to_nan_and_filling_restores_them():
    X = np.arange(128, dtype=float).reshape(2, 64)
    hidden = hide_bottom_rows(X, 3)
    assert np.isnan(hidden[:, 40:]).all() and not np.isnan(hidden[:, :40]).any()
    assert np.array_equal(fill_with(hidden, X[0])[0], X[0])
    assert np.array_equal(hide_bottom_rows(X, 0), X)


def test_a_click_cycles_a_pixel_through_the_three_ink_levels():
    assert [next_ink(v) for v in (0, 8, 16, 3.5, 12)] == [8, 16, 0, 8, 16]
    image = paint([0.0] * 64, {"x": 2, "y": 5})
    assert image[5 * 8 + 2] == 8 and sum(image) == 8
    assert paint(image, {"x": 9, "y": 0}) == image  # outside the grid: nothing


def test_percentile_below_counts_the_reference_strictly_below():
    assert list(percentile_below([0, 2.5, 10], [1, 2, 3, 4])) == [0, 50, 100]


def test_neighbour_correlation_is_near_zero_for_independent_pixels():
    rng = np.random.default_rng(0)
    assert abs(neighbour_correlation(rng.normal(size=(2000, 64)), np.zeros(2000))) < 0.05
    smooth = np.repeat(rng.normal(size=(2000, 8, 1)), 8, axis=2).reshape(2000, 64)
    assert neighbour_correlation(smooth, np.zeros(2000)) > 0.99


def test_the_split_is_seventy_thirty_and_stratified():
    X_train, X_test, y_train, y_test = digits_split(0)
    assert (len(X_train), len(X_test)) == (1257, 540)
    assert np.allclose(np.bincount(y_test) / 540, np.bincount(y_train) / 1257, atol=0.01)


def test_no_samples_added_changes_nothing():
    run = rare_class_run(8, 3, 0, "ppca", 0)
    assert run["accuracy"][0] == run["accuracy"][1] and run["p"] == 1.0
    assert len(run["rare_images"]) == 3


def test_a_verdict_needs_every_seed_significant_and_the_same_way():
    win = dict(accuracy=(0.9, 0.92), p=0.01, only_before=1, only_after=11)
    lose = dict(accuracy=(0.9, 0.88), p=0.01, only_before=11, only_after=1)
    weak = dict(accuracy=(0.9, 0.93), p=0.2, only_before=2, only_after=5)
    assert rare_class_verdict([win, win, win]) == ("gains", pytest.approx(2.0))
    assert rare_class_verdict([lose] * 3)[0] == "loses"
    assert rare_class_verdict([win, win, weak]) == ("no clear change", pytest.approx(3.0))
    assert rare_class_verdict([win, lose, win])[0] == "no clear change"


# ---- the words, under the views that show them ---------------------------------------------------

def test_intro_counts_the_split_it_describes():
    X_train, X_test, _, _ = compute.split()
    text = w.intro(len(X_train), len(X_test))
    assert "1,797 images" in text and "1,257 images" in text and "other 540" in text
    assert len(X_train) + len(X_test) == 1797


def test_sample_words_follow_the_measurements():
    m = compute.sample_measures()
    text = " ".join(w.sample_lines(m))
    for name in ("gnb", "ppca", "pca_gmm"):
        assert w.pct(m[name]["recognised"]) in text and f"{m[name]['judge']:.2f}" in text
    # measured: every model's samples are recognised >= 90% by logistic regression on raw pixels
    assert min(m[n]["recognised"] for n in ("gnb", "ppca", "pca_gmm")) >= 0.9
    assert "Every model's samples are readable digits" in text
    # "speckled": naive Bayes' neighbouring pixels uncorrelated (given the digit), real digits' correlated
    assert abs(m["gnb"]["correlation"]) < 0.1 < m["real_correlation"] and "speckled" in text
    assert min(m["ppca"]["correlation"], m["pca_gmm"]["correlation"]) > 0.1 and "keep neighbours correlated" in text
    # "none passes for real": the judge is far from chance for every model
    assert all(m[n]["judge"] > 0.6 for n in ("gnb", "ppca", "pca_gmm")) and "none passes for real" in text


def test_samples_are_clipped_to_the_pixel_range_as_the_words_say():
    assert any("clipped to 0-16" in line for line in w.sample_lines(compute.sample_measures()))
    images = compute.samples("gnb", 20, 0)
    assert images.min() >= 0 and images.max() <= 16


@pytest.mark.parametrize("name", ["gnb", "ppca", "pca_gmm"])
def test_mean_words_blur_and_the_average_outscoring_real_digits(name):
    _, X_test, _, _ = compute.split()
    means, typ = compute.class_means(name), compute.typicality()[name]
    text = " ".join(w.mean_lines(name, grey_share(means), grey_share(X_test), typ["average"]))
    assert grey_share(means) > grey_share(X_test) and "blur of many hands" in text
    assert typ["average"] > 50 and f"{typ['average']:.0f}% of real test digits" in text
    # the mean is each class's mean image
    X_train, _, y_train, _ = compute.split()
    assert np.allclose(means, [X_train[y_train == k].mean(axis=0) for k in range(10)], atol=1e-6)


def test_mean_is_the_same_every_draw_and_samples_are_not():
    assert not np.allclose(compute.samples("ppca", 2, 0), compute.samples("ppca", 2, 1))
    assert np.array_equal(compute.class_means("ppca"), compute.class_means("ppca"))


def test_classify_words_give_a_verdict_only_beyond_noise():
    acc = compute.accuracies()
    text = " ".join(w.classify_lines(acc))
    b, c, p = acc["mcnemar_ppca_logreg"]
    assert p >= 0.05 and "no clear change" in text  # measured: 0.981 against 0.972, p = 0.36
    assert all(w.pct(acc[n]) in text for n in ("gnb", "ppca", "pca_gmm", "logreg", "mlp"))


def test_notice_naive_bayes_is_the_least_accurate_here():
    acc = compute.accuracies()
    assert acc["gnb"] < min(acc[n] for n in ("ppca", "pca_gmm", "logreg", "mlp"))
    assert any("least accurate classifier here" in line for line in w.NOTICE)


@pytest.mark.parametrize("rows", [0, 1, 4, 7])
def test_hide_words_under_each_slider_value(rows):
    view = PicturesView(part="hide", hidden_rows=rows)
    curves = compute.hidden_curves()
    tests = compute.hidden_tests(view.hidden_rows) if rows else {}
    text = " ".join(w.hide_lines(view.hidden_rows, curves, tests))
    if rows == 0:
        assert "Nothing is hidden" in text
        return
    for key in ("logreg_mean", "logreg_visible"):
        b, c, p = tests[key]
        gap = curves["pca_gmm"][rows] - curves[key][rows]
        if p < 0.05:
            assert ("beats" if gap > 0 else "trails") in text
        else:
            assert "no clear change" in text
    assert w.pct(curves["logreg_mean"][rows]) in text


def test_integrating_out_beats_mean_filling_at_half_hidden_as_measured():
    curves, tests = compute.hidden_curves(), compute.hidden_tests(4)
    assert curves["pca_gmm"][4] >= 0.85 and tests["logreg_mean"][2] < 0.05
    assert curves["pca_gmm"][4] > curves["logreg_mean"][4]


def test_hidden_curve_at_zero_rows_is_the_whole_image_accuracy():
    curves, acc = compute.hidden_curves(), compute.accuracies()
    for name in ("gnb", "ppca", "pca_gmm"):
        assert curves[name][0] == pytest.approx(acc[name])
    assert curves["logreg_mean"][0] == curves["logreg_visible"][0] == pytest.approx(acc["logreg"])


def test_where_p_of_x_misleads_as_the_draw_part_says():
    typ = compute.typicality()
    text = " ".join(w.failure_lines(typ))
    t = typ["ppca"]
    assert t["average"] > 50 and t["quantised"] < 25 and t["shifted"] < 5
    assert f"{t['average']:.0f}%" in text and "Nalisnick" in text
    # "though it is as readable": the quantised digits are classified about as well
    _, X_test, _, y_test = compute.split()
    from core.pictures import quantised
    m = compute.model("ppca")
    assert abs(np.mean(m.predict(quantised(X_test)) == y_test) - np.mean(m.predict(X_test) == y_test)) < 0.02


def test_draw_words_verdicts():
    assert "unusual to every model" in " ".join(w.draw_lines(False, {"gnb": 1, "ppca": 0, "pca_gmm": 2}))
    assert "digit-like by every model" in " ".join(w.draw_lines(False, {"gnb": 50, "ppca": 40, "pca_gmm": 30}))
    assert "Click the grid" in w.draw_lines(True, {})[0]


def test_a_real_digit_drawn_is_digit_like_and_the_blank_grid_is_not():
    typ = compute.typicality()
    _, X_test, _, y_test = compute.split()
    x = X_test[np.flatnonzero(y_test == 3)[:1]]
    for name in ("gnb", "ppca", "pca_gmm"):
        assert percentile_below(compute.model(name).log_px(x), typ[name]["reference"])[0] > 5


def test_rare_words_under_the_default_view_give_the_measured_verdict():
    view = PicturesView()
    runs, verdict = compute.rare_runs(view.rare_digit, view.rare_n, view.n_generated, view.rare_model)
    assert verdict[0] == "gains"  # measured: naive Bayes' samples of 2 help logistic regression, p < 0.05 x3
    assert all(r["p"] < 0.05 and r["only_after"] > r["only_before"] for r in runs)
    text = " ".join(w.rare_lines(view.rare_digit, view.rare_n, 124, view.n_generated, view.rare_model, runs, verdict))
    assert "help" in text and "seeds 0, 1" in text


def test_rare_words_say_no_clear_change_when_a_seed_disagrees():
    runs, verdict = compute.rare_runs(8, 5, 100, "ppca")
    assert verdict[0] == "no clear change"
    text = " ".join(w.rare_lines(8, 5, 124, 100, "ppca", runs, verdict))
    assert f"no clear change (±{verdict[1]:.1f} points)" in text and "help" not in text


def test_generative_models_fit_on_the_rare_split():
    X_train, _, y_train, _ = digits_split(0)
    keep = np.concatenate([np.flatnonzero(y_train != 2), np.flatnonzero(y_train == 2)[:3]])
    assert fit_digits("pca_gmm", X_train[keep], y_train[keep]).predict(X_train[:5]).shape == (5,)


# ---- the quiz questions' explanations --------------------------------------------------------------

def test_quiz_questions_are_fair_and_quote_the_measurements():
    from core.quiz import shown_choices
    from core.quiz_bank_pictures import QUESTIONS
    positions = [shown_choices(q, None).index(q.answer) for q in QUESTIONS]  # as the quiz shows them by default
    assert len(QUESTIONS) >= 3 and max(np.bincount(positions)) <= len(QUESTIONS) // 2  # not always in one place
    for q in QUESTIONS:  # the answer is neither the one longest nor the one shortest choice, all within 15
        lengths = sorted(len(c) for c in q.choices)
        n = len(q.answer)
        assert lengths[-1] - lengths[0] <= 15, q.id
        assert not (n == lengths[-1] and lengths.count(n) == 1) and not (n == lengths[0] and lengths.count(n) == 1)
    explanation = {q.id: q.explanation for q in QUESTIONS}
    _, X_test, _, _ = compute.split()
    assert f"{100 * grey_share(compute.class_means('ppca')):.1f}%" in explanation["digits_mean_is_not_a_sample"]
    assert f"{100 * grey_share(X_test):.1f}%" in explanation["digits_mean_is_not_a_sample"]
    curves = compute.hidden_curves()
    for key in ("pca_gmm", "logreg_mean", "logreg_visible"):
        assert w.pct(curves[key][4]) in explanation["digits_hidden_rows"]
    avg = compute.typicality()["ppca"]["average"]
    assert f"above {avg:.0f}%" in next(q.answer for q in QUESTIONS if q.id == "digits_p_of_x_misleads")
    assert compute.typicality()["ppca"]["shifted"] < 5  # "a real digit moved one column scores below nearly all"
    runs, verdict = compute.rare_runs(2, 3, 300, "gnb")
    assert verdict[0] == "gains" and compute.rare_runs(8, 5, 100, "ppca")[1][0] == "no clear change"
