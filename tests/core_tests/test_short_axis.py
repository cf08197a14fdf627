"""The class-axis reductions of core.mathutil / core.evaluation give numpy's own results, ties and -inf included."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from core.evaluation import first_argmax
from core.mathutil import SHORT_AXIS, column_means, reduce_axis

values = st.one_of(st.floats(-1e6, 1e6), st.just(-np.inf), st.just(0.5))  # repeated 0.5: ties
shapes = st.tuples(st.integers(1, 40), st.integers(1, SHORT_AXIS + 3))


@settings(max_examples=200, deadline=None)
@given(shapes.flatmap(lambda shape: arrays(float, shape, elements=values)), st.sampled_from([0, 1, -1]))
def test_reduce_axis_is_numpys_reduce(a, axis):
    for ufunc in (np.add, np.maximum):
        with np.errstate(invalid="ignore"):
            ours, theirs = reduce_axis(ufunc, a, axis), ufunc.reduce(a, axis=axis)
        assert ours.shape == theirs.shape
        assert np.allclose(ours, theirs, rtol=1e-12, atol=1e-9, equal_nan=True)


@settings(max_examples=200, deadline=None)
@given(shapes.flatmap(lambda shape: arrays(float, shape, elements=st.floats(-1e6, 1e6) | st.just(0.5))))
def test_column_means_and_first_argmax_are_numpys(a):
    assert np.allclose(column_means(a), a.mean(axis=0), rtol=1e-12, atol=1e-9)
    assert np.array_equal(first_argmax(a), np.argmax(a, axis=1))  # the first of equal largest, as numpy


def test_a_grid_and_a_vector_reduce_as_numpy():
    grid = np.random.default_rng(0).normal(size=(3, 7, 5))
    assert np.allclose(reduce_axis(np.maximum, grid, 0), grid.max(axis=0))
    assert np.allclose(reduce_axis(np.add, grid, 2), grid.sum(axis=2))
    vector = np.array([1.0, 3.0, 2.0])
    assert reduce_axis(np.maximum, vector, 0) == 3.0
