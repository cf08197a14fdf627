"""The opt-in timer used by bench/bench_browser.py."""

from ui.timing import timed


def test_timed_is_silent_without_the_variable(tmp_path, monkeypatch):
    monkeypatch.delenv("EXPLAINER_TIMINGS", raising=False)
    assert timed("x")(lambda a: a + 1)(1) == 2
    assert not list(tmp_path.iterdir())


def test_timed_appends_one_line_per_call(tmp_path, monkeypatch):
    log = tmp_path / "t.tsv"
    monkeypatch.setenv("EXPLAINER_TIMINGS", str(log))
    f = timed("panel")(lambda: "drawn")
    assert f() == "drawn" and f() == "drawn"
    lines = log.read_text().splitlines()
    assert len(lines) == 2 and all(line.startswith("panel\t") and float(line.split("\t")[1]) >= 0
                                   for line in lines)
