"""How the suite is spread over pytest-xdist's workers (tests/conftest.py, pyproject.toml)."""

import tomllib
from pathlib import Path
from types import SimpleNamespace

from conftest import browser_scope, pytest_collection_modifyitems

ROOT = Path(__file__).resolve().parent.parent


def test_every_browser_test_file_is_one_unit_and_nothing_else_joins_it():
    browser_files = sorted(p.name for p in (ROOT / "tests").glob("test_browser*.py"))
    assert len(browser_files) >= 2
    scopes = {browser_scope(f"tests/{name}::test_x") for name in browser_files}
    assert scopes == {"tests/test_browser*"}
    others = [p.relative_to(ROOT).as_posix() for p in (ROOT / "tests").rglob("test_*.py")
              if not p.name.startswith("test_browser")]
    assert others and all(browser_scope(f"{path}::test_x") is None for path in others)


def test_the_browser_tests_are_collected_first_and_xdist_keeps_that_order():
    addopts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["addopts"]
    assert "--dist loadfile" in addopts and "--no-loadscope-reorder" in addopts
    collected = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "tests").rglob("test_*.py"))  # pytest's order
    items = [SimpleNamespace(nodeid=f"{path}::test_x") for path in collected]
    pytest_collection_modifyitems(items)
    n_browser = sum(path.startswith("tests/test_browser") for path in collected)
    assert n_browser >= 2
    assert all(item.nodeid.startswith("tests/test_browser") for item in items[:n_browser]), items[:n_browser]
    assert [item.nodeid for item in items[n_browser:]] == [f"{p}::test_x" for p in collected if "test_browser" not in p]
