"""The explorer's words: every sentence that makes a claim, built from the view it describes.

A sentence that holds only for some models, parameters or datasets is produced only there, and
a number in a sentence is computed from the picture it describes. ``tests/test_claims_explorer.py``
checks each claim on the view where it is shown (a boundary "straight" = linear log-odds, "moves
toward A" = the sign of the shift, ...). No streamlit here: the panels show what these return.
"""

from __future__ import annotations

import numpy as np

from core.datasets import DATASETS
from core.figures.explorer import DENSITY_LEVELS
from core.glossary import term_link
from core.models import DISCRIMINANT, MODELS
from core.powers import xor_centre_ratio
from ui.explorer.state import ExplorerView

SHARED_SPREAD = ("nb_shared", "lda")  # one spread for all classes: log-odds linear in x
_BAYES_RULE, _LOG_ODDS = term_link("Bayes' rule"), term_link("log-odds")  # first uses link to the glossary


def _param(view: ExplorerView, family_key: str, name: str):
    return view.model_params("generative" if family_key == "gen" else "discriminative")[name]


def straight(n_classes: int) -> str:
    return "a **straight line**" if n_classes == 2 else "**piecewise-linear** boundaries (straight pieces)"


def prior_target(names: tuple) -> tuple:
    """(the class whose P(y) the slider sets, the rest): B of A/B, A of three or more."""
    who = names[1] if len(names) == 2 else names[0]
    return who, tuple(n for n in names if n != who)


# ---- generative row -------------------------------------------------------------------------

def _generative_model_line(view: ExplorerView, K: int) -> str:
    gen = view.gen
    if gen == "gnb":
        return ("Naive Bayes' contours are **axis-aligned ellipses**: it assumes the two features are "
                f"{term_link('naive (conditional independence) assumption', 'independent within a class')}, so it "
                "cannot tilt them.")
    if gen == "nb_shared":
        return ("This naive Bayes (Ng & Jordan's) gives every class **the same axis-aligned spread**, so its "
                f"{_LOG_ODDS} are linear in x: {straight(K)}, like LDA's and degree-1 logistic regression's. It is the "
                "model the learning-curves page pits against logistic regression.")
    if gen == "lda":
        return (f"LDA gives every class **the same ellipse** (one shared covariance), so its {_LOG_ODDS} are "
                f"linear in x: {straight(K)}.")
    if gen == "qda":
        if _param(view, "gen", "reg_param") >= 1:
            return ("At regularisation 1 QDA gives every class **the same** axis-aligned ellipse, so its "
                    f"{_LOG_ODDS} are linear in x: {straight(K)}, like LDA's. Lower it to let each class have its own.")
        return ("QDA gives each class **its own ellipse**; where the shapes differ the boundary **curves** "
                "(a conic: ellipse, parabola or hyperbola).")
    if gen == "gmm":
        n, cov = _param(view, "gen", "n_components"), _param(view, "gen", "covariance_type")
        if n == 1:
            same = {"full": "QDA", "tied": "QDA", "diag": "Gaussian naive Bayes",
                    "spherical": "one round Gaussian per class"}[cov]
            return (f"With **one component** per class each class is a single Gaussian: with {cov} covariance this "
                    f"is {same} (up to a small regularisation). Add components to follow curved shapes.")
        return (f"Each class is a **sum of {n} Gaussians**: the contours can bend around crescents and split "
                "across the XOR quadrants.")
    if gen == "kde":
        return ("A kernel density puts **a small bump on every training point**: small bandwidths hug the data "
                "(and can overfit), large ones blur each class into one smooth blob.")
    return MODELS[gen].description


def _dataset_line(view: ExplorerView, label: str) -> str | None:
    gen, data = view.gen, view.dataset
    if data == "correlated":
        return ("On correlated data compare naive Bayes with LDA or QDA: the tilted clouds break naive Bayes' "
                "independence assumption.")
    if data == "moons":
        return ("A single Gaussian per class (naive Bayes, LDA, QDA) cannot follow a crescent; a mixture or a "
                "kernel density can.")
    if data == "xor":
        if gen in ("gnb", "nb_shared", "lda"):
            return (f"On XOR each class fills two opposite quadrants: its one Gaussian sits near the origin with no "
                    f"tilt {label} can use, so it **cannot tell the classes apart**. QDA can (opposite "
                    "correlations), and so can a mixture with 2 or more components.")
        if gen == "qda":
            return ("On XOR both of QDA's Gaussians sit near the origin, but with **opposite correlations** (A along "
                    "x₂ = x₁, B along x₂ = −x₁): its hyperbolic boundary separates the quadrants.")
        if gen == "gmm" and _param(view, "gen", "n_components") >= 2:
            return "On XOR a mixture can give each quadrant its own Gaussian."
        return None
    if data == "circles":
        rings = "The data are two **rings**, A outside B, with no point near the empty centre. "
        if gen in ("gnb", "qda"):
            return (rings + f"{label}'s one Gaussian per class is only an approximation: both sit near the middle, A's "
                    "wider, so **A's density peaks in the empty centre**. Its boundary is still a closed curve "
                    "around B that classifies well: a wrong p(x | y) can still give a good P(y | x).")
        if gen in SHARED_SPREAD:
            return (rings + f"{label} gives both classes one spread and centres both near the middle: no straight "
                    "line separates rings, so it is **near chance** here. QDA or naive Bayes, with a spread per "
                    "class, curve the boundary around B.")
        return rings
    return None


