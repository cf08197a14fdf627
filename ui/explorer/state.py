"""The explorer's view: every setting in one frozen dataclass that round-trips through the URL.

Pure Python (no streamlit import), so parsing a hand-edited link is unit-tested directly.
A query string only carries what differs from the defaults:
``?dataset=moons&gen=qda&gen.reg_param=0.1&disc=svm&disc.C=10&prior=0.3&prior_disc=1&probe=0.5,1.2&present=1``;
``&est=500`` makes that prior unknown: each model estimates it from 500 unlabelled points drawn at it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace

import numpy as np

from core.datasets import DATASETS, DRAWN, MAX_POINTS, UPLOAD, Dataset, pool_dataset, register_pool
from core.models import DISCRIMINATIVE, GENERATIVE, MODELS, validate_params
from ui.focus import parse_focus
from ui.links import FLAGS, last_values, parse_choices, parse_number, parse_numbers

PROBE_LIMIT = 1e6  # |x1|, |x2| of the probe; every model scores points this far away without overflow
LINK_POINTS = 60  # drawn points travel in the link up to this many (pts=x,y,class;...); more go by download
DRAWN_CLASSES = ("A", "B", "C")
EST_RANGE = (20, 4000)  # unlabelled points to estimate an unknown P(y) from (0: the new P(y) is known)

# (url key, field, type, low, high)
_NUMBERS = (
    ("n", "n_samples", int, 20, 2000),
    ("noise", "noise", float, 0.0, 3.0),
    ("share", "share", float, 0.05, 0.95),
    ("seed", "seed", int, 0, 9999),
    ("test", "test_fraction", float, 0.0, 0.8),
    ("res", "resolution", int, 40, 250),
    ("prior", "prior", float, 0.01, 0.99),
    ("n_new", "n_new", int, 10, 2000),
)


@dataclass(frozen=True)
class ExplorerView:
    dataset: str = "blobs"
    n_samples: int = 400
    noise: float | None = None  # None: the dataset's default noise
    share: float | None = None  # None: balanced classes
    seed: int = 0
    test_fraction: float = 0.3
    gen: str = "gnb"
    gen_params: tuple = field(default=())  # sorted (name, value) pairs that differ from the defaults
    disc: str = "logreg"
    disc_params: tuple = field(default=())
    resolution: int = 150
    prior: float | None = None  # None: the priors learned from the training data
    prior_disc: bool = False  # apply ``prior`` to the discriminative model too, by reweighting
    est: int = 0  # > 0: ``prior`` is unknown; both models estimate it from ``est`` unlabelled points drawn at it
    n_new: int = 200
    probe: tuple | None = None  # None: the centre of the data
    present: bool = False  # presenter mode: the lecture's controls in one strip, the maps large
    focus: str | None = None  # the part the link scrolls to and marks (ui.focus.TARGETS["explorer"])
    user_data: str | None = None  # a user's own points (core.datasets.register_pool's key); never in the link

    @property
    def noise_value(self) -> float:
        return DATASETS[self.dataset].default_noise if self.noise is None else self.noise

    @property
    def data_key(self) -> tuple:
        """Everything that determines the training and test data. A fixed pool of points has no noise or share."""
        if DATASETS[self.dataset].is_pool:  # every drawn point is used; other pools are subsampled to n
            n = MAX_POINTS if self.dataset == DRAWN else self.n_samples
            return (self.user_data or self.dataset, n, 0.0, None, self.seed, self.test_fraction)
        return (self.dataset, self.n_samples, self.noise_value, self.share, self.seed, self.test_fraction)

    def model_params(self, family: str) -> dict:
        name, given = (self.gen, self.gen_params) if family == GENERATIVE else (self.disc, self.disc_params)
        return validate_params(name, dict(given))

    def to_query(self) -> dict:
        """Query parameters (str -> str) for the settings that differ from the defaults."""
        default, out = ExplorerView(), {}
        if self.dataset != default.dataset:
            out["dataset"] = self.dataset
        for key, attr, _, _, _ in _NUMBERS:
            value = getattr(self, attr)
            if value is not None and value != getattr(default, attr):
                out[key] = _fmt(value)
        for fam_key, name, params in (("gen", self.gen, self.gen_params), ("disc", self.disc, self.disc_params)):
            if name != getattr(default, fam_key):
                out[fam_key] = name
            for pname, value in params:
                out[f"{fam_key}.{pname}"] = _fmt(value)
        if self.prior_disc:
            out["prior_disc"] = "1"
        if self.est:
            out["est"] = str(self.est)
        if self.probe is not None:
            out["probe"] = f"{_fmt(self.probe[0])},{_fmt(self.probe[1])}"
        if self.present:
            out["present"] = "1"
        if self.focus is not None:
            out["focus"] = self.focus
        if self.dataset == DRAWN and self.user_data is not None:
            points = drawn_link(self.user_data)
            if points:
                out["pts"] = points
        return out

    @classmethod
    def from_query(cls, query: dict) -> tuple:
        """Parse query parameters; every bad value falls back to its default with a message.

        Returns
        -------
        view : ExplorerView
        problems : list of str, one readable sentence per ignored parameter
        """
        query = last_values(query)
        values, problems = parse_choices(query, [("dataset", "dataset", DATASETS, "dataset")], cls)
        numbers, number_problems = parse_numbers(query, _NUMBERS)
        values.update(numbers)
        problems += number_problems
        for fam_key, family in (("gen", GENERATIVE), ("disc", DISCRIMINATIVE)):
            name = query.get(fam_key, getattr(cls, fam_key))
            if name not in MODELS or MODELS[name].family != family:
                problems.append(f"Unknown {family} model {name!r}; showing {getattr(cls, fam_key)!r}.")
                name = getattr(cls, fam_key)
            values[fam_key] = name
            params = []
            for key, raw in query.items():
                if not key.startswith(fam_key + "."):
                    continue
                pname = key[len(fam_key) + 1:]
                try:
                    value = MODELS[name].params[pname].validate(raw) if pname in MODELS[name].params else None
                    if value is None:
                        raise ValueError(f"{MODELS[name].label} has no such setting")
                except ValueError as exc:
                    problems.append(f"Ignored {key}={raw!r}: {exc}.")
                    continue
                params.append((pname, value))
            values[f"{fam_key}_params"] = tuple(sorted(params))
        if "probe" in query:
            try:
                parts = str(query["probe"]).split(",")
                if len(parts) != 2:
                    raise ValueError("expected two numbers separated by a comma")
                values["probe"] = tuple(parse_number(p, float, -PROBE_LIMIT, PROBE_LIMIT) for p in parts)
            except ValueError as exc:
                problems.append(f"Ignored probe={query['probe']!r}: {exc}.")
        if "prior_disc" in query:
            flag = str(query["prior_disc"]).strip().lower()
            if flag in FLAGS and "prior" not in values and FLAGS[flag]:
                problems.append("Ignored prior_disc: it applies a hand-set P(y), and the link sets none (prior=…).")
            elif flag in FLAGS:
                values["prior_disc"] = FLAGS[flag]
            else:
                problems.append(f"Ignored prior_disc={query['prior_disc']!r}: expected 1 or 0.")
        if "est" in query:
            try:
                est = parse_number(query["est"], int, 0, EST_RANGE[1])
                if 0 < est < EST_RANGE[0]:
                    raise ValueError(f"expected 0 (the new P(y) is known) or {EST_RANGE[0]} to {EST_RANGE[1]} points")
                if est and "prior" not in values:
                    problems.append("Ignored est: it estimates a new P(y) drawn at the link's prior=…, and the link "
                                    "sets none.")
                else:
                    values["est"] = est
            except ValueError as exc:
                problems.append(f"Ignored est={query['est']!r}: {exc}.")
        if "present" in query:
            flag = str(query["present"]).strip().lower()
            if flag in FLAGS:
                values["present"] = FLAGS[flag]
            else:
                problems.append(f"Ignored present={query['present']!r}: expected 1 or 0.")
        focus, focus_problems = parse_focus(query, "explorer")
        values.update(focus)
        problems += focus_problems
        kind = DATASETS[values.get("dataset", cls.dataset)].kind
        if kind == UPLOAD:
            problems.append("An uploaded CSV file cannot travel in a link: download the data (“Take it away”, at "
                            "the bottom of the explorer), then choose “Your CSV file” and upload it again.")
            del values["dataset"]
        elif kind == DRAWN and "pts" in query:  # without pts: an empty canvas
            try:
                values["user_data"] = register_pool(parse_drawn(query["pts"]))
            except ValueError as exc:
                problems.append(f"Ignored pts: {exc}")
        elif "pts" in query:
            problems.append("Ignored pts: points travel in a link only with dataset=drawn.")
        if DATASETS[values.get("dataset", cls.dataset)].is_pool:
            for attr, key in (("noise", "noise"), ("share", "share")):
                if values.pop(attr, None) is not None:
                    problems.append(f"Ignored {key}: a fixed dataset has no {key} to set.")
        view = cls(**values)
        if view.noise is not None and not (DATASETS[view.dataset].noise_range[0] <= view.noise
                                           <= DATASETS[view.dataset].noise_range[1]):
            lo, hi = DATASETS[view.dataset].noise_range
            problems.append(f"Ignored noise={view.noise}: {view.dataset} takes noise in [{lo}, {hi}].")
            view = replace(view, noise=None)
        return view, problems

    def as_dict(self) -> dict:
        return asdict(self)


def drawn_dataset(points) -> Dataset:
    """A Dataset of drawn points ((x1, x2, class index), ...), classes A, B (and C once a point of it is drawn)."""
    arr = np.asarray(points, dtype=float).reshape(-1, 3)
    K = max(2, int(arr[:, 2].max()) + 1 if len(arr) else 0)
    return Dataset(arr[:, :2].copy(), arr[:, 2].astype(int), DRAWN_CLASSES[:K], DRAWN)


def drawn_link(key: str) -> str | None:
    """The ``pts`` value for a link to drawn points, None when there are too many for a link."""
    try:
        data = pool_dataset(key)
    except ValueError:
        return None
    if len(data.y) > LINK_POINTS:
        return None
    return ";".join(f"{_fmt(float(a))},{_fmt(float(b))},{int(k)}" for (a, b), k in zip(data.X, data.y))


def parse_drawn(raw) -> Dataset:
    """Drawn points from a link's ``pts=x1,x2,class;...`` (class 0, 1 or 2); ValueError says what is wrong."""
    if not raw:
        raise ValueError("no points")
    items = str(raw).split(";")
    if len(items) > LINK_POINTS:
        raise ValueError(f"a link holds at most {LINK_POINTS} points, this one has {len(items)}.")
    points = []
    for item in items:
        parts = item.split(",")
        if len(parts) != 3:
            raise ValueError(f"{item!r} is not x1,x2,class.")
        x1, x2 = (parse_number(p, float, -PROBE_LIMIT, PROBE_LIMIT) for p in parts[:2])
        points.append((x1, x2, parse_number(parts[2], int, 0, len(DRAWN_CLASSES) - 1)))
    return drawn_dataset(points)


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


FIELDS = tuple(f.name for f in fields(ExplorerView))
