"""The explorer's view round-trips through the URL; bad links fall back with a message, never raise."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.datasets import DATASETS, GENERATOR, POOL, datasets_of
from core.models import DISCRIMINATIVE, GENERATIVE, MODELS, models_of
from ui.explorer.state import _NUMBERS, EST_RANGE, FIELDS, ExplorerView

DEFAULT = ExplorerView()
NON_DEFAULT = ExplorerView(
    dataset="moons", n_samples=250, noise=0.35, share=0.3, seed=7, test_fraction=0.25, gen="qda",
    gen_params=(("reg_param", 0.1),), disc="svm", disc_params=(("C", 10.0), ("gamma", 0.5)), resolution=90,
    prior=0.4, n_new=500, probe=(0.5, -1.25))
SETTINGS = settings(max_examples=60, deadline=None, derandomize=True)


def parse(**query):
    return ExplorerView.from_query(query)


def only_problem(query):
    view, problems = ExplorerView.from_query(query)
    assert len(problems) == 1, problems
    return view, problems[0]


# ---- round trips -------------------------------------------------------------------------

def test_default_view_gives_an_empty_query():
    assert DEFAULT.to_query() == {}


def test_empty_query_gives_the_default_view_and_no_problems():
    assert ExplorerView.from_query({}) == (DEFAULT, [])


def test_query_maps_str_to_str():
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in NON_DEFAULT.to_query().items())


def test_query_carries_only_the_settings_that_differ():
    assert ExplorerView(seed=3, gen="lda").to_query() == {"seed": "3", "gen": "lda"}


def test_non_default_view_round_trips_without_problems():
    assert ExplorerView.from_query(NON_DEFAULT.to_query()) == (NON_DEFAULT, [])


def test_floats_travel_with_six_significant_digits():
    view, problems = ExplorerView.from_query(ExplorerView(probe=(1 / 3, 2.0)).to_query())
    assert view.probe == (0.333333, 2.0) and problems == []


def _six_digits(x: float) -> float:
    """The value a link carries (``_fmt`` writes floats with 6 significant digits)."""
    return float(f"{x:.6g}")


def _number(kind, low, high):
    if kind is int:
        return st.integers(low, high)
    return st.floats(low, high).map(_six_digits)


def _param_value(p):
    if p.choices:
        return st.sampled_from(p.choices)
    return _number(int if p.is_int else float, p.low, p.high)


@st.composite
def model_settings(draw, family):
    name = draw(st.sampled_from(models_of(family)))
    pnames = draw(st.lists(st.sampled_from(sorted(MODELS[name].params)), unique=True))
    return name, tuple(sorted((p, draw(_param_value(MODELS[name].params[p]))) for p in pnames))


@st.composite
def views(draw):
    """A valid view: any dataset and models, numbers within their ranges, noise within the dataset's."""
    dataset = draw(st.sampled_from(datasets_of(GENERATOR, POOL)))
    numbers = {attr: draw(_number(kind, low, high)) for _, attr, kind, low, high in _NUMBERS}
    for optional in ("share", "prior"):
        numbers[optional] = draw(st.none() | st.just(numbers[optional]))
    numbers["noise"] = draw(st.none() | _number(float, *DATASETS[dataset].noise_range))
    if DATASETS[dataset].is_pool:  # a fixed dataset has neither
        numbers["noise"] = numbers["share"] = None
    gen, gen_params = draw(model_settings(GENERATIVE))
    disc, disc_params = draw(model_settings(DISCRIMINATIVE))
    probe = draw(st.none() | st.tuples(_number(float, -1e6, 1e6), _number(float, -1e6, 1e6)))
    est = 0 if numbers["prior"] is None else draw(st.just(0) | st.integers(*EST_RANGE))
    return ExplorerView(dataset=dataset, gen=gen, gen_params=gen_params, disc=disc, disc_params=disc_params,
                        probe=probe, est=est, **numbers)


@SETTINGS
@given(views())
def test_every_valid_view_round_trips_without_problems(view):
    assert ExplorerView.from_query(view.to_query()) == (view, [])


# ---- garbage falls back, with a message naming the parameter ----------------------------------

