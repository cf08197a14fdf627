"""Run "Copy as Python" scripts (core.snippet, core.snippet_words, core.snippet_pictures) in one fresh Python
process, with one BLAS thread (the busy test machine's tiny matrices); open a page's box under AppTest."""

import ast
import os
import subprocess
import sys
from pathlib import Path

from apptest_utils import assert_clean, open_page

ROOT = Path(__file__).resolve().parent.parent
RUNNER = """
import runpy, sys
for path in sys.argv[1:]:
    print("=== " + path, flush=True)
    runpy.run_path(path, run_name="__main__")
"""


def run_scripts(tmp_path, scripts: list, last: int = 2, cwd=ROOT, prelude: str = "") -> list:
    """Each script's last ``last`` printed lines, all run one after the other in one fresh process started in
    ``cwd`` (the repository root, as a user runs them); ``prelude`` runs first (a patch, say)."""
    paths = []
    for i, text in enumerate(scripts):
        path = tmp_path / f"view_{i}.py"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    (tmp_path / "runner.py").write_text(prelude + RUNNER, encoding="utf-8")
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, str(tmp_path / "runner.py"), *paths], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return [part.strip().splitlines()[-last:] for part in done.stdout.split("=== ")[1:]]


def accuracy_lines(lines: list) -> list:
    """The numbers of ``generative (...) test accuracy: 0.975`` lines."""
    return [line.rsplit(": ", 1)[1] for line in lines]


def import_roots(script: str) -> set:
    """The top-level packages a script imports."""
    return {(node.module if isinstance(node, ast.ImportFrom) else alias.name).split(".")[0]
            for node in ast.walk(ast.parse(script)) if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names}


def scripts_shown(at) -> list:
    return [c.value for c in at.code if "test accuracy" in c.value]


def opened_box(page: str, query: dict, key: str, tmp_path) -> tuple:
    """Open ``page`` at ``query`` with its "Copy as Python" popover ``key`` open: (AppTest, the script's last two
    printed lines, run in a fresh process)."""
    at = open_page(page, query, timeout=120)
    at.session_state[key] = True
    at.run()
    assert_clean(at)
    (script,) = scripts_shown(at)
    return at, run_scripts(tmp_path, [script])[0]