def within_class_correlations(train) -> list:
    """(class name, correlation of the two features among that class's training points), for classes with 3+ points
    and spread in both features."""
    out = []
    for k, name in enumerate(train.class_names):
        X = train.X[train.y == k]
        if len(X) >= 3 and np.all(X.std(axis=0) > 0):
            out.append((name, float(np.corrcoef(X.T)[0, 1])))
    return out


def measured_line(view: ExplorerView, train) -> str | None:
    """For a fixed dataset (shipped, uploaded, drawn): what is measured on its training points, not a fixed claim."""
    if not DATASETS[view.dataset].is_pool:
        return None
    corr = within_class_correlations(train)
    if not corr:
        return None
    shown = ", ".join(f"{r:+.2f} ({name})" for name, r in corr)
    strongest = max(abs(r) for _, r in corr)
    verdict = ("far from 0, so that assumption is broken here: compare with LDA or QDA" if strongest >= 0.5 else
               "near 0, so that assumption roughly holds here" if strongest < 0.2 else
               "moderate: the assumption is only roughly true here")
    return (f"**Measured on these training points:** within each class, the two features correlate {shown}. "
            f"Naive Bayes assumes 0; the largest is {verdict}.")


def generative_notes(view: ExplorerView, model, class_names: tuple, train=None) -> str:
    """'What to notice' for the generative row; ``model`` is the fitted generative model shown, or a
    function that returns it (called only for a sentence that needs it); ``train``, the training
    split, for what is measured on a fixed dataset."""
    K, label = len(class_names), MODELS[view.gen].label
    who, rest = prior_target(class_names)
    moves = (f"the boundary moves away from {who}, toward {rest[0]}" if K == 2 else f"{who}'s regions grow")
    marginal = (f"The {term_link('marginal p(x)', '**marginal p(x)**')} (right) is low where the model expects no "
                "data: a generative model flags outliers with it, but only as well as its p(x | y) fits the data.")
    if view.dataset == "xor" and view.noise_value <= 0.5:
        ratio = xor_centre_ratio(model() if callable(model) else model)
        marginal += (f" Here {label} rates the empty centre (0, 0) **{ratio:.1f}×** as typical as the blob centres "
                     "(±1, ±1): it would flag the blobs, not the gap." if ratio > 1 else
                     f" Here {label} rates the empty centre (0, 0) **{1 / ratio:.3g}×** less typical than the blob "
                     "centres (±1, ±1), as it should.")
    lines = [
        _generative_model_line(view, K),
        f"The {term_link('class-conditional density', '**density**')} panel (left) is what only a generative model "
        "has. Press **Sample** to draw new points from "
        "P(y) and p(x | y): they resemble the data exactly as far as the model's p(x | y) fits it.",
        f"The {term_link('posterior', '**posterior**')} (middle) is not learned directly: {_BAYES_RULE} computes it "
        "from the left panel and P(y). "
        f"Raise **P(y = {who})** above and {moves}, with no refit.",
        marginal,
    ]
    for extra in (_dataset_line(view, label), measured_line(view, train) if train is not None else None):
        if extra:
            lines.append(extra)
    return "\n".join(f"- {line}" for line in lines)


def density_caption() -> str:
    levels = ", ".join(str(v) for v in DENSITY_LEVELS[:-1]) + f" and {DENSITY_LEVELS[-1]}"
    return (f"Lines at {levels}% of **each class's own peak**: a broad class looks as concentrated as a tight one. "
            "The p(x) panel (right) compares heights across classes.")


# ---- discriminative row ---------------------------------------------------------------------

