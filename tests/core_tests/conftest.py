"""Fixtures of the core tests: the toy data the generative classifiers are checked on, the scenes the figures
are drawn from."""

import pytest

from core_tests.figure_cases import scene_of
from core_tests.generative_cases import stretched


@pytest.fixture(scope="module")
def three_classes():
    """(X, y, X_test): three Gaussian classes with unequal covariances."""
    X, y = stretched("three_gaussians", 240, seed=3)
    X_test, _ = stretched("three_gaussians", 150, seed=4)
    return X, y, X_test


@pytest.fixture(scope="module")
def two_classes():
    """(X, y, X_test): two correlated Gaussian classes, 30 % / 70 %."""
    X, y = stretched("correlated", 200, seed=5, share=0.7)
    X_test, _ = stretched("correlated", 150, seed=6)
    return X, y, X_test


@pytest.fixture(scope="module")
def two():
    return scene_of("blobs", "gnb")


@pytest.fixture(scope="module")
def three():
    return scene_of("three_gaussians", "qda")


@pytest.fixture(params=["two", "three"])
def scene(request):
    return request.getfixturevalue(request.param)
