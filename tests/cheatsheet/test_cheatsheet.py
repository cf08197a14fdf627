"""The cheat sheet (``core/cheatsheet.py``) and its page; the glossary is checked in ``tests/test_glossary.py``.

Each row is tied to the code where it can be: "can sample" to the fitted model's ``sample``, "scores p(x)"
to ``log_px``, "a missing feature" to what ``predict_proba`` does with a NaN, the parameter counts to the
fitted arrays, the boundary words to the log-odds, and the checkable calibration words to the probabilities.
"""

import csv
import io
import re
from pathlib import Path

import numpy as np
import pytest
from apptest_utils import APP, assert_clean
from streamlit.testing.v1 import AppTest

from core.cheatsheet import (
    APPETITE,
    AT_A_GLANCE,
    COLUMNS,
    FAMILY_WORDS,
    LEGEND,
    MISSING_SHORT,
    NOTES,
    PLACEHOLDER,
    cheatsheet_row,
    count_at,
    markdown_table,
    n_parameters,
    pretty,
    probe,
    probe_data,
    to_csv,
    to_markdown,
)
from core.generative import GenerativeClassifier
from core.glossary import GLOSSARY
from core.models import DISCRIMINANT, GENERATIVE, MODELS, PROBABILISTIC, fit_model
from ui.cheatsheet import panels as page_words

UI = Path(__file__).resolve().parents[2] / "ui"


@pytest.fixture(scope="module")
def fitted():
    """Every registry model, fitted with its defaults on the probe data (as the page's rows are)."""
    data = probe_data()
    return {name: fit_model(name, data.X, data.y) for name in MODELS}


@pytest.fixture(scope="module")
def rows(fitted):
    return [cheatsheet_row(name, probe(name, fitted[name])) for name in MODELS]


@pytest.fixture(scope="module")
def row(rows):
    return {r["key"]: r for r in rows}


def toy(d: int, K: int, n_per_class: int = 30, seed: int = 0):
    """(X, y): K Gaussian classes in d dimensions, centres 3 apart along the diagonal."""
    rng = np.random.default_rng(seed)
    X = np.vstack([rng.normal(3.0 * k, 1.0, size=(n_per_class, d)) for k in range(K)])
    return X, np.repeat(np.arange(K), n_per_class)


# ---- one row per model, named and filed as the registry says ------------------------------------

def test_a_row_for_every_registry_model_named_by_its_label(rows):
    assert [r["model"] for r in rows] == [spec.label for spec in MODELS.values()]
    assert set(NOTES) == set(MODELS)
    for r in rows:
        assert all(str(r[k]).strip() for k in (*COLUMNS, *AT_A_GLANCE, *APPETITE)), r["model"]
        assert PLACEHOLDER not in r["missing"]
        assert "{" not in r["models"] + r["parameters"], r["model"]  # every hyperparameter was filled in


def test_the_family_is_the_registry_kind(row):
    assert set(FAMILY_WORDS) == {GENERATIVE, PROBABILISTIC, DISCRIMINANT}
    for name, spec in MODELS.items():
        assert row[name]["family"] == FAMILY_WORDS[spec.kind]
    assert row["logreg"]["family"] == "probabilistic discriminative"
    assert row["svm"]["family"] == "discriminant function" and row["lda"]["family"] == "generative"


def test_hyperparameters_in_the_words_are_the_registry_defaults(row):
    assert f"{MODELS['knn'].defaults()['n_neighbors']} nearest" in row["knn"]["models"]
    assert f"{MODELS['gmm'].defaults()['n_components']} Gaussians per class" in row["gmm"]["models"]
    for name in ("svm", "tree", "forest", "knn"):
        assert MODELS[name].proba_source in row[name]["models"]


# ---- capabilities, tied to the fitted models ----------------------------------------------------

@pytest.mark.parametrize("name", list(MODELS))
def test_can_sample_means_the_fitted_model_draws_points(fitted, row, name):
    model = fitted[name]
    can = callable(getattr(model, "sample", None))
    assert row[name]["sample"].startswith("yes") == can == (row[name]["sample_short"] == "yes")
    if can:
        X, y = model.sample(25, np.random.default_rng(1))
        assert X.shape == (25, 2) and np.isfinite(X).all() and set(y) <= set(model.classes_)


@pytest.mark.parametrize("name", list(MODELS))
def test_scores_px_means_log_px_exists_and_is_finite(fitted, row, name):
    model = fitted[name]
    can = callable(getattr(model, "log_px", None))
    assert row[name]["score"].startswith("yes") == can == (row[name]["score_short"] == "yes")
    if can:
        assert np.isfinite(model.log_px(probe_data().X)).all()