def discriminative_notes(view: ExplorerView, n_classes: int) -> str:
    disc, gen = view.disc, view.gen
    spec = MODELS[disc]
    if spec.kind == DISCRIMINANT:
        lines = [f"{spec.label} learns a {term_link('discriminant function', '**decision rule**')}, not a "
                 "probability model, and has no picture of each class behind it. Its P(y | x) here is "
                 f"{spec.proba_source}."]
    else:
        lines = [f"{spec.label} fits **P(y | x) directly**, by maximising the (penalised) "
                 f"{term_link('conditional likelihood')} of the labels: how sure to be, as well as where the boundary "
                 "goes. It has no picture of each class behind it."]
    if disc == "logreg":
        degree = _param(view, "disc", "degree")
        if degree == 1 and gen in SHARED_SPREAD:
            g = MODELS[gen].label
            lines.append(f"{g} and logistic regression **both** draw {straight(n_classes)}: {g}'s log-odds are linear "
                         f"in x, exactly logistic regression's form. They fit it differently: {g} through the joint "
                         "likelihood of x and y, logistic regression through the conditional likelihood of y given x.")
        elif degree == 1:
            lines.append(f"With degree 1 logistic regression's log-odds are linear in x: {straight(n_classes)}. Raise "
                         "the polynomial degree to bend it.")
        else:
            lines.append(f"With degree {degree} logistic regression's log-odds are a polynomial of degree {degree} in "
                         "x, so its boundary can **curve**.")
    elif disc in ("tree", "forest"):
        lines.append("Trees split one feature at a time: the boundary is a **staircase** of axis-aligned steps.")
    elif disc == "knn":
        lines.append("k-NN's boundary follows the local vote: small k tends to be jagged, large k smooth.")
    return "\n".join(f"- {line}" for line in lines)


REGION_WORDS = {
    "boundary": "around the generative boundary (no class above 90%), where the two place and sharpen the "
                "boundary differently",
    "far": "far from the data (3× the typical spacing of the points from any of them), where each model extrapolates "
           "its own assumptions",
    "elsewhere": "among the data where the generative model is sure, where its class shapes and the discriminative "
                 "fit part ways",
}


REGION_NAMES = {"boundary": "boundary band", "far": "far from the data", "elsewhere": "elsewhere"}


def difference_caption(disagreement: dict, shifted: bool) -> str:
    """Where the difference map is darkest, from ``surfaces.disagreement_by_region``."""
    means = {k: m for k, (m, _) in disagreement.items() if not np.isnan(m)}
    top = max(means, key=means.get)
    parts = ", ".join(f"{REGION_NAMES[k]} {100 * m:.1f}" for k, m in means.items())
    both = " (both with the P(y) set above)" if shifted else ""
    return (f"Here the posteriors{both} differ most {REGION_WORDS[top]}. "
            f"{term_link('total variation', 'Mean difference')}, percentage points: {parts}.")


def no_density_note(disc: str) -> str:
    """What the discriminative model cannot do, and what it can."""
    spec = MODELS[disc]
    rough = ("" if spec.calibrated else
             f" Its probabilities are {spec.proba_source}, so the correction is rougher than for a calibrated model.")
    return (f"**{spec.label} has no p(x | y)**: it never modelled what the classes look like, so it cannot draw new "
            "points or say how typical an x is. It can take a new P(y) without a refit, by "
            f"{term_link('prior shift / reweighting', 'reweighting')} its P(y | x) (the toggle above): exact if its "
            f"probabilities are {term_link('calibration', 'calibrated')} and only P(y) changes.{rough}")


# ---- the prior box --------------------------------------------------------------------------

PRIOR_FORMULA = (r"P_{\text{new}}(y \mid x) \;\propto\; P(y \mid x)\,"
                 r"\dfrac{P_{\text{new}}(y)}{P_{\text{train}}(y)}")


def prior_caption(names: tuple, learned) -> str:
    shares = ", ".join(f"P({n}) = {p:.2f}" for n, p in zip(names, learned))
    return (f"Learned from the training data: {shares}. A generative model keeps P(y) as a separate factor: a new "
            "prior is one multiplication in Bayes' rule. A discriminative model learned the training P(y) into its "
            "P(y | x); if only P(y) changes, the same Bayes' rule corrects it without a refit "
            rf"(Saerens et al., 2002): ${PRIOR_FORMULA}$. " + UNKNOWN_PRIOR)


UNKNOWN_PRIOR = ("In practice the new P(y) is unknown: Saerens, Latinne & Decaestecker (2002) estimate it by EM from "
                 "unlabelled points of the new world with the model's own P(y | x), which needs calibrated "
                 "probabilities (the switch “New P(y) unknown”). So generative models are not the only ones "
                 "that can use unlabelled data.")



