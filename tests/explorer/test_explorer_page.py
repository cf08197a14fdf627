"""AppTest tests of the explorer: every control, sampling, priors, links, bad links, K=3, bad data."""

import re

import numpy as np
import pytest
from apptest_utils import (
    array,
    assert_clean,
    boundary_level,
    figure,
    first_z,
    n_points,
    open_page,
    posterior_percent,
    traces,
)

from core.datasets import DATASETS, GENERATOR, POOL, datasets_of
from core.models import DISCRIMINATIVE, GENERATIVE, MODELS, models_of
from ui.explorer.probe import _tex_from_log
from ui.explorer.state import PROBE_LIMIT

PAGE = "pages/explorer.py"
CHARTS = ("density_chart", "gen_posterior_chart", "marginal_chart", "disc_posterior_chart", "difference_chart")


@pytest.fixture(scope="module")
def at():
    return open_page(PAGE)


def _fresh():
    return open_page(PAGE)


def test_default_view_draws_five_panels_without_errors(at):
    assert_clean(at)
    assert not at.error
    for key in CHARTS:
        assert figure(at, key)["data"], key
    density = figure(at, "density_chart")
    assert len(traces(density, "p(x |")) == 2  # one contour set per class
    gen = figure(at, "gen_posterior_chart")
    assert boundary_level(gen) == 0  # log-odds 0 at the learned prior 1/2: P = 50%
    assert len(gen["layout"]["sliders"][0]["steps"]) == 99  # the map's own P(y) slider


def test_default_view_payload_is_compact(at):
    total = sum(len(at.get_by_key(k).proto.spec) for k in CHARTS)
    assert total < 400_000, total
    z = first_z(figure(at, "gen_posterior_chart"))
    assert z.dtype == np.int8 and z.shape == (150, 150)  # log-odds, 1/6 per step


def test_colorscales_are_explicit_lists(at):
    # figures skip plotly.py's validation, so a named scale would reach plotly.js unresolved
    # (it reads "Greys" inverted and knows no "_r" names)
    for key in CHARTS:
        for trace in figure(at, key)["data"]:
            if "colorscale" in trace:
                assert isinstance(trace["colorscale"], list), (key, trace["colorscale"])
    marginal = next(t for t in figure(at, "marginal_chart")["data"] if "colorscale" in t)
    assert marginal["colorscale"][0][1] == "rgb(255,255,255)"  # p(x) = 0 is white


def test_every_chart_has_a_description_for_screen_readers_naming_its_model(at):
    alts = {key: at.get_by_key(key).proto.alt for key in CHARTS}
    for key in ("density_chart", "gen_posterior_chart", "marginal_chart"):
        assert "Gaussian naive Bayes" in alts[key], key
    for key in ("disc_posterior_chart", "difference_chart"):
        assert "Logistic regression" in alts[key], key


def test_discriminative_row_says_it_cannot_sample(at):
    assert any("has no p(x | y)" in i.value for i in at.info)


@pytest.mark.parametrize("name", datasets_of(GENERATOR, POOL))  # a user's own: test_own_data.py
def test_every_dataset_renders(name):
    at = _fresh()
    at.selectbox(key="dataset").set_value(name).run()
    assert_clean(at)
    K = DATASETS[name].n_classes
    assert len(traces(figure(at, "density_chart"), "p(x |")) == K
    assert len(_bayes_rows(at)) == K  # Bayes' rule with numbers, one row per class


def test_data_controls_change_the_data():
    at = _fresh()
    before = n_points(figure(at, "density_chart"))
    at.slider(key="n_samples").set_value(200).run()
    assert n_points(figure(at, "density_chart")) == pytest.approx(before / 2, abs=2)

    xs = array(traces(figure(at, "gen_posterior_chart"), "A")[0]["x"]).copy()
    at.number_input(key="seed").set_value(7).run()
    assert not np.array_equal(xs, array(traces(figure(at, "gen_posterior_chart"), "A")[0]["x"]))

    at.slider(key="noise.blobs").set_value(2.0).run()
    spread = np.std(array(traces(figure(at, "gen_posterior_chart"), "A")[0]["y"]))
    assert spread > 1.4  # noise is the blobs' standard deviation

    at.slider(key="share.blobs").set_value(0.2).run()
    fig = figure(at, "gen_posterior_chart")
    n_a, n_b = n_points(fig, "A"), n_points(fig, "B")
    assert n_b / (n_a + n_b) == pytest.approx(0.2, abs=0.03)

    at.slider(key="test_fraction").set_value(0.5).run()
    assert n_points(figure(at, "density_chart")) == 100  # half of 200 points
    at.slider(key="resolution").set_value(60).run()
    assert first_z(figure(at, "gen_posterior_chart")).shape == (60, 60)
    assert_clean(at)


