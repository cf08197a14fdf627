"""What only a generative model can do, as numbers: novelty from p(x), a missing feature, few labels.

Plain functions over fitted models and arrays; the page ``pages/generative_powers.py`` draws them.
The missing feature is marginalised by the generative models themselves (NaN in X, see
``core.generative``); EM over unlabelled points is ``core.semisupervised.fit_em``.
"""

from __future__ import annotations

import numpy as np

from core.evaluation import paired_verdict
from core.models import fit_model
from core.semisupervised import fit_em

XOR_CENTRES = ((1.0, 1.0), (-1.0, -1.0), (-1.0, 1.0), (1.0, -1.0))  # core.datasets.make_xor_data


def xor_centre_ratio(model) -> float:
    """p(0, 0) over the mean p(x) at the four XOR blob centres, under ``model``: above 1, the model
    rates the empty centre more typical than the data."""
    log_px = model.log_px(np.array([(0.0, 0.0), *XOR_CENTRES]))
    return float(np.exp(log_px[0] - np.log(np.mean(np.exp(log_px[1:])))))


def novelty_threshold(model, X_train, percentile: float) -> float:
    """log p(x) below which a point is flagged as novel: the ``percentile`` of the training points' log p(x)."""
    return float(np.percentile(model.log_px(np.asarray(X_train, dtype=float)), percentile))


def far_point(X) -> tuple:
    """A point well outside the data: one data range to the right of the largest x1, at the middle x2."""
    X = np.asarray(X, dtype=float)
    lo, hi = X.min(axis=0), X.max(axis=0)
    return (float(hi[0] + (hi[0] - lo[0])), float((lo[1] + hi[1]) / 2))


def hide(X, hidden: int) -> np.ndarray:
    """A copy of X with feature ``hidden`` (0 or 1) set to NaN: missing at prediction time."""
    out = np.array(X, dtype=float)
    out[:, hidden] = np.nan
    return out


def mean_imputed(X, hidden: int, fill: float) -> np.ndarray:
    """A copy of X with feature ``hidden`` replaced by ``fill`` (the training mean): a discriminative
    model's usual fill-in, since it has no p(x) to integrate over."""
    out = np.array(X, dtype=float)
    out[:, hidden] = fill
    return out


def along_observed_axis(gen_model, disc_model, X_train, hidden: int, n_points: int = 200):
    """P(y | x_observed) along the observed feature, for both families.

    Returns
    -------
    xs : ndarray of shape (n_points,), values of the observed feature over the data's range (+15%)
    gen : ndarray of shape (n_points, K), the generative model with the hidden feature integrated out
    disc : ndarray of shape (n_points, K), the discriminative model with the hidden feature at its training mean
    """
    X_train = np.asarray(X_train, dtype=float)
    seen = 1 - hidden
    lo, hi = X_train[:, seen].min(), X_train[:, seen].max()
    xs = np.linspace(lo - 0.15 * (hi - lo), hi + 0.15 * (hi - lo), n_points)
    X = np.zeros((n_points, 2))
    X[:, seen] = xs
    return (xs, gen_model.predict_proba(hide(X, hidden)),
            disc_model.predict_proba(mean_imputed(X, hidden, X_train[:, hidden].mean())))


def hidden_feature_accuracy(gen_model, disc_model, disc_name: str, disc_params: dict, train, test,
                            hidden: int) -> dict:
    """Test accuracy with feature ``hidden`` missing at prediction time.

    Returns
    -------
    dict with ``generative`` (marginalised), ``discriminative`` (mean-imputed), ``refit`` (the
    discriminative model refitted on the observed feature alone: an oracle a deployed model rarely
    has, since it needs the training data and a new fit for every pattern of missing features),
    and ``full_generative`` / ``full_discriminative`` (both features seen), each in [0, 1].
    """
    seen = [1 - hidden]
    refit = fit_model(disc_name, train.X[:, seen], train.y, **disc_params)
    acc = lambda pred: float(np.mean(pred == test.y))  # noqa: E731
    return {
        "generative": acc(gen_model.predict(hide(test.X, hidden))),
        "discriminative": acc(disc_model.predict(mean_imputed(test.X, hidden, train.X[:, hidden].mean()))),
        "refit": acc(refit.predict(test.X[:, seen])),
        "full_generative": acc(gen_model.predict(test.X)),
        "full_discriminative": acc(disc_model.predict(test.X)),
    }


def labelled_subset(y, k: int, seed: int = 0) -> np.ndarray:
    """Indices of ``k`` randomly chosen points of every class (the rest are used without labels).

    Raises ``ValueError`` when a class has fewer than ``k + 1`` points: at least one must stay unlabelled.
    """
    y = np.asarray(y)
    rng = np.random.default_rng(seed)
    classes, counts = np.unique(y, return_counts=True)
    if counts.min() < k + 1:
        raise ValueError(f"Only {counts.min()} training points in the smallest class: k = {k} labels per class "
                         "would leave none unlabelled. Lower k or use more points.")
    return np.sort(np.concatenate([rng.choice(np.flatnonzero(y == c), k, replace=False) for c in classes]))


def accuracy(model, data) -> float:
    """Share of ``data``'s points that ``model`` classifies right."""
    return float(np.mean(model.predict(data.X) == data.y))


def augmented_logistic(gen_name: str, X_few, y_few, test, n_generated: int = 1000, seed: int = 0) -> dict:
    """Logistic regression on a few real points, alone and with many points drawn from a generative fit to them.

    The generative model sees only the same few points; its samples add its assumptions, not new data.

    Returns
    -------
    dict of test accuracies: ``real`` (logistic regression on the few points), ``augmented`` (on the few
    points plus ``n_generated`` samples), ``generative`` (the generative model itself), and ``verdict``: augmented
    against real, paired on the test points (``core.evaluation.paired_verdict``, A = real, B = augmented).
    """
    gen = fit_model(gen_name, X_few, y_few)
    X_gen, y_gen = gen.sample(n_generated, np.random.default_rng(seed))
    real = fit_model("logreg", X_few, y_few)
    augmented = fit_model("logreg", np.vstack([X_few, X_gen]), np.concatenate([y_few, y_gen]))
    return {"real": accuracy(real, test), "augmented": accuracy(augmented, test), "generative": accuracy(gen, test),
            "verdict": paired_verdict(test.y, real.predict(test.X), augmented.predict(test.X))}


def semi_supervised_run(name: str, train, test, k: int, seed: int = 0) -> dict:
    """EM (``core.semisupervised.fit_em``) on ``k`` labels per class plus the rest of ``train`` unlabelled.

    Returns
    -------
    dict with ``result`` (the EMResult), ``idx`` and ``rest`` (labelled and unlabelled indices into ``train``),
    test accuracies ``em``, ``labels_only`` (the same model on the labels alone: EM's start) and ``logreg``
    (logistic regression on the labels alone), and ``verdict``: EM against the labels alone, paired on the test
    points (``core.evaluation.paired_verdict``, A = labels alone, B = EM).
    """
    idx = labelled_subset(train.y, k, seed)
    rest = np.setdiff1d(np.arange(len(train.y)), idx)
    result = fit_em(name, train.X[idx], train.y[idx], train.X[rest])
    logreg = fit_model("logreg", train.X[idx], train.y[idx])
    return dict(result=result, idx=idx, rest=rest, em=accuracy(result.model, test),
                labels_only=accuracy(result.supervised, test), logreg=accuracy(logreg, test),
                verdict=paired_verdict(test.y, result.supervised.predict(test.X), result.model.predict(test.X)))
