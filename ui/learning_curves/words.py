"""The learning-curves page's words, each built from the scenario it describes.

``tests/learning_curves/test_claims_learning_curves.py`` checks the checkable claims on the curves they describe.
"""

from __future__ import annotations

import numpy as np

from core.experiments import DEFAULT_N_TEST
from core.glossary import term_link
from core.models import MODELS

GAUSSIAN_2D = ("blobs", "correlated")  # two classes, one shared covariance: the Bayes error is known


def intro(scenario: str, facts: dict) -> str:
    """The opening paragraph: Ng & Jordan's result, scoped, and how this page measures it."""
    text = (
        "Ng & Jordan (2002) compared **naive Bayes with logistic regression** and found **two regimes**: naive Bayes "
        "approaches its asymptotic error after O(log d) examples, for d features; logistic regression needs O(d) "
        "to reach its own, which is lower or equal (equal when naive Bayes' assumption holds, as in scenario (a)). "
        "It is a result about that pair, not about every generative model. Below, "
        "the models are trained on fresh samples of growing size ")
    if scenario == "real":
        n_test = facts["n_test"]
        return text + (
            f"drawn from one real dataset and scored on the part held out in each repeat ({n_test} points). The bands "
            "are ±1 standard error over repeats; the repeats resample one finite pool, so they are not independent "
            "and the bands understate the uncertainty.")
    return text + (
        f"from data where the answer is known, and scored on a fresh test set of {DEFAULT_N_TEST:,} points in each "
        "repeat; the bands are ±1 standard error over repeats.")


def scenario_note(scenario: str, options: dict) -> str:
    if scenario == "nb_holds":
        return (f"**Both models are right here**, so both end at the {term_link('Bayes error')}. Naive Bayes estimates "
                "each feature's "
                "mean and variance on its own and gets close after a few dozen examples; logistic regression fits "
                "its d + 1 weights jointly and needs more. Raise d and the gap lasts longer: logistic regression needs "
                "more examples to catch up (Ng & Jordan: O(log d) against O(d)).")
    if scenario == "nb_misspecified":
        return ("**Naive Bayes is wrong here**: the copies of feature 1 carry no new information, but it counts them "
                f"as {term_link('naive (conditional independence) assumption', 'independent evidence')}. It still "
                "learns fast, then flattens at its own, higher limit (dotted line), while logistic regression goes "
                f"on down to the {term_link('Bayes error')}. With 10 copies that limit is so "
                "high that logistic regression is ahead at every size; with 2 copies naive Bayes leads at small n "
                "and the curves cross: both of Ng & Jordan's regimes.")
    if scenario == "toy_2d":
        dataset = options.get("dataset")
        text = "With only two features both models learn fast."
        if dataset in GAUSSIAN_2D:
            text += " The two classes are Gaussians with one shared covariance, so the Bayes error is known and drawn."
        if dataset == "correlated":
            text += (" On **correlated** data naive Bayes ends at it too (its straight line happens to point the "
                     "right way), but later than logistic regression, which uses the correlation to place its line.")
        if dataset == "three_gaussians":
            text += (" With three classes and a covariance per class QDA has many parameters to estimate: at the "
                     "smallest sizes it is far behind logistic regression, the opposite of naive Bayes' head start.")
        return text
    return ("**Real data**: neither model is exactly right, so which one wins, and when, is an empirical question. "
            "The test set is the 30% held out from each repeat's split, so the curve stops at the size of the "
            "remaining pool.")


GENERAL_NOTES = [
    "Xue & Titterington (2008): which family wins with enough data depends on **which model is correctly "
    "specified**; on real data usually neither is, and the crossover need not happen.",
    f"{term_link('shrinkage / regularisation', '**Regularisation**')} hides part of naive Bayes' lead: in "
    "scenario (a) with d = 10, C = 0.3 shrinks it from 3 to 5 points to under 1 between n = 19 and 58. A very "
    "small C backfires at the smallest sizes: the weights shrink to nothing and the unpenalised intercept just "
    "predicts the larger class.",
    "**Which naive Bayes**: Ng & Jordan's shares each feature's variance between the classes, so its boundary "
    "is a straight line like logistic regression's. scikit-learn's `GaussianNB` (\"Gaussian naive Bayes\") "
    "fits a variance per class: twice as many, each poorly estimated from a handful of points, so it starts "
    "much worse.",
]


BOTH_REGIMES_HINT = ("One click to scenario (b) with two near-copies of feature 1: naive Bayes leads with few "
                     "examples, logistic regression with many.")


def regimes(train_sizes, means: dict, ses: dict, pair: tuple | None, crossover_at: float | None) -> str:
    """Which of Ng & Jordan's pair is ahead on each side of the crossover the chart marks; "" without one.

    The side's leader is the curve lower at its clearest lead (the largest gap beyond two standard errors of
    the difference, as ``core.experiments.family_crossover`` counts a lead).
    """
    if pair is None or crossover_at is None:
        return ""
    sizes = np.asarray(train_sizes, dtype=float)
    diff = np.asarray(means[pair[0]]) - np.asarray(means[pair[1]])
    margin = np.abs(diff) - 2 * np.hypot(ses[pair[0]], ses[pair[1]])
    sides = []
    for side in (sizes < crossover_at, sizes > crossover_at):
        clear = side & (margin > 0)
        if not clear.any():
            return ""
        j = int(np.flatnonzero(clear)[np.argmax(margin[clear])])
        sides.append(pair[0] if diff[j] < 0 else pair[1])
    first, then = sides
    if first == then:
        return ""
    return f"**Both regimes:** {first} is ahead below n ≈ {crossover_at:.0f}, {then} above it."


def chart_heading(label: str, done: int) -> str:
    return f"{label} · {done} repeat{'s' if done != 1 else ''}"


def budget_note(asked_n_max: int, n_max: int, left_out: tuple, limit: int) -> str:
    """What a run leaves out of the view to answer within ``limit`` seconds; "" when nothing."""
    parts = []
    if n_max < asked_n_max:
        parts.append(f"the curve stops at n = {n_max:,} instead of {asked_n_max:,}")
    if left_out:
        names = [MODELS[m].label for m in left_out]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        parts.append(f"{listed} {'is' if len(names) == 1 else 'are'} left out (the slowest to fit)")
    if not parts:
        return ""
    return (f"So that the page answers within {limit} seconds, {' and '.join(parts)}. "
            "Fewer models, fewer features or a smaller largest size leave room for more.")


def clock_note(done: int, asked: int, clock: float, limit: int) -> str:
    return (f"**{done} of the {asked} repeats** are computed so far: each run stops starting new ones after about "
            f"{clock:.0f} s, so that the page answers within {limit} seconds. **Continue** computes more; the "
            "repeats already computed are kept.")


def not_offered(models: tuple) -> str:
    names = " and ".join(MODELS[m].label for m in models)
    return (f"Not offered here: {names}. Each fit takes from a third of a second to seconds on this server, and "
            "a curve needs at least a hundred fits.")