@pytest.mark.parametrize("name", list(MODELS))
def test_the_missing_feature_words_are_what_predict_proba_does_with_a_nan(fitted, row, name):
    model = fitted[name]
    X = probe_data().X[:6].copy()
    X[:3, 0] = X[3:, 1] = np.nan
    try:
        proba = model.predict_proba(X)
    except ValueError as exc:
        assert "NaN" in str(exc)
        assert row[name]["missing_short"] == MISSING_SHORT["error"] and row[name]["missing"].startswith("no")
        return
    assert np.allclose(proba.sum(axis=1), 1.0) and np.isfinite(proba).all()
    if isinstance(model, GenerativeClassifier):  # integrated out: tests/test_missing_features.py checks the value
        assert row[name]["missing_short"] == MISSING_SHORT["integrates"] and "integrated out" in row[name]["missing"]
    else:
        assert row[name]["missing_short"] == MISSING_SHORT["runs"] and "fixed route" in row[name]["missing"]


def test_a_tree_sends_a_nan_down_the_branch_that_held_more_training_points(fitted):
    tree = fitted["tree"].tree_
    inner = np.flatnonzero(tree.children_left >= 0)
    left, right = tree.n_node_samples[tree.children_left[inner]], tree.n_node_samples[tree.children_right[inner]]
    assert np.array_equal(tree.missing_go_to_left[inner].astype(bool), left > right)

    def walk(x):  # follow the larger branch wherever the split's feature is missing
        node = 0
        while tree.children_left[node] >= 0:
            f, t = tree.feature[node], tree.threshold[node]
            go_left = tree.missing_go_to_left[node] if np.isnan(x[f]) else x[f] <= t
            node = tree.children_left[node] if go_left else tree.children_right[node]
        return tree.value[node, 0] / tree.value[node, 0].sum()

    X = probe_data().X[:10].copy()
    X[:, 1] = np.nan
    assert np.allclose(fitted["tree"].predict_proba(X), [walk(x) for x in X])


# ---- parameter counts, against the fitted arrays ------------------------------------------------

def counted(name: str, model, K: int) -> tuple:
    """(numbers the fitted model holds, extra sizes n / n_sv the formula needs), read off its arrays."""
    unique = lambda covs: np.unique(np.round(covs, 12), axis=0)  # noqa: E731
    tri = lambda c: c.shape[-1] * (c.shape[-1] + 1) // 2  # noqa: E731 - free entries of a symmetric matrix
    if name == "gnb":
        return model.means_.size + model.var_.size + K - 1, {}
    if name == "nb_shared":
        assert len(unique(model.var_)) == 1
        return model.means_.size + model.var_[0].size + K - 1, {}
    if name in ("lda", "qda"):
        covs = unique(model.covariances_)
        assert len(covs) == (1 if name == "lda" else K) and np.allclose(covs, covs.transpose(0, 2, 1))
        return model.means_.size + len(covs) * tri(covs[0]) + K - 1, {}
    if name == "gmm":
        return sum(gm._n_parameters() for gm in model.mixtures_) + K - 1, {}
    if name == "kde":  # every point kept, its class (which class's density holds it), K - 1 priors
        data = [np.asarray(kde.tree_.data) for kde in model.kdes_]
        n = sum(len(a) for a in data)
        return sum(a.size for a in data) + n + model.priors_.size - 1, {"n": n}
    if name == "logreg":
        return model[-1].coef_.size + model[-1].intercept_.size, {}
    if name == "svm":
        cal = model[-1].calibrated_classifiers_
        svc = cal[0].estimator
        platt = 2 * len(cal[0].calibrators)
        return (svc.support_vectors_.size + svc.dual_coef_.size + svc.intercept_.size + platt,
                {"n_sv": len(svc.support_vectors_)})
    if name == "knn":
        knn = model[-1]
        return knn._fit_X.size + knn._y.size, {"n": len(knn._y)}
    if name == "mlp":
        mlp = model[-1]
        return sum(a.size for a in mlp.coefs_) + sum(b.size for b in mlp.intercepts_), {}
    trees = [model] if name == "tree" else model.estimators_
    numbers = 0
    for t in trees:
        inner = int(np.sum(t.tree_.children_left >= 0))
        numbers += 2 * inner + (K - 1) * (t.tree_.node_count - inner)  # a feature and a threshold; class shares
    return numbers, {}


@pytest.mark.parametrize("d, K", [(2, 2), (3, 3)])
def test_parameter_counts_are_the_fitted_arrays(d, K):
    X, y = toy(d, K)
    for name in MODELS:
        numbers, sizes = counted(name, fit_model(name, X, y), K)
        expected = n_parameters(name, d, K, **sizes)
        if NOTES[name].bound:
            assert numbers <= expected, name
        else:
            assert numbers == expected, (name, numbers, expected)


