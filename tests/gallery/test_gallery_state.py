"""The gallery's view: its link round-trips, bad values fall back with one sentence each, the data key is the
explorer's."""

import pytest

from core.datasets import DATASETS
from ui.explorer.state import ExplorerView
from ui.gallery.state import OFFERED, GalleryView


@pytest.mark.parametrize("view", [GalleryView(), GalleryView(dataset="xor", noise=0.6, seed=7, n_samples=600,
                                                             contours=True, present=True),
                                  GalleryView(dataset="iris", n_samples=100)])
def test_a_view_round_trips_through_its_link(view):
    again, problems = GalleryView.from_query(view.to_query())
    assert again == view and problems == []


def test_the_default_link_is_empty_and_a_default_noise_is_not_written():
    assert GalleryView().to_query() == {}
    view, _ = GalleryView.from_query({"dataset": "xor", "noise": str(DATASETS["xor"].default_noise)})
    assert view.noise is None and "noise" not in view.to_query()


@pytest.mark.parametrize("dataset", OFFERED)
def test_the_data_key_is_the_explorers_for_the_same_link(dataset):
    query = {"dataset": dataset, "n": "300", "seed": "4"}
    if not DATASETS[dataset].is_pool:
        query["noise"] = str(DATASETS[dataset].noise_range[1])
    gallery, explorer = GalleryView.from_query(query)[0], ExplorerView.from_query(query)[0]
    assert gallery.data_key == explorer.data_key
    assert ExplorerView.from_query(gallery.explorer_query())[0].data_key == gallery.data_key


@pytest.mark.parametrize("query, says", [
    ({"dataset": "csv"}, "Unknown dataset 'csv'"), ({"dataset": "drawn"}, "Unknown dataset 'drawn'"),
    ({"n": "5"}, "Ignored n='5'"), ({"seed": "-1"}, "Ignored seed='-1'"), ({"noise": "nan"}, "Ignored noise='nan'"),
    ({"noise": "0.9"}, "moons takes noise in [0.0, 0.6]"), ({"dataset": "iris", "noise": "0.1"}, "no noise"),
    ({"contours": "yes please"}, "Ignored contours='yes please'"), ({"present": "2"}, "Ignored present='2'")])
def test_each_bad_value_falls_back_with_one_sentence(query, says):
    view, problems = GalleryView.from_query(query)
    assert len(problems) == 1 and says in problems[0], problems
    for key in query:
        if key != "dataset" or "Unknown" in says:
            field = {"n": "n_samples"}.get(key, key)
            assert getattr(view, field) == getattr(GalleryView(dataset=view.dataset), field)


def test_a_repeated_key_takes_its_last_value():
    view, problems = GalleryView.from_query({"seed": ["3", "5"]})
    assert view.seed == 5 and problems == []