def _set_param(at, family_key, model, pname):
    p = MODELS[model].params[pname]
    key = f"{family_key}.{model}.{pname}"
    if p.choices:
        at.selectbox(key=key).set_value(p.choices[-1])
    elif p.log:
        options = at.select_slider(key=key).options
        at.select_slider(key=key).set_value(float(options[-1]))
    else:
        at.slider(key=key).set_value(p.high if p.default != p.high else p.low)
    at.run()


@pytest.mark.parametrize("family_key,family,chart", [("gen", GENERATIVE, "gen_posterior_chart"),
                                                     ("disc", DISCRIMINATIVE, "disc_posterior_chart")])
def test_every_model_and_hyperparameter_changes_its_posterior(family_key, family, chart):
    at = _fresh()
    at.selectbox(key="dataset").set_value("moons").run()
    seen = {}
    for model in models_of(family):
        at.selectbox(key=family_key).set_value(model).run()
        assert_clean(at)
        assert not at.error, [e.value for e in at.error]
        z = first_z(figure(at, chart))
        seen[model] = z
        for pname in MODELS[model].params:
            _set_param(at, family_key, model, pname)
            assert_clean(at)
            if not at.error:
                assert f"{family_key}.{pname}" in at.query_params
    distinct = {z.tobytes() for z in seen.values()}
    assert len(distinct) == len(seen)  # every model draws a different posterior


def test_sample_clear_and_download():
    at = _fresh()
    assert at.get_by_key("download_samples").proto.disabled
    at.slider(key="n_new").set_value(300).run()
    at.button(key="sample").click().run()
    assert_clean(at)
    first = figure(at, "density_chart")
    assert n_points(first, "sampled") == 300
    assert not at.get_by_key("download_samples").proto.disabled

    at.button(key="sample").click().run()
    second = figure(at, "density_chart")
    assert not np.array_equal(array(traces(first, "sampled")[0]["x"]), array(traces(second, "sampled")[0]["x"]))

    at.run()  # samples persist across an unrelated rerun
    assert n_points(figure(at, "density_chart"), "sampled") == 300
    at.button(key="clear_samples").click().run()
    assert n_points(figure(at, "density_chart"), "sampled") == 0


def test_samples_are_dropped_when_the_model_changes():
    at = _fresh()
    at.button(key="sample").click().run()
    assert n_points(figure(at, "density_chart"), "sampled") == 200
    at.selectbox(key="gen").set_value("qda").run()
    assert n_points(figure(at, "density_chart"), "sampled") == 0


def test_samples_follow_the_prior():
    at = _fresh()
    at.toggle(key="prior_on").set_value(True).run()
    at.slider(key="prior").set_value(0.9).run()
    at.slider(key="n_new").set_value(1000).run()
    at.button(key="sample").click().run()
    fig = figure(at, "density_chart")
    assert n_points(fig, "B (sampled)") / 1000 == pytest.approx(0.9, abs=0.04)


def test_prior_moves_the_generative_posterior_only():
    at = _fresh()
    gen_before = posterior_percent(figure(at, "gen_posterior_chart"))
    disc_before = posterior_percent(figure(at, "disc_posterior_chart"))
    at.toggle(key="prior_on").set_value(True).run()
    at.slider(key="prior").set_value(0.1).run()
    assert_clean(at)
    gen_after = posterior_percent(figure(at, "gen_posterior_chart"))
    assert np.array_equal(posterior_percent(figure(at, "disc_posterior_chart")), disc_before)
    assert (gen_after <= gen_before + 1e-9).all() and (gen_after < gen_before - 1).sum() > 1000  # P(B|x) falls
    assert boundary_level(figure(at, "gen_posterior_chart")) > 0  # the 50% line at log-odds log(9) > 0
    assert at.query_params["prior"] == "0.1"