def test_the_d2_column_is_the_formula_at_two_features_and_two_classes(row):
    assert row["gnb"]["d2"] == "9" and row["lda"]["d2"] == "8" and row["qda"]["d2"] == "11"
    assert row["logreg"]["d2"] == "3" and row["mlp"]["d2"] == "337" and row["gmm"]["d2"] == "35"
    assert row["kde"]["d2"] == "3n + 1" and row["knn"]["d2"] == "3n" and row["svm"]["d2"] == "3n_SV + 3"
    assert row["tree"]["d2"] == "≤ 94" and row["forest"]["d2"] == "≤ 9500"
    assert all(row[name]["d2"] == count_at(name, 2, 2) for name in MODELS)


def test_formulas_read_as_written_by_hand():
    assert pretty("2*K*d + K - 1") == "2Kd + K − 1"
    assert pretty("K*d + K*d*(d + 1)/2 + K - 1") == "Kd + Kd(d + 1)/2 + K − 1"
    assert pretty("n_sv*d + 2*o") == "n_SV·d + 2o" and pretty("2*(2**D - 1)") == "2(2^D − 1)"


def test_each_formula_symbol_is_stated_with_its_default(row):
    for name, note in NOTES.items():
        for symbol, param in note.symbols.items():
            assert f"{symbol} = {MODELS[name].defaults()[param]}" in row[name]["parameters"], name
            assert f"{symbol} = {MODELS[name].defaults()[param]}" in row[name]["settings"], name
            assert f" {symbol} " in LEGEND, symbol
        assert (row[name]["settings"] == "any settings") == (not note.symbols and not note.fixed)


# ---- boundary words, against the log-odds ---------------------------------------------------------

def log_odds(model, X) -> np.ndarray:
    if isinstance(model, GenerativeClassifier):
        jll = model.joint_log_likelihood(X)
        return jll[:, 1] - jll[:, 0]
    return model.decision_function(X)


def residual(X, target, features) -> float:
    """Largest misfit of ``target`` by least squares on ``features`` (columns built from X)."""
    A = np.column_stack([np.ones(len(X))] + [f(X) for f in features])
    coef, *_ = np.linalg.lstsq(A, target, rcond=None)
    return float(np.max(np.abs(A @ coef - target)) / (1 + np.max(np.abs(target))))


LINEAR = [lambda X: X[:, 0], lambda X: X[:, 1]]
AXIS_QUADRATIC = LINEAR + [lambda X: X[:, 0] ** 2, lambda X: X[:, 1] ** 2]
QUADRATIC = AXIS_QUADRATIC + [lambda X: X[:, 0] * X[:, 1]]


def test_boundary_words_match_the_log_odds(row):
    from core.datasets import make_dataset

    data = make_dataset("correlated", 200, seed=3)
    grid = np.random.default_rng(0).uniform(-3, 3, size=(300, 2))
    checked = 0
    for name in MODELS:
        shape = row[name]["shape"]
        if shape not in ("linear", "linear (degree 1)", "quadratic", "quadratic, axis-aligned"):
            continue
        target = log_odds(fit_model(name, data.X, data.y), grid)
        if shape.startswith("linear"):
            assert residual(grid, target, LINEAR) < 1e-8, name
        elif shape == "quadratic, axis-aligned":
            assert residual(grid, target, AXIS_QUADRATIC) < 1e-8, name
        else:  # a full conic: the cross term is needed on correlated data
            assert residual(grid, target, QUADRATIC) < 1e-8, name
            assert residual(grid, target, AXIS_QUADRATIC) > 1e-3, name
        checked += 1
    assert checked == 5  # nb_shared, lda, logreg; gnb; qda


# ---- the checkable calibration words --------------------------------------------------------------

def test_a_tree_gives_exactly_0_or_1_where_a_leaf_holds_one_class(fitted, row):
    assert "exactly 0 or 1" in row["tree"]["calibration"]
    proba = fitted["tree"].predict_proba(probe_data().X)
    assert np.any(np.isin(proba, (0.0, 1.0)).all(axis=1))


def test_knn_vote_shares_come_in_steps_of_one_over_k(fitted, row):
    assert "steps of 1/k" in row["knn"]["calibration"]
    k = fitted["knn"][-1].n_neighbors
    proba = fitted["knn"].predict_proba(probe_data().X)
    assert np.allclose(proba * k, np.round(proba * k))


