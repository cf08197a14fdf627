"""One registry of models: family, display name, description, hyperparameter schema.

Adding a model is one entry in ``MODELS``; pages and tests pick it up from here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.neighbors import KNeighborsClassifier
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures, StandardScaler
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier

from core.generative import (
    LDA,
    QDA,
    GaussianMixtureClassifier,
    GaussianNaiveBayes,
    KernelDensityClassifier,
    SharedVarianceNB,
    check_training_data,
    readable_fit_errors,
)

GENERATIVE, DISCRIMINATIVE = "generative", "discriminative"


@dataclass(frozen=True)
class Param:
    """One hyperparameter: a number in [low, high] (``log`` for a log-scale slider) or a choice."""

    default: object
    low: float | None = None
    high: float | None = None
    step: float | None = None
    log: bool = False
    choices: tuple = ()
    label: str = ""
    help: str = ""

    @property
    def is_int(self) -> bool:
        return isinstance(self.default, int) and not isinstance(self.default, bool) and not self.choices

    def validate(self, value):
        """Coerce ``value`` to this parameter's type; raise ``ValueError`` when out of range."""
        if self.choices:
            if value not in self.choices:
                raise ValueError(f"{self.label or 'value'} must be one of {self.choices}, got {value!r}")
            return value
        try:
            v = float(value)
        except (TypeError, ValueError):
            raise ValueError(f"{self.label or 'value'} must be a number, got {value!r}") from None
        if not np.isfinite(v) or not (self.low <= v <= self.high):
            raise ValueError(f"{self.label or 'value'} must be in [{self.low}, {self.high}], got {value!r}")
        if self.is_int:
            if not v.is_integer():
                raise ValueError(f"{self.label or 'value'} must be a whole number, got {value!r}")
            v = int(v)
        return v


# Bishop (PRML 1.5.4) tells three kinds of classifier apart: generative models of p(x | y) and P(y);
# probabilistic discriminative models of P(y | x); discriminant functions that map x to a class.
PROBABILISTIC, DISCRIMINANT = "probabilistic", "discriminant"


@dataclass(frozen=True)
class ModelSpec:
    build: Callable[..., object]
    family: str
    label: str
    description: str
    params: dict = field(default_factory=dict)
    kind: str = GENERATIVE  # GENERATIVE, PROBABILISTIC or DISCRIMINANT (see above)
    proba_source: str = ""  # where a discriminant function's probabilities come from
    calibrated: bool = True  # False: P(y|x) are raw leaf or vote shares, not calibrated probabilities

    def defaults(self) -> dict:
        return {k: p.default for k, p in self.params.items()}


def _logistic(C=1.0, degree=1):
    steps = [StandardScaler()]
    if degree > 1:
        steps += [PolynomialFeatures(degree, include_bias=False), StandardScaler()]
    return make_pipeline(*steps, LogisticRegression(C=C, max_iter=2000))


def _svm(C=1.0, gamma=1.0, cv=3):
    # SVC(probability=True) is deprecated in scikit-learn 1.9: calibrate a plain SVC instead
    svc = SVC(C=C, gamma=gamma, kernel="rbf")
    return make_pipeline(StandardScaler(), CalibratedClassifierCV(svc, cv=cv, ensemble=False))


def _mlp(hidden=16, alpha=1e-3):
    return make_pipeline(StandardScaler(), MLPClassifier(hidden_layer_sizes=(hidden, hidden), alpha=alpha,
                                                         max_iter=800, random_state=0))


_VAR_SMOOTHING = ("Added to every variance, for stability: this fraction of each feature's variance over all the "
                  "data (the model works in standardised units, where that variance is 1). It matters only when "
                  "it is large.")

