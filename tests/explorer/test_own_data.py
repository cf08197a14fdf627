"""Bring your own data: shipped datasets (pools), a CSV upload, drawn points, exports.

The registry's kinds, the pools' descriptions (each claim checked on the data), the link for
drawn points, and the explorer driven by AppTest: upload, column pickers, a bad file, drawing
(undo, clear, start from a dataset), the downloads and the PNG button.
"""

import json

import numpy as np
import pytest
from apptest_utils import assert_clean, figure, open_page, traces
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis, QuadraticDiscriminantAnalysis
from sklearn.linear_model import LogisticRegression

from core.datasets import (
    DATASETS,
    DRAWN,
    GENERATED,
    GENERATOR,
    POOL,
    UPLOAD,
    Dataset,
    datasets_of,
    make_dataset,
    pool_dataset,
    pool_key,
    register_pool,
    subsample,
)
from core.export import model_parameters, parameters_json
from core.io import dataset_to_csv
from core.models import MODELS, fit_model
from core.prior_shift import deployment_rows, resampled_pool
from core.scenarios import REAL_DATASETS
from ui.explorer.notes import measured_line, within_class_correlations
from ui.explorer.own_data import display_name, inert_markdown
from ui.explorer.state import LINK_POINTS, ExplorerView, drawn_dataset, parse_drawn

PAGE = "pages/explorer.py"
POOLS = datasets_of(POOL)
GOOD_CSV = b"height,<b>weight</b>,kind\n" + b"".join(
    f"{i % 7 + 0.1 * (i % 3)},{(i * 3) % 11},{'cat' if i % 2 else 'dog'}\n".encode() for i in range(60))


# ---- the registry -----------------------------------------------------------------------------

def test_every_entry_says_its_kind_and_pools_never_reach_the_pages_that_need_fresh_samples():
    assert {s.kind for s in DATASETS.values()} == {GENERATOR, POOL, UPLOAD, DRAWN}
    assert set(POOLS) == {"iris", "wine_2d", "cancer_2d"}
    assert GENERATED == datasets_of(GENERATOR) and not set(GENERATED) & set(datasets_of(POOL, UPLOAD, DRAWN))
    assert all(DATASETS[k].generator is not None for k in GENERATED)
    assert not set(DATASETS) & set(REAL_DATASETS)  # keys stay unique across registries


@pytest.mark.parametrize("name", POOLS)
def test_a_shipped_dataset_is_two_features_with_its_names_on_the_axes(name):
    data = DATASETS[name].load()
    assert data.X.shape[1] == 2 and np.all(np.isfinite(data.X))
    assert data.class_names == DATASETS[name].names() and data.n_classes == DATASETS[name].n_classes
    standardised = all("(standardised)" in f for f in data.feature_names)
    assert standardised == ("standardised" in DATASETS[name].description)
    if standardised:  # the axes say so, and it is true
        np.testing.assert_allclose(data.X.mean(axis=0), 0, atol=1e-9)
        np.testing.assert_allclose(data.X.std(axis=0), 1, atol=1e-9)
    else:
        assert all("(cm)" in f for f in data.feature_names)


def test_iris_description_setosa_apart_the_other_two_touch_petal_sizes_grow_together():
    d = DATASETS["iris"].load()
    assert LogisticRegression(C=100).fit(d.X, d.y == 0).score(d.X, d.y == 0) == 1.0  # "setosa stands apart"
    two = d.y > 0
    assert LinearDiscriminantAnalysis().fit(d.X[two], d.y[two]).score(d.X[two], d.y[two]) < 1.0  # "touch"
    assert all(np.corrcoef(d.X[d.y == k].T)[0, 1] > 0.2 for k in range(3))  # "grow together"
    assert len(d.y) == 150 and "150" in DATASETS["iris"].description


def test_wine_description_clouds_differ_in_size_and_tilt_and_qda_and_lda_disagree():
    d = DATASETS["wine_2d"].load()
    dets = [np.linalg.det(np.cov(d.X[d.y == k].T)) for k in range(3)]
    corrs = [np.corrcoef(d.X[d.y == k].T)[0, 1] for k in range(3)]
    assert max(dets) / min(dets) > 2 and max(corrs) - min(corrs) > 0.3
    g = np.stack(np.meshgrid(np.linspace(-2, 3, 60), np.linspace(-2, 3.5, 60)), axis=-1).reshape(-1, 2)
    qda, lda = QuadraticDiscriminantAnalysis().fit(d.X, d.y), LinearDiscriminantAnalysis().fit(d.X, d.y)
    assert np.mean(qda.predict(g) != lda.predict(g)) > 0.02
    assert len(d.y) == 178 and "178" in DATASETS["wine_2d"].description