def shift_caption(names: tuple, learned, new, rows: dict, gen_label: str, disc_label: str,
                  fixed: bool = False, estimated: bool = False) -> str:
    """What the prior-shift table shows, with the changes on the deployment set read off it.

    ``fixed``: a fixed dataset, whose deployment set is its held-out points resampled (no generator);
    ``estimated``: each model used its own estimate of the new P(y) (``estimate_lines``)."""
    who, _ = prior_target(names)
    k = names.index(who)
    if "deployed" not in next(iter(rows.values())):
        return (f"The test split has the training shares (P({who}) = {learned[k]:.2f}). A class has no test point, "
                "so the held-out points cannot be resampled to the new P(y): raise the test fraction.")
    parts = []
    for family, label in (("generative", gen_label), ("discriminative", disc_label)):
        before = rows[(family, "trained")]["deployed"]["log_loss"]
        after = rows[(family, "shifted")]["deployed"]["log_loss"]
        verb = "lowers" if after < before else "raises"
        parts.append(f"{verb} the {term_link('log-loss') if not parts else 'log-loss'} of {label} from {before:.3f} "
                     f"to {after:.3f}")
    world = ("the held-out test points drawn again, with replacement, so that" if fixed else
             "fresh data drawn with")
    return (f"The test split has the training shares (P({who}) = {learned[k]:.2f}); the deployment set is {world} "
            f"P({who}) = {new[k]:.2f}, the world the new P(y) describes. There "
            + ("each model's estimate of the new P(y) " if estimated else "the new P(y) ")
            + " and ".join(parts) + ".")


# ---- an unknown new P(y), estimated (core.prior_shift.estimate_new_prior) ----------------------

def estimate_summary(names: tuple, n: int, true_share: float, found: dict) -> str:
    """One line for the prior box: each model's estimate beside the share the points were drawn with.

    ``found``: {model label: PriorEstimate}; ``true_share``: the drawn points' share of the slider's class."""
    who, _ = prior_target(names)
    k = names.index(who)
    shown = ", ".join(f"{label} **{est.prior[k]:.3f}**" for label, est in found.items())
    return (f"Estimated by EM from {n:,} unlabelled points drawn at P({who}) = {true_share:.3f} (labels hidden): "
            f"{shown}. Each model now uses its own estimate, not the true value; how EM got there, and whether to "
            "trust each estimate: under the discriminative row.")


ESTIMATE_METHOD = ("EM (Saerens, Latinne & Decaestecker 2002): start from the training P(y); reweight every point's "
                   "P(y | x) by P_new(y) / P_train(y), renormalise, and average over the points to get the next "
                   "P_new(y); repeat until it stops moving. It uses no label, only the model's own P(y | x): its fixed "
                   "point is the true P(y), up to noise, when those are calibrated and only P(y) changed; with "
                   "uncalibrated ones it can settle elsewhere. The standard error "
                   "is the noise from this many points if they are. The unlabelled points are among those scored in "
                   "the table below.")


def _owner(label: str) -> str:
    """A model's name as an owner: "Decision tree's", "k-nearest neighbours'"."""
    return label + ("'" if label.endswith("s") else "'s")


def estimate_lines(names: tuple, true_share: float, found: dict) -> list:
    """Per model: where EM settled, its error against the true share, and whether that is more than its noise.

    ``found``: {model name: PriorEstimate}. The noise is the estimate's standard error from these many
    points (``PriorEstimate.std_error``), which holds if the model's P(y | x) are calibrated."""
    who, _ = prior_target(names)
    k, lines = names.index(who), []
    for name, est in found.items():
        spec = MODELS[name]
        value, se = round(float(est.prior[k]), 3), float(est.std_error[k])
        error = value - round(true_share, 3)
        stop = "" if est.converged else f" (EM stopped at its cap of {est.iterations} iterations)"
        head = f"**{spec.label}** settles at P({who}) = {value:.3f}{stop}, off by {error:+.3f}"
        cause = ("EM's fixed point is the true P(y) when the probabilities are calibrated, and "
                 f"{_owner(spec.label)} are {spec.proba_source}" if not spec.calibrated else "")
        if not np.isfinite(se) or se == 0:
            lines.append(f"{head}: its P(y | x) barely vary over these points, so they say little about P(y).")
        elif abs(error) > 2 * se:
            why = (f"{cause}: it settles elsewhere." if cause else "EM's fixed point is the true P(y) when the "
                   f"probabilities are calibrated: a sign that {_owner(spec.label)} P(y | x) are off on these data (a "
                   "model that does not fit the data is not calibrated either).")
            lines.append(f"{head}: **more than twice its standard error** (±{se:.3f}, the noise of "
                         f"this many points). {why}")
        else:
            vague = " Through its P(y | x) these points say little about P(y)." if se >= 0.1 else ""
            lines.append(f"{head}: within twice its standard error (±{se:.3f}), the noise of this many points.{vague}"
                         + (f" {cause}: that it lands within its noise here is not guaranteed." if cause else ""))
    return lines
