"""The scenes and figure kinds the figure tests share (the fixtures: tests/core_tests/conftest.py)."""

import base64
import json
from types import SimpleNamespace

import numpy as np
import plotly.graph_objects as go

from core.datasets import make_dataset
from core.figures import explorer as figures
from core.models import fit_model
from core.surfaces import compute_surfaces, make_grid

SMALL_RES = 40
SIZE_TARGET = 60_000  # bytes of JSON per panel (issue target)
PROBE = (0.25, -0.5)
CORNERS = np.array([[0.0, 0.0], [1.0, 1.0]])  # a 2x2 grid over the unit square for hand-made surfaces



def scene_of(dataset, gen, n_samples=90, resolution=SMALL_RES):
    data = make_dataset(dataset, n_samples=n_samples, seed=0)
    grid = make_grid(data.X, resolution)
    return SimpleNamespace(
        data=data, grid=grid, names=data.class_names, points=(data.X, data.y),
        gen=compute_surfaces(fit_model(gen, data.X, data.y), grid),
        disc=compute_surfaces(fit_model("logreg", data.X, data.y), grid))


# every figure kind a page draws, from one scene
KINDS = {
    "density": lambda s: figures.density_figure(s.grid, s.gen.log_density, s.names, points=s.points),
    "posterior": lambda s: figures.posterior_figure(s.grid, s.gen.proba, s.names, points=s.points, probe=PROBE,
                                                    clickable=True),
    "disc_posterior": lambda s: figures.posterior_figure(s.grid, s.disc.proba, s.names, points=s.points,
                                                         clickable=True),
    "marginal": lambda s: figures.marginal_figure(s.grid, s.gen.log_px, s.names, points=s.points),
    "difference": lambda s: figures.difference_figure(s.grid, s.gen.proba, s.disc.proba, s.names, points=s.points),
    "bare_posterior": lambda s: figures.posterior_figure(s.grid, s.gen.proba, s.names),
    "bare_density": lambda s: figures.density_figure(s.grid, s.gen.log_density, s.names),
}


def wire(fig) -> dict:
    """The figure as the browser gets it (plotly's JSON), typed arrays left encoded."""
    return json.loads(fig.to_json())


def decode(array) -> np.ndarray:
    """A plotly typed array ``{dtype, bdata, shape}`` back to numpy (plain lists pass through)."""
    if not isinstance(array, dict):
        return np.asarray(array)
    out = np.frombuffer(base64.b64decode(array["bdata"]), dtype=np.dtype(array["dtype"]))
    shape = array.get("shape")
    return out.reshape([int(n) for n in shape.split(",")]) if shape else out


def z_on_wire(fig, i=0) -> np.ndarray:
    return decode(wire(fig)["data"][i]["z"])


def revalidated(fig) -> go.Figure:
    return go.Figure(fig.to_dict())
