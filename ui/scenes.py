"""Demo scenes: one click to a view that makes one point, and that point in two sentences.

For a teacher in front of a class, and for a candidate who wants the classic contrasts without
hunting through the sidebar. A scene is only an ``ExplorerView``: applying one sets the widgets,
so the URL, the sharing link and every panel follow as if the user had set them by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

from ui.state import ExplorerView


@dataclass(frozen=True)
class Scene:
    title: str
    view: ExplorerView
    lesson: str

    def shows(self, view: ExplorerView) -> bool:
        """True while ``view`` has this scene's data and models (the prior and probe may move)."""
        mine = self.view
        return (view.data_key, view.gen, view.gen_params, view.disc, view.disc_params) == \
            (mine.data_key, mine.gen, mine.gen_params, mine.disc, mine.disc_params)


SCENES: dict[str, Scene] = {
    "start": Scene(
        "Start here: naive Bayes and logistic regression on two blobs",
        ExplorerView(),
        "Both models separate the blobs about equally well. Only the top row knows what each class looks like: "
        "press **Sample** to draw new points from it, or move **P(y)** to shift its boundary with no refit."),
    "straight": Scene(
        "Two straight lines: LDA and logistic regression",
        ExplorerView(gen="lda"),
        "LDA's posterior has exactly logistic regression's form, so both boundaries are straight lines. LDA fits "
        "it through Gaussian class shapes (and can sample); logistic regression fits the line alone."),
    "tilted": Scene(
        "Correlated features break naive Bayes",
        ExplorerView(dataset="correlated"),
        "The classes are tilted ellipses, but naive Bayes can only draw axis-aligned ones: look at its contours "
        "and samples. Switch the generative model to LDA or QDA to see the tilt captured."),
    "curved": Scene(
        "Unequal spreads curve the boundary: QDA on circles",
        ExplorerView(dataset="circles", gen="qda"),
        "One class is narrow, the other wide: QDA gives each its own covariance, and the boundary becomes a "
        "circle. Degree-1 logistic regression can only draw a line; raise its degree to 2 to match."),
    "moons": Scene(
        "A crescent needs a mixture: Gaussian mixture vs SVM on moons",
        ExplorerView(dataset="moons", gen="gmm", gen_params=(("n_components", 4),), disc="svm"),
        "Four Gaussians per class bend around each moon, and the samples look like moons too. The SVM draws an "
        "equally good boundary, but it has no p(x | y): it cannot sample."),
    "rare": Scene(
        "A rare class: change P(y) without retraining",
        ExplorerView(share=0.2, prior=0.5),
        "Class B is 20% of the training data, but Bayes' rule is told P(B) = 0.5: the generative boundary moves "
        "toward A and the difference map lights up. Logistic regression baked the 20% into its weights."),
    "three": Scene(
        "Three classes: QDA and k-nearest neighbours",
        ExplorerView(dataset="three_gaussians", gen="qda", disc="knn"),
        "Every panel works for three classes: each region in its class's colour, deeper where the model is "
        "surer. Compare QDA's smooth conics with k-NN's local votes."),
}


def scene_showing(view: ExplorerView) -> Scene | None:
    """The scene whose data and models ``view`` has, if any."""
    return next((scene for scene in SCENES.values() if scene.shows(view)), None)