MODELS: dict[str, ModelSpec] = {
    # ---- generative: learn p(x|y) and P(y) -------------------------------------------
    "gnb": ModelSpec(
        GaussianNaiveBayes, GENERATIVE, "Gaussian naive Bayes",
        "One axis-aligned Gaussian per class: features independent given the class.",
        {"var_smoothing": Param(1e-9, 1e-12, 1e-1, log=True, label="variance smoothing", help=_VAR_SMOOTHING)}),
    "nb_shared": ModelSpec(
        SharedVarianceNB, GENERATIVE, "Naive Bayes, shared variances",
        "Ng & Jordan's naive Bayes: features independent given the class, one variance per feature for all "
        "classes, so its boundary is a straight line like logistic regression's.",
        {"var_smoothing": Param(1e-9, 1e-12, 1e-1, log=True, label="variance smoothing", help=_VAR_SMOOTHING)}),
    "lda": ModelSpec(
        LDA, GENERATIVE, "LDA",
        "One Gaussian per class, all sharing a covariance: straight boundaries.",
        {"shrinkage": Param(0.0, 0.0, 1.0, 0.05, label="shrinkage",
                            help="Pulls the shared covariance toward a round one: 0 keeps the estimate, 1 ignores "
                                 "the correlation between features.")}),
    "qda": ModelSpec(
        QDA, GENERATIVE, "QDA",
        "One Gaussian per class, each with its own covariance: curved boundaries.",
        {"reg_param": Param(0.0, 0.0, 1.0, 0.05, label="covariance regularisation",
                            help="Shrinks each class's covariance toward the identity in standardised units "
                                 "(scikit-learn's reg_param): at 1 every class gets the same axis-aligned "
                                 "ellipse, as wide as each feature's spread over all the data (round only where "
                                 "the two features have the same spread).")}),
    "gmm": ModelSpec(
        GaussianMixtureClassifier, GENERATIVE, "Gaussian mixture per class",
        "A mixture of Gaussians per class: can follow moons and XOR.",
        {"n_components": Param(3, 1, 8, 1, label="components per class",
                               help="Gaussians in each class's mixture; more can follow curved shapes. With 1, a class "
                                    "is one Gaussian: QDA for full or tied covariance, naive Bayes for diag, "
                                    "round Gaussians for spherical (up to a small regularisation)."),
         "covariance_type": Param("full", choices=("full", "tied", "diag", "spherical"), label="covariance",
                                  help="Shape of each component: full ellipses, one shared ellipse, axis-aligned "
                                       "(diag) or round (spherical).")}),
    "kde": ModelSpec(
        KernelDensityClassifier, GENERATIVE, "Kernel density per class",
        "A Gaussian bump on every training point of each class.",
        {"bandwidth": Param(0.3, 0.05, 2.0, 0.05, label="bandwidth (std units)",
                            help="Width of the bump on each point, in standard deviations of the data: small "
                                 "follows every point (overfits), large blurs the classes together.")}),
    # ---- discriminative: learn P(y|x) directly ------------------------------------------
    "logreg": ModelSpec(
        _logistic, DISCRIMINATIVE, "Logistic regression",
        "Models log-odds as a (polynomial) function of x.",
        {"C": Param(1.0, 1e-3, 1e3, log=True, label="C (inverse regularisation)",
                   help="Large C trusts the training points (sharper, riskier); small C keeps weights small."),
         "degree": Param(1, 1, 5, 1, label="polynomial degree",
                        help="Degree of the polynomial features: 1 draws a straight line, 2 a conic, more "
                             "bends further.")},
        kind=PROBABILISTIC),
    "svm": ModelSpec(
        _svm, DISCRIMINATIVE, "RBF SVM",
        "Maximum-margin boundary in an RBF feature space, probabilities by calibration.",
        {"C": Param(1.0, 1e-2, 1e3, log=True, label="C",
                   help="Penalty on margin violations: large C fits the training points more tightly."),
         "gamma": Param(1.0, 1e-2, 1e2, log=True, label="gamma",
                        help="Reach of each support vector's RBF bump: large gamma gives a wigglier boundary.")},
        kind=DISCRIMINANT,
        proba_source="a sigmoid fitted to its margin on held-out folds (Platt scaling)"),
    "tree": ModelSpec(
        lambda max_depth=5: DecisionTreeClassifier(max_depth=max_depth, random_state=0),
        DISCRIMINATIVE, "Decision tree", "Axis-aligned splits: a staircase boundary.",
        {"max_depth": Param(5, 1, 20, 1, label="max depth",
                            help="Splits from the root to a leaf: deeper trees carve finer staircases.")},
        kind=DISCRIMINANT, proba_source="the class shares of the training points in each leaf, uncalibrated",
        calibrated=False),
    "forest": ModelSpec(
        lambda n_estimators=50, max_depth=6: RandomForestClassifier(
            n_estimators=n_estimators, max_depth=max_depth, random_state=0, n_jobs=1),
        DISCRIMINATIVE, "Random forest", "An average of randomised trees.",
        {"n_estimators": Param(50, 5, 200, 5, label="trees", help="Trees in the forest; their votes are averaged."),
         "max_depth": Param(6, 1, 20, 1, label="max depth", help="Splits from the root to a leaf of each tree.")},
        kind=DISCRIMINANT, proba_source="the trees' leaf class shares, averaged, uncalibrated",
        calibrated=False),
    "knn": ModelSpec(
        lambda n_neighbors=15: make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=n_neighbors)),
        DISCRIMINATIVE, "k-nearest neighbours", "Votes of the k closest training points.",
        {"n_neighbors": Param(15, 1, 100, 1, label="k (neighbours)",
                              help="Training points that vote on each x: small k gives islands, large k a "
                                   "smooth boundary.")},
        kind=DISCRIMINANT, proba_source="the share of the k neighbours' votes, uncalibrated",
        calibrated=False),
    "mlp": ModelSpec(
        _mlp, DISCRIMINATIVE, "Neural network (MLP)", "Two hidden layers of ReLU units.",
        {"hidden": Param(16, 2, 64, 2, label="units per layer", help="Width of each of the two hidden layers."),
         "alpha": Param(1e-3, 1e-5, 1.0, log=True, label="L2 penalty alpha",
                        help="Weight decay: larger alpha keeps the boundary smoother.")},
        kind=PROBABILISTIC),
}


