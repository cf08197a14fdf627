"""Run "Copy as Python" scripts (core.snippet_words, core.snippet_pictures) in one fresh Python process, from the
repository root as a user would, with one BLAS thread (the busy test machine's tiny matrices)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNNER = """
import runpy, sys
for path in sys.argv[1:]:
    print("=== " + path, flush=True)
    runpy.run_path(path, run_name="__main__")
"""


def run_scripts(tmp_path, scripts: list, last: int = 2) -> list:
    """Each script's last ``last`` printed lines, all scripts run one after the other in one fresh process."""
    paths = []
    for i, text in enumerate(scripts):
        path = tmp_path / f"view_{i}.py"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    (tmp_path / "runner.py").write_text(RUNNER, encoding="utf-8")
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, str(tmp_path / "runner.py"), *paths], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return [part.strip().splitlines()[-last:] for part in done.stdout.split("=== ")[1:]]


def accuracy_lines(lines: list) -> list:
    """The numbers of ``generative (...) test accuracy: 0.975`` lines."""
    return [line.rsplit(": ", 1)[1] for line in lines]