def test_unknown_dataset_falls_back_with_a_message():
    view, problem = only_problem({"dataset": "mnist"})
    assert view.dataset == DEFAULT.dataset
    assert "dataset" in problem and "'mnist'" in problem


@pytest.mark.parametrize(("key", "raw", "reason"), [
    ("n", "lots", "not an integer"),
    ("n", "12.5", "not an integer"),
    ("seed", "", "not an integer"),
    ("noise", "high", "not a number"),
    ("prior", "0.5.1", "not a number"),
])
def test_non_numeric_value_falls_back_with_a_message(key, raw, reason):
    view, problem = only_problem({key: raw})
    assert view == DEFAULT
    assert problem.startswith(f"Ignored {key}={raw!r}") and reason in problem


@pytest.mark.parametrize(("key", "raw"), [
    ("n", "5"), ("n", "100000"), ("seed", "-1"), ("res", "1000"), ("prior", "0"), ("prior", "1"),
    ("share", "0.99"), ("test", "0.9"), ("n_new", "3"), ("noise", "7"),
])
def test_out_of_range_number_falls_back_with_a_message(key, raw):
    view, problem = only_problem({key: raw})
    assert view == DEFAULT
    assert problem.startswith(f"Ignored {key}={raw!r}") and "must be between" in problem


def test_an_unknown_prior_travels_as_est_beside_the_prior_it_is_drawn_at():
    view, problems = parse(prior="0.3", est="500")  # the quiz's links
    assert (view.prior, view.est, problems) == (0.3, 500, [])
    assert view.to_query() == {"prior": "0.3", "est": "500"}
    assert parse(prior="0.3", est="0") == (ExplorerView(prior=0.3), [])


@pytest.mark.parametrize(("raw", "reason"), [
    ("many", "not an integer"), ("12.5", "not an integer"), ("5", "expected 0 (the new P(y) is known) or 20"),
    ("-3", "must be between 0 and 4000"), ("9000", "must be between 0 and 4000"), ("nan", "not an integer"),
])
def test_a_bad_est_falls_back_to_a_known_prior_with_a_message(raw, reason):
    view, problem = only_problem({"prior": "0.3", "est": raw})
    assert view == ExplorerView(prior=0.3)
    assert problem.startswith(f"Ignored est={raw!r}") and reason in problem


def test_est_without_a_prior_is_ignored_with_a_message():
    view, problem = only_problem({"est": "500"})
    assert view == DEFAULT and "prior=" in problem


@pytest.mark.parametrize("raw", ["nan", "NaN", "inf", "-inf", "1e999"])
@pytest.mark.parametrize("key", ["prior", "n"])
def test_nan_and_infinity_fall_back_with_a_message(key, raw):
    view, problem = only_problem({key: raw})
    assert view == DEFAULT
    assert problem.startswith(f"Ignored {key}={raw!r}")


def test_integer_written_as_a_whole_float_is_accepted():
    assert parse(n="300.0") == (ExplorerView(n_samples=300), [])


def test_discriminative_model_as_generative_falls_back_with_a_message():
    view, problem = only_problem({"gen": "svm"})
    assert view.gen == DEFAULT.gen
    assert "generative" in problem and "'svm'" in problem


def test_unknown_discriminative_model_falls_back_with_a_message():
    view, problem = only_problem({"disc": "gpt"})
    assert view.disc == DEFAULT.disc
    assert "discriminative" in problem and "'gpt'" in problem


def test_unknown_model_param_falls_back_with_a_message():
    view, problem = only_problem({"gen": "qda", "gen.depth": "3"})
    assert view == ExplorerView(gen="qda")
    assert problem.startswith("Ignored gen.depth='3'") and "no such setting" in problem


def test_param_of_another_model_is_not_applied():
    view, problem = only_problem({"disc.reg_param": "0.5"})  # a QDA setting on logistic regression
    assert view.disc_params == ()
    assert "disc.reg_param" in problem


@pytest.mark.parametrize(("key", "raw"), [("gen.reg_param", "2"), ("gen.reg_param", "-0.1"),
                                          ("gen.reg_param", "nan"), ("gen.reg_param", "a lot")])
