"""Copy as Python: ``core.snippet.explorer_script`` writes a script that, run in a fresh process, prints the explorer's
own test accuracies for that view (computed here by the explorer's cached calls, ``ui.cache``, as its scores table
does). Every registry model (at its defaults) and every dataset (a CSV file and drawn points included) is run; the
scripts are batched into one fresh Python process per test so the file stays fast.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import fields, replace

import numpy as np
import pytest
import script_runner

from core.datasets import DATASETS, make_dataset, register_pool
from core.evaluation import classification_metrics
from core.io import dataset_to_csv, load_labeled_csv, read_labeled_csv
from core.models import DISCRIMINATIVE, GENERATIVE, MODELS, models_of
from core.snippet import DEFAULTS, drawn_points, explorer_script
from ui import cache
from ui.explorer.prior_panels import active_priors, priors_in_use
from ui.explorer.state import ExplorerView, drawn_dataset

PLOTLY_SHOWN = """
import plotly.basedatatypes
plotly.basedatatypes.BaseFigure.show = lambda fig, *args, **kwargs: print(f"shown: {len(fig.data)} traces")
"""


def page_accuracies(view: ExplorerView) -> tuple:
    """The scores table's two test accuracies, as ``ui.explorer.panels.scores_panel`` computes them."""
    key = view.data_key
    train, test = cache.load_data(key)
    _, disc_priors, found = priors_in_use(view, train.class_names)
    current = np.asarray(found.gen_prior) if found else active_priors(
        view, cache.fitted(key, view.gen, view.gen_params).priors_)
    gen = cache.split_proba(key, view.gen, view.gen_params, tuple(current))
    disc = cache.split_proba(key, view.disc, view.disc_params, disc_priors)
    return tuple(classification_metrics(test.y, p["test"])["accuracy"] for p in (gen, disc))


def run_scripts(tmp_path, scripts: list) -> list:
    """Each script's printed accuracy lines, all run in one fresh Python process (in ``tmp_path``, beside its CSV
    files; plotly's ``show`` only counts the traces)."""
    return script_runner.run_scripts(tmp_path, scripts, cwd=tmp_path, prelude=PLOTLY_SHOWN)


def expected_lines(view: ExplorerView) -> list:
    gen, disc = page_accuracies(view)
    show = lambda a: "– (no test set)" if np.isnan(a) else f"{a:.3f}"  # noqa: E731
    return [f"generative ({MODELS[view.gen].label}) test accuracy: {show(gen)}",
            f"discriminative ({MODELS[view.disc].label}) test accuracy: {show(disc)}"]


# every registry model at its defaults and every dataset, each at least once; then P(y) set, reweighted, unknown
_GENS, _DISCS = models_of(GENERATIVE), models_of(DISCRIMINATIVE)
_SHIPPED_AND_GENERATED = [k for k, s in DATASETS.items() if s.kind in ("generator", "pool")]
LINKS = [{"dataset": d, "gen": _GENS[i % len(_GENS)], "disc": _DISCS[i % len(_DISCS)], "n": "200"}
         for i, d in enumerate(_SHIPPED_AND_GENERATED)] + [
    {"dataset": "xor", "gen": "gmm", "gen.covariance_type": "diag", "disc": "logreg", "disc.degree": "3"},
    {"dataset": "blobs", "share": "0.2", "prior": "0.7", "gen": "lda", "gen.shrinkage": "0.3"},
    {"dataset": "moons", "prior": "0.3", "prior_disc": "1", "gen": "kde", "disc": "knn", "n": "300"},
    {"dataset": "three_gaussians", "prior": "0.6", "prior_disc": "1", "gen": "qda", "disc": "forest", "n": "240"},
    {"dataset": "correlated", "prior": "0.8", "est": "200", "gen": "nb_shared", "disc": "logreg", "seed": "7"},
    {"dataset": "iris", "prior": "0.5", "est": "100", "gen": "gnb", "disc": "svm", "seed": "3"},
    {"dataset": "circles", "test": "0", "gen": "gnb", "disc": "tree"},
]


def test_every_model_and_dataset_is_covered():
    covered = {link.get("gen", "gnb") for link in LINKS} | {link.get("disc", "logreg") for link in LINKS}
    assert covered == set(MODELS)
    assert {link["dataset"] for link in LINKS} | {"csv", "drawn"} == set(DATASETS)


def test_defaults_are_the_explorer_view_defaults():
    view = ExplorerView()
    keys = {"dataset": "dataset", "n": "n_samples", "noise": "noise", "share": "share", "seed": "seed",
            "test": "test_fraction", "gen": "gen", "disc": "disc", "prior": "prior", "prior_disc": "prior_disc",
            "est": "est"}
    assert {k: getattr(view, f) for k, f in keys.items()} == DEFAULTS
    assert set(keys.values()) <= {f.name for f in fields(ExplorerView)}


def test_scripts_print_the_pages_accuracies(tmp_path):
    views = [ExplorerView.from_query(link) for link in LINKS]
    assert all(problems == [] for _, problems in views), [p for _, p in views if p]
    scripts = [explorer_script(view.to_query(), with_plot=i == 0) for i, (view, _) in enumerate(views)]
    assert "fig.show()" in scripts[0]
    assert run_scripts(tmp_path, scripts) == [expected_lines(view) for view, _ in views]


