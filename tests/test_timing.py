"""The opt-in timer used by bench/bench_browser.py."""

from ui.timing import logged_ms, timed


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


def test_logged_ms_reads_back_one_label_exactly(tmp_path, monkeypatch):
    log = tmp_path / "t.tsv"
    assert logged_ms(log, "panel") == []  # no file yet
    monkeypatch.setenv("EXPLAINER_TIMINGS", str(log))
    timed("panel")(lambda: None)()
    timed("panel_other")(lambda: None)()
    timed("panel")(lambda: None)()
    times = logged_ms(log, "panel")
    assert len(times) == 2 and all(t >= 0 for t in times)  # "panel_other" is another label
    assert len(logged_ms(log, "panel_other")) == 1
