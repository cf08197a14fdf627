"""Dataset registry: shapes, labels, seeding, class balance, splitting."""

import numpy as np
import pytest

from core.datasets import DATASETS, GENERATOR, Dataset, class_shares, datasets_of, make_dataset, train_test_split

NAMES = datasets_of(GENERATOR)  # fixed datasets: tests/explorer/test_own_data.py
TWO_CLASS = [n for n in NAMES if DATASETS[n].n_classes == 2]
THREE_CLASS = [n for n in NAMES if DATASETS[n].n_classes == 3]


def _rows(X):
    return {tuple(row) for row in X}


# ---- every registry entry -------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_X_has_shape_n_samples_by_2(name):
    data = make_dataset(name, n_samples=101, seed=0)
    assert data.X.shape == (101, 2)
    assert data.X.dtype == np.float64


@pytest.mark.parametrize("name", NAMES)
def test_labels_are_0_to_K_minus_1_and_every_class_present(name):
    data = make_dataset(name, n_samples=90, seed=0)
    K = DATASETS[name].n_classes
    assert data.y.shape == (90,)
    assert np.issubdtype(data.y.dtype, np.integer)
    assert set(data.y.tolist()) == set(range(K))
    assert data.n_classes == K == len(data.class_names)


@pytest.mark.parametrize("name", NAMES)
def test_coordinates_are_finite(name):
    data = make_dataset(name, n_samples=200, noise=DATASETS[name].noise_range[1], seed=1)
    assert np.all(np.isfinite(data.X))


@pytest.mark.parametrize("name", NAMES)
def test_same_seed_gives_same_data(name):
    a = make_dataset(name, n_samples=60, seed=7)
    b = make_dataset(name, n_samples=60, seed=7)
    assert np.array_equal(a.X, b.X)
    assert np.array_equal(a.y, b.y)


@pytest.mark.parametrize("name", NAMES)
def test_different_seeds_give_different_data(name):
    a = make_dataset(name, n_samples=60, seed=1)
    b = make_dataset(name, n_samples=60, seed=2)
    assert not np.allclose(a.X, b.X)


@pytest.mark.parametrize("name", NAMES)
def test_noise_none_means_registry_default(name):
    a = make_dataset(name, n_samples=50, noise=None, seed=3)
    b = make_dataset(name, n_samples=50, noise=DATASETS[name].default_noise, seed=3)
    assert np.array_equal(a.X, b.X)


@pytest.mark.parametrize("name", [n for n in NAMES if DATASETS[n].noise_range[0] < DATASETS[n].noise_range[1]])
def test_noise_changes_the_points(name):
    low, high = DATASETS[name].noise_range
    a = make_dataset(name, n_samples=50, noise=low, seed=3)
    b = make_dataset(name, n_samples=50, noise=high, seed=3)
    assert not np.allclose(a.X, b.X)


@pytest.mark.parametrize("name", NAMES)
def test_generators_leave_global_random_state_alone(name):
    np.random.seed(12345)
    before = np.random.get_state()
    make_dataset(name, n_samples=40, seed=0)
    after = np.random.get_state()
    assert before[0] == after[0]
    assert np.array_equal(before[1], after[1])
    assert before[2:] == after[2:]


@pytest.mark.parametrize("name", NAMES)
def test_output_does_not_depend_on_global_seed(name):
    np.random.seed(1)
    a = make_dataset(name, n_samples=40, seed=0)
    np.random.seed(2)
    b = make_dataset(name, n_samples=40, seed=0)
    assert np.array_equal(a.X, b.X)


# ---- class balance --------------------------------------------------------------------

@pytest.mark.parametrize("name", TWO_CLASS)
def test_share_is_the_proportion_of_class_1(name):
    data = make_dataset(name, n_samples=400, seed=0, share=0.25)
    assert np.bincount(data.y).tolist() == [300, 100]


@pytest.mark.parametrize("name", THREE_CLASS)
def test_share_with_three_classes_is_first_class_rest_even(name):
    data = make_dataset(name, n_samples=400, seed=0, share=0.5)
    assert np.bincount(data.y).tolist() == [200, 100, 100]


@pytest.mark.parametrize("name", NAMES)
def test_no_share_means_balanced(name):
    K = DATASETS[name].n_classes
    counts = np.bincount(make_dataset(name, n_samples=60 * K, seed=0).y)
    assert counts.tolist() == [60] * K


