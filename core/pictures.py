"""The digits page's measurements: a split, hidden rows, judged samples, drawn digits, a rare class.

Pure numpy + scikit-learn on scikit-learn's 8x8 digits (``load_digits``: 1,797 images, 0-16 ink levels; the
UCI "Optical Recognition of Handwritten Digits" test set). The generative models are ``core.images``'; the
discriminative ones come from ``core.models``' registry (logistic regression, an MLP).
"""

from __future__ import annotations

from functools import cache

import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

from core.evaluation import mcnemar_exact_p
from core.images import fit_digits
from core.models import fit_model

SIDE, N_PIXELS, INK = 8, 64, (0.0, 8.0, 16.0)  # a drawn pixel cycles through INK
DISCRIMINATIVE_DIGITS = ("logreg", "mlp")
SHOWN_GENERATED = 12  # generated images of the rare digit a run returns, to show


@cache
def _digits():
    X, y = load_digits(return_X_y=True)
    X.setflags(write=False)
    y.setflags(write=False)
    return X, y


def digits_split(seed: int = 0, test_size: float = 0.3):
    """X_train, X_test, y_train, y_test: the digits split 70/30, stratified by class, by ``seed``."""
    X, y = _digits()
    return train_test_split(X, y, test_size=test_size, stratify=y, random_state=seed)


def hide_bottom_rows(X, rows: int):
    """A copy of images ``X`` (n, 64) with their bottom ``rows`` rows set to NaN (hidden)."""
    X = np.array(X, dtype=float, copy=True)
    if rows:
        X[:, N_PIXELS - SIDE * rows:] = np.nan
    return X


def fill_with(X, fill):
    """NaN pixels of ``X`` replaced by ``fill`` (n_pixels,): the training mean, for a model that needs every pixel."""
    X = np.array(X, dtype=float, copy=True)
    hidden = np.isnan(X)
    X[hidden] = np.broadcast_to(fill, X.shape)[hidden]
    return X


def class_samples(model, per_class: int, rng):
    """``per_class`` new images of every class, shape (n_classes, per_class, n_pixels): x ~ p(x | y=k)."""
    out = []
    for k in range(len(model.classes_)):
        onehot = np.eye(len(model.classes_))[k]
        out.append(model.with_priors(onehot).sample(per_class, rng)[0])
    return np.array(out)


def recognition_rate(model, judge, n_samples: int, rng) -> float:
    """Share of ``n_samples`` samples (x, y) ~ p(x, y) that the discriminative ``judge`` labels y."""
    X, y = model.sample(n_samples, rng)
    return float(np.mean(judge.predict(X) == y))


def hidden_predictions(generative: dict, X_train, y_train, X_test, rows: int) -> dict:
    """Predicted labels of the test images with their bottom ``rows`` rows hidden, dict name -> (n_test,).

    Generative models integrate the hidden pixels out; logistic regression (the registry's) either sees the
    training mean in them (``logreg_mean``, trained on whole images) or is retrained on the visible pixels
    alone (``logreg_visible``).
    """
    X_hidden = hide_bottom_rows(X_test, rows)
    out = {name: model.predict(X_hidden) for name, model in generative.items()}
    whole = fit_model("logreg", X_train, y_train)
    out["logreg_mean"] = whole.predict(fill_with(X_hidden, X_train.mean(axis=0)))
    visible = N_PIXELS - SIDE * rows
    retrained = whole if rows == 0 else fit_model("logreg", X_train[:, :visible], y_train)
    out["logreg_visible"] = retrained.predict(X_test[:, :visible])
    return out


def hidden_accuracies(generative: dict, X_train, y_train, X_test, y_test, rows: tuple) -> dict:
    """Test accuracy with the bottom ``r`` rows hidden for every r in ``rows``: dict name -> (len(rows),)."""
    per_r = [hidden_predictions(generative, X_train, y_train, X_test, r) for r in rows]
    return {name: np.array([np.mean(p[name] == y_test) for p in per_r]) for name in per_r[0]}


def neighbour_correlation(X, y) -> float:
    """How much a pixel's deviation from its digit's mean image says about its right-hand neighbour's.

    The correlation, over images and over the pairs of horizontal neighbours that both vary, of
    x_ij - mean_y,ij with x_i,j+1 - mean_y,i,j+1: about 0 for pixels drawn independently given the digit
    (naive Bayes' samples), positive where strokes run across pixels (real digits).
    """
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    R = X.copy()
    for k in np.unique(y):
        R[y == k] -= X[y == k].mean(axis=0)
    R = R.reshape(-1, SIDE, SIDE)
    left, right = R[:, :, :-1].reshape(len(R), -1), R[:, :, 1:].reshape(len(R), -1)
    varies = (left.std(axis=0) > 1e-9) & (right.std(axis=0) > 1e-9)
    corr = [np.corrcoef(left[:, j], right[:, j])[0, 1] for j in np.flatnonzero(varies)]
    return float(np.mean(corr))


