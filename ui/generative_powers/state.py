"""The "What only generative models can do" page's view: every setting in one frozen dataclass.

Pure Python (no streamlit import), parsed from and written to the page's link like the explorer's
``ui/explorer/state.py``: ``?dataset=xor&gen=qda&hide=x2&k=5``. Bad values fall back with a message.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.datasets import DATASETS, GENERATED
from core.models import DISCRIMINATIVE, GENERATIVE, MODELS
from core.semisupervised import MAX_ITER
from core.semisupervised import SUPPORTED as EM_MODELS
from ui.focus import parse_focus
from ui.links import last_values, parse_choices, parse_numbers

# (url key, field, type, low, high)
_NUMBERS = (
    ("n", "n_samples", int, 40, 2000),
    ("seed", "seed", int, 0, 9999),
    ("pct", "percentile", float, 0.0, 50.0),
    ("k", "k_labels", int, 2, 50),
    ("iter", "em_iter", int, 0, MAX_ITER),
)
HIDDEN = ("x1", "x2")


@dataclass(frozen=True)
class PowersView:
    dataset: str = "three_gaussians"  # a hidden feature there costs the mean-imputed model more than the marginal
    n_samples: int = 400
    seed: int = 0
    gen: str = "qda"
    disc: str = "logreg"
    percentile: float = 1.0  # flag x as novel below this percentile of the training points' log p(x)
    hidden: str = "x2"  # the feature hidden at prediction time
    k_labels: int = 3  # labelled training points per class; the rest of the training split is unlabelled
    em_iter: int | None = None  # the EM iteration replayed; None: the last
    focus: str | None = None  # the section the link scrolls to and marks (ui.focus.TARGETS["powers"])

    @property
    def data_key(self) -> tuple:
        """The explorer's data key (dataset, n_samples, noise, share, seed, test_fraction): same data, same caches."""
        return (self.dataset, self.n_samples, DATASETS[self.dataset].default_noise, None, self.seed, 0.3)

    @property
    def em_model(self) -> str:
        """The model EM fits: the chosen generative model when EM supports it, else LDA."""
        return self.gen if self.gen in EM_MODELS else "lda"

    def to_query(self) -> dict:
        default, out = PowersView(), {}
        for key, attr in (("dataset", "dataset"), ("gen", "gen"), ("disc", "disc"), ("hide", "hidden")):
            if getattr(self, attr) != getattr(default, attr):
                out[key] = getattr(self, attr)
        for key, attr, _, _, _ in _NUMBERS:
            value = getattr(self, attr)
            if value is not None and value != getattr(default, attr):
                out[key] = f"{value:g}" if isinstance(value, float) else str(value)
        if self.focus is not None:
            out["focus"] = self.focus
        return out

    @classmethod
    def from_query(cls, query: dict) -> tuple:
        """(view, problems): every bad value falls back to its default with one readable sentence."""
        query = last_values(query)
        choices = (("dataset", "dataset", GENERATED, "dataset"),
                   ("gen", "gen", [k for k, m in MODELS.items() if m.family == GENERATIVE], "generative model"),
                   ("disc", "disc", [k for k, m in MODELS.items() if m.family == DISCRIMINATIVE],
                    "discriminative model"),
                   ("hide", "hidden", HIDDEN, "feature to hide"))
        values, problems = parse_choices(query, choices, cls)
        numbers, number_problems = parse_numbers(query, _NUMBERS)
        focus, focus_problems = parse_focus(query, "powers")
        return cls(**values, **numbers, **focus), problems + number_problems + focus_problems
