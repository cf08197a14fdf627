"""Demo scenes: one click to a view that makes one point, and that point in two sentences.

For a teacher in front of a class, and for a candidate who wants the classic contrasts without
hunting through the sidebar. A scene is only an ``ExplorerView``: applying one sets the widgets,
so the URL, the sharing link and every panel follow as if the user had set them by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

from ui.explorer.state import ExplorerView


@dataclass(frozen=True)
class Scene:
    title: str
    view: ExplorerView
    lesson: str

    def shows(self, view: ExplorerView) -> bool:
        """True while ``view`` has this scene's data and models; the probe may move, and so may the prior
        unless the scene sets one (its lesson then speaks of that prior, known: not estimated, ``est``)."""
        mine = self.view
        return (view.data_key, view.gen, view.gen_params, view.disc, view.disc_params) == \
            (mine.data_key, mine.gen, mine.gen_params, mine.disc, mine.disc_params) and \
            (mine.prior is None or view.prior == mine.prior) and view.est == mine.est


SCENES: dict[str, Scene] = {
    "start": Scene(
        "Start here: naive Bayes and logistic regression on two blobs",
        ExplorerView(),
        "Both models separate the blobs about equally well. Only the top row knows what each class looks like: "
        "press **Sample** to draw new points from it, or move **P(y)** to shift its boundary with no refit."),
    "straight": Scene(
        "Two straight lines: LDA and logistic regression",
        ExplorerView(gen="lda"),
        "LDA's log-odds are linear in x, exactly logistic regression's form, so both boundaries are straight lines. "
        "LDA fits them through Gaussian class shapes (and can sample); logistic regression fits P(y | x) alone: the "
        "line and how steeply the probability changes across it."),
    "tilted": Scene(
        "Correlated features break naive Bayes",
        ExplorerView(dataset="correlated"),
        "The classes are tilted ellipses, but naive Bayes can only draw axis-aligned ones: look at its contours "
        "and samples. Switch the generative model to LDA or QDA to see the tilt captured."),
    "curved": Scene(
        "Unequal spreads curve the boundary: QDA on circles",
        ExplorerView(dataset="circles", gen="qda"),
        "The data are two rings, and QDA gives each class one Gaussian centred in the middle, the outer class's "
        "wider: its density peaks in the empty centre, a wrong picture of the data, yet its boundary, a closed curve "
        "around the inner ring, classifies well. Degree-1 logistic regression can only draw a line; raise its degree "
        "to 2 to match."),
    "moons": Scene(
        "A crescent needs a mixture: Gaussian mixture vs SVM on moons",
        ExplorerView(dataset="moons", gen="gmm", gen_params=(("n_components", 4),), disc="svm"),
        "Four Gaussians per class bend around each moon, and the samples look like moons too. The SVM draws an "
        "equally good boundary, but it has no p(x | y): it cannot sample."),
    "rare": Scene(
        "A rare class and a new P(y), no refit",
        ExplorerView(share=0.2, prior=0.5),
        "Class B is 20% of the training data and Bayes' rule is told P(B) = 0.5: the generative boundary moves "
        "toward A, with no refit. In practice the new P(B) is unknown: the switch **New P(y) unknown** estimates it "
        "from unlabelled points."),
    "three": Scene(
        "Three classes: QDA and k-nearest neighbours",
        ExplorerView(dataset="three_gaussians", gen="qda", disc="knn"),
        "Every panel works for three classes: each region in its class's colour, deeper where the model is "
        "surer. Compare QDA's smooth conics with k-NN's local votes."),
}


def scene_showing(view: ExplorerView) -> Scene | None:
    """The scene whose data and models ``view`` has, if any."""
    return next((scene for scene in SCENES.values() if scene.shows(view)), None)


def scene_key(view: ExplorerView) -> str | None:
    """The key in ``SCENES`` of the scene ``view`` shows, if any."""
    return next((key for key, scene in SCENES.items() if scene.shows(view)), None)
