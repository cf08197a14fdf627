"""The gallery's tile figure: valid plotly (rebuilt with validation on), compact, and what it draws."""

import numpy as np
import plotly.graph_objects as go
import pytest

from core.figures.gallery import TILE_LEVELS, TITLE_PX, tile_figure
from core.surfaces import make_grid

GRID = make_grid(np.array([[0.0, 0.0], [1.0, 1.0]]), 20)


def _proba(K: int) -> np.ndarray:
    rng = np.random.default_rng(0)
    p = rng.random((K, 20, 20))
    return p / p.sum(axis=0)


@pytest.mark.parametrize("K", [2, 3])
def test_a_tile_is_valid_plotly_with_every_part(K):
    log_density = np.log(_proba(K))
    X, y = np.array([[0.1, 0.2], [0.5, 0.5], [0.9, 0.1]]), np.array([0, 1, K - 1])
    fig = tile_figure(GRID, _proba(K), tuple("ABC"[:K]), "QDA", "test accuracy 0.917", test_points=(X, y),
                      log_density=log_density, height=236)
    go.Figure(fig.to_dict())  # validation on: a misspelt property fails here
    d = fig.to_dict()
    assert [t["type"] for t in d["data"]] == ["contour"] * (1 + K) + ["scatter"] * len(set(y))
    assert d["data"][0]["z"]["dtype"] == "u1"
    lines = d["data"][1:1 + K]
    assert all((t["contours"]["start"], t["contours"]["end"]) == (TILE_LEVELS[0], TILE_LEVELS[-1]) for t in lines)
    layout = d["layout"]
    assert layout["title"]["text"] == "QDA" and layout["annotations"][0]["text"] == "test accuracy 0.917"
    assert layout["title"]["font"]["size"] >= TITLE_PX >= 18 and layout["annotations"][0]["font"]["size"] >= 18
    assert not layout["xaxis"]["showticklabels"] and layout["height"] == 236


def test_a_tile_without_extras_is_the_map_alone():
    d = tile_figure(GRID, _proba(2), ("A", "B"), "LDA").to_dict()
    assert len(d["data"]) == 1 and d["layout"]["annotations"] == []
