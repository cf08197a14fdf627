"""The "When each wins" page's view: every setting in one frozen dataclass that round-trips through the URL.

Pure Python (no streamlit import), like the explorer's ``ui/explorer/state.py``. The link carries registry keys, not
display labels, and only what differs from the defaults:
``?lc_scenario=nb_misspecified&lc_nb_misspecified_copies=2&lc_models=nb_shared,logreg&lc_repeats=40``.
Links written before (by Streamlit's ``bind``, with labels such as ``lc_scenario=(b) NB misspecified``) still
open. Every bad value falls back to its default with one readable sentence.

``plan_run`` turns a view into the work one run of the page does, within a time budget.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from core.datasets import DATASETS
from core.experiments import curve_seconds, fit_seconds, log_spaced_sizes
from core.models import MODELS
from core.scenarios import REAL_DATASETS, SCENARIOS
from ui.links import last_values
from ui.timing import LIMIT_SECONDS  # noqa: F401  (the page's limit, shown in its notes)

BLOCK = 10  # the repeats slider's step; the estimate of BLOCK repeats must fit the budget
REPEATS = (BLOCK, 200)  # the repeats slider's range
N_MIN, N_SIZES = 6, 10  # smallest training size (two points per class, three classes), points on the curve
N_MAX_CHOICES = (50, 100, 200, 500, 1000, 2000, 5000)
C_GRID = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0)
SEED_RANGE = (0, 10_000)
#: The developers' guide asks every page to answer within 20 s at its most expensive settings. A run stops
#: starting new repeats after ``CLOCK_SECONDS`` of computing (the others follow on the next run, cached ones
#: cost nothing), and ``plan_run`` keeps ``BLOCK`` repeats within ``BUDGET_SECONDS`` by the estimate, so the
#: last repeat started overruns the clock by little.
BUDGET_SECONDS, CLOCK_SECONDS = 12.0, 10.0
CHOICE_LABELS = {**{k: s.label for k, s in DATASETS.items()}, **{k: s.label for k, s in REAL_DATASETS.items()}}


def _smallest_sizes() -> tuple:
    return log_spaced_sizes(N_MIN, N_MAX_CHOICES[0], N_SIZES)


#: Models whose curve can have ``BLOCK`` repeats within the budget at the smallest sizes on two features. The
#: others (a random forest, a neural network) take from a third of a second to seconds per fit on this server.
OFFERED = tuple(m for m in MODELS if BLOCK * curve_seconds([m], _smallest_sizes(), 2, 1) <= BUDGET_SECONDS)
NOT_OFFERED = tuple(m for m in MODELS if m not in OFFERED)
_FIXED = ("lc_models", "lc_scenario", "lc_C", "lc_n_max", "lc_repeats", "lc_seed")


def param_key(scenario: str, pname: str) -> str:
    """The widget key (and link parameter) of one scenario option: ``lc_nb_misspecified_copies``."""
    return f"lc_{scenario}_{pname}"


def default_options(scenario: str) -> tuple:
    return tuple((pname, p.default) for pname, p in SCENARIOS[scenario].params.items())


@dataclass(frozen=True)
class LearningView:
    """What the page shows: the scenario and its options, the models, and how the curves are measured.

    ``options`` holds every option of ``scenario`` in the registry's order, as (name, value) pairs.
    """

    scenario: str = "nb_holds"
    options: tuple = default_options("nb_holds")
    models: tuple = ("nb_shared", "logreg")
    C: float = 100.0  # logistic regression's inverse regularisation: near Ng & Jordan's unregularised model
    n_max: int = 1000
    repeats: int = 20
    seed: int = 0

    def to_query(self) -> dict:
        """Query parameters (str -> str) for the settings that differ from the defaults."""
        default, out = LearningView(), {}
        if self.models != default.models:
            out["lc_models"] = ",".join(self.models)
        if self.scenario != default.scenario:
            out["lc_scenario"] = self.scenario
        for (pname, value), (_, initial) in zip(self.options, default_options(self.scenario)):
            if value != initial:
                out[param_key(self.scenario, pname)] = str(value)
        for key, attr in (("lc_C", "C"), ("lc_n_max", "n_max"), ("lc_repeats", "repeats"), ("lc_seed", "seed")):
            if getattr(self, attr) != getattr(default, attr):
                out[key] = f"{getattr(self, attr):g}"
        return out

    @classmethod
    def from_query(cls, query: dict) -> tuple:
        """Parse query parameters; every bad value falls back to its default with a message.

        Parameters
        ----------
        query : dict str -> str or list of str (a repeated parameter; ``lc_models`` may come as one
            value per model, the form older links have)

        Returns
        -------
        view : LearningView
        problems : list of str, one readable sentence per ignored parameter
        """
        query = {k: v for k, v in dict(query).items() if v != []}
        values, problems = {}, []
        if "lc_models" in query:
            values["models"] = _parse_models(query["lc_models"], problems)
        one = last_values(query)
        scenario = cls.scenario
        if "lc_scenario" in one:
            raw = one["lc_scenario"]
            found = _key_or_label(raw, {k: s.label for k, s in SCENARIOS.items()})
            if found is None:
                problems.append(f"Unknown scenario {raw!r}; showing {SCENARIOS[scenario].label}. "
                                f"Scenarios: {', '.join(SCENARIOS)}.")
            else:
                scenario = found
        values["scenario"] = scenario
        values["options"] = _parse_options(scenario, one, problems)
        if "lc_C" in one:
            values["C"] = _parse_choice(one["lc_C"], "lc_C", C_GRID, problems)
        if "lc_n_max" in one:
            values["n_max"] = _parse_choice(one["lc_n_max"], "lc_n_max", N_MAX_CHOICES, problems)
        if "lc_repeats" in one:
            values["repeats"] = _parse_int(one["lc_repeats"], "lc_repeats", *REPEATS, problems, step=BLOCK)
        if "lc_seed" in one:
            values["seed"] = _parse_int(one["lc_seed"], "lc_seed", *SEED_RANGE, problems)
        return cls(**{k: v for k, v in values.items() if v is not None}), problems


#: One click from the top of the page: scenario (b) with two near-copies of feature 1, where naive Bayes leads
#: with few examples and logistic regression with many (``tests/learning_curves/test_claims_learning_curves.py``
#: checks it).
BOTH_REGIMES = LearningView(scenario="nb_misspecified", options=(("d", 10), ("copies", 2)))


@dataclass(frozen=True)
class Run:
    """The work one repeat of the page's curves does for a view.

    models : the view's models, less ``left_out`` (the slowest, left out to keep a repeat short)
    sizes : training sizes, from ``N_MIN`` to the largest size computed
    seconds : estimated seconds per repeat (``core.experiments.curve_seconds``)
    """

    models: tuple
    sizes: tuple
    left_out: tuple = ()
    seconds: float = 0.0

    @property
    def n_max(self) -> int:
        return self.sizes[-1]


def plan_run(view: LearningView, n_features: int, max_train_size: int | None = None,
             budget: float = BUDGET_SECONDS) -> Run:
    """The most of ``view`` whose ``BLOCK`` repeats fit the budget, by ``core.experiments.curve_seconds``.

    A real pool (``max_train_size``) caps the largest size first. Then, as far as needed: a smaller largest size
    (down to 50); the slowest model left out and the view's largest size tried again. A single model stops at the
    smallest sizes. How many repeats are computed is left to the clock (``CLOCK_SECONDS``): a repeat already
    cached costs nothing.
    """
    cap = min(view.n_max, max_train_size or view.n_max)
    candidates = [cap] + [n for n in reversed(N_MAX_CHOICES) if n < cap]
    models, left_out = list(view.models), []
    while True:
        for n_max in candidates:
            sizes = log_spaced_sizes(N_MIN, n_max, N_SIZES)
            per_repeat = curve_seconds(models, sizes, n_features, 1)
            if BLOCK * per_repeat <= budget or (len(models) <= 1 and n_max == candidates[-1]):
                return Run(tuple(models), sizes, tuple(left_out), per_repeat)
        small = log_spaced_sizes(N_MIN, candidates[-1], N_SIZES)
        slowest = max(models, key=lambda m: sum(fit_seconds(m, n, n_features) for n in small))
        models.remove(slowest)
        left_out.append(slowest)


def _key_or_label(raw, labels: dict):
    """The registry key ``raw`` names, as a key or (older links) as its display label; None if neither."""
    text = str(raw).strip()
    if text in labels:
        return text
    return next((k for k, label in labels.items() if label == text), None)


def _parse_models(raw, problems: list) -> tuple | None:
    labels = {k: m.label for k, m in MODELS.items()}
    pieces = []
    for value in raw if isinstance(raw, list) else [raw]:
        whole = _key_or_label(value, labels)  # an older link's label may itself hold a comma
        pieces.extend([whole] if whole is not None else [p for p in str(value).split(",") if p.strip()])
    models, unknown, slow = [], [], []
    for piece in pieces:
        key = _key_or_label(piece, labels)
        if key is None:
            unknown.append(piece.strip())
        elif key in NOT_OFFERED:
            slow.append(MODELS[key].label)
        elif key not in models:
            models.append(key)
    if not unknown and not slow:
        return tuple(models)
    why = []
    if unknown:
        why.append(f"unknown model{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))} "
                   f"(models: {', '.join(OFFERED)})")
    if slow:
        why.append(f"{', '.join(slow)}, too slow to fit the dozens of times a curve needs within the page's "
                   "time limit")
    shown = (", ".join(MODELS[m].label for m in models) if models else
             "the default pair, " + " and ".join(MODELS[m].label for m in LearningView.models))
    problems.append(f"Left out of lc_models: {'; '.join(why)}. Showing {shown}.")
    return tuple(models) if models else None


def _parse_options(scenario: str, query: dict, problems: list) -> tuple:
    spec = SCENARIOS[scenario]
    out = []
    for pname, p in spec.params.items():
        key, value = param_key(scenario, pname), p.default
        if key in query:
            raw = query[key]
            try:
                given = _key_or_label(raw, {c: CHOICE_LABELS.get(c, c) for c in p.choices}) if p.choices else raw
                value = p.validate(raw if given is None else given)
            except ValueError as exc:
                problems.append(f"Ignored {key}={raw!r}: {exc}.")
                value = p.default
        out.append((pname, value))
    for key in query:
        if key.startswith("lc_") and key not in _FIXED and key not in {param_key(scenario, p) for p in spec.params}:
            owner = next((s for s in SCENARIOS for p in SCENARIOS[s].params if key == param_key(s, p)), None)
            why = (f"it is an option of {SCENARIOS[owner].label}, and the link shows {spec.label}" if owner
                   else "the page has no such setting")
            problems.append(f"Ignored {key}: {why}.")
    return tuple(out)


def _number(raw) -> float:
    try:
        value = float(str(raw).strip())
    except ValueError:
        raise ValueError("not a number") from None
    if not math.isfinite(value):
        raise ValueError("not a finite number")
    return value


def _parse_choice(raw, key: str, choices: tuple, problems: list):
    try:
        value = _number(raw)
        match = next((c for c in choices if math.isclose(c, value, rel_tol=1e-9)), None)
        if match is None:
            raise ValueError(f"must be one of {', '.join(f'{c:g}' for c in choices)}")
        return match
    except ValueError as exc:
        problems.append(f"Ignored {key}={raw!r}: {exc}.")
        return None


def _parse_int(raw, key: str, low: int, high: int, problems: list, step: int = 1):
    try:
        value = _number(raw)
        if not value.is_integer():
            raise ValueError("not a whole number")
        if not low <= value <= high or value % step:
            raise ValueError(f"must be {'a multiple of ' + str(step) + ' ' if step > 1 else ''}"
                             f"between {low} and {high}")
        return int(value)
    except ValueError as exc:
        problems.append(f"Ignored {key}={raw!r}: {exc}.")
        return None

