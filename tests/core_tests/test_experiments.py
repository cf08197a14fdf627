"""core/experiments.py and core/scenarios.py: learning curves, samplers, closed forms, Ng & Jordan's two regimes."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression

from core.datasets import GENERATED
from core.experiments import (
    crossover,
    curve_models,
    family_crossover,
    learning_curve,
    log_spaced_sizes,
    mean_and_se,
)
from core.figures.learning_curves import learning_curve_figure, readout
from core.generative import SharedVarianceNB
from core.scenarios import REAL_DATASETS, SCENARIOS, GaussianSampler, PoolSampler, make_scenario


def two_blobs(n, rng):
    """Toy sampler: two 1D Gaussian classes at -1 and +1, labels Bernoulli(1/2)."""
    y = rng.integers(2, size=n)
    return (2.0 * y - 1 + rng.standard_normal(n))[:, None], y


def seventy_thirty(n, rng):
    """Labels fixed by position: the first 70% class 0, the rest class 1 (X is noise)."""
    y = (np.arange(n) >= round(0.7 * n)).astype(int)
    return rng.standard_normal((n, 2)), y


class OneClassEveryOtherTrainingSample:
    """Wraps a sampler; every other sample smaller than 100 points (a training sample) is class 0 only."""

    def __init__(self, sampler):
        self.sampler, self.small_calls = sampler, 0

    def __call__(self, n, rng):
        X, y = self.sampler(n, rng)
        if n < 100:
            self.small_calls += 1
            if self.small_calls % 2 == 1:
                return X, np.zeros_like(y)
        return X, y


# ---- learning_curve ------------------------------------------------------------------------

def test_learning_curve_shape_and_errors_in_unit_interval():
    errors = learning_curve(two_blobs, {"lr": LogisticRegression(), "lda": LinearDiscriminantAnalysis()},
                            [4, 10, 30], n_repeats=3, seed=0, n_test=500)
    assert set(errors) == {"lr", "lda"}
    for e in errors.values():
        assert e.shape == (3, 3)
        assert np.all((e >= 0) & (e <= 1))


def test_learning_curve_is_deterministic_under_a_seed():
    run = lambda seed: learning_curve(two_blobs, {"lr": LogisticRegression()}, [4, 20], n_repeats=3,
                                      seed=seed, n_test=300)["lr"]
    assert np.array_equal(run(7), run(7))
    assert not np.array_equal(run(7), run(8))


def test_blocks_of_repeats_concatenate_to_one_run():
    run = lambda n_repeats, first: learning_curve(two_blobs, {"lr": LogisticRegression()}, [4, 20],
                                                  n_repeats=n_repeats, seed=3, n_test=300,
                                                  first_repeat=first)["lr"]
    assert np.array_equal(run(4, 0), np.hstack([run(2, 0), run(2, 2)]))


def test_majority_class_model_errs_on_exactly_the_minority_share():
    errors = learning_curve(seventy_thirty, {"majority": DummyClassifier(strategy="most_frequent")},
                            [10, 50], n_repeats=2, seed=0, n_test=2000)["majority"]
    assert np.array_equal(errors, np.full((2, 2), 0.3))  # 600 of the 2000 test points are class 1


def test_a_sampler_with_holdout_supplies_the_test_set():
    y = np.array([0] * 30 + [1] * 10)
    pool = PoolSampler(np.arange(40.0)[:, None], y, test_fraction=0.5)
    errors = learning_curve(pool, {"majority": DummyClassifier(strategy="most_frequent")}, [8], n_repeats=5,
                            seed=0, min_per_class=1)["majority"]
    # training pool holds 15 zeros and 5 ones, so class 0 is the majority of every sample of 8 that
    # holds both; the held-out test set is 15 zeros and 5 ones
    assert np.allclose(errors, 5 / 20)


def test_samples_lacking_a_class_are_redrawn():
    sampler = OneClassEveryOtherTrainingSample(two_blobs)
    errors = learning_curve(sampler, {"lr": LogisticRegression()}, [6, 12], n_repeats=2, seed=0,
                            n_test=200)["lr"]
    assert np.all(np.isfinite(errors))  # a one-class fit would have raised and left NaN
    assert sampler.small_calls >= 2 * 2 * 2  # every one-class sample was redrawn


def test_a_sampler_that_never_gives_both_classes_raises():
    one_class = lambda n, rng: (rng.standard_normal((n, 1)), np.r_[0, 1, np.zeros(n - 2, int)])
    with pytest.raises(ValueError, match="lacked a class"):
        learning_curve(one_class, {"lr": LogisticRegression()}, [5], n_repeats=1, n_test=10, max_redraws=5)


def test_a_model_that_cannot_be_fitted_leaves_nan_not_an_exception():
    class FailsBelowTen(DummyClassifier):
        def fit(self, X, y):
            if len(y) < 10:
                raise ValueError("too few points")
            return super().fit(X, y)

    errors = learning_curve(two_blobs, {"m": FailsBelowTen()}, [5, 20], n_repeats=2, n_test=100)["m"]
    assert np.all(np.isnan(errors[0])) and np.all(np.isfinite(errors[1]))


def test_progress_is_called_with_increasing_fractions_ending_at_one():
    seen = []
    learning_curve(two_blobs, {"lr": LogisticRegression()}, [4, 8, 16], n_repeats=2, n_test=100,
                   progress=seen.append)
    assert len(seen) == 6
    assert np.all(np.diff(seen) > 0) and seen[-1] == 1.0


def test_training_sizes_beyond_a_pool_raise():
    sc = make_scenario("real", dataset="wine")
    with pytest.raises(ValueError, match="Cannot draw"):
        learning_curve(sc.sampler, {"lr": LogisticRegression()}, [sc.max_train_size + 1], n_repeats=1)


def test_mean_and_se_ignore_nan():
    errors = np.array([[0.1, 0.3, np.nan], [0.2, 0.2, 0.2]])
    mean, se = mean_and_se(errors)
    assert np.allclose(mean, [0.2, 0.2])
    assert np.allclose(se, [np.std([0.1, 0.3], ddof=1) / np.sqrt(2), 0.0])


def test_log_spaced_sizes_start_and_end_at_the_bounds():
    sizes = log_spaced_sizes(6, 1000, 10)
    assert sizes[0] == 6 and sizes[-1] == 1000 and len(sizes) == 10
    assert all(b > a for a, b in zip(sizes, sizes[1:]))


# ---- crossover ------------------------------------------------------------------------------

def test_crossover_interpolates_on_log_n():
    # a - b = -0.1 at n = 10 and +0.05 at n = 100: zero two thirds of the way in log n
    n = crossover([10, 100, 1000], [0.30, 0.20, 0.10], [0.40, 0.15, 0.05])
    assert n == pytest.approx(10 ** (1 + 2 / 3))


def test_curves_that_meet_without_swapping_have_no_crossover():
    assert crossover([10, 100, 1000], [0.20, 0.12, 0.100], [0.30, 0.15, 0.101], tol=0.005) is None


def test_curves_that_never_meet_have_no_crossover():
    assert crossover([10, 100, 1000], [0.3, 0.2, 0.1], [0.4, 0.3, 0.2]) is None


def test_a_tie_at_the_smallest_size_does_not_hide_a_crossover():
    # tied at n = 10 (within tol), a clearly lower at 100, b clearly lower at 1000
    n = crossover([10, 100, 1000], [0.30, 0.15, 0.12], [0.31, 0.20, 0.10], tol=0.015)
    assert 100 < n < 1000


def test_crossover_reports_the_last_sign_change():
    # noise makes a dip at n = 100; the lasting swap is between 1000 and 10000
    n = crossover([10, 100, 1000, 10000], [0.2, 0.3, 0.2, 0.2], [0.3, 0.29, 0.3, 0.1])
    assert 1000 < n < 10000


def test_family_crossover_compares_the_first_generative_with_the_first_discriminative():
    sizes = [10, 100, 1000]
    means = {"tree": np.array([0.5, 0.5, 0.5]), "nb": np.array([0.2, 0.15, 0.15]),
             "lr": np.array([0.3, 0.1, 0.05]), "lda": np.array([0.1, 0.1, 0.1])}
    ses = {k: np.zeros(3) for k in means}
    families = {"tree": "discriminative", "nb": "generative", "lr": "discriminative", "lda": "generative"}
    pair, n = family_crossover(sizes, means, ses, families)
    assert pair == ("nb", "tree") and n is None  # the tree is the first discriminative curve
    pair, n = family_crossover(sizes, {k: means[k] for k in ("nb", "lr")}, ses, families)
    assert pair == ("nb", "lr") and 10 < n < 100
    assert family_crossover(sizes, {"nb": means["nb"]}, ses, families) == (None, None)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1)), min_size=2, max_size=8))
def test_crossover_is_symmetric_and_inside_the_size_range(pairs):
    a, b = np.array(pairs).T
    sizes = np.geomspace(5, 5000, len(pairs))
    n_ab, n_ba = crossover(sizes, a, b), crossover(sizes, b, a)
    assert (n_ab is None) == (n_ba is None)
    if n_ab is not None:
        assert n_ab == pytest.approx(n_ba)
        assert sizes[0] * (1 - 1e-9) <= n_ab <= sizes[-1] * (1 + 1e-9)


# ---- figure and readout ---------------------------------------------------------------------------

def test_figure_has_band_then_curve_per_model_and_reference_lines():
    sizes = [6, 60, 600]
    means = {"NB": np.array([0.3, 0.2, 0.15]), "LR": np.array([0.4, 0.2, 0.1])}
    ses = {"NB": np.full(3, 0.01), "LR": np.full(3, 0.02)}
    fig = learning_curve_figure(sizes, means, ses, {"NB": "generative", "LR": "discriminative"},
                                bayes_error=0.1, nb_limit=0.15, crossover_at=60.0)
    names = [t.name for t in fig.data]
    assert names == ["NB ± 1 s.e.", "NB", "LR ± 1 s.e.", "LR", "Bayes error 10.0%", "naive Bayes' limit 15.0%",
                     "crossover n ≈ 60"]
    band = fig.data[2]
    assert np.allclose(band.y, [0.42, 0.22, 0.12, 0.08, 0.18, 0.38])  # upper then lower, reversed
    assert fig.data[3].line.dash == "dash" and fig.data[1].line.dash == "solid"
    assert fig.layout.xaxis.type == "log" and fig.layout.font.size >= 16


def test_figure_leaves_out_a_naive_bayes_limit_equal_to_the_bayes_error():
    fig = learning_curve_figure([6, 60], {"NB": np.array([0.3, 0.2])}, {"NB": np.zeros(2)},
                                bayes_error=0.1, nb_limit=0.1)
    assert [t.name for t in fig.data] == ["NB ± 1 s.e.", "NB", "Bayes error 10.0%"]


def test_readout_quotes_both_ends_the_widest_gap_and_the_crossover():
    text = readout([6, 60, 600], {"NB": np.array([0.3, 0.15, 0.101]), "LR": np.array([0.35, 0.25, 0.1])},
                   crossover_at=None, pair=("NB", "LR"))
    assert text == ("At n = 6: NB 30.0%, LR 35.0%. Widest gap at n = 60: NB 15.0%, LR 25.0%. "
                    "At n = 600: both ≈ 10.1%.")
    assert readout([6, 600], {"NB": np.array([0.3, 0.2])}, crossover_at=123.4).endswith("cross near n ≈ 123.")


# ---- scenarios and their closed forms ----------------------------------------------------------

def monte_carlo_linear_rule_error(sampler: GaussianSampler, w, n=200_000, seed=0):
    X, y = sampler(n, np.random.default_rng(seed))
    midpoint = sampler.means.mean(axis=0)
    return np.mean(((X - midpoint) @ w > 0).astype(int) != y)


@pytest.mark.parametrize("name, options", [("nb_holds", {"d": 5}), ("nb_misspecified", {"d": 5, "copies": 4})])
def test_bayes_error_and_nb_limit_match_monte_carlo(name, options):
    sc = make_scenario(name, **options)
    s = sc.sampler
    delta = s.means[1] - s.means[0]
    bayes_rule, nb_rule = np.linalg.solve(s.cov, delta), delta / np.diag(s.cov)
    assert monte_carlo_linear_rule_error(s, bayes_rule) == pytest.approx(sc.bayes_error, abs=0.005)
    assert monte_carlo_linear_rule_error(s, nb_rule) == pytest.approx(sc.nb_error, abs=0.005)


def test_scenario_a_has_the_same_bayes_error_for_every_d():
    errors = [make_scenario("nb_holds", d=d).bayes_error for d in (1, 10, 50)]
    assert np.allclose(errors, errors[0])


def test_near_copies_leave_the_bayes_error_but_raise_naive_bayes_limit():
    a, b = make_scenario("nb_holds", d=10), make_scenario("nb_misspecified", d=10, copies=10)
    assert b.bayes_error == pytest.approx(a.bayes_error, abs=1e-3)
    assert a.nb_error == pytest.approx(a.bayes_error)
    assert b.nb_error > a.nb_error + 0.1


@pytest.mark.parametrize("dataset", ["blobs", "correlated"])
def test_toy_bayes_error_matches_the_generator(dataset):
    # an LDA fitted on a huge sample is the Bayes rule to within sampling error, whatever the generator's constants
    sc = make_scenario("toy_2d", dataset=dataset)
    rng = np.random.default_rng(1)
    lda = LinearDiscriminantAnalysis().fit(*sc.sampler(100_000, rng))
    X, y = sc.sampler(100_000, rng)
    assert np.mean(lda.predict(X) != y) == pytest.approx(sc.bayes_error, abs=0.005)


def test_pool_holdout_is_stratified_and_disjoint_from_training():
    X = np.arange(100.0)[:, None]
    y = (np.arange(100) < 40).astype(int)
    train, (X_test, y_test) = PoolSampler(X, y, test_fraction=0.25).holdout(np.random.default_rng(0))
    assert np.bincount(y_test).tolist() == [15, 10]
    assert len(train.y) == 75 and not set(train.X[:, 0]) & set(X_test[:, 0])


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_every_scenario_samples_labelled_points(name):
    sc = make_scenario(name)
    train, (X, y) = (sc.sampler.holdout(np.random.default_rng(0)) if hasattr(sc.sampler, "holdout")
                     else (sc.sampler, sc.sampler(50, np.random.default_rng(0))))
    assert X.shape[1] == sc.n_features and len(X) == len(y) and len(np.unique(y)) >= 2


@pytest.mark.parametrize("dataset", GENERATED)
def test_every_2d_dataset_gives_finite_curves_from_six_points(dataset):
    sc = make_scenario("toy_2d", dataset=dataset)
    errors = learning_curve(sc.sampler, curve_models(["nb_shared", "logreg"]), [6, 20], n_repeats=2, n_test=500)
    assert all(np.all(np.isfinite(e)) for e in errors.values())


@pytest.mark.parametrize("dataset", list(REAL_DATASETS))
def test_every_real_dataset_is_a_two_class_pool(dataset):
    sc = make_scenario("real", dataset=dataset)
    assert np.unique(sc.sampler.y).tolist() == [0, 1]
    assert sc.max_train_size == pytest.approx(0.7 * len(sc.sampler.y), abs=1)


def test_unknown_scenario_option_is_refused():
    with pytest.raises(ValueError, match="no option"):
        make_scenario("nb_holds", copies=3)


# ---- Ng & Jordan's naive Bayes ----------------------------------------------------------------

def test_shared_variance_nb_in_one_dimension_is_lda():
    # with one feature a shared variance is a shared covariance: the same model as LDA
    rng = np.random.default_rng(0)
    X, y = two_blobs(200, rng)
    X_new = np.linspace(-3, 3, 13)[:, None]
    nb = SharedVarianceNB().fit(X, y)
    lda = LinearDiscriminantAnalysis(solver="lsqr").fit(X, y)
    assert np.allclose(nb.predict_proba(X_new), lda.predict_proba(X_new), atol=1e-6)
    assert np.allclose(nb.var_[0], nb.var_[1])


def test_curve_models_builds_registry_models_with_params():
    models = curve_models(["nb_shared", "logreg"], logreg={"C": 0.5})
    assert isinstance(models["nb_shared"], SharedVarianceNB)
    assert models["logreg"].get_params()["logisticregression__C"] == 0.5
    with pytest.raises(ValueError, match="Unknown model"):
        curve_models(["nope"])


# ---- Ng & Jordan's two regimes, on fixed seeds (the page's defaults) ----------------------------

SIZES = log_spaced_sizes(6, 1000, 10)  # 6, 11, 19, 33, 58, 103, 182, 321, 566, 1000


def curves(scenario, **options):
    sc = make_scenario(scenario, **options)
    errors = learning_curve(sc.sampler, curve_models(["nb_shared", "logreg"], logreg={"C": 100.0}), SIZES,
                            n_repeats=20, seed=0)
    return sc, {name: mean_and_se(e) for name, e in errors.items()}


def test_scenario_a_naive_bayes_leads_at_small_n_and_the_curves_meet():
    sc, c = curves("nb_holds", d=10)
    (nb, nb_se), (lr, lr_se) = c["nb_shared"], c["logreg"]
    small = [i for i, n in enumerate(SIZES) if 10 <= n <= 110]  # n = 11 ... 103
    assert np.all(nb[small] < lr[small])
    assert np.mean(lr[small] - nb[small]) > 0.02
    assert abs(nb[-1] - lr[-1]) < 0.01  # they meet ...
    assert nb[-1] - sc.bayes_error < 0.01 and lr[-1] - sc.bayes_error < 0.01  # ... at the Bayes error
    assert crossover(SIZES, nb, lr, tol=2 * np.hypot(nb_se, lr_se)) is None


def test_scenario_b_logistic_regression_ends_clearly_below_naive_bayes():
    sc, c = curves("nb_misspecified", d=10, copies=10)
    nb, lr = c["nb_shared"][0], c["logreg"][0]
    assert nb[-1] - lr[-1] > 0.05
    assert nb[-1] == pytest.approx(sc.nb_error, abs=0.015)  # naive Bayes sits at its closed-form limit
    assert lr[-1] - sc.bayes_error < 0.015