@pytest.mark.parametrize("share", [0.0, 0.001, 0.999, 1.0])
@pytest.mark.parametrize("name", ["blobs", "three_gaussians"])
def test_extreme_share_keeps_n_samples_and_one_point_per_class(name, share):
    data = make_dataset(name, n_samples=100, seed=0, share=share)
    assert len(data.y) == 100
    assert np.bincount(data.y, minlength=data.n_classes).min() >= 1


@pytest.mark.parametrize("K", [2, 3, 5])
@pytest.mark.parametrize("share", [0.0, 0.3, 1.0])
def test_class_shares_sum_to_one(share, K):
    shares = class_shares(share, K)
    assert shares.shape == (K,)
    assert np.isclose(shares.sum(), 1.0)
    assert np.all(shares >= 0)


def test_class_shares_two_classes_is_p_of_class_1():
    assert np.allclose(class_shares(0.2, 2), [0.8, 0.2])


def test_class_shares_three_classes_split_the_rest_evenly():
    assert np.allclose(class_shares(0.4, 3), [0.4, 0.3, 0.3])


def test_class_shares_clips_out_of_range_share():
    assert np.allclose(class_shares(1.7, 2), [0.0, 1.0])


# ---- bad input ----------------------------------------------------------------------

def test_unknown_name_raises_value_error_listing_choices():
    with pytest.raises(ValueError, match="Unknown dataset 'banana'.*blobs"):
        make_dataset("banana")


def test_fewer_points_than_classes_raises_value_error():
    with pytest.raises(ValueError, match="at least 3 points"):
        make_dataset("three_gaussians", n_samples=2)


# ---- splitting ----------------------------------------------------------------------

@pytest.fixture
def imbalanced():
    return make_dataset("blobs", n_samples=200, seed=0, share=0.25)  # 150 of class 0, 50 of class 1


def test_split_is_disjoint_and_covers_the_data(imbalanced):
    train, test = train_test_split(imbalanced, test_fraction=0.3, seed=0)
    assert len(train.y) + len(test.y) == len(imbalanced.y)
    assert not _rows(train.X) & _rows(test.X)
    assert _rows(train.X) | _rows(test.X) == _rows(imbalanced.X)


def test_split_has_requested_test_fraction(imbalanced):
    _, test = train_test_split(imbalanced, test_fraction=0.3, seed=0)
    assert len(test.y) == 60


def test_split_is_stratified(imbalanced):
    train, test = train_test_split(imbalanced, test_fraction=0.3, seed=0)
    assert np.bincount(train.y).tolist() == [105, 35]
    assert np.bincount(test.y).tolist() == [45, 15]


def test_split_keeps_labels_with_their_points(imbalanced):
    train, _ = train_test_split(imbalanced, test_fraction=0.3, seed=0)
    label_of = {tuple(x): y for x, y in zip(imbalanced.X, imbalanced.y, strict=True)}
    assert all(label_of[tuple(x)] == y for x, y in zip(train.X, train.y, strict=True))


def test_split_is_deterministic_under_a_seed(imbalanced):
    a, _ = train_test_split(imbalanced, test_fraction=0.3, seed=4)
    b, _ = train_test_split(imbalanced, test_fraction=0.3, seed=4)
    assert np.array_equal(a.X, b.X)


def test_split_test_fraction_zero_gives_all_train_empty_test(imbalanced):
    train, test = train_test_split(imbalanced, test_fraction=0.0)
    assert np.array_equal(train.X, imbalanced.X)
    assert test.X.shape == (0, 2)
    assert test.y.shape == (0,)
    assert test.class_names == imbalanced.class_names


def test_split_with_a_singleton_class_still_splits():
    tiny = Dataset(np.array([[0.0, 0.0], [1.0, 0.0], [2.0, 0.0], [3.0, 0.0], [9.0, 9.0]]),
                   np.array([0, 0, 0, 0, 1]), ("A", "B"))
    train, test = train_test_split(tiny, test_fraction=0.4, seed=0)
    assert len(train.y) + len(test.y) == 5
    assert len(test.y) == 2


def test_dataset_repr_shows_name_and_counts():
    data = make_dataset("blobs", n_samples=10, seed=0)
    assert repr(data) == "Dataset('blobs', n_samples=10, counts=[5, 5])"