def test_cancer_description_unequal_classes_malignant_varies_more_most_in_radius():
    d = DATASETS["cancer_2d"].load()
    assert np.bincount(d.y).tolist() == [212, 357] and d.class_names == ("malignant", "benign")
    ratio = d.X[d.y == 0].var(axis=0) / d.X[d.y == 1].var(axis=0)
    assert np.all(ratio > 1) and ratio[0] == ratio.max()  # x-axis: worst radius
    train = make_dataset("cancer_2d", 400, seed=0)
    assert abs(np.mean(train.y == 0) - 0.5) > 0.1  # "the learned P(y) is not 1/2"


@pytest.mark.parametrize("name", POOLS)
def test_seed_picks_the_subsample_and_n_beyond_the_pool_uses_all(name):
    size = len(DATASETS[name].load().y)
    whole = make_dataset(name, n_samples=2000, seed=3)
    assert len(whole.y) == size
    a, b, c = (make_dataset(name, n_samples=60, seed=s) for s in (1, 1, 2))
    assert len(a.y) == 60 and np.array_equal(a.X, b.X) and not np.array_equal(a.X, c.X)
    shares = np.bincount(a.y, minlength=a.n_classes) / 60
    np.testing.assert_allclose(shares, np.bincount(DATASETS[name].load().y) / size, atol=0.03)  # stratified


def test_noise_and_share_do_not_change_a_fixed_dataset():
    assert ExplorerView(dataset="iris", noise=0.5, share=0.3).data_key == ExplorerView(dataset="iris").data_key
    a = make_dataset("iris", 100, noise=0.9, share=0.2, seed=4)
    b = make_dataset("iris", 100, seed=4)
    assert np.array_equal(a.X, b.X)


def test_user_pools_are_named_by_content_bounded_and_a_lost_one_says_so():
    data = drawn_dataset([(0, 0, 0), (1, 1, 1), (2, 0, 0), (0, 2, 1)])
    key = register_pool(data)
    assert key == pool_key(drawn_dataset([(0, 0, 0), (1, 1, 1), (2, 0, 0), (0, 2, 1)]))
    assert pool_dataset(key) is data
    assert subsample(data, 10, 0).X.shape == (4, 2)
    del data  # no session holds it any more (tests/test_session_data.py: one that does keeps it)
    for i in range(80):
        register_pool(drawn_dataset([(i, 0, 0), (0, i, 1)]))
    with pytest.raises(ValueError, match="upload or draw it again"):
        pool_dataset(key)


# ---- links -------------------------------------------------------------------------------------

def test_drawn_points_travel_in_the_link_up_to_the_limit():
    points = [(0.5 * i, (-1) ** i * 0.25, i % 2) for i in range(LINK_POINTS)]
    view = ExplorerView(dataset="drawn", user_data=register_pool(drawn_dataset(points)))
    query = view.to_query()
    back, problems = ExplorerView.from_query(query)
    assert problems == [] and back == view
    assert np.array_equal(pool_dataset(back.user_data).X, np.array(points)[:, :2])
    many = ExplorerView(dataset="drawn", user_data=register_pool(drawn_dataset(points + [(9, 9, 0)])))
    assert "pts" not in many.to_query()
    assert ExplorerView.from_query(many.to_query()) == (ExplorerView(dataset="drawn"), [])  # an empty canvas


@pytest.mark.parametrize("raw, message", [("1,2", "not x1,x2,class"), ("1,2,7", "between 0 and 2"),
                                          ("a,2,0", "not a number"), (";".join(["1,1,0"] * 61), "at most 60")])
def test_bad_drawn_points_in_a_link_are_named(raw, message):
    view, problems = ExplorerView.from_query({"dataset": "drawn", "pts": raw})
    assert view.user_data is None and any(message in p for p in problems), problems
    with pytest.raises(ValueError):
        parse_drawn(raw)


