"""The glossary (``core/glossary.py``): its form, its links, and the claims its entries make, checked on the
app's own models and datasets (naive Bayes' confidence either way, prior shift's EM, Fisher's direction)."""

import re
from pathlib import Path

import numpy as np
import pytest
from scipy.linalg import eigh
from sklearn.metrics import brier_score_loss

from core.calibration import FRESH_SEED_OFFSET, N_FRESH, copies_experiment, probability_scores
from core.cheatsheet import NOTES
from core.datasets import make_dataset, train_test_split
from core.evaluation import classification_metrics
from core.glossary import GLOSSARY, PAGE, find_term, term_link, term_url
from core.models import fit_model
from ui.explorer.state import ExplorerView

UI = Path(__file__).resolve().parents[2] / "ui"
NAIVE = GLOSSARY["naive (conditional independence) assumption"]["definition"]
NB_CALIBRATION = {name: NOTES[name].calibration for name in ("gnb", "nb_shared")}  # the cheat sheet's cells



REQUIRED = ("log-loss", "Brier score", "total variation", "shrinkage / regularisation", "prior", "likelihood",
            "posterior", "marginal p(x)", "joint p(x, y)", "class-conditional density", "Bayes' rule", "calibration",
            "Bayes error", "decision boundary", "log-odds", "naive (conditional independence) assumption",
            "LDA / QDA", "mixture", "kernel density / bandwidth", "EM", "marginalising", "outlier / novelty detection",
            "prior shift / reweighting", "two-sample test", "generative model", "discriminative model",
            "discriminant function", "GAN", "VAE")


def test_the_glossary_has_every_term_once_with_a_unique_anchor():
    assert set(REQUIRED) <= set(GLOSSARY)
    anchors = [entry["anchor"] for entry in GLOSSARY.values()]
    assert len(anchors) == len(set(anchors))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", a) for a in anchors)
    for term, entry in GLOSSARY.items():
        sentences = re.findall(r"[.!?)](?=\s+[A-Z(]|$)", entry["definition"])
        assert 1 <= len(sentences) <= 4, term  # one to three sentences (a closing bracket may end one more)


def test_term_link_points_at_an_existing_anchor():
    assert term_link("log-loss") == "[log-loss](cheatsheet#log-loss)"
    assert term_link("Brier score", "Brier") == "[Brier](cheatsheet#brier-score)"
    assert term_url("BAYES' RULE") == f"{PAGE}#bayes-rule" and find_term("marginal") == "marginal p(x)"
    with pytest.raises(KeyError, match="not in the glossary"):
        term_link("entropy")


def test_every_link_in_the_pages_words_targets_a_glossary_anchor():
    anchors = {entry["anchor"] for entry in GLOSSARY.values()}
    used = set()
    for path in sorted(UI.rglob("*.py")):
        for match in re.finditer(r"term_link\((['\"])(.+?)\1", path.read_text(encoding="utf-8")):
            used.add(GLOSSARY[find_term(match.group(2))]["anchor"])  # raises if the term is not in the glossary
    from ui.learning_curves import words as learning_curves
    from ui.overview import words as overview

    shown = " ".join([overview.CLAIMS["intro"], *[line for f in overview.FAMILIES for line in f["lines"]],
                      *learning_curves.GENERAL_NOTES, learning_curves.scenario_note("nb_holds", {})])
    linked = set(re.findall(rf"\]\({PAGE}#([a-z0-9-]+)\)", shown))
    assert linked and linked <= anchors and used <= anchors
    assert {"log-loss", "brier-score", "total-variation", "regularisation", "calibration", "marginal",
            "two-sample-test"} <= used


def test_the_glossary_scores_are_the_apps():
    assert "sum over classes" in GLOSSARY["Brier score"]["definition"] and "from 0 to 2" in \
        GLOSSARY["Brier score"]["definition"]
    y, p1 = np.array([0, 1, 1, 0]), np.array([0.2, 0.7, 0.4, 0.9])
    ours = classification_metrics(y, np.column_stack([1 - p1, p1]))
    assert np.isclose(ours["brier"], 2 * brier_score_loss(y, p1))  # "twice scikit-learn's brier_score_loss"
    worst = classification_metrics(np.array([0]), np.array([[0.0, 1.0]]))
    assert worst["brier"] == 2.0 and round(worst["log_loss"], 1) == 34.5  # "at most about 34.5"
    assert "34.5" in GLOSSARY["log-loss"]["definition"]


