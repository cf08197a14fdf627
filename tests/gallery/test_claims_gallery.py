"""Every sentence and number the gallery shows, checked on the view where it is shown.

The tiles' accuracies are the explorer's scores table's for the same data and model (the explorer itself is opened
and read); the intro's counts are the split's; the markers are the test points; the p(x | y) lines are each
generative model's own densities at the levels the caption names, and only theirs.
"""

import numpy as np
import pytest
from apptest_utils import array, assert_clean, figure, open_page

from core.datasets import DATASETS
from core.evaluation import classification_metrics
from core.figures.gallery import TILE_LEVELS
from core.models import DISCRIMINATIVE, GENERATIVE, MODELS, fit_model, models_of
from core.surfaces import posterior_from_log_density, relative_density
from ui import cache
from ui.gallery import words
from ui.gallery.panels import MAX_SHOWN, TILE_RES
from ui.gallery.state import GalleryView

PAGE = "pages/gallery.py"
GEN, DISC = models_of(GENERATIVE), models_of(DISCRIMINATIVE)


def shown_accuracy(fig: dict) -> str:
    note = fig["layout"]["annotations"][0]["text"]
    assert note.startswith("test accuracy ")
    return note.removeprefix("test accuracy ")


def explorer_accuracies(query: dict) -> list:
    """The explorer's scores table's test accuracies (generative, discriminative) on the view ``query`` links."""
    at = open_page("pages/explorer.py", query)
    assert_clean(at)
    table = next(m.value for m in at.markdown if "| test accuracy |" in m.value)
    row = next(line for line in table.splitlines() if line.startswith("| test accuracy |"))
    return [c.strip() for c in row.strip("|").split("|")[1:]]


@pytest.mark.parametrize("query", [{}, {"dataset": "iris", "n": "120", "seed": "5"},
                                   {"dataset": "three_gaussians", "noise": "1.4", "seed": "2", "n": "300"}])
def test_every_tile_shows_the_explorers_test_accuracy_for_the_same_view(query):
    at = open_page(PAGE, query)
    assert_clean(at)
    pairs = list(zip(GEN, DISC))
    if query:  # the defaults: every model; the other views: two pairs, to keep the test short
        pairs = pairs[::3]
    same_data = GalleryView.from_query(query)[0].explorer_query()  # the page's own "open in the explorer" link
    for gen, disc in pairs:
        shown = [shown_accuracy(figure(at, f"gl_tile_{m}")) for m in (gen, disc)]
        assert shown == explorer_accuracies({**same_data, "gen": gen, "disc": disc}), (gen, disc)


def test_the_accuracies_are_each_model_at_its_defaults_on_the_test_split():
    at = open_page(PAGE)
    train, test = cache.load_data(GalleryView().data_key)
    for name in MODELS:
        model = fit_model(name, train.X, train.y, class_names=train.class_names)
        expected = classification_metrics(test.y, model.predict_proba(test.X))["accuracy"]
        assert shown_accuracy(figure(at, f"gl_tile_{name}")) == f"{expected:.3f}", name


@pytest.mark.parametrize("query", [{}, {"dataset": "wine_2d", "n": "100", "seed": "3"}])
def test_the_intro_counts_the_training_and_test_points_and_names_the_data(query):
    at = open_page(PAGE, query)
    view, _ = GalleryView.from_query(query)
    train, test = cache.load_data(view.data_key)
    intro = at.markdown[0].value
    assert intro == words.intro(view, len(train.y), len(test.y))
    assert f"the same {len(train.y)} training points of **{DATASETS[view.dataset].label}**" in intro
    assert f"other {len(test.y)} points (the test split)" in intro


@pytest.mark.parametrize("n, shown", [(400, 120), (2000, MAX_SHOWN)])
def test_the_markers_are_the_test_points_or_the_sample_the_caption_names(n, shown):
    at = open_page(PAGE, {"n": str(n), "seed": "1"})
    _, test = cache.load_data(GalleryView(n_samples=n, seed=1).data_key)
    caption = next(c.value for c in at.caption if c.value.startswith("Markers:"))
    if shown == len(test.y):
        assert "Markers: the test points" in caption
    else:
        assert f"a random {shown} of the {len(test.y)} test points" in caption
    pairs = {tuple(p) for p in test.X.astype(np.float32)}
    drawn = []
    for name in MODELS:
        fig = figure(at, f"gl_tile_{name}")
        points = [(array(t["x"]), array(t["y"])) for t in fig["data"] if t["type"] == "scatter"]
        xy = np.vstack([np.column_stack(p) for p in points])
        assert len(xy) == shown and all(tuple(p) in pairs for p in xy), name
        drawn.append(sorted(map(tuple, xy)))
    assert all(d == drawn[0] for d in drawn)  # the same points on every tile


def test_the_black_lines_are_the_decision_boundaries():
    for query, K in (({}, 2), ({"dataset": "three_gaussians"}, 3)):
        at = open_page(PAGE, query)
        for name in MODELS:
            surface = figure(at, f"gl_tile_{name}")["data"][0]
            assert surface["contours"]["showlines"] and surface["line"]["color"] == "black"
            if K == 2:  # one line where P(y=1 | x) = 50%
                assert surface["contours"]["start"] == surface["contours"]["end"] == 50
            else:  # a line between each pair of neighbouring class bands (core.figures.explorer.regions_code)
                band = (surface["zmax"] + 1) // K
                assert surface["contours"]["size"] == band and surface["contours"]["start"] == band - 0.5