def test_bad_model_param_value_falls_back_with_a_message(key, raw):
    view, problem = only_problem({"gen": "qda", key: raw})
    assert view == ExplorerView(gen="qda")
    assert problem.startswith(f"Ignored {key}={raw!r}")


def test_model_param_outside_its_choices_falls_back_with_a_message():
    view, problem = only_problem({"gen": "gmm", "gen.covariance_type": "round"})
    assert view == ExplorerView(gen="gmm")
    assert "gen.covariance_type" in problem and "must be one of" in problem


@pytest.mark.parametrize(("raw", "reason"), [
    ("1.5", "two numbers"), ("1,2,3", "two numbers"), ("", "two numbers"),
    ("a,b", "not a number"), ("nan,0", "not a finite number"), ("0,1e7", "must be between"),
])
def test_bad_probe_falls_back_with_a_message(raw, reason):
    view, problem = only_problem({"probe": raw})
    assert view.probe is None
    assert problem.startswith(f"Ignored probe={raw!r}") and reason in problem


def test_noise_outside_the_datasets_range_falls_back_with_a_message():
    view, problem = only_problem({"dataset": "moons", "noise": "2.0"})  # fine for blobs, not for moons
    assert view == ExplorerView(dataset="moons")
    assert problem.startswith("Ignored noise=2.0") and "moons" in problem


def test_repeated_keys_given_as_lists_take_the_last_value():
    assert parse(n=["100", "300"], gen=["qda", "lda"]) == (ExplorerView(n_samples=300, gen="lda"), [])


def test_an_empty_list_is_treated_as_a_missing_key():
    assert parse(n=[]) == (DEFAULT, [])


def test_unknown_keys_are_ignored_silently():
    assert parse(utm_source="newsletter", fbclid="x1") == (DEFAULT, [])


def test_problems_leave_the_good_settings_in_place():
    view, problems = parse(dataset="moons", n="oops", seed="42")
    assert (view.dataset, view.n_samples, view.seed) == ("moons", DEFAULT.n_samples, 42)
    assert len(problems) == 1


KNOWN_KEYS = (["dataset", "gen", "disc", "probe", "est", "prior_disc"] + [key for key, *_ in _NUMBERS]
              + [f"gen.{p}" for m in models_of(GENERATIVE) for p in MODELS[m].params]
              + [f"disc.{p}" for m in models_of(DISCRIMINATIVE) for p in MODELS[m].params])
JUNK_VALUES = st.text() | st.sampled_from(list(DATASETS) + list(MODELS) + ["nan", "-inf", "1e999", "1,2", "0.5"])


@SETTINGS
@given(st.dictionaries(st.sampled_from(KNOWN_KEYS) | st.text(),
                       JUNK_VALUES | st.lists(JUNK_VALUES, max_size=3)))
def test_parsing_never_raises_on_arbitrary_text(query):
    view, problems = ExplorerView.from_query(query)
    assert isinstance(view, ExplorerView)
    assert all(isinstance(p, str) and p for p in problems)
    assert view.dataset in DATASETS and MODELS[view.gen].family == GENERATIVE
    assert MODELS[view.disc].family == DISCRIMINATIVE


# ---- derived settings ----------------------------------------------------------------------------

def test_noise_value_defaults_to_the_datasets_noise():
    assert ExplorerView(dataset="moons").noise_value == DATASETS["moons"].default_noise


def test_noise_value_is_the_given_noise():
    assert ExplorerView(dataset="moons", noise=0.45).noise_value == 0.45


def test_data_key_changes_with_the_data_not_with_the_models():
    assert ExplorerView(seed=1).data_key != DEFAULT.data_key
    assert ExplorerView(gen="qda", prior=0.2, probe=(0.0, 0.0)).data_key == DEFAULT.data_key


def test_model_params_are_the_defaults_updated_with_the_view():
    view = ExplorerView(disc="svm", disc_params=(("C", 10.0),))
    assert view.model_params(DISCRIMINATIVE) == {"C": 10.0, "gamma": 1.0}
    assert view.model_params(GENERATIVE) == MODELS["gnb"].defaults()


def test_every_field_is_a_dataclass_field():
    assert FIELDS == tuple(DEFAULT.as_dict())