def test_a_link_cannot_carry_an_upload_and_says_what_to_do():
    view, problems = ExplorerView.from_query({"dataset": "csv"})
    assert view.dataset == ExplorerView().dataset
    assert problems and "cannot travel in a link" in problems[0] and "upload it again" in problems[0]
    _, problems = ExplorerView.from_query({"dataset": "moons", "pts": "0,0,0"})
    assert any("only with dataset=drawn" in p for p in problems)
    _, problems = ExplorerView.from_query({"dataset": "iris", "noise": "0.2", "share": "0.3"})
    assert sum("a fixed dataset has no" in p for p in problems) == 2


# ---- names from a file are inert -----------------------------------------------------------------

def test_names_from_a_file_never_become_markup():
    for raw in ("<b>x</b>", "**bold**", "$x^2$", "[a](javascript:x)", "a|b", "\\text{x}", "{}#&%~_`"):
        shown = display_name(raw)
        assert not set(shown) & set("<>*$[]|\\{}#&%~_`"), shown
    assert display_name("x" * 100).endswith("…") and len(display_name("x" * 100)) == 40
    assert inert_markdown("a_b *c* $d$ _e_") == "a_b \\*c\\* \\$d\\$ \\_e\\_"  # an intraword _ is no emphasis


# ---- notes and the prior shift on a fixed dataset --------------------------------------------------

def test_measured_line_reproduces_the_correlations_it_shows():
    train = make_dataset("iris", 150, seed=0)
    line = measured_line(ExplorerView(dataset="iris"), train)
    for name, r in within_class_correlations(train):
        assert f"{r:+.2f} ({name})" in line
        assert r == pytest.approx(np.corrcoef(train.X[train.y == train.class_names.index(name)].T)[0, 1])
    assert "broken" in line  # versicolor's is about 0.79
    assert measured_line(ExplorerView(dataset="blobs"), train) is None  # generators keep their fixed, tested notes


def test_a_fixed_datasets_deployment_set_is_its_test_points_resampled_to_the_new_prior():
    test = make_dataset("cancer_2d", 120, seed=1)
    pool = resampled_pool(test, seed=1)
    rows = deployment_rows(pool.y, (0.8, 0.2))
    assert np.mean(pool.y[rows] == 0) == pytest.approx(0.8, abs=0.01)
    test_rows = {tuple(r) for r in test.X}
    assert all(tuple(r) in test_rows for r in pool.X[rows])  # only held-out points
    with pytest.raises(ValueError, match="test point"):
        resampled_pool(Dataset(test.X[test.y == 0], test.y[test.y == 0], test.class_names), seed=0)


# ---- exports ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(MODELS))
def test_every_models_parameters_are_json_and_match_the_fitted_model(name):
    d = make_dataset("three_gaussians", 300, seed=0)
    model = fit_model(name, d.X, d.y, class_names=d.class_names)
    text = parameters_json([model_parameters(name, {}, model, d.class_names, d.feature_names)])
    out = json.loads(text)["models"][0]
    assert out["model"] == name and out["classes"] == list(d.class_names) and len(text) < 600_000
    fitted = out["fitted"]
    if hasattr(model, "priors_"):
        np.testing.assert_allclose(fitted["priors_"], model.priors_)
    if hasattr(model, "means_"):
        np.testing.assert_allclose(fitted["means_"], model.means_)
    if name == "logreg":
        np.testing.assert_allclose(fitted["steps"][-1]["coef_"], model[-1].coef_)
        np.testing.assert_allclose(fitted["steps"][-1]["intercept_"], model[-1].intercept_)


def test_the_data_download_opens_again_as_a_csv():
    from core.io import read_labeled_csv
    d = make_dataset("iris", 150, seed=0)
    back = read_labeled_csv(dataset_to_csv(d))
    np.testing.assert_allclose(back.X, d.X)
    assert back.class_names == d.class_names and back.feature_names == d.feature_names


# ---- the explorer (AppTest) ----------------------------------------------------------------------

def _explorer(query=None):
    return open_page(PAGE, query)


def _axes(at, key="gen_posterior_chart"):
    layout = figure(at, key)["layout"]
    return layout["xaxis"]["title"]["text"], layout["yaxis"]["title"]["text"]