def test_the_generative_maps_come_from_p_x_given_y_by_bayes_rule_and_the_others_learn_no_density():
    view = GalleryView()
    for name in GEN:
        surf = cache.surfaces(view.data_key, name, (), TILE_RES)
        model = cache.fitted(view.data_key, name, ())
        assert hasattr(model, "class_log_likelihood")
        proba, _ = posterior_from_log_density(surf.log_density, model.priors_)
        assert np.allclose(proba, surf.proba, atol=1e-5)
    for name in DISC:
        assert not hasattr(cache.fitted(view.data_key, name, ()), "class_log_likelihood")
        assert cache.surfaces(view.data_key, name, (), TILE_RES).log_density is None


def test_the_p_x_given_y_lines_are_each_models_densities_at_the_levels_the_caption_names():
    at = open_page(PAGE, {"contours": "1"})
    caption = next(c.value for c in at.caption if c.value.startswith("White dotted lines"))
    assert caption == words.contours_caption(True)
    assert "at 10%, 50% and 90% of the class's peak" in caption and TILE_LEVELS == (10, 50, 90)
    view = GalleryView(contours=True)
    for name in GEN:
        lines = [t for t in figure(at, f"gl_tile_{name}")["data"] if t.get("name", "").startswith("p(x | ")]
        rel = relative_density(cache.surfaces(view.data_key, name, (), TILE_RES).log_density)
        for k, trace in enumerate(lines):
            c = trace["contours"]
            assert (c["start"], c["end"], c["size"]) == (10, 90, 40) and c["coloring"] == "lines"
            assert np.array_equal(array(trace["z"]), np.rint(rel[k] * 100).astype(np.uint8))
    for name in DISC:
        assert not [t for t in figure(at, f"gl_tile_{name}")["data"] if t.get("name", "").startswith("p(x")]
    off = open_page(PAGE)
    assert words.contours_caption(False) in [c.value for c in off.caption]


def test_each_tile_is_named_after_its_model():
    at = open_page(PAGE)
    for name in MODELS:
        title = figure(at, f"gl_tile_{name}")["layout"]["title"]["text"]
        assert title == words.short_label(name)
        assert title == MODELS[name].label or title in words.SHORT.values()
    assert len(set(words.SHORT.values())) == len(words.SHORT)  # no two tiles share a name


def _residual(log_odds: np.ndarray, grid, degree: int) -> float:
    """Largest deviation of ``log_odds`` on ``grid`` from its least-squares polynomial of ``degree`` in (x1, x2)."""
    X = grid.points
    ok = np.isfinite(log_odds.ravel())
    columns = [np.ones(len(X)), X[:, 0], X[:, 1]]
    if degree == 2:
        columns += [X[:, 0] ** 2, X[:, 0] * X[:, 1], X[:, 1] ** 2]
    A = np.column_stack(columns)[ok]
    coef, *_ = np.linalg.lstsq(A, log_odds.ravel()[ok], rcond=None)
    return float(np.abs(A @ coef - log_odds.ravel()[ok]).max())


def _pair_log_odds(proba: np.ndarray, i: int, j: int) -> np.ndarray:
    """log P(i | x) / P(j | x) where both are away from 0 (float32 keeps ~7 digits), NaN elsewhere."""
    p = proba.astype(float)
    sure = (p[i] > 1e-3) & (p[j] > 1e-3)
    return np.where(sure, np.log(np.where(sure, p[i] / np.where(sure, p[j], 1), 1)), np.nan)


@pytest.mark.parametrize("query", [{}, {"dataset": "correlated"}, {"dataset": "three_gaussians"}])
def test_what_to_notice_names_the_straight_and_the_quadratic_boundaries_truly(query):
    at = open_page(PAGE, query)
    view = GalleryView.from_query(query)[0]
    train, _ = cache.load_data(view.data_key)
    K = len(train.class_names)
    notes = "\n".join(m.value for m in at.markdown)
    assert "\n".join(f"- {line}" for line in words.notice(K)) in notes
    pairs = [(i, j) for i in range(K) for j in range(i + 1, K)]
    for name in words.STRAIGHT:  # linear log-odds: a straight boundary between every pair
        surf = cache.surfaces(view.data_key, name, (), TILE_RES)
        assert all(_residual(_pair_log_odds(surf.proba, i, j), surf.grid, 1) < 1e-2 for i, j in pairs), name
    if K == 2:
        assert "Logistic reg. draw a straight boundary" in notes and "quadratic in x" in notes
        for name in ("gnb", "qda"):
            surf = cache.surfaces(view.data_key, name, (), TILE_RES)
            assert _residual(_pair_log_odds(surf.proba, 1, 0), surf.grid, 2) < 1e-2, name
            assert _residual(_pair_log_odds(surf.proba, 1, 0), surf.grid, 1) > 0.1, name  # not straight here
    assert "the same training points and scored on the same test points" in notes