def _bayes_rows(at) -> list:
    """The probe's Bayes' rule, one row per class: (name, prior, likelihood, p(x), posterior, discriminative)."""
    number = r"([0-9.]+(?: \\times 10\^\{-?[0-9]+\})?)"
    row = re.compile(r"\\text\{([^}]+)\}: .*?\\frac\{" + number + r" \\times " + number + r"\}\{" + number
                     + r"\} \\;=\\; \\mathbf\{([0-9.]+)\}")
    disc = re.compile(r"P\(y=([^|]+?) \| x\\\*\) = \*\*([0-9.]+)\*\*")

    def value(text):
        mant, _, exp = text.partition(r" \times 10^{")
        return float(mant) * 10 ** int(exp.rstrip("}") or 0)

    (block,) = [x.value for x in at.latex if "aligned" in x.value]
    (line,) = [m.value for m in at.markdown if "| x\\*) = **" in m.value and not m.value.startswith("At x")]
    disc_at = dict(disc.findall(line))
    return [(m[0], *map(value, m[1:4]), float(m[4]), float(disc_at[m[0]])) for m in row.findall(block)]


def test_probe_shows_bayes_rule_with_its_numbers():
    at = _fresh()
    at.number_input(key="probe_x").set_value(1.5)
    at.number_input(key="probe_y").set_value(0.0).run()
    assert_clean(at)
    rows = _bayes_rows(at)
    assert [r[0] for r in rows] == ["A", "B"]
    # the shown numbers are Bayes' rule: prior x likelihood / p(x) = posterior, posteriors sum to 1
    for _, prior, lik, px, post, disc in rows:
        assert prior * lik / px == pytest.approx(post, abs=2e-3)
        assert 0 <= disc <= 1
    assert sum(r[4] for r in rows) == pytest.approx(1, abs=2e-3)
    assert sum(r[1] * r[2] for r in rows) == pytest.approx(rows[0][3], rel=2e-3)  # p(x) = sum_k P(k) p(x|k)
    stars = traces(figure(at, "gen_posterior_chart"), "probe x*")
    assert stars and stars[0]["x"] == [1.5]
    assert at.query_params["probe"] == "1.5,0"


def test_probe_far_from_the_data_prints_tiny_densities_not_zero_over_zero():
    at = open_page(PAGE, {"probe": "50,-50"})
    assert_clean(at)
    (block,) = [x.value for x in at.latex if "aligned" in x.value]
    assert r"{0}" not in block and "10^{-" in block  # from the logs: 2.577 \times 10^{-869}, not 0 / 0
    rows = _bayes_rows(at)
    assert sum(r[4] for r in rows) == pytest.approx(1, abs=2e-3)


@pytest.mark.parametrize(("gen", "disc"), [("gnb", "forest"), ("nb_shared", "svm"), ("lda", "mlp"), ("qda", "knn"),
                                         ("gmm", "tree"), ("kde", "forest"), ("kde", "logreg")])
def test_probe_at_the_edge_of_its_range_works_for_every_model(gen, disc):
    at = open_page(PAGE, {"gen": gen, "disc": disc, "probe": f"{PROBE_LIMIT:g},{-PROBE_LIMIT:g}"})
    assert_clean(at)
    assert not at.warning  # the link was accepted
    (block,) = [x.value for x in at.latex if "aligned" in x.value]
    assert "nan" not in block.lower() and "inf" not in block.lower()
    rows = _bayes_rows(at)
    assert sum(r[4] for r in rows) == pytest.approx(1, abs=2e-3)
    assert all(0 <= r[5] <= 1 for r in rows)


def test_the_probe_inputs_refuse_values_beyond_the_range():
    # typed 1e308, every score overflowed (a traceback from the random forest, NaN in Bayes' rule)
    at = _fresh()
    at.number_input(key="probe_x").set_value(1e308)
    at.number_input(key="probe_y").set_value(0.0).run()
    assert_clean(at)
    assert at.number_input(key="probe_x").value is None and "probe" not in at.query_params
    at.number_input(key="probe_x").set_value(PROBE_LIMIT).run()
    assert at.query_params["probe"] == f"{PROBE_LIMIT:g},0"


