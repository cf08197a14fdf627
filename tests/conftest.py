"""Shared test setup."""

import pytest
from threadpoolctl import threadpool_limits


@pytest.fixture(autouse=True, scope="session")
def one_blas_thread():
    """Run BLAS on one thread: the test matrices are tiny, and on a busy 2-core machine
    OpenBLAS's spinning worker threads make a GaussianMixture fit ~20x slower."""
    with threadpool_limits(limits=1, user_api="blas"):
        yield
