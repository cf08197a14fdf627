"""The learning-curves page's words, each built from the scenario it describes.

``tests/test_claims_learning_curves.py`` checks the checkable claims on the curves they describe.
"""

from __future__ import annotations

from core.experiments import DEFAULT_N_TEST

GAUSSIAN_2D = ("blobs", "correlated")  # two classes, one shared covariance: the Bayes error is known


def intro(scenario: str, facts: dict) -> str:
    """The opening paragraph: Ng & Jordan's result, scoped, and how this page measures it."""
    text = (
        "Ng & Jordan (2002) compared **naive Bayes with logistic regression** and found **two regimes**: naive Bayes "
        "approaches its (higher) asymptotic error after O(log d) examples, logistic regression needs O(d) to reach "
        "its (lower) one, for d features. It is a result about that pair, not about every generative model. Below, "
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
        return ("**Both models are right here**, so both end at the Bayes error. Naive Bayes estimates each feature's "
                "mean and variance on its own and gets close after a few dozen examples; logistic regression fits "
                "its d + 1 weights jointly and needs more. Raise d and the gap lasts longer: logistic regression needs "
                "more examples to catch up (Ng & Jordan: O(log d) against O(d)).")
    if scenario == "nb_misspecified":
        return ("**Naive Bayes is wrong here**: the copies of feature 1 carry no new information, but it counts them "
                "as independent evidence. It still learns fast, then flattens at its own, higher limit (dotted "
                "line), while logistic regression goes on down to the Bayes error. With 10 copies that limit is so "
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
    "**Regularisation** hides part of naive Bayes' lead: in scenario (a) with d = 10, C = 0.3 shrinks it from 3 to "
    "5 points to under 1 between n = 19 and 58. A very small C backfires at the smallest sizes: the weights "
    "shrink to nothing and the unpenalised intercept just predicts the larger class.",
    "**Which naive Bayes**: Ng & Jordan's shares each feature's variance between the classes, so its boundary "
    "is a straight line like logistic regression's. scikit-learn's `GaussianNB` (\"Gaussian naive Bayes\") "
    "fits a variance per class: twice as many, each poorly estimated from a handful of points, so it starts "
    "much worse.",
]
