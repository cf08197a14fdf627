"""The README is for the person who just found the repository: how to run it comes first, it stays short, its
links lead somewhere, and its test command is the one CI runs."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))

RUN_COMMAND = "python3 -m venv .venv && .venv/bin/pip install -r requirements.txt && .venv/bin/streamlit run app.py"
CI_MARKER = "# The README's test command, verbatim:"
# [text](target) and ![alt](target); a target ends at whitespace (an optional "title" follows) or ")"
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def readme_lines():
    return README.read_text(encoding="utf-8").splitlines()


def code_block_lines(lines):
    """The lines inside ``` fences."""
    inside, out = False, []
    for line in lines:
        if line.strip().startswith("```"):
            inside = not inside
        elif inside:
            out.append(line.strip())
    return out


def ci_test_command():
    """The command line that follows the marker comment in .ci/run."""
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    at = lines.index(CI_MARKER)
    return next(line.strip() for line in lines[at + 1 :] if line.strip())


def relative_links(path: Path):
    """Every link target in ``path`` that is not a web address, a mail address or an anchor in the same file."""
    text = path.read_text(encoding="utf-8")
    for target in LINK.findall(text):
        if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", target) or target.startswith("#"):
            continue
        yield target


def test_the_run_command_is_within_the_first_25_lines():
    first = readme_lines()[:25]
    assert any("streamlit run app.py" in line for line in first)
    assert RUN_COMMAND in code_block_lines(first)


def test_presenter_mode_is_named_next_to_the_run_command():
    assert any("?present=1" in line for line in readme_lines()[:25])


def test_the_readme_has_at_most_1500_words():
    words = len(README.read_text(encoding="utf-8").split())  # as `wc -w` counts them
    assert words <= 1500, f"README.md has {words} words"


def test_the_readme_test_command_is_the_one_ci_runs():
    command = ci_test_command()
    assert command.startswith("python3 -m venv .venv")
    assert command in code_block_lines(readme_lines())


def test_every_page_in_the_menu_has_a_line_in_the_readme():
    titles = re.findall(r'st\.Page\([^)]*title="([^"]+)"', (ROOT / "app.py").read_text(encoding="utf-8"))
    assert len(titles) >= 5
    listed = [line for line in readme_lines() if line.startswith("- **")]
    for title in titles:
        assert any(line.startswith(f"- **{title}**") for line in listed), title


def test_the_layout_section_is_there_with_its_table():
    lines = readme_lines()
    at = lines.index("## Layout")
    assert lines[at + 2].startswith("| path |")


@pytest.mark.parametrize("path", [README, *DOCS], ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_points_at_a_file_that_exists(path):
    targets = list(relative_links(path))
    missing = [t for t in targets if not (path.parent / t.split("#")[0].split("?")[0]).exists()]
    assert not missing, f"{path.name} links to missing files: {missing}"


def test_the_link_checker_sees_links():
    assert "docs/explorer.png" in relative_links(README)
    assert "docs/performance.md" in relative_links(README)
    assert "../deploy/README.md" in relative_links(ROOT / "docs" / "deploy.md")