def test_far_from_the_data(fitted, row):
    X = probe_data().X
    far = X.mean(axis=0) + 40 * X.std(axis=0) * np.array([[1.0, 0.3], [-0.2, 1.0], [-1.0, -0.5]])
    assert "becomes sure there" in row["logreg"]["calibration"]
    assert fitted["logreg"].predict_proba(far).max(axis=1).min() > 0.99
    assert "every far point gets the same probability" in row["svm"]["calibration"]
    svm = fitted["svm"].predict_proba(far)
    assert np.allclose(svm, svm[0], atol=1e-6)
    assert "nearest training point (in standardised units) takes almost all" in row["kde"]["calibration"]
    kde = fitted["kde"]
    assert kde.predict_proba(far).max(axis=1).min() > 0.99
    Z, far_z = (X - kde.center_) / kde.scale_, (far - kde.center_) / kde.scale_
    nearest = np.argmin(((far_z[:, None] - Z[None]) ** 2).sum(axis=2), axis=1)
    assert np.array_equal(kde.predict(far), probe_data().y[nearest])


def test_a_strong_penalty_makes_logistic_regression_under_confident(row):
    assert "small C) makes it under-confident" in row["logreg"]["calibration"]
    data = probe_data()
    for C in (1e-3, 1e-2):
        proba = fit_model("logreg", data.X, data.y, C=C).predict_proba(data.X)
        accuracy = np.mean(proba.argmax(axis=1) == data.y)
        assert proba.max(axis=1).mean() < accuracy - 0.1


def test_the_mlp_and_logistic_regression_output_a_sigmoid_for_two_classes_and_a_softmax_for_more(fitted, row):
    assert "sigmoid (two classes) or softmax" in row["mlp"]["models"] + row["logreg"]["models"]
    assert fitted["mlp"][-1].out_activation_ == "logistic"
    X, y = toy(2, 3)
    assert fit_model("mlp", X, y)[-1].out_activation_ == "softmax"


# ---- exports ---------------------------------------------------------------------------------------

def test_csv_parses_back_to_the_rows(rows):
    back = list(csv.DictReader(io.StringIO(to_csv(rows))))
    assert [list(b) for b in back] == [list(COLUMNS.values())] * len(rows)
    assert back == [{COLUMNS[k]: str(r[k]) for k in COLUMNS} for r in rows]


def parse_markdown_table(text: str) -> list:
    lines = [line for line in text.splitlines() if line.startswith("|")]
    cells = [[c.strip().replace(r"\|", "|") for c in re.split(r"(?<!\\)\|", line)[1:-1]] for line in lines]
    assert set("".join(cells[1])) <= set("-:")
    return [dict(zip(cells[0], c)) for c in cells[2:]]


def test_markdown_parses_back_to_the_rows(rows):
    text = to_markdown(rows)
    assert text.startswith("# ") and "o = 1 for two classes" in text
    assert parse_markdown_table(text) == [{COLUMNS[k]: str(r[k]) for k in COLUMNS} for r in rows]
    assert any("|" in r["models"] for r in rows)  # p(x | y): the escaping is exercised
    assert parse_markdown_table(markdown_table(rows, APPETITE))[0] == {
        h: str(rows[0][k]) for k, h in APPETITE.items()}


# ---- the page's words and the page ----------------------------------------------------------------

def test_what_to_notice_is_read_off_the_rows_and_formulas(rows):
    first, lda_qda, ng_jordan = page_words.notice(rows)
    assert first.startswith("Only the generative models") and "Decision tree and Random forest" in first
    assert all(f"{d * (d + 1) // 2} " in lda_qda or f"{d * (d + 1) // 2}:" in lda_qda for d in (2, 10, 100))
    assert "fits 301 numbers and logistic regression 101" in ng_jordan
    assert "its own, lower or equal, after O(d)" in ng_jordan and "(higher)" not in ng_jordan


def test_a_card_holds_every_column_in_full(rows):
    text = page_words.card(rows[0])
    assert all(str(rows[0][k]) in text for k in COLUMNS if k not in ("d2",))


def test_the_page_runs_with_its_three_downloads_and_every_glossary_anchor():
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/cheatsheet.py").run()
    assert_clean(at)
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == ["Download CSV", "Download Markdown", "Printable one-pager"]
    assert len(at.dataframe) == 2 and at.dataframe[0].value.shape == (len(MODELS), len(AT_A_GLANCE))
    assert list(at.dataframe[0].value["Model"]) == [spec.label for spec in MODELS.values()]
    anchors = {h.proto.anchor for h in at.subheader}
    assert {entry["anchor"] for entry in GLOSSARY.values()} <= anchors
