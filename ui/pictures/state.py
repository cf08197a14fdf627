"""The digits page's view: every setting in one frozen dataclass that round-trips through the URL.

Pure Python (no streamlit import), like ``ui/state.py``. The link carries keys, not labels, and only what
differs from the defaults: ``?pic_part=hide&pic_hidden=6``. A bad value falls back to its default with one
readable sentence; the page shows all of them in one warning.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from core.images import DIGIT_MODELS
from ui.links import last_values, parse_choices, parse_numbers
from ui.safe import link_warning

PARTS = {
    "sample": ":material/casino: Sample",
    "mean": ":material/functions: The average",
    "classify": ":material/balance: Both classify",
    "hide": ":material/visibility_off: Hide rows",
    "draw": ":material/draw: Draw",
    "rare": ":material/egg: A rare digit",
}
HIDDEN_ROWS = (0, 7)  # bottom rows hidden: 0 to 7 of 8
N_EXAMPLES = 540  # test images on the 70/30 split
RARE_N = (3, 30)  # the rare digit's training images (the PCA models need 3 per class)
N_GENERATED = (0, 50, 100, 200, 300, 500)
PREFIX = "pic_"
_KEYS = {"part": "pic_part", "hidden_rows": "pic_hidden", "example": "pic_example", "mean_model": "pic_mean_model",
         "rare_digit": "pic_rare_digit", "rare_n": "pic_rare_n", "rare_model": "pic_rare_model",
         "n_generated": "pic_generated"}


@dataclass(frozen=True)
class PicturesView:
    """What the page shows.

    part : which section (a key of ``PARTS``)
    hidden_rows : bottom rows of every test image hidden, 0-7
    example : the test image shown with its P(y | x) while rows are hidden, 0-539
    mean_model : the generative model whose mean and samples "The average" compares
    rare_digit, rare_n : the digit kept rare and how many of its training images are kept
    rare_model, n_generated : the generative model that adds samples of it, and how many
    """

    part: str = "sample"
    hidden_rows: int = 4
    example: int = 0
    mean_model: str = "ppca"
    rare_digit: int = 2
    rare_n: int = 3
    rare_model: str = "gnb"
    n_generated: int = 300

    def to_query(self) -> dict:
        """Query parameters (str -> str) for the settings that differ from the defaults."""
        default = PicturesView()
        return {_KEYS[f.name]: str(getattr(self, f.name)) for f in fields(self)
                if getattr(self, f.name) != getattr(default, f.name)}

    @classmethod
    def from_query(cls, query: dict) -> tuple:
        """Parse query parameters: (view, problems), a bad value kept at its default with one sentence each
        (``ui.links``); parameters of other pages are left alone."""
        one = last_values(query)
        values, problems = parse_choices(one, _CHOICES, cls)
        if "n_generated" in values:
            values["n_generated"] = int(values["n_generated"])
        numbers, number_problems = parse_numbers(one, _NUMBERS)
        unknown = [f"Ignored {key}={one[key]!r}: the page has no such setting." for key in one
                   if key.startswith(PREFIX) and key not in _KEYS.values()]
        return cls(**values, **numbers), problems + number_problems + unknown


_CHOICES = (  # url key, field, allowed values, what they are
    ("pic_part", "part", tuple(PARTS), "part"),
    ("pic_mean_model", "mean_model", tuple(DIGIT_MODELS), "digit model"),
    ("pic_rare_model", "rare_model", tuple(DIGIT_MODELS), "digit model"),
    ("pic_generated", "n_generated", tuple(map(str, N_GENERATED)), "number of generated samples"),
)
_NUMBERS = (  # url key, field, type, low, high
    ("pic_hidden", "hidden_rows", int, *HIDDEN_ROWS),
    ("pic_example", "example", int, 0, N_EXAMPLES - 1),
    ("pic_rare_digit", "rare_digit", int, 0, 9),
    ("pic_rare_n", "rare_n", int, *RARE_N),
)


def problems_text(problems: list) -> str:
    """One warning for every ignored link value, through the app's one helper for a link's problems
    (``ui.safe.link_warning``: the values shown as text, each cut short, a few problems at most)."""
    return link_warning(problems)
