"""core.powers and the page's view: novelty, a hidden feature, labelled subsets, the link."""

import numpy as np
import pytest

from core.datasets import make_dataset, train_test_split
from core.models import fit_model
from core.powers import (
    along_observed_axis,
    far_point,
    hidden_feature_accuracy,
    hide,
    labelled_subset,
    mean_imputed,
    novelty_threshold,
)
from ui.generative_powers.state import PowersView


@pytest.fixture(scope="module")
def three():
    return train_test_split(make_dataset("three_gaussians", 400, seed=0), 0.3, seed=0)


def test_novelty_threshold_is_the_percentile_of_the_training_log_px(three):
    train, _ = three
    model = fit_model("qda", train.X, train.y)
    threshold = novelty_threshold(model, train.X, 5.0)
    assert np.mean(model.log_px(train.X) < threshold) == pytest.approx(0.05, abs=1 / len(train.y))


def test_the_far_point_is_at_least_one_data_range_from_every_point(three):
    train, _ = three
    x = np.asarray(far_point(train.X))
    span = train.X[:, 0].max() - train.X[:, 0].min()
    assert np.min(np.linalg.norm(train.X - x, axis=1)) >= span - 1e-9


def test_hide_and_mean_imputation_copy_and_change_one_feature(three):
    train, _ = three
    hidden, filled = hide(train.X, 1), mean_imputed(train.X, 0, 7.0)
    assert np.isnan(hidden[:, 1]).all() and np.array_equal(hidden[:, 0], train.X[:, 0])
    assert (filled[:, 0] == 7.0).all() and not np.isnan(train.X).any()


def test_curves_along_the_observed_axis_are_the_marginal_and_the_mean_imputed_posteriors(three):
    train, _ = three
    gen, disc = fit_model("qda", train.X, train.y), fit_model("logreg", train.X, train.y)
    xs, g, d = along_observed_axis(gen, disc, train.X, hidden=1, n_points=7)
    X_obs = np.column_stack([xs, np.full(7, np.nan)])
    assert np.allclose(g, gen.predict_proba(X_obs))
    assert np.allclose(d, disc.predict_proba(np.column_stack([xs, np.full(7, train.X[:, 1].mean())])))
    assert xs.min() < train.X[:, 0].min() and xs.max() > train.X[:, 0].max()


def test_hidden_feature_accuracy_on_the_page_default(three):
    # the view's default (three classes, QDA): hiding x2 costs the mean-imputed model more than the marginal
    train, test = three
    gen, disc = fit_model("qda", train.X, train.y), fit_model("logreg", train.X, train.y)
    s = hidden_feature_accuracy(gen, disc, "logreg", {}, train, test, hidden=1)
    assert s["generative"] > s["discriminative"] + 0.02
    refit = fit_model("logreg", train.X[:, [0]], train.y)
    assert s["refit"] == pytest.approx(np.mean(refit.predict(test.X[:, [0]]) == test.y))
    assert s["full_generative"] == pytest.approx(np.mean(gen.predict(test.X) == test.y))


def test_labelled_subset_takes_k_of_every_class_and_refuses_to_label_a_whole_class():
    y = np.array([0] * 5 + [1] * 9)
    idx = labelled_subset(y, 3, seed=1)
    assert np.bincount(y[idx]).tolist() == [3, 3] and len(np.unique(idx)) == 6
    assert np.array_equal(idx, labelled_subset(y, 3, seed=1))
    with pytest.raises(ValueError, match="would leave none unlabelled"):
        labelled_subset(y, 5)


def test_the_view_round_trips_through_a_link_and_bad_values_fall_back():
    view = PowersView(dataset="moons", gen="lda", disc="svm", percentile=2.5, hidden="x1", k_labels=20, em_iter=3)
    again, problems = PowersView.from_query(view.to_query())
    assert again == view and problems == []
    assert PowersView().to_query() == {}
    bad, problems = PowersView.from_query({"dataset": "nope", "gen": "logreg", "k": "0", "pct": "abc", "hide": "x3"})
    assert bad == PowersView() and len(problems) == 5
    assert PowersView(gen="kde").em_model == "lda" and PowersView(gen="gnb").em_model == "gnb"


def test_the_view_uses_the_explorers_data_and_caches():
    from ui.explorer.state import ExplorerView
    assert PowersView(dataset="moons", n_samples=300, seed=4).data_key == \
        ExplorerView(dataset="moons", n_samples=300, seed=4).data_key