def models_of(family: str) -> list:
    """Registry keys of one family, in registry order."""
    return [k for k, s in MODELS.items() if s.family == family]


def validate_params(name: str, params: dict | None = None) -> dict:
    """Defaults of model ``name`` updated with ``params``, each checked against the schema."""
    if name not in MODELS:
        raise ValueError(f"Unknown model {name!r}; choose one of {', '.join(MODELS)}.")
    spec = MODELS[name]
    out = spec.defaults()
    for key, value in (params or {}).items():
        if key not in spec.params:
            raise ValueError(f"{spec.label} has no hyperparameter {key!r}.")
        out[key] = spec.params[key].validate(value)
    return out


def make_model(name: str, **params):
    """An unfitted scikit-learn-compatible estimator for registry entry ``name``."""
    params = validate_params(name, params)  # first: an unknown name is a ValueError, not a KeyError
    return MODELS[name].build(**params)


def fit_model(name: str, X, y, class_names=None, **params):
    """Validate the data, build model ``name`` and fit it.

    Raises ``ValueError`` with a readable message for data the model cannot learn
    from (one class, a class with a single point, NaN) or a fit that fails; ``class_names``
    (one per label) names the classes in it.
    """
    X, y = check_training_data(X, y, class_names=class_names)
    params = validate_params(name, params)
    if name == "knn":
        params["n_neighbors"] = min(params["n_neighbors"], len(y))
    if name == "svm":  # every calibration fold needs every class
        params["cv"] = min(3, int(np.unique(y, return_counts=True)[1].min()))
    model = MODELS[name].build(**params)
    with readable_fit_errors(MODELS[name].label):
        model.fit(X, y)
    return model


def family_of(model) -> str:
    return getattr(model, "family", DISCRIMINATIVE)