def test_a_shipped_dataset_hides_noise_and_share_and_names_its_axes():
    at = _explorer({"dataset": "iris"})
    assert_clean(at)
    assert _axes(at) == ("petal length (cm)", "petal width (cm)")
    keys = {s.key for s in at.sidebar.slider}
    assert "noise.iris" not in keys and "share.iris" not in keys
    assert any("all 150 of its points are used" in c.value and "do not apply" in c.value for c in at.sidebar.caption)
    assert [t["name"] for t in traces(figure(at, "density_chart"), "p(x |")] == [
        "p(x | setosa)", "p(x | versicolor)", "p(x | virginica)"]
    assert any("Measured on these training points" in m.value for m in at.markdown)
    at.toggle(key="prior_on").set_value(True).run()  # the prior-shift table on held-out points, resampled
    assert_clean(at)
    assert any("test points resampled to the new P(y)" in m.value for m in at.markdown)


def _upload(at, content=GOOD_CSV, name="my.csv"):
    return at.file_uploader(key="csv_file").set_value((name, content, "text/csv")).run()


def test_upload_pick_columns_and_a_bad_file_keeps_the_last_good_data():
    at = _explorer()
    at.selectbox(key="dataset").set_value("csv").run()
    assert any("upload one in the sidebar" in i.value for i in at.info)
    _upload(at)
    assert_clean(at)
    assert _axes(at) == ("height", "‹b›weight‹/b›")  # the file's names, as text
    assert [t["name"] for t in traces(figure(at, "gen_posterior_chart")) if t["name"] in ("cat", "dog")] == \
        ["cat", "dog"]
    assert at.query_params.get("dataset") == ["csv"] or at.query_params.get("dataset") == "csv"
    assert any("cannot carry your uploaded file" in w.value for w in at.warning)  # the share box says so

    at.selectbox(key="csv_x1").set_value("<b>weight</b>").run()
    assert_clean(at)
    assert _axes(at)[0] == "‹b›weight‹/b›"

    _upload(at, b"\x00\x01binary\xff", "bad.csv")
    assert_clean(at)
    assert any("bad.csv cannot be used" in e.value for e in at.error)
    assert _axes(at)[0] == "‹b›weight‹/b›"  # the previous data stays on screen


def test_drawing_from_empty_to_fitted_with_undo_and_clear():
    at = _explorer({"dataset": "drawn"})
    assert_clean(at)
    assert any("Draw your data" in i.value for i in at.info)
    canvas = figure(at, "canvas_chart")
    assert traces(canvas, "click to probe")  # click targets over the empty canvas
    at.session_state["drawn_points"] = [(-1, -1, 0), (-1.5, -0.5, 0), (-0.5, -1.2, 0), (-1, 0, 0),
                                        (1, 1, 1), (1.5, 0.5, 1), (0.5, 1.2, 1), (1, 0, 1)]
    at.run()
    assert_clean(at)
    assert figure(at, "gen_posterior_chart") and "pts" in dict(at.query_params)
    x = figure(at, "gen_posterior_chart")["layout"]["xaxis"]["range"]
    assert x[0] <= -3 and x[1] >= 3  # room to click anywhere on the canvas
    at.button(key="draw_undo").click().run()
    assert len(at.session_state["drawn_points"]) == 7
    at.button(key="draw_clear").click().run()
    assert at.session_state["drawn_points"] == [] and any("Draw your data" in i.value for i in at.info)


def test_draw_on_the_current_dataset_copies_its_points():
    at = _explorer({"dataset": "moons", "n": "40"})
    at.button(key="draw_from_data").click().run()
    assert_clean(at)
    assert at.selectbox(key="dataset").value == "drawn" and len(at.session_state["drawn_points"]) == 40
    assert "pts" in dict(at.query_params)  # 40 points: they travel in the link
    at.segmented_control(key="drawn_classes").set_value(3).run()
    assert_clean(at)


def test_downloads_and_the_png_button_and_none_on_a_projector():
    at = _explorer()
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Data (CSV)" in labels and "Both models (JSON)" in labels
    config = json.loads(at.get_by_key("gen_posterior_chart").proto.config)
    assert config["modeBarButtons"] == [["toImage"]] and config["displayModeBar"] == "hover"
    at = _explorer({"present": "1"})
    assert json.loads(at.get_by_key("gen_posterior_chart").proto.config)["displayModeBar"] is False
