"""The learning-curves page's view round-trips through the URL with registry keys; bad links fall back with a
message, never raise; ``plan_run`` keeps a run within its budget."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.experiments import curve_seconds, log_spaced_sizes
from core.models import MODELS
from core.scenarios import SCENARIOS
from ui.learning_curves.state import (
    BLOCK,
    BOTH_REGIMES,
    BUDGET_SECONDS,
    C_GRID,
    N_MAX_CHOICES,
    NOT_OFFERED,
    OFFERED,
    REPEATS,
    LearningView,
    default_options,
    param_key,
    plan_run,
)

DEFAULT = LearningView()
NON_DEFAULT = LearningView(scenario="toy_2d", options=(("dataset", "moons"),), models=("qda", "svm", "knn"),
                           C=0.3, n_max=200, repeats=60, seed=42)
SETTINGS = settings(max_examples=60, deadline=None, derandomize=True)


def only_problem(query):
    view, problems = LearningView.from_query(query)
    assert len(problems) == 1, problems
    return view, problems[0]


# ---- round trips -------------------------------------------------------------------------

def test_default_view_gives_an_empty_query_and_back():
    assert DEFAULT.to_query() == {} and LearningView.from_query({}) == (DEFAULT, [])


def test_query_carries_registry_keys_not_labels():
    assert BOTH_REGIMES.to_query() == {"lc_scenario": "nb_misspecified", "lc_nb_misspecified_copies": "2"}
    assert NON_DEFAULT.to_query() == {"lc_models": "qda,svm,knn", "lc_scenario": "toy_2d",
                                      "lc_toy_2d_dataset": "moons", "lc_C": "0.3", "lc_n_max": "200",
                                      "lc_repeats": "60", "lc_seed": "42"}


def test_non_default_view_round_trips_without_problems():
    assert LearningView.from_query(NON_DEFAULT.to_query()) == (NON_DEFAULT, [])


def test_options_hold_every_option_of_the_scenario_in_registry_order():
    view, _ = LearningView.from_query({"lc_scenario": "nb_misspecified", "lc_nb_misspecified_copies": "3"})
    assert view.options == (("d", 10), ("copies", 3))
    assert [name for name, _ in default_options("nb_misspecified")] == list(SCENARIOS["nb_misspecified"].params)


@SETTINGS
@given(scenario=st.sampled_from(list(SCENARIOS)), data=st.data(),
       models=st.lists(st.sampled_from(OFFERED), unique=True), C=st.sampled_from(C_GRID),
       n_max=st.sampled_from(N_MAX_CHOICES), repeats=st.sampled_from(range(REPEATS[0], REPEATS[1] + 1, BLOCK)),
       seed=st.integers(0, 10_000))
def test_every_view_round_trips(scenario, data, models, C, n_max, repeats, seed):
    options = []
    for name, p in SCENARIOS[scenario].params.items():
        value = data.draw(st.sampled_from(p.choices) if p.choices else
                          st.integers(int(p.low), int(p.high)), label=name)
        options.append((name, value))
    view = LearningView(scenario, tuple(options), tuple(models), C, n_max, repeats, seed)
    query = view.to_query()
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in query.items())
    assert LearningView.from_query(query) == (view, [])


@SETTINGS
@given(query=st.dictionaries(st.sampled_from(["lc_models", "lc_scenario", "lc_C", "lc_n_max", "lc_repeats",
                                              "lc_seed", "lc_nb_holds_d", "lc_toy_2d_dataset", "lc_x"]),
                             st.one_of(st.text(max_size=12), st.lists(st.text(max_size=8), max_size=3))))
def test_any_query_gives_a_valid_view_and_never_raises(query):
    view, problems = LearningView.from_query(query)
    assert view.scenario in SCENARIOS and set(view.models) <= set(OFFERED)
    assert [name for name, _ in view.options] == list(SCENARIOS[view.scenario].params)
    assert view.C in C_GRID and view.n_max in N_MAX_CHOICES and REPEATS[0] <= view.repeats <= REPEATS[1]
    assert all(isinstance(p, str) and p.endswith(".") for p in problems)


# ---- older links (Streamlit's bind wrote display labels) --------------------------------------

def test_an_older_link_with_labels_opens_the_same_view():
    old = {"lc_scenario": "(b) NB misspecified", "lc_nb_misspecified_copies": "2",
           "lc_models": ["Naive Bayes, shared variances", "Logistic regression", "LDA"], "lc_C": "100"}
    view, problems = LearningView.from_query(old)
    assert problems == [] and view == LearningView(scenario="nb_misspecified", options=(("d", 10), ("copies", 2)),
                                                   models=("nb_shared", "logreg", "lda"))


def test_an_older_real_data_link_names_the_dataset_by_its_label():
    view, problems = LearningView.from_query({"lc_scenario": "(d) Real data",
                                              "lc_real_dataset": "Wine, cultivars 1 vs 2"})
    assert problems == [] and view.options == (("dataset", "wine"),)


def test_models_may_come_comma_separated_or_repeated_and_duplicates_go():
    assert LearningView.from_query({"lc_models": "lda, qda,lda"})[0].models == ("lda", "qda")
    assert LearningView.from_query({"lc_models": ["lda", "qda"]})[0].models == ("lda", "qda")


def test_an_empty_model_list_is_a_view_too():
    assert LearningView(models=()).to_query() == {"lc_models": ""}
    assert LearningView.from_query({"lc_models": ""}) == (LearningView(models=()), [])


# ---- bad values: a message each, the default instead -----------------------------------------

@pytest.mark.parametrize("query, attr, says", [
    ({"lc_scenario": "nb_wrong"}, "scenario", "Unknown scenario 'nb_wrong'"),
    ({"lc_nb_holds_d": "99"}, "options", "Ignored lc_nb_holds_d='99'"),
    ({"lc_nb_holds_d": "2.5"}, "options", "whole number"),
    ({"lc_C": "7"}, "C", "must be one of 0.001"),
    ({"lc_C": "nan"}, "C", "not a finite number"),
    ({"lc_n_max": "300"}, "n_max", "must be one of 50, 100"),
    ({"lc_repeats": "35"}, "repeats", "multiple of 10 between 10 and 200"),
    ({"lc_repeats": "1e9"}, "repeats", "between 10 and 200"),
    ({"lc_seed": "-1"}, "seed", "between 0 and 10000"),
    ({"lc_seed": "abc"}, "seed", "not a number"),
])
def test_a_bad_value_falls_back_with_one_message(query, attr, says):
    view, problem = only_problem(query)
    assert getattr(view, attr) == getattr(DEFAULT, attr) and says in problem


def test_unknown_models_are_named_and_the_rest_kept():
    view, problem = only_problem({"lc_models": "nb_shared,xgboost"})
    assert view.models == ("nb_shared",) and "'xgboost'" in problem and "Showing Naive Bayes, shared" in problem


def test_only_unknown_models_give_the_default_pair():
    view, problem = only_problem({"lc_models": "xgboost"})
    assert view.models == DEFAULT.models and "the default pair" in problem


def test_a_model_too_slow_for_the_page_is_left_out_with_the_reason():
    assert NOT_OFFERED and set(NOT_OFFERED).isdisjoint(OFFERED) and set(NOT_OFFERED) | set(OFFERED) == set(MODELS)
    view, problem = only_problem({"lc_models": f"logreg,{NOT_OFFERED[0]}"})
    assert view.models == ("logreg",) and MODELS[NOT_OFFERED[0]].label in problem and "too slow" in problem


def test_an_option_of_another_scenario_is_named():
    view, problem = only_problem({"lc_scenario": "nb_misspecified", "lc_toy_2d_dataset": "moons"})
    assert view.scenario == "nb_misspecified" and "option of (c) A 2D dataset" in problem


def test_an_unknown_lc_parameter_is_named_and_other_pages_parameters_are_not():
    _, problem = only_problem({"lc_speed": "fast", "step": "8", "dataset": "moons"})
    assert problem == "Ignored lc_speed: the page has no such setting."


def test_param_key_is_the_widget_key():
    assert param_key("nb_misspecified", "copies") == "lc_nb_misspecified_copies"


# ---- the budget -------------------------------------------------------------------------------

def test_the_default_and_the_both_regimes_views_run_as_asked():
    for view in (DEFAULT, BOTH_REGIMES):
        run = plan_run(view, 10 + dict(view.options).get("copies", 0))
        assert run.models == view.models and run.n_max == view.n_max and run.left_out == ()


def test_a_real_pool_caps_the_largest_size_first():
    assert plan_run(LearningView(n_max=5000), 13, max_train_size=91).n_max == 91


def test_the_most_expensive_view_is_cut_to_the_budget_and_says_what_went():
    worst = LearningView(scenario="nb_misspecified", options=(("d", 50), ("copies", 40)), models=OFFERED,
                         n_max=5000, repeats=200, C=1000.0)
    run = plan_run(worst, 90)
    assert BLOCK * run.seconds <= BUDGET_SECONDS and run.n_max < 5000
    assert set(run.models) | set(run.left_out) == set(OFFERED) and run.left_out and run.models
    assert run.seconds == pytest.approx(curve_seconds(run.models, run.sizes, 90, 1))


def test_a_slow_single_model_keeps_the_smallest_sizes_and_is_never_dropped():
    run = plan_run(LearningView(models=("svm",), n_max=5000), 90, budget=0.001)
    assert run.models == ("svm",) and run.sizes == log_spaced_sizes(6, 50, 10) and run.left_out == ()


@SETTINGS
@given(models=st.lists(st.sampled_from(OFFERED), min_size=1, unique=True), n_max=st.sampled_from(N_MAX_CHOICES),
       n_features=st.integers(1, 90))
def test_every_plan_fits_the_budget_with_the_largest_size_it_can(models, n_max, n_features):
    run = plan_run(LearningView(models=tuple(models), n_max=n_max), n_features)
    assert BLOCK * run.seconds <= BUDGET_SECONDS or (len(run.models) == 1 and run.n_max == N_MAX_CHOICES[0])
    assert [m for m in models if m in run.models] == list(run.models)  # the view's order, less the left out
    bigger = [n for n in N_MAX_CHOICES if run.n_max < n <= n_max]
    if bigger and not run.left_out:  # nothing left out: the next larger size would not have fitted
        sizes = log_spaced_sizes(6, bigger[0], 10)
        assert BLOCK * curve_seconds(run.models, sizes, n_features, 1) > BUDGET_SECONDS
