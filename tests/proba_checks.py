"""Assertions shared by the model tests."""

import numpy as np


def assert_valid_proba(proba, n_rows):
    """Rows of class probabilities: the right count, finite, in [0, 1], each summing to 1."""
    assert proba.shape[0] == n_rows
    assert np.all(np.isfinite(proba))
    assert np.all((proba >= 0) & (proba <= 1))
    assert np.allclose(proba.sum(axis=1), 1)
