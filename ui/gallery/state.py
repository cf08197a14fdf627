"""The gallery's view: every setting in one frozen dataclass that round-trips through the URL.

Pure Python (no streamlit import), like the explorer's ``ui/explorer/state.py``, and with the explorer's link keys
for the data (``dataset``, ``noise``, ``seed``, ``n``), so the same data opens on either page:
``?dataset=moons&noise=0.3&seed=4&n=800&contours=1&present=1``. Bad values fall back with one sentence each.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.datasets import DATASETS, GENERATOR, POOL, datasets_of
from ui.links import FLAGS, last_values, parse_choices, parse_numbers

OFFERED = datasets_of(GENERATOR, POOL)  # a user's CSV or drawing never travels in a link
TEST_FRACTION = 0.3  # the explorer's default split, so its scores table shows the same numbers
N_RANGE, SEED_RANGE = (20, 2000), (0, 9999)  # the explorer's
# (url key, field, type, low, high)
_NUMBERS = (("n", "n_samples", int, *N_RANGE), ("seed", "seed", int, *SEED_RANGE), ("noise", "noise", float, 0.0, 3.0))
_FLAGS = (("contours", "contours"), ("present", "present"))


@dataclass(frozen=True)
class GalleryView:
    dataset: str = "moons"  # curved classes: the families' boundaries differ at a glance
    n_samples: int = 400
    noise: float | None = None  # None: the dataset's default noise
    seed: int = 0
    contours: bool = False  # draw the generative models' p(x | y) over their maps
    present: bool = False  # presenter mode: twelve tiles on one 1280x720 slide

    @property
    def noise_value(self) -> float:
        return DATASETS[self.dataset].default_noise if self.noise is None else self.noise

    @property
    def data_key(self) -> tuple:
        """The explorer's data key (dataset, n_samples, noise, share, seed, test_fraction): same data, same fits."""
        if DATASETS[self.dataset].is_pool:
            return (self.dataset, self.n_samples, 0.0, None, self.seed, TEST_FRACTION)
        return (self.dataset, self.n_samples, self.noise_value, None, self.seed, TEST_FRACTION)

    def explorer_query(self) -> dict:
        """The explorer's link to the same data (its models as the user leaves them)."""
        data = {k: v for k, v in self.to_query().items() if k in ("noise", "seed", "n")}
        return {"dataset": self.dataset, **data}  # always named: the two pages' default datasets differ

    def to_query(self) -> dict:
        default, out = GalleryView(), {}
        if self.dataset != default.dataset:
            out["dataset"] = self.dataset
        for key, attr, _, _, _ in _NUMBERS:
            value = getattr(self, attr)
            if value is not None and value != getattr(default, attr):
                out[key] = f"{value:g}" if isinstance(value, float) else str(value)
        for key, attr in _FLAGS:
            if getattr(self, attr):
                out[key] = "1"
        return out

    @classmethod
    def from_query(cls, query: dict) -> tuple:
        """(view, problems): every bad value falls back to its default with one readable sentence."""
        query = last_values(query)
        values, problems = parse_choices(query, [("dataset", "dataset", OFFERED, "dataset")], cls)
        numbers, number_problems = parse_numbers(query, _NUMBERS)
        problems += number_problems
        for key, attr in _FLAGS:
            if key in query:
                flag = str(query[key]).strip().lower()
                if flag in FLAGS:
                    values[attr] = FLAGS[flag]
                else:
                    problems.append(f"Ignored {key}={query[key]!r}: expected 1 or 0.")
        spec = DATASETS[values.get("dataset", cls.dataset)]
        noise = numbers.pop("noise", None)
        if noise is not None:
            lo, hi = spec.noise_range
            if spec.is_pool:
                problems.append("Ignored noise: a fixed dataset has no noise to set.")
            elif not lo <= noise <= hi:
                problems.append(f"Ignored noise={noise:g}: {values.get('dataset', cls.dataset)} takes noise in "
                                f"[{lo}, {hi}].")
            else:
                values["noise"] = None if noise == spec.default_noise else noise
        return cls(**values, **numbers), problems
