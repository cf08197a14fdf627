"""The guided tour's words: eleven steps from "what a generative model learns" to "test yourself".

The script of a 15-minute lecture and a candidate's first pass. Each step opens a page in a prepared
state; the explorer's steps are its demo scenes (whose lessons ``tests/explorer/test_claims_explorer.py``
checks) or views whose sentences ``tests/overview/test_tour.py`` checks.
"""

from __future__ import annotations

from dataclasses import dataclass

from ui.explorer.scenes import SCENES
from ui.learning_curves.state import BOTH_REGIMES


@dataclass(frozen=True)
class TourStep:
    title: str
    text: str
    page: str  # a page file, as st.page_link takes it
    query: dict  # the page's query parameters: its prepared state
    action: str  # the link's label

    @property
    def scene(self):
        """The demo scene this step opens, if it is one."""
        return next((s for s in SCENES.values() if s.view.to_query() == self.query), None) \
            if self.page == "pages/explorer.py" else None


EXPLORER, LEARNING, POWERS, QUIZ = ("pages/explorer.py", "pages/learning_curves.py", "pages/generative_powers.py",
                                    "pages/quiz.py")
WORDS = "pages/words.py"


def _scene_step(key: str, title: str, do: str = "") -> TourStep:
    scene = SCENES[key]
    return TourStep(title, f"{scene.lesson} {do}".strip(), EXPLORER, scene.view.to_query(), "Open this scene")


TOUR = (
    TourStep(
        "What a generative model learns",
        "The explorer's top row is Gaussian naive Bayes on two blobs. Its first map draws p(x | y), what each class "
        "looks like; the second is P(y | x), which Bayes' rule computes from those densities and P(y). Click any "
        "point of a posterior map: below the maps, Bayes' rule is worked out at that point, the shown terms giving "
        "the shown result.",
        EXPLORER, {"dataset": "blobs"}, "Open the explorer"),
    TourStep(
        "The other way: learn P(y | x) directly",
        "The bottom row is logistic regression. It fits P(y | x) and never models x. On these blobs both models "
        "separate the classes about equally well (the scores table says how well); the difference map shows where "
        "their probabilities part.",
        EXPLORER, {"dataset": "blobs"}, "Open the explorer"),
    TourStep(
        "Only one of them can draw new points",
        "Press **Sample** under the density map: the generative model picks a class from P(y), then a point from "
        "p(x | y). Logistic regression has no p(x | y) to draw from.",
        EXPLORER, {"dataset": "blobs"}, "Open the explorer"),
    _scene_step("straight", "Same form, two fits: LDA and logistic regression"),
    _scene_step("tilted", "A wrong assumption shows"),
    _scene_step("curved", "A wrong density can still classify well"),
    _scene_step("rare", "A new P(y), no refit", "Then move P(y): the generative boundary follows it."),
    TourStep(
        "When each wins: two regimes",
        "Ng and Jordan (2002) compared naive Bayes with logistic regression: naive Bayes approaches its best error "
        "with fewer examples, logistic regression reaches a lower or equal one with more. This view gives naive "
        "Bayes two near-copies of a feature, which it counts as independent evidence: watch the curves as the "
        "training set grows. The page's **Both regimes** button opens this same view.",
        LEARNING, BOTH_REGIMES.to_query(), "Open the learning curves"),
    TourStep(
        "What only a generative model can do",
        "With p(x) a model can flag an outlier, classify with a feature missing, learn from unlabelled points and "
        "have its samples judged. The page tries each next to a discriminative model, with live numbers and where "
        "it goes wrong.",
        POWERS, {}, "Open Generative powers"),
    TourStep(
        "The same contrast on real text",
        "A spam filter built both ways on real text messages: type one, and naive Bayes adds up each word's "
        "evidence, log P(word | spam) − log P(word | ham), while logistic regression adds up its weights on the "
        "same counts. **Write one** makes naive Bayes write a message of either class; logistic regression has "
        "nothing to write from. The Digits page does the same with handwritten digits.",
        WORDS, {"words_text": "Free entry to win a prize, call now"}, "Open Spam and languages"),
    TourStep(
        "Test yourself",
        "Interview questions, from 'is LDA generative?' to 'why is a GAN generative if it has a discriminator?', "
        "each with why and a link to the view that shows it.",
        QUIZ, {}, "Open the quiz"),
)


def parse_step(raw) -> tuple:
    """(step index from 0, problem or None) from the link's ``step`` (1 to len(TOUR))."""
    if raw is None:
        return 0, None
    text = str(raw[-1] if isinstance(raw, list) else raw).strip()
    if text.isdigit() and 1 <= int(text) <= len(TOUR):
        return int(text) - 1, None
    return 0, f"Ignored step={text!r}: the tour has steps 1 to {len(TOUR)}."