@pytest.mark.parametrize(("log_value", "shown"), [
    (np.log(0.0387), "0.0387"), (np.log(2.5), "2.5"), (np.log(1e-5), r"1.0000 \times 10^{-5}"),
    (-2000.0, r"2.5765 \times 10^{-869}"), (-np.inf, "0"), (np.log(9.99996e-4), r"1.0000 \times 10^{-3}"),
    (np.log(0.088912345), "0.088912"), (np.log(1234.5678), "1234.6"),
])
def test_densities_print_from_their_logs(log_value, shown):
    assert _tex_from_log(log_value) == shown


def test_deep_link_round_trip():
    at = _fresh()
    at.selectbox(key="dataset").set_value("correlated").run()
    at.selectbox(key="gen").set_value("qda").run()
    at.slider(key="gen.qda.reg_param").set_value(0.3).run()
    at.selectbox(key="disc").set_value("knn").run()
    at.slider(key="n_samples").set_value(300).run()
    at.toggle(key="prior_on").set_value(True).run()
    at.slider(key="prior").set_value(0.3).run()
    link = dict(at.query_params)
    assert link["dataset"] == "correlated" and link["gen"] == "qda" and link["gen.reg_param"] == "0.3"

    again = open_page(PAGE, link)
    assert_clean(again)
    assert not again.warning
    assert again.selectbox(key="gen").value == "qda"
    assert again.slider(key="gen.qda.reg_param").value == 0.3
    for key in CHARTS:
        assert np.array_equal(first_z(figure(again, key)), first_z(figure(at, key))), key


@pytest.mark.parametrize("query,expected_warning", [
    ({"dataset": "nope"}, "Unknown dataset"),
    ({"seed": "abc"}, "seed"),
    ({"n": "-5"}, "between"),
    ({"gen": "svm"}, "Unknown generative model"),
    ({"gen": "qda", "gen.reg_param": "7"}, "gen.reg_param"),
    ({"disc.C": "1e999"}, "disc.C"),
    ({"probe": "1,2,3"}, "probe"),
    ({"prior": "nan"}, "prior"),
    ({"noise": "99"}, "noise"),
])
def test_garbage_links_fall_back_with_a_warning(query, expected_warning):
    at = open_page(PAGE, query)
    assert_clean(at)
    assert any(expected_warning in w.value for w in at.warning), [w.value for w in at.warning]
    assert figure(at, "gen_posterior_chart")["data"]


def test_data_a_model_cannot_learn_shows_a_message_and_keeps_the_last_view():
    at = _fresh()
    good = first_z(figure(at, "gen_posterior_chart"))
    at.slider(key="n_samples").set_value(20).run()
    at.slider(key="share.blobs").set_value(0.05).run()
    at.slider(key="test_fraction").set_value(0.8).run()
    assert_clean(at)
    assert at.error and "training point" in at.error[0].value
    assert figure(at, "gen_posterior_chart")["data"]  # the last view that worked is still drawn
    at.slider(key="share.blobs").set_value(0.5).run()
    assert not at.error
    assert first_z(figure(at, "gen_posterior_chart")).shape == good.shape


def test_three_classes_everywhere():
    at = _fresh()
    at.selectbox(key="dataset").set_value("three_gaussians").run()
    at.selectbox(key="gen").set_value("qda").run()
    assert_clean(at)
    learned = next(c.value for c in at.caption if c.value.startswith("Learned from the training data"))
    shares = [float(v) for v in re.findall(r"P\([ABC]\) = ([0-9]\.[0-9]+)", learned)]
    assert shares == pytest.approx([1 / 3] * 3, abs=0.01)  # balanced by default
    assert at.slider(key="prior").value == pytest.approx(shares[0])  # the disabled slider shows the learned P(A)
    regions = first_z(figure(at, "gen_posterior_chart"))
    assert len(np.unique(regions // 85)) == 3  # each class wins somewhere
    at.toggle(key="prior_on").set_value(True).run()
    at.slider(key="prior").set_value(0.8).run()
    moved = first_z(figure(at, "gen_posterior_chart"))
    assert (moved // 85 == 0).sum() > (regions // 85 == 0).sum()  # class A's region grows with P(A)
    at.button(key="sample").click().run()
    assert {t["name"] for t in traces(figure(at, "density_chart"), "sampled")} == {
        "A (sampled)", "B (sampled)", "C (sampled)"}
