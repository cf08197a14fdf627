"""How the suite is spread over pytest-xdist's workers (tests/conftest.py, pyproject.toml)."""

import tomllib
from pathlib import Path

from conftest import browser_scope

ROOT = Path(__file__).resolve().parent.parent


def test_every_browser_test_file_is_one_unit_and_nothing_else_joins_it():
    browser_files = sorted(p.name for p in (ROOT / "tests").glob("test_browser*.py"))
    assert len(browser_files) >= 2
    scopes = {browser_scope(f"tests/{name}::test_x") for name in browser_files}
    assert scopes == {"tests/test_browser*"}
    others = [p.name for p in (ROOT / "tests").glob("test_*.py") if not p.name.startswith("test_browser")]
    assert others and all(browser_scope(f"tests/{name}::test_x") is None for name in others)


def test_the_browser_tests_are_collected_first_and_xdist_keeps_that_order():
    addopts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["addopts"]
    assert "--dist loadfile" in addopts and "--no-loadscope-reorder" in addopts
    first = sorted(p.name for p in (ROOT / "tests").glob("test_*.py"))[:2]
    assert all(name.startswith("test_browser") for name in first), first
