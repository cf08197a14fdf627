"""The gallery's words, each built from the view it describes.

``tests/gallery/test_claims_gallery.py`` checks every checkable claim on the page as shown.
"""

from __future__ import annotations

import html

from core.datasets import DATASETS
from core.figures.gallery import TILE_LEVELS
from core.figures.layout import PALETTE
from core.models import DISCRIMINATIVE, GENERATIVE, MODELS

# names short enough for a tile's title at 18 px on a 1280-px slide of six tiles a row; a new model shows its label
SHORT = {"gnb": "Gaussian NB", "nb_shared": "NB, shared var.", "lda": "LDA", "qda": "QDA", "gmm": "GMM per class",
         "kde": "KDE per class", "logreg": "Logistic reg.", "svm": "RBF SVM", "tree": "Decision tree",
         "forest": "Random forest", "knn": "k-NN", "mlp": "MLP"}

GROUPS = {
    GENERATIVE: "**Generative**: learn p(x | y) and P(y), then P(y | x) by Bayes' rule",
    DISCRIMINATIVE: "**Discriminative**: learn P(y | x), or a decision rule turned into probabilities",
}


def short_label(name: str) -> str:
    return SHORT.get(name, MODELS[name].label)


def accuracy_line(accuracy: float) -> str:
    """A tile's subtitle: the model's test accuracy as the explorer's scores table prints it."""
    return f"test accuracy {accuracy:.3f}"


def intro(view, n_train: int, n_test: int) -> str:
    label = DATASETS[view.dataset].label
    return (f"Every model of the app, each at its default settings, learns from the same {n_train} training points "
            f"of **{label}**. Each map is that model's P(y | x); the line under its name is its accuracy on the "
            f"other {n_test} points (the test split), the number the explorer's scores table shows for the same data "
            "and model.")


def points_caption(n_shown: int, n_test: int) -> str:
    which = "the test points" if n_shown == n_test else f"a random {n_shown} of the {n_test} test points"
    return f"Markers: {which}, in their class's colour. Black lines: the decision boundaries."


def contours_caption(on: bool) -> str:
    if not on:
        return "Switch on p(x | y) to draw what the generative models learned besides P(y | x)."
    levels = ", ".join(f"{p}%" for p in TILE_LEVELS[:-1]) + f" and {TILE_LEVELS[-1]}%"
    return (f"White dotted lines (generative maps only): each class's p(x | y) as that model learned it, at {levels} "
            "of the class's peak. The discriminative models learn no p(x | y), so they have none to draw.")


STRAIGHT = ("nb_shared", "lda", "logreg")  # log-odds linear in x: one Gaussian per class with a shared (co)variance,
# and logistic regression at its default degree 1


def notice(n_classes: int) -> list:
    """What to notice on any dataset: the same points for every model, and which boundaries are straight."""
    names = [short_label(m) for m in STRAIGHT]
    lines = ["Every map is fitted to the same training points and scored on the same test points, each model at "
             "its defaults: the differences between the maps come from the models alone."]
    if n_classes == 2:
        lines.append(f"{', '.join(names[:-1])} and {names[-1]} draw a straight boundary: their log-odds are linear in "
                     "x. Gaussian NB and QDA, with a variance per class, can bend theirs: their log-odds are "
                     "quadratic in x.")
    else:
        lines.append(f"{', '.join(names[:-1])} and {names[-1]} part each pair of classes along straight lines: "
                     "their log-odds between any two classes are linear in x.")
    return lines


def legend_html(class_names) -> str:
    """The classes' colours, one coloured disc and name each (names are the registry's, escaped all the same)."""
    items = "".join(f"<span style='margin-right:1.1em;white-space:nowrap'><span style='color:{PALETTE[k % 7]}'>"
                    f"●</span> {html.escape(str(name))}</span>" for k, name in enumerate(class_names))
    return f"<div style='font-size:18px;line-height:1.5'>{items}</div>"


def failed_tile(name: str) -> str:
    return f"**{short_label(name)}** could not be fitted on this data:"
