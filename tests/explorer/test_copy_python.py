"""The explorer's "Copy as Python" box (issue 30): nothing is built until it is opened; opened, its script prints
the scores table's two test accuracies for the view shown (core.snippet; every model and dataset is checked against
core in tests/core_tests/test_snippet.py)."""

import subprocess
import sys

import pytest
from apptest_utils import assert_clean, open_page


def _table_accuracies(at) -> list:
    table = next(m.value for m in at.markdown if "| test accuracy |" in m.value)
    row = next(line for line in table.splitlines() if line.startswith("| test accuracy |"))
    return [c.strip() for c in row.strip("|").split("|")[1:]]


def test_the_closed_box_builds_no_script():
    at = open_page("pages/explorer.py", {"dataset": "moons", "gen": "qda", "disc": "svm"})
    assert_clean(at)
    assert not [c for c in at.code if "test accuracy" in c.value]


@pytest.mark.parametrize("query", [{"dataset": "moons", "gen": "qda", "disc": "svm"},
                                   {"dataset": "three_gaussians", "gen": "gmm", "disc": "forest", "prior": "0.6",
                                    "prior_disc": "1"}])
def test_the_opened_box_prints_the_scores_tables_accuracies(query, tmp_path):
    at = open_page("pages/explorer.py", query)
    at.session_state["copy_python"] = True
    at.run()
    assert_clean(at)
    script = next(c.value for c in at.code if "test accuracy" in c.value)
    path = tmp_path / "view.py"
    path.write_text(script)
    out = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=120, check=True).stdout
    lines = [line for line in out.splitlines() if "test accuracy:" in line]
    assert lines[0].startswith("generative (") and lines[1].startswith("discriminative (")
    assert [line.rsplit(": ", 1)[1] for line in lines] == _table_accuracies(at)