# ---- naive Bayes: over- or under-confident, and when -----------------------------------------

def split_and_fresh(dataset: str):
    """The explorer's default training split of ``dataset`` and the Generative powers page's fresh points."""
    name, n, noise, share, seed, test_fraction = ExplorerView(dataset=dataset).data_key
    train, _ = train_test_split(make_dataset(name, n, noise=noise, seed=seed, share=share), test_fraction, seed)
    return train, make_dataset(name, N_FRESH, noise=noise, seed=seed + FRESH_SEED_OFFSET, share=share)


@pytest.mark.parametrize("name", ["gnb", "nb_shared"])
def test_naive_bayes_is_under_confident_on_the_correlated_gaussians_as_said(name):
    assert "under-confident, as on the explorer's correlated Gaussians" in NAIVE
    assert "Under-confident when it overestimates" in NB_CALIBRATION[name] and "correlated Gaussians" in \
        NB_CALIBRATION[name]
    train, fresh = split_and_fresh("correlated")
    model = fit_model(name, train.X, train.y)
    scores = probability_scores(fresh.y, model.predict_proba(fresh.X))
    assert scores["confidence"] < scores["accuracy"] - 0.1  # measured: 0.809 against 0.986 (gnb), 0.992 (shared)
    short = np.array([1.0, -1.0]) / np.sqrt(2)  # the ellipses' short axis, along which the means differ
    assert abs(short @ (train.X[train.y == 1].mean(0) - train.X[train.y == 0].mean(0))) > 1.0
    for k in (0, 1):
        true_var = np.var(train.X[train.y == k] @ short)
        assumed = short @ np.diag(model.var_[k] if model.var_.ndim == 2 else model.var_) @ short
        assert 0.07 < true_var < 0.13 and 0.8 < assumed < 1.25  # "variance 1 along the short axis of 0.1"


def test_naive_bayes_is_over_confident_when_features_repeat_the_same_evidence_as_said():
    """Blobs: naive Bayes' assumption holds, so it starts calibrated; near-copies of x1 (correlated with x1
    within a class, their means shifting the same way) add no information but raise its confidence."""
    assert "makes it over-confident" in NAIVE and "copies" in NAIVE
    assert all("Over-confident when they repeat the same evidence" in text and "Close to calibrated when its "
               "assumptions hold" in text for text in NB_CALIBRATION.values())
    train, fresh = split_and_fresh("blobs")
    result = copies_experiment(train, fresh, copies=(0, 1, 3, 10))
    gap, accuracy = result.series("gnb", "gap"), result.series("gnb", "accuracy")
    assert abs(gap[0]) < 0.02  # measured +0.7 points: close to calibrated
    assert np.all(np.diff(gap) > 0) and gap[-1] > 0.04  # measured +3.9, +5.5, +6.4 points with 1, 3, 10 copies
    assert np.abs(accuracy - accuracy[0]).max() < 0.01  # the copies carry no new information
    copy = train.X[:, 0] + result.noise_sd * np.random.default_rng(0).standard_normal(len(train.y))
    for k in (0, 1):
        assert np.corrcoef(train.X[train.y == k, 0], copy[train.y == k])[0, 1] > 0.9
    shift = lambda f: f[train.y == 1].mean() - f[train.y == 0].mean()  # noqa: E731
    assert np.sign(shift(copy)) == np.sign(shift(train.X[:, 0]))


# ---- prior shift: an unknown P_new(y) is estimated by EM, which needs calibration --------------

