"""core/ is pure numpy + scikit-learn: no module in it may import streamlit."""

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "core"
FORBIDDEN = "streamlit"


def streamlit_imports(source: str) -> list:
    """Line numbers where ``source`` imports streamlit, however it is spelled."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""] if node.level == 0 else []
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            names = [str(node.args[0].value)] if called in ("__import__", "import_module") else []
        else:
            continue
        if any(name.split(".")[0] == FORBIDDEN for name in names):
            lines.append(node.lineno)
    return lines


CORE_FILES = sorted(CORE.rglob("*.py"))


def test_core_has_python_files():
    assert CORE / "models.py" in CORE_FILES


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda p: str(p.relative_to(CORE)))
def test_core_module_does_not_import_streamlit(path):
    assert streamlit_imports(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("source", [
    "import streamlit as st",
    "import numpy, streamlit.components.v1",
    "from streamlit import cache_data",
    "from streamlit.runtime import exists",
    "def f():\n    import streamlit",
    "st = __import__('streamlit')",
    "import importlib\nst = importlib.import_module('streamlit')",
])
def test_checker_catches_every_spelling(source):
    assert streamlit_imports(source)


@pytest.mark.parametrize("source", [
    "import numpy as np",
    "from .streamlit_helpers import x",
    "import streamlit_extras_not_really",
    "text = 'import streamlit'",
])
def test_checker_ignores_lookalikes(source):
    assert streamlit_imports(source) == []