def test_own_data_scripts_print_the_pages_accuracies(tmp_path):
    """A CSV file read by name (a numeric column rescaled, as core.io does, and text labels), and drawn points."""
    data = make_dataset("three_gaussians", n_samples=150, seed=4)
    data = replace(data, X=data.X * [1e5, 1.0], feature_names=("size", "weight"), class_names=("cat", "dog", "eel"))
    raw = dataset_to_csv(data)
    (tmp_path / "mine.csv").write_bytes(raw)
    own = read_labeled_csv(raw, ["size", "weight"], "label")
    assert own.feature_names[0] == "size (standardised)"
    csv_view = ExplorerView(dataset="csv", n_samples=120, seed=2, gen="gmm", disc="mlp",
                            user_data=register_pool(own))
    rng = np.random.default_rng(1)
    points = ";".join(f"{a:.3f},{b:.3f},{k}" for k in range(2) for a, b in rng.normal(k * 1.5, 1.0, (20, 2)))
    drawn_view, problems = ExplorerView.from_query({"dataset": "drawn", "pts": points, "gen": "qda", "disc": "svm"})
    assert problems == [] and drawn_view.to_query()["pts"]
    many = make_dataset("moons", n_samples=90, seed=5)  # more points than a link holds: the page passes them all
    many_view = ExplorerView(dataset="drawn", seed=1, gen="kde", disc="knn",
                             user_data=register_pool(drawn_dataset(np.column_stack([many.X, many.y]))))
    assert "pts" not in many_view.to_query()
    quirky = quirky_csv()  # semicolons, decimal commas, numeric labels, a missing value, a blank line, a tiny column
    (tmp_path / "quirky.csv").write_bytes(quirky)
    quirky_data, notes = load_labeled_csv(quirky, ["height", "weight"], "kind")
    assert quirky_data.class_names == ("1", "2", "10") and len(notes) == 2
    quirky_view = ExplorerView(dataset="csv", n_samples=150, seed=3, gen="lda", disc="forest",
                               user_data=register_pool(quirky_data))
    scripts = [explorer_script(csv_view.to_query(), data_file="mine.csv", columns=("size", "weight", "label")),
               explorer_script(drawn_view.to_query()),
               explorer_script({**many_view.to_query(), "pts": drawn_points(many.X, many.y)}),
               explorer_script(quirky_view.to_query(), data_file="quirky.csv", columns=("height", "weight", "kind"))]
    assert run_scripts(tmp_path, scripts) == [expected_lines(v) for v in (csv_view, drawn_view, many_view,
                                                                           quirky_view)]


def quirky_csv() -> bytes:
    """A CSV as a spreadsheet in a decimal-comma locale writes it, with a trailing delimiter on every row."""
    rng = np.random.default_rng(0)
    rows = ["id; height ;weight;kind;"]
    for i in range(200):
        k = int(rng.integers(3))
        height, weight = f"{rng.normal(k, 1.0):.4f}".replace(".", ","), f"{rng.normal(-k, 0.7) * 1e-5:.6e}"
        rows.append(f"{i};{height};{'NA' if i % 37 == 0 else weight.replace('.', ',')};{(1, 2, 10)[k]};")
    rows.insert(50, "")
    return ("\n".join(rows) + "\n").encode()


@pytest.mark.parametrize("link", [
    {"dataset": "nope", "gen": "svm", "disc": "gnb", "n": "-3", "prior_disc": "1", "gen.var_smoothing": "x"},
    {"gen": "qda", "gen.reg_param": "7", "noise": "99", "seed": "abc", "est": "5"},
])
def test_bad_parameters_fall_back_as_the_page_does(link):
    view, problems = ExplorerView.from_query(link)
    assert problems  # the page says what it ignored
    script = explorer_script(view.to_query())
    assert script == explorer_script({"gen": view.gen} if view.gen != "gnb" else {})  # the defaults' own script


def test_a_users_text_cannot_break_out_of_the_script():
    """File and column names enter the script as literals; a link's unknown keys and values not at all."""
    evil = 'x"""\nimport os; os.system("echo owned")  # \u2028\''
    script = explorer_script({"dataset": "csv", evil: evil, "probe": evil}, data_file=evil, columns=(evil, evil, evil))
    tree = ast.parse(script)
    calls = {node.func.attr for node in ast.walk(tree) if isinstance(node, ast.Call)
             and isinstance(node.func, ast.Attribute)}
    assert "system" not in calls and script.count(repr(evil)) >= 2


def test_script_is_python_with_only_numpy_and_sklearn():
    script = explorer_script({"dataset": "moons", "gen": "gmm", "disc": "mlp", "prior": "0.3", "est": "100"})
    roots = {(node.module if isinstance(node, ast.ImportFrom) else alias.name).split(".")[0]
             for node in ast.walk(ast.parse(script)) if isinstance(node, (ast.Import, ast.ImportFrom))
             for alias in node.names}
    assert roots == {"numpy", "sklearn"}
    plotted = explorer_script({"dataset": "moons"}, with_plot=True)
    assert "import plotly" in plotted and "plotly" not in script


def test_csv_view_needs_its_file_and_columns():
    with pytest.raises(ValueError, match="columns"):
        explorer_script({"dataset": "csv"})
    with pytest.raises(ValueError, match="columns"):
        explorer_script({"dataset": "csv"}, data_file="mine.csv", columns=(None, None, "label"))


def test_a_view_the_page_cannot_fit_stops_with_its_message(tmp_path):
    """The page shows "Class cultivar 2 has only 1 training point" and keeps the last view; the script says it too."""
    link = {"dataset": "wine_2d", "seed": "77", "n": "30", "test": "0.8"}
    view, _ = ExplorerView.from_query(link)
    with pytest.raises(ValueError, match="only 1 training point"):
        cache.fitted(view.data_key, view.gen, view.gen_params)
    path = tmp_path / "view.py"
    path.write_text(explorer_script(view.to_query()), encoding="utf-8")
    done = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "Class cultivar 2 has only 1 training point" in done.stderr
