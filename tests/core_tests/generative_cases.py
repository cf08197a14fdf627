"""The generative classifiers and toy data the generative tests share (tests/core_tests/conftest.py holds the
fixtures)."""

import numpy as np

from core.datasets import make_dataset
from core.generative import LDA, QDA, GaussianMixtureClassifier, GaussianNaiveBayes, KernelDensityClassifier

GENERATIVE = {
    "gnb": GaussianNaiveBayes,
    "lda": LDA,
    "qda": QDA,
    "gmm": lambda: GaussianMixtureClassifier(n_components=2),
    "kde": KernelDensityClassifier,
}

# Stretch and shift the toy data so the models' internal standardisation is not the identity.
STRETCH = np.array([3.0, 0.5])
SHIFT = np.array([10.0, -4.0])


def stretched(name, n_samples, seed, share=None):
    data = make_dataset(name, n_samples=n_samples, seed=seed, share=share)
    return data.X * STRETCH + SHIFT, data.y
