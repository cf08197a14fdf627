"""The "GANs and VAEs" page's view: every setting in one frozen dataclass.

Pure Python (no streamlit import), parsed from and written to the page's link like the explorer's
``ui/explorer/state.py``: ``?model=vae&beta=10&dataset=xor&step=400``. Bad values fall back with a message.

A view is trained within a time budget (``trained_steps``): the link keeps the steps asked for, and the page says
when it trains fewer.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from core.datasets import DATASETS, GENERATED
from core.models import GENERATIVE, MODELS
from ui.links import last_values, parse_choices, parse_numbers

DEEP_MODELS = {"gan": "GAN", "vae": "VAE"}
LR_CHOICES = (1e-4, 3e-4, 1e-3, 2e-3, 3e-3, 1e-2, 3e-2)
BATCH_CHOICES = (16, 32, 64, 128)
BETA_CHOICES = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0)
N_SNAPSHOTS = 50  # snapshots per training run (steps come in hundreds): the replay has 51 frames

#: Seconds per training step on this server with one BLAS thread, (fixed, per squared unit, per batch point and
#: squared unit): a step is a few dozen small numpy calls (the fixed part) on (batch x units) @ (units x units)
#: products. Measured with bench/bench_deep.py --steps and rounded up (48 units is slower than the trend).
STEP_SECONDS = {"gan": (0.9e-3, 1.5e-7, 3.5e-9), "vae": (0.7e-3, 0.0, 3.0e-9)}
#: Training's share of the page's 20 s (issue 14). Judging the result (three random-forest two-sample tests,
#: k-means), the replay's frames and the explicit model beside it take up to about 10 s more at 1,000 points.
#: The default run (a GAN of 32 units, batches of 64, 3,000 steps: about 3.8 s) fits it.
TRAIN_SECONDS = 4.0

# (url key, field, type, low, high); ``TRAIN_SECONDS`` bounds the slowest training within them
_NUMBERS = (
    ("n", "n_samples", int, 40, 1000),
    ("seed", "seed", int, 0, 9999),
    ("hidden", "hidden", int, 4, 48),
    ("steps", "n_steps", int, 100, 4000),
    ("noise", "noise_dim", int, 1, 8),
    ("tseed", "train_seed", int, 0, 9999),
    ("step", "step", int, 0, 4000),
)
_CHOICES = (("lr", "lr", LR_CHOICES), ("batch", "batch_size", BATCH_CHOICES), ("beta", "beta", BETA_CHOICES))


def train_seconds(model: str, hidden: int, batch_size: int, n_steps: int) -> float:
    """Estimated seconds to train ``model`` ("gan" or "vae"): n_steps * (fixed + (a + b * batch_size) * hidden^2)."""
    fixed, a, b = STEP_SECONDS[model]
    return n_steps * (fixed + (a + b * batch_size) * hidden**2)


def max_steps(model: str, hidden: int, batch_size: int) -> int:
    """The most steps, in hundreds as the slider moves (at least 100), estimated to train within ``TRAIN_SECONDS``."""
    return max(100, int(TRAIN_SECONDS / train_seconds(model, hidden, batch_size, 1)) // 100 * 100)


@dataclass(frozen=True)
class DeepView:
    dataset: str = "xor"  # four blobs: a model that drops one is easy to see
    n_samples: int = 400
    seed: int = 0  # draws the data
    model: str = "gan"
    hidden: int = 32  # units in each of the two hidden layers of both networks
    n_steps: int = 3000
    lr: float = 1e-3
    batch_size: int = 64
    noise_dim: int = 2  # GAN only
    beta: float = 1.0  # VAE only
    train_seed: int = 0  # draws the initial weights, the minibatches and the noise
    step: int | None = None  # the replayed snapshot's step; None: the last
    explicit: str = "gmm"  # the explicit density shown next to it, from the explorer's generative models

    @property
    def data_key(self) -> tuple:
        """The explorer's data key (dataset, n_samples, noise, share, seed, test_fraction): same data, same caches."""
        return (self.dataset, self.n_samples, DATASETS[self.dataset].default_noise, None, self.seed, 0.3)

    @property
    def trained_steps(self) -> int:
        """The steps trained: ``n_steps``, or fewer where they would not fit ``TRAIN_SECONDS``."""
        return min(self.n_steps, max_steps(self.model, self.hidden, self.batch_size))

    @property
    def snapshot_every(self) -> int:
        return max(1, self.trained_steps // N_SNAPSHOTS)

    def model_params(self) -> dict:
        """The keyword arguments of ``core.deep.GAN`` or ``VAE`` this view trains."""
        params = dict(hidden=(self.hidden, self.hidden), n_steps=self.trained_steps, lr=self.lr,
                      batch_size=self.batch_size, seed=self.train_seed, snapshot_every=self.snapshot_every)
        if self.model == "gan":
            params["noise_dim"] = self.noise_dim
        else:
            params["beta"] = self.beta
        return params

    @property
    def train_key(self) -> tuple:
        """Everything that determines a trained model: the data and the model's own settings."""
        return (self.data_key, self.model, tuple(sorted(self.model_params().items())))

    def to_query(self) -> dict:
        default, out = DeepView(), {}
        for key in ("dataset", "model", "explicit"):
            if getattr(self, key) != getattr(default, key):
                out[key] = getattr(self, key)
        for key, attr, *_ in _NUMBERS:
            value = getattr(self, attr)
            if value is not None and value != getattr(default, attr):
                out[key] = str(value)
        for key, attr, _ in _CHOICES:
            if getattr(self, attr) != getattr(default, attr):
                out[key] = f"{getattr(self, attr):g}"
        return out

    @classmethod
    def from_query(cls, query: dict) -> tuple:
        """(view, problems): every bad value falls back to its default with one readable sentence."""
        query = last_values(query)
        values, problems = parse_choices(query, (
            ("dataset", "dataset", GENERATED, "dataset"), ("model", "model", DEEP_MODELS, "model"),
            ("explicit", "explicit", [k for k, m in MODELS.items() if m.family == GENERATIVE],
             "explicit density model")), cls)
        numbers, number_problems = parse_numbers(query, _NUMBERS)
        values.update(numbers)
        problems += number_problems
        for key, attr, allowed in _CHOICES:
            if key in query:
                try:
                    value = float(query[key])
                except ValueError:
                    value = None
                match = [c for c in allowed if value is not None and abs(c - value) <= 1e-9 * abs(c)]
                if match:
                    values[attr] = match[0]
                else:
                    problems.append(f"Ignored {key}={query[key]!r}: choose one of "
                                    f"{', '.join(f'{c:g}' for c in allowed)}.")
        view = cls(**values)
        if view.step is not None and view.step > view.n_steps:
            problems.append(f"Ignored step={view.step}: training has only {view.n_steps} steps.")
            view = replace(view, step=None)
        return view, problems
