"""Copy as Python on the digits page: ``core.snippet_pictures.pictures_script`` writes a script that, run in a fresh
process, prints the page's own test accuracies (``ui.pictures.cache``) for every part: the pair the page tests, each
generative model in "The average", the mixture integrating hidden rows out, and the rare digit's seed-0 run with
every generator."""

from __future__ import annotations

import numpy as np
import pytest
from script_runner import accuracy_lines, import_roots, run_scripts

from core.images import DIGIT_MODELS, fit_digits
from core.pictures import digits_split
from core.snippet_pictures import DEFAULTS, INTS, PARTS, pictures_script
from ui.pictures import cache
from ui.pictures.state import HIDDEN_ROWS, N_GENERATED, RARE_N, PicturesView
from ui.pictures.state import PARTS as PAGE_PARTS

LINKS = [
    {},
    {"pic_part": "classify"},
    *({"pic_part": "mean", "pic_mean_model": name} for name in DIGIT_MODELS),
    {"pic_part": "hide"},
    {"pic_part": "hide", "pic_hidden": "0"},
    {"pic_part": "hide", "pic_hidden": "6"},
    {"pic_part": "rare"},
    {"pic_part": "rare", "pic_rare_model": "ppca", "pic_rare_digit": "8", "pic_generated": "100"},
    {"pic_part": "rare", "pic_rare_model": "pca_gmm", "pic_rare_n": "10", "pic_generated": "50"},
    {"pic_part": "rare", "pic_rare_digit": "5", "pic_generated": "0"},
]


def expected(view: PicturesView) -> list:
    """The page's numbers: its accuracies table, its hidden-rows curves, its rare digit's seed-0 run."""
    if view.part == "rare":
        runs, _ = cache.rare_runs(view.rare_digit, view.rare_n, view.n_generated, view.rare_model)
        X_train, X_test, y_train, y_test = digits_split(0)
        keep = np.concatenate([np.flatnonzero(y_train != view.rare_digit),
                               np.random.default_rng(0).choice(np.flatnonzero(y_train == view.rare_digit),
                                                               view.rare_n, replace=False)])
        generator = fit_digits(view.rare_model, X_train[keep], y_train[keep])
        return [f"{runs[0]['accuracy'][0]:.3f}", f"{np.mean(generator.predict(X_test) == y_test):.3f}",
                f"{runs[0]['accuracy'][1]:.3f}"]
    if view.part == "hide":
        curves = cache.hidden_curves()
        return [f"{curves[k][view.hidden_rows]:.3f}" for k in ("pca_gmm", "logreg_mean")]
    acc = cache.accuracies()
    return [f"{acc[view.mean_model if view.part == 'mean' else 'ppca']:.3f}", f"{acc['logreg']:.3f}"]


def test_defaults_and_parts_are_the_pages():
    view = PicturesView()
    assert DEFAULTS == {k: getattr(view, k) for k in DEFAULTS}
    assert PARTS == tuple(PAGE_PARTS)
    allowed = {name: tuple(values) for name, (_, values) in INTS.items()}
    assert allowed == {"hidden_rows": tuple(range(HIDDEN_ROWS[0], HIDDEN_ROWS[1] + 1)), "rare_digit": tuple(range(10)),
                       "rare_n": tuple(range(RARE_N[0], RARE_N[1] + 1)), "n_generated": N_GENERATED}


def test_scripts_print_the_pages_accuracies(tmp_path):
    views = [PicturesView.from_query(link) for link in LINKS]
    assert all(problems == [] for _, problems in views)
    printed = run_scripts(tmp_path, [pictures_script(view.to_query()) for view, _ in views], last=3)
    for (view, _), lines in zip(views, printed):
        assert lines[-2].startswith("generative (") and lines[-1].startswith("discriminative (")
        want = expected(view)
        assert accuracy_lines(lines[-len(want):]) == want, (view, lines)


@pytest.mark.parametrize("link", [
    {"pic_part": "nowhere", "pic_mean_model": "vae", "pic_hidden": "9"},
    {"pic_part": "hide", "pic_hidden": "x"},
    {"pic_part": "rare", "pic_rare_n": "2", "pic_rare_digit": "-1", "pic_generated": "7"},
])
def test_bad_parameters_fall_back_as_the_page_does(link):
    view, problems = PicturesView.from_query(link)
    assert problems
    assert pictures_script(link) == pictures_script(view.to_query())


def test_script_is_python_with_only_numpy_and_sklearn():
    assert all(import_roots(pictures_script(link)) == {"numpy", "sklearn"} for link in LINKS)
