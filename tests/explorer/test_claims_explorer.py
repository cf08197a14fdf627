"""Every checkable sentence the explorer shows, checked on the view where it is shown.

The words live in ``ui/notes.py`` and ``ui/scenes.py``; each test here builds the view a sentence is
shown on, asserts that the sentence is (or is not) shown there, and checks what it says against the
fitted models: "straight" = linear log-odds, "moves toward A" = the sign of the shift, "near chance" =
test accuracy, and so on. The whole app's forbidden phrases are in ``tests/test_claims_words.py``.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pytest

from core.datasets import make_dataset, train_test_split
from core.models import DISCRIMINANT, MODELS, PROBABILISTIC, fit_model, models_of
from core.surfaces import compute_surfaces, disagreement_by_region, far_from_data, make_grid
from ui.explorer import notes
from ui.explorer.scenes import SCENES
from ui.explorer.state import ExplorerView

GEN, DISC = models_of("generative"), models_of("discriminative")


@lru_cache(maxsize=64)
def fitted(view: ExplorerView):
    """(train, test, generative model, discriminative model) of ``view``, as the app fits them."""
    dataset, n, noise, share, seed, test_fraction = view.data_key
    train, test = train_test_split(make_dataset(dataset, n, noise=noise, seed=seed, share=share), test_fraction, seed)
    gen = fit_model(view.gen, train.X, train.y, **dict(view.gen_params))
    disc = fit_model(view.disc, train.X, train.y, **dict(view.disc_params))
    return train, test, gen, disc


def accuracy(model, data) -> float:
    return float(np.mean(model.predict(data.X) == data.y))


def gen_notes(view: ExplorerView) -> str:
    train, _, gen, _ = fitted(view)
    return notes.generative_notes(view, gen, train.class_names)


def is_linear(values, X, tol=1e-6) -> bool:
    """True when ``values`` (one per row of X) are an affine function of x."""
    design = np.column_stack([np.ones(len(X)), X])
    coef, *_ = np.linalg.lstsq(design, values, rcond=None)
    return np.abs(design @ coef - values).max() < tol * (1 + np.abs(values).max())


def pairwise_log_odds(log_scores):
    K = log_scores.shape[1]
    return [log_scores[:, j] - log_scores[:, 0] for j in range(1, K)]


def gen_log_odds_linear(view) -> bool:
    train, _, gen, _ = fitted(view)
    return all(is_linear(lo, train.X) for lo in pairwise_log_odds(gen.class_log_likelihood(train.X)))


def disc_log_odds_linear(view) -> bool:
    train, _, _, disc = fitted(view)
    log_p = np.log(np.clip(disc.predict_proba(train.X), 1e-300, 1))
    return all(is_linear(lo, train.X, tol=1e-5) for lo in pairwise_log_odds(log_p))


# ---- generative row: the model's line ---------------------------------------------------------

@pytest.mark.parametrize("dataset", ["correlated", "three_gaussians"])
def test_naive_bayes_contours_are_axis_aligned(dataset):
    view = ExplorerView(dataset=dataset, gen="gnb")
    assert "axis-aligned ellipses" in gen_notes(view)
    train, _, gen, _ = fitted(view)
    grid = make_grid(train.X, 30)
    log_p = compute_surfaces(gen, grid).log_density  # (K, ny, nx)
    mixed = log_p[:, 1:, 1:] - log_p[:, 1:, :-1] - log_p[:, :-1, 1:] + log_p[:, :-1, :-1]
    assert np.abs(mixed).max() < 1e-3  # no x1 * x2 term: the ellipses cannot tilt


@pytest.mark.parametrize("gen", ["nb_shared", "lda"])
@pytest.mark.parametrize("dataset", ["correlated", "moons", "three_gaussians"])
def test_shared_spread_models_are_said_and_seen_to_be_straight(gen, dataset):
    view = ExplorerView(dataset=dataset, gen=gen)
    text = gen_notes(view)
    assert ("straight line" in text) == (dataset != "three_gaussians")
    assert ("piecewise-linear" in text) == (dataset == "three_gaussians")
    assert gen_log_odds_linear(view)


def test_qda_curves_and_at_full_regularisation_is_straight():
    curved = ExplorerView(dataset="three_gaussians", gen="qda")
    assert "curves" in gen_notes(curved) and not gen_log_odds_linear(curved)
    flat = ExplorerView(dataset="three_gaussians", gen="qda", gen_params=(("reg_param", 1.0),))
    assert "piecewise-linear" in gen_notes(flat) and gen_log_odds_linear(flat)


@pytest.mark.parametrize(("cov", "same_as"), [("full", "qda"), ("tied", "qda"), ("diag", "gnb")])
def test_a_one_component_mixture_is_the_single_gaussian_model_the_note_names(cov, same_as):
    view = ExplorerView(dataset="three_gaussians", gen="gmm", gen_params=(("covariance_type", cov),
                                                                          ("n_components", 1)))
    assert MODELS[same_as].label.split()[-1] in gen_notes(view) or "QDA" in gen_notes(view)
    train, _, gmm, _ = fitted(view)
    other = fit_model(same_as, train.X, train.y)
    assert np.abs(gmm.predict_proba(train.X) - other.predict_proba(train.X)).max() < 0.02


# ---- generative row: the prior and the marginal -----------------------------------------------

@pytest.mark.parametrize("dataset", ["blobs", "moons", "three_gaussians"])
def test_raising_the_slider_class_prior_grows_its_region_and_moves_the_boundary_toward_the_others(dataset):
    view = ExplorerView(dataset=dataset)
    train, _, gen, _ = fitted(view)
    names = train.class_names
    who, rest = notes.prior_target(names)
    text = gen_notes(view)
    assert f"Raise **P(y = {who})**" in text
    k = names.index(who)
    grid = make_grid(train.X, 60)
    before = compute_surfaces(gen, grid).proba
    priors = gen.priors_.copy()
    priors[k] += 0.2
    priors[np.arange(len(names)) != k] *= (1 - priors[k]) / (1 - gen.priors_[k])
    after = compute_surfaces(gen, grid, priors).proba
    assert np.all(after[k] >= before[k] - 1e-6)
    assert (after.argmax(0) == k).sum() > (before.argmax(0) == k).sum()
    if dataset == "blobs":  # A is on the left: the boundary along x2 = 0 moves left, toward A
        assert f"toward {rest[0]}" in text
        mid = np.argmin(np.abs(grid.ys))
        cross = lambda p: grid.xs[np.argmax(p[1, mid] > 0.5)]  # noqa: E731
        assert cross(after) < cross(before)


@pytest.mark.parametrize("gen", ["gnb", "nb_shared", "lda", "qda", "gmm"])
def test_xor_marginal_sentence_says_which_point_the_model_finds_typical(gen):
    view = ExplorerView(dataset="xor", gen=gen)
    train, _, model, _ = fitted(view)
    ratio = notes.xor_centre_ratio(model)
    text = gen_notes(view)
    if gen == "gmm":
        assert ratio < 1 and "as it should" in text
    else:  # the measurement: single Gaussians rate the empty origin 2-4x the blob centres
        assert ratio > 1.5 and f"**{ratio:.1f}×** as typical" in text
    # the centre is empty: far fewer training points near it than near a blob centre
    near = lambda c: np.sum(np.linalg.norm(train.X - np.asarray(c), axis=1) < 0.4)  # noqa: E731
    assert near((0, 0)) * 5 < near((1, 1))


def test_every_view_keeps_the_outlier_caveat():
    for gen in GEN:
        assert "only as well as its p(x | y) fits" in gen_notes(ExplorerView(gen=gen))


# ---- generative row: dataset lines ------------------------------------------------------------

@pytest.mark.parametrize("gen", GEN)
def test_xor_lines(gen):
    view = ExplorerView(dataset="xor", gen=gen)
    _, test, model, _ = fitted(view)
    text = gen_notes(view)
    if gen in ("gnb", "nb_shared", "lda"):
        assert "cannot tell the classes apart" in text and accuracy(model, test) < 0.65
        assert "centred at the origin" not in text
    if gen == "qda":
        assert "opposite correlations" in text and accuracy(model, test) > 0.9
        corr = model.covariances_[:, 0, 1]
        assert corr[0] > 0 > corr[1]  # A along x2 = x1, B along x2 = -x1
    if gen == "gmm":
        assert "its own Gaussian" in text and accuracy(model, test) > 0.9


@pytest.mark.parametrize("gen", GEN)
def test_circles_lines(gen):
    view = ExplorerView(dataset="circles", gen=gen)
    train, test, model, _ = fitted(view)
    text = gen_notes(view)
    assert "two **rings**" in text and "small round Gaussian" not in text
    radius = np.linalg.norm(train.X, axis=1)
    assert radius[train.y == 0].min() > 0.66 and radius.min() > 0.2  # A outside B, the centre empty
    if gen in ("gnb", "qda"):
        assert "A's density peaks in the empty centre" in text and accuracy(model, test) > 0.9
        grid = make_grid(train.X, 61)
        log_a = compute_surfaces(model, grid).log_density[0]
        peak = grid.points[np.argmax(log_a)]
        assert np.linalg.norm(peak) < 0.3
        regions = compute_surfaces(model, grid).regions
        border = np.r_[regions[0], regions[-1], regions[:, 0], regions[:, -1]]
        assert (regions == 1).any() and not (border == 1).any()  # a closed curve around B
    if gen in ("nb_shared", "lda"):
        assert "near chance" in text and accuracy(model, test) < 0.7


def test_moons_line_a_mixture_or_kde_follows_the_crescents_better():
    views = {g: ExplorerView(dataset="moons", gen=g) for g in GEN}
    assert all("cannot follow a crescent" in gen_notes(v) for v in views.values())
    acc = {g: accuracy(fitted(v)[2], fitted(v)[1]) for g, v in views.items()}
    assert min(acc["gmm"], acc["kde"]) > max(acc["gnb"], acc["nb_shared"], acc["lda"], acc["qda"]) + 0.03


def test_density_caption_names_the_levels_the_figure_draws():
    from core.figures.explorer import DENSITY_LEVELS
    caption = notes.density_caption()
    assert all(f"{v}" in caption for v in DENSITY_LEVELS) and "own peak" in caption


# ---- discriminative row -----------------------------------------------------------------------

@pytest.mark.parametrize("disc", DISC)
def test_each_model_is_described_as_the_kind_it_is(disc):
    text = notes.discriminative_notes(ExplorerView(disc=disc), 2)
    if MODELS[disc].kind == PROBABILISTIC:
        assert "P(y | x) directly" in text
    else:
        assert MODELS[disc].kind == DISCRIMINANT and "decision rule" in text and MODELS[disc].proba_source in text


def test_proba_sources_are_what_the_models_compute():
    train, _, _, svm = fitted(ExplorerView(disc="svm"))
    calibrated = svm[-1]
    assert type(calibrated).__name__ == "CalibratedClassifierCV" and calibrated.method == "sigmoid"
    tree = fitted(ExplorerView(disc="tree"))[3]
    leaves = tree.apply(train.X)
    counts = np.array([np.bincount(train.y[tree.apply(train.X) == leaf], minlength=2) for leaf in leaves])
    assert np.allclose(tree.predict_proba(train.X), counts / counts.sum(axis=1, keepdims=True))
    knn = fitted(ExplorerView(disc="knn"))[3]
    assert np.all(np.isin(np.round(knn.predict_proba(train.X) * 15, 6) % 1, [0]))  # votes out of k = 15


@pytest.mark.parametrize("gen", ["lda", "nb_shared", "gnb"])
@pytest.mark.parametrize("dataset", ["blobs", "three_gaussians"])
def test_logistic_regression_straight_line_note_depends_on_degree(gen, dataset):
    K = 3 if dataset == "three_gaussians" else 2
    view = ExplorerView(dataset=dataset, gen=gen)
    text = notes.discriminative_notes(view, K)
    assert ("**both**" in text) == (gen != "gnb")
    assert ("straight line" in text) == (K == 2) and ("piecewise-linear" in text) == (K == 3)
    assert disc_log_odds_linear(view)
    bent = ExplorerView(dataset=dataset, gen=gen, disc_params=(("degree", 2),))
    text = notes.discriminative_notes(bent, K)
    assert "straight" not in text and "degree 2" in text and "curve" in text
    assert not disc_log_odds_linear(bent)


@pytest.mark.parametrize("disc", ["tree", "forest"])
def test_tree_boundaries_are_axis_aligned_staircases(disc):
    view = ExplorerView(dataset="correlated", disc=disc)
    assert "staircase" in notes.discriminative_notes(view, 2)
    train, _, _, model = fitted(view)
    grid = make_grid(train.X, 80)
    proba = compute_surfaces(model, grid).proba[1]
    # P changes along x1 only between the same columns in every row (a threshold on x1), and likewise along x2
    steps_x = np.abs(np.diff(proba, axis=1)) > 1e-9
    steps_y = np.abs(np.diff(proba, axis=0)) > 1e-9
    assert steps_x.any() and steps_y.any()
    assert set(np.flatnonzero(steps_x.any(axis=0))) <= _threshold_columns(model, grid.xs, 0)
    assert set(np.flatnonzero(steps_y.any(axis=1))) <= _threshold_columns(model, grid.ys, 1)


def _threshold_columns(model, axis_values, feature) -> set:
    """Indices i such that a split threshold on ``feature`` lies between axis_values[i] and [i + 1]."""
    trees = getattr(model, "estimators_", [model])
    cuts = np.concatenate([t.tree_.threshold[t.tree_.feature == feature] for t in trees])
    return {int(i) for c in cuts for i in np.flatnonzero((axis_values[:-1] <= c) & (c < axis_values[1:]))}


# ---- the difference map -----------------------------------------------------------------------

@pytest.mark.parametrize(("scene", "region"), [("start", "boundary"), ("straight", "boundary"),
                                               ("tilted", "boundary"), ("moons", "far")])
def test_difference_caption_names_the_region_where_the_maps_differ_most(scene, region):
    view = SCENES[scene].view
    train, _, gen, disc = fitted(view)
    grid = make_grid(train.X, 150)
    where = disagreement_by_region(compute_surfaces(gen, grid).proba, compute_surfaces(disc, grid).proba,
                                   far_from_data(grid, train.X))
    means = {k: m for k, (m, _) in where.items()}
    assert max(means, key=means.get) == region
    caption = notes.difference_caption(where, shifted=False)
    assert notes.REGION_WORDS[region] in caption
    assert f"{notes.REGION_NAMES[region]} {100 * means[region]:.1f}" in caption
    assert "usually far from the data" not in caption


def test_disagreement_regions_partition_the_grid():
    view = SCENES["moons"].view
    train, _, gen, disc = fitted(view)
    grid = make_grid(train.X, 50)
    far = far_from_data(grid, train.X)
    where = disagreement_by_region(compute_surfaces(gen, grid).proba, compute_surfaces(disc, grid).proba, far)
    assert sum(share for _, share in where.values()) == pytest.approx(1.0)
    same = disagreement_by_region(compute_surfaces(gen, grid).proba, compute_surfaces(gen, grid).proba, far)
    assert all(m == 0 for m, _ in same.values() if not np.isnan(m))


# ---- scenes -----------------------------------------------------------------------------------

def test_start_scene_both_models_separate_the_blobs_about_equally_well():
    _, test, gen, disc = fitted(SCENES["start"].view)
    assert "about equally well" in SCENES["start"].lesson
    assert abs(accuracy(gen, test) - accuracy(disc, test)) <= 0.03


def test_straight_scene_both_boundaries_are_straight():
    view = SCENES["straight"].view
    assert "both boundaries are straight lines" in SCENES["straight"].lesson
    assert gen_log_odds_linear(view) and disc_log_odds_linear(view)


def test_curved_scene_says_rings_and_qda_still_classifies_well():
    lesson = SCENES["curved"].lesson
    assert "two rings" in lesson and "narrow" not in lesson
    view = SCENES["curved"].view
    _, test, qda, linear = fitted(view)
    assert accuracy(qda, test) > 0.9 and accuracy(linear, test) < 0.7  # "can only draw a line"
    bent = ExplorerView(dataset="circles", gen="qda", disc_params=(("degree", 2),))
    assert accuracy(fitted(bent)[3], test) > 0.9  # "raise its degree to 2 to match"


def test_moons_scene_the_svm_is_about_as_good_and_cannot_sample():
    _, test, gmm, svm = fitted(SCENES["moons"].view)
    assert abs(accuracy(gmm, test) - accuracy(svm, test)) <= 0.03
    assert not hasattr(svm, "sample") and hasattr(gmm, "sample")


def test_rare_scene_the_generative_boundary_moves_toward_a():
    view = SCENES["rare"].view
    assert "moves toward A" in SCENES["rare"].lesson and "P(B) = 0.5" in SCENES["rare"].lesson
    assert view.prior == 0.5
    train, _, gen, _ = fitted(view)
    grid = make_grid(train.X, 150)
    mid = np.argmin(np.abs(grid.ys))
    cross = lambda p: grid.xs[np.argmax(p[1, mid] > 0.5)]  # noqa: E731
    learned, told = compute_surfaces(gen, grid).proba, compute_surfaces(gen, grid, (0.5, 0.5)).proba
    assert gen.priors_[1] == pytest.approx(0.2, abs=0.01)
    assert cross(told) < cross(learned)  # A sits at x1 = -1.5: the boundary moves left


def test_rare_scene_lesson_only_shows_while_the_prior_it_names_is_set():
    from ui.explorer.scenes import scene_showing
    view = SCENES["rare"].view
    assert scene_showing(view) is SCENES["rare"]
    assert scene_showing(ExplorerView(**{**view.__dict__, "prior_disc": True})) is SCENES["rare"]
    assert scene_showing(ExplorerView(**{**view.__dict__, "prior": 0.74})) is None
    assert scene_showing(ExplorerView(**{**view.__dict__, "prior": None})) is None


# ---- no sentence says a discriminative model cannot take a new prior --------------------------

@pytest.mark.parametrize("disc", DISC)
def test_the_info_box_says_a_new_prior_can_be_applied_by_reweighting(disc):
    text = notes.no_density_note(disc)
    assert "reweighting" in text and "cannot draw new points" in text
    # "rougher" and "uncalibrated" for the models whose P(y | x) are raw leaf or vote shares; Platt scaling is a
    # calibration, so the SVM is not among them
    assert ("rougher" in text) == ("uncalibrated" in text) == (disc in ("tree", "forest", "knn"))
    assert ("rougher" in text) == (not MODELS[disc].calibrated)


# ---- help texts -------------------------------------------------------------------------------

def test_qda_regularisation_1_gives_every_class_the_same_axis_aligned_ellipse_of_the_feature_spreads():
    assert "same axis-aligned ellipse" in MODELS["qda"].params["reg_param"].help
    train, _, qda, _ = fitted(ExplorerView(dataset="correlated", gen="qda", gen_params=(("reg_param", 1.0),)))
    expected = np.diag(train.X.std(axis=0) ** 2)
    assert np.allclose(qda.covariances_, expected[None], rtol=1e-6)


def test_variance_smoothing_adds_a_fraction_of_each_features_own_variance():
    assert "each feature's variance" in MODELS["gnb"].params["var_smoothing"].help
    scale = np.array([1.0, 10.0])
    train, _, _, _ = fitted(ExplorerView(dataset="blobs"))
    X = train.X * scale
    plain = fit_model("gnb", X, train.y, var_smoothing=1e-9)
    smooth = fit_model("gnb", X, train.y, var_smoothing=0.1)
    assert np.allclose(smooth.var_ - plain.var_, 0.1 * X.var(axis=0)[None], rtol=1e-6)


def test_far_from_data_is_measured_from_the_nearest_training_point():
    X = np.array([[0.0, 0.0], [1.0, 0.0], [2.0, 0.0]])  # spacing 1: far means farther than 3 from every point
    grid = make_grid(np.array([[-5.0, -5.0], [7.0, 5.0]]), 13)
    far = far_from_data(grid, X)
    distance = np.min(np.linalg.norm(grid.points[:, None] - X[None], axis=2), axis=1).reshape(grid.shape)
    assert np.array_equal(far, distance > 3.0) and far.any() and not far.all()


def test_tilted_scene_naive_bayes_cannot_tilt_and_lda_or_qda_capture_the_tilt():
    view = SCENES["tilted"].view
    assert "can only draw axis-aligned ones" in SCENES["tilted"].lesson and view.gen == "gnb"
    train, _, nb, _ = fitted(view)
    X_new, y_new = nb.sample(4000, np.random.default_rng(0))
    for k in (0, 1):  # within each class its samples are not tilted either
        assert abs(np.corrcoef(X_new[y_new == k].T)[0, 1]) < 0.1
    for gen in ("lda", "qda"):
        model = fitted(ExplorerView(dataset="correlated", gen=gen))[2]
        cov = model.covariances_[0]
        assert cov[0, 1] / np.sqrt(cov[0, 0] * cov[1, 1]) > 0.8  # the data's rho = 0.9