def em_prior(proba, train_prior, max_iter=1000, tol=1e-10):
    """Saerens, Latinne & Decaestecker (2002): reweight each row by P_new / P_train, renormalise, average."""
    prior = np.asarray(train_prior, dtype=float)
    for _ in range(max_iter):
        w = proba * (prior / train_prior)
        new = (w / w.sum(axis=1, keepdims=True)).mean(axis=0)
        if np.abs(new - prior).max() < tol:
            return new
        prior = new
    return prior


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_em_finds_an_unknown_new_prior_from_calibrated_posteriors_only(seed):
    text = GLOSSARY["prior shift / reweighting"]["definition"]
    assert "P_new(y) is unknown: it is estimated by EM on unlabelled deployment points" in text
    assert "Saerens, Latinne & Decaestecker, 2002" in text and "needs calibrated probabilities" in text
    train = make_dataset("correlated", 400, seed=seed)  # balanced: P_train(B) = 0.5
    deployed = make_dataset("correlated", 4000, seed=seed + 100, share=0.2)  # unlabelled, P_new(B) = 0.2
    truth = np.mean(deployed.y == 1)
    train_prior = np.bincount(train.y) / len(train.y)
    found = {name: em_prior(fit_model(name, train.X, train.y).predict_proba(deployed.X), train_prior)[1]
             for name in ("lda", "gnb")}
    assert abs(found["lda"] - truth) < 0.015  # LDA is calibrated here (the data are its model): 0.200 measured
    assert abs(found["gnb"] - truth) > 0.05  # naive Bayes' under-confident posteriors: 0.06-0.13 measured


# ---- LDA's name: Fisher's direction, with no Gaussians -----------------------------------------

@pytest.mark.parametrize("dataset", ["moons", "correlated"])
def test_fisher_direction_is_ldas_on_gaussian_and_non_gaussian_data(dataset):
    text = GLOSSARY["LDA / QDA"]["definition"]
    assert "Fisher's linear discriminant (1936), which assumes no Gaussians" in text and "Σ⁻¹(μ₁ − μ₀)" in text
    data = make_dataset(dataset, 400, seed=0)
    X, y = data.X, data.y
    means = np.array([X[y == k].mean(0) for k in (0, 1)])
    within = sum((X[y == k] - means[k]).T @ (X[y == k] - means[k]) for k in (0, 1))
    between = np.outer(means[1] - means[0], means[1] - means[0])
    fisher = eigh(between, within)[1][:, -1]  # maximises w'S_B w / w'S_W w: Fisher's criterion, no densities
    lda = fit_model("lda", X, y)
    x0, eye = X.mean(0), np.eye(2)
    log_odds = lambda x: np.diff(lda.joint_log_likelihood(np.atleast_2d(x))[0])[0]  # noqa: E731
    gradient = np.array([log_odds(x0 + eye[j]) - log_odds(x0) for j in (0, 1)])  # linear: exact differences
    cos = abs(fisher @ gradient) / np.linalg.norm(fisher) / np.linalg.norm(gradient)
    assert cos > 1 - 1e-9


def test_laplace_smoothing_is_scikit_learns_multinomial_estimate():
    """"P(w | y) = (count + α) / (total + α V)", and α = 0 gives an unseen word probability 0."""
    from sklearn.naive_bayes import MultinomialNB

    assert "(count + α) / (total + α V)" in GLOSSARY["Laplace smoothing"]["definition"]
    X, y = np.array([[3, 0, 1], [0, 2, 0], [1, 0, 0]]), np.array([0, 1, 0])
    for alpha in (1.0, 0.5):
        nb = MultinomialNB(alpha=alpha).fit(X, y)
        counts = np.array([X[y == k].sum(axis=0) for k in (0, 1)], dtype=float)
        ours = (counts + alpha) / (counts.sum(axis=1, keepdims=True) + alpha * X.shape[1])
        assert np.allclose(np.exp(nb.feature_log_prob_), ours)
    with np.errstate(divide="ignore"):  # log 0, the point of α = 0
        unseen = MultinomialNB(alpha=0.0, force_alpha=True).fit(X, y)
    assert np.exp(unseen.feature_log_prob_[1, 0]) == 0.0  # word 0 never seen in class 1