def recognition_judge(X_train, y_train):
    """Logistic regression on raw pixels, the judge of whether a sample reads as its digit."""
    from sklearn.linear_model import LogisticRegression
    return LogisticRegression(max_iter=5000).fit(X_train, y_train)


def next_ink(value: float) -> float:
    """A click on a drawn pixel: 0 -> 8 -> 16 -> 0 (a pixel between levels goes to the next one up)."""
    return next((level for level in INK if level > value + 1e-9), INK[0])


def percentile_below(values, reference) -> np.ndarray:
    """Share of ``reference`` strictly below each value, in percent: 90 = more typical than 90% of them."""
    reference = np.sort(np.asarray(reference, dtype=float))
    return 100.0 * np.searchsorted(reference, np.asarray(values, dtype=float), side="left") / len(reference)


def quantised(X):
    """Images with every pixel rounded to the nearest of the drawing grid's ink levels (0, 8, 16)."""
    return np.round(np.asarray(X, dtype=float) / 8.0) * 8.0


def mcnemar_exact(correct_a, correct_b) -> tuple:
    """Exact McNemar test on paired correctness: (b, c, p) with b = only A right, c = only B right, and p the
    app's one exact McNemar p-value from those counts (``core.evaluation.mcnemar_exact_p``)."""
    a, b_ = np.asarray(correct_a, dtype=bool), np.asarray(correct_b, dtype=bool)
    b, c = int(np.sum(a & ~b_)), int(np.sum(~a & b_))
    return b, c, mcnemar_exact_p(b, c)


def rare_class_run(digit: int, n_rare: int, n_generated: int, model: str, seed: int) -> dict:
    """Train logistic regression with only ``n_rare`` images of ``digit``, then again with ``n_generated`` samples
    of it drawn from generative ``model`` fitted on the same reduced training set; compare on the test set.

    The split, the rare images kept and the samples all follow ``seed``. Returns accuracies (overall and on the
    rare digit's test images) before and after, and the exact McNemar test of the paired test predictions.
    """
    X_train, X_test, y_train, y_test = digits_split(seed)
    rng = np.random.default_rng(seed)
    rare = np.flatnonzero(y_train == digit)
    keep = np.concatenate([np.flatnonzero(y_train != digit), rng.choice(rare, n_rare, replace=False)])
    X_few, y_few = X_train[keep], y_train[keep]
    before = fit_model("logreg", X_few, y_few).predict(X_test)
    generator = fit_digits(model, X_few, y_few)
    k = int(np.flatnonzero(generator.classes_ == digit)[0])
    X_new = class_samples(generator, n_generated, rng)[k] if n_generated else np.empty((0, N_PIXELS))
    after = fit_model("logreg", np.vstack([X_few, X_new]),
                      np.concatenate([y_few, np.full(len(X_new), digit)])).predict(X_test)
    b, c, p = mcnemar_exact(before == y_test, after == y_test)
    is_rare = y_test == digit
    return dict(accuracy=(float(np.mean(before == y_test)), float(np.mean(after == y_test))),
                recall=(float(np.mean(before[is_rare] == digit)), float(np.mean(after[is_rare] == digit))),
                only_before=b, only_after=c, p=p, n_test=len(y_test),
                rare_images=X_train[keep[-n_rare:]], generated_images=X_new[:SHOWN_GENERATED])


def rare_class_verdict(runs: list, alpha: float = 0.05) -> tuple:
    """("gains" | "loses" | "no clear change", largest change in accuracy points) over runs on several seeds.

    A verdict only when every run's McNemar p < ``alpha`` and every change has the same sign.
    """
    changes = [100.0 * (r["accuracy"][1] - r["accuracy"][0]) for r in runs]
    spread = max(abs(c) for c in changes)
    if all(r["p"] < alpha for r in runs):
        if all(r["only_after"] > r["only_before"] for r in runs):
            return "gains", spread
        if all(r["only_after"] < r["only_before"] for r in runs):
            return "loses", spread
    return "no clear change", spread


def grey_share(X) -> float:
    """Share of pixels in mid-grey (ink strictly between 4 and 12 of 16): blur, neither paper nor stroke."""
    X = np.asarray(X, dtype=float)
    return float(np.mean((X > 4) & (X < 12)))
