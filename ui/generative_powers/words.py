"""Sentences of "What only generative models can do" (sections 3 and 6), built from the view and its numbers.

A verdict (help, hurt, better, worse) is said only when McNemar's exact test on the paired test predictions gives
p < 0.05 (``core.evaluation.paired_verdict``), else "no clear change" with the 95% half-width of the difference.
Each claim is tested under the views where it is shown: ``tests/test_claims_powers.py``.
"""

from __future__ import annotations

from core.datasets import DATASETS
from core.evaluation import ALPHA
from core.models import MODELS
from core.semisupervised import MAX_ITER, TOL
from ui.generative_powers.state import PowersView

CITATION = "Cozman & Cohen 2002; Cozman, Cohen & Cirelo 2003"
# One click each: a setting where the failure is clear on data seeds 0, 1 and 2 (tests/test_claims_powers.py)
EM_HURTS = PowersView(dataset="correlated", gen="gnb")
DRAWN_HURT = PowersView(dataset="correlated", gen="gnb")

# How core.datasets draws each class: None = not one Gaussian per class
_TRUTH = {"blobs": ("round", "shared"), "correlated": ("tilted", "shared"), "three_gaussians": ("tilted", "own")}
# What each model EM supports assumes of a class: (axes, covariance)
_ASSUMES = {"gnb": ("diagonal", "own"), "nb_shared": ("diagonal", "shared"), "lda": ("full", "shared"),
            "qda": ("full", "own")}


def _points(value: float) -> str:
    return f"{100 * value:+.1f} points"


def _p(p_value: float) -> str:
    return "p < 0.001" if p_value < 0.001 else f"p = {p_value:.3f}"


def evidence(verdict) -> str:
    """The numbers behind a verdict, in parentheses' words."""
    if verdict.clear:
        return (f"{_points(verdict.difference)} of test accuracy; McNemar's exact test on the {verdict.n} paired "
                f"test predictions, {_p(verdict.p_value)}")
    return (f"{_points(verdict.difference)}, ± {100 * verdict.half_width:.1f} points at 95% on these "
            f"{verdict.n} test points; McNemar {_p(verdict.p_value)}, not below {ALPHA:g}")


def setting(view: PowersView) -> str:
    """A view in words, for a "try ..." suggestion."""
    return (f"{DATASETS[view.dataset].label} with {MODELS[view.gen].label}, {view.k_labels} labels per class, "
            f"{view.n_samples} points")


def failing_assumption(dataset: str, model: str) -> str | None:
    """Which of ``model``'s assumptions the data of ``dataset`` break, in a sentence; None when none does."""
    label, truth, (axes, cov) = MODELS[model].label, _TRUTH.get(dataset), _ASSUMES[model]
    if truth is None:
        return (f"{DATASETS[dataset].label}' classes are not Gaussian, and {label} models each class as one "
                "Gaussian: the wrong shape for these data.")
    broken = []
    if axes == "diagonal" and truth[0] == "tilted":
        broken.append(f"these data are one Gaussian per class, but tilted (the features are correlated within a "
                      f"class), while {label} assumes the features independent within a class (a diagonal "
                      "covariance), so its Gaussians cannot tilt")
    if cov == "shared" and truth[1] == "own":
        broken.append(f"{'these data' if not broken else 'and'} the classes have different covariances, while "
                      f"{label} assumes one covariance shared by all classes")
    if not broken:
        return None
    text = " ".join(broken)
    return text[0].upper() + text[1:] + "."


def em_verdict(view: PowersView, res: dict) -> str:
    """EM against the same model on the labels alone, on the same test points."""
    model, v = MODELS[view.em_model].label, res["verdict"]
    if v.sign > 0:
        return f"The unlabelled points **improve** {model}: {evidence(v)}."
    if v.sign < 0:
        return f"The unlabelled points make {model} **worse**: {evidence(v)}."
    return f"The unlabelled points make **no clear change** to {model} ({evidence(v)})."


def em_stop(result) -> str:
    n = len(result.history)
    if result.stop == "n_iter":
        return (f"EM **stopped early**, at its cap of {MAX_ITER:,} iterations, before converging (a shared server "
                "needs a bound): the last iteration shown is where it stopped, not where EM would end.")
    if result.stop == "likelihood would decrease":
        return (f"EM stopped after {n} iterations: the next update would have lowered the likelihood (the "
                "regularisation makes the M-step differ slightly from the exact maximiser).")
    return (f"EM converged after {n} iteration{'s' if n != 1 else ''} (the log-likelihood per point rose by less "
            f"than {TOL:g}).")


def em_wrong(view: PowersView, res: dict) -> tuple:
    """("warning" or "caption", text): why EM made the model worse here, or where to see it do so."""
    model = MODELS[view.em_model].label
    if res["verdict"].sign < 0:
        why = failing_assumption(view.dataset, view.em_model)
        cause = (f"{why} EM fits p(x) as well as that model can, and a better p(x) of the wrong shape is not a "
                 f"better boundary ({CITATION})." if why else
                 f"{model}'s assumptions match how these data were drawn, so the model is not the cause: from so "
                 "few labels EM can end at a poorer local maximum of the likelihood.")
        return "warning", (f"**Here the unlabelled points make {model} worse** ({res['labels_only']:.3f} → "
                           f"{res['em']:.3f}). {cause}")
    return "caption", ("Where it goes wrong: when the class model's assumptions fail, unlabelled data can make it "
                       f"clearly worse (try {setting(EM_HURTS)}): EM fits p(x), not the boundary ({CITATION}).")


def unsupported_caption(view: PowersView) -> str:
    return (f"EM here fits {MODELS[view.em_model].label}: {MODELS[view.gen].label} is not supported. EM's "
            "E-step needs only p(x | y), but its M-step must refit the model to points weighted by their "
            "responsibilities; one Gaussian per class (naive Bayes, LDA and QDA) has that weighted fit in closed "
            "form, and EM then iterates the two steps.")


def drawn_verdict(res: dict) -> str:
    v = res["verdict"]
    if v.sign > 0:
        return f"Here the drawn points **help** logistic regression: {evidence(v)}."
    if v.sign < 0:
        return f"Here the drawn points **hurt** logistic regression: {evidence(v)}."
    return f"Here the drawn points make **no clear change** to logistic regression ({evidence(v)})."


def drawn_wrong(res: dict) -> str:
    text = ("Where it goes wrong: drawn points are only as good as the model that drew them. When its p(x | y) is "
            "wrong, logistic regression learns the model's mistakes")
    if res["verdict"].sign < 0:
        return text + ", as here."
    return text + f" (try {setting(DRAWN_HURT)}: naive Bayes cannot tilt its classes to fit correlated ones)."
