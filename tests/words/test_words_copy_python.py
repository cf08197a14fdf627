"""The words page's "Copy as Python" box (issue 30): nothing is built until it is opened; opened, its script (run from
the app's folder in a fresh process) prints the scores table's two accuracies for the view shown."""

import pytest
from apptest_utils import assert_clean, open_page
from script_runner import accuracy_lines, opened_box, scripts_shown

PAGE = "pages/words.py"


def table_accuracies(at) -> list:
    table = next(d.value for d in at.dataframe if "accuracy" in list(d.value.index))
    return [float(v.rstrip("%")) for v in table.loc["accuracy"].iloc[:2]]


def test_the_closed_box_builds_no_script():
    at = open_page(PAGE, {"words_corpus": "languages"}, timeout=120)
    assert_clean(at)
    assert not scripts_shown(at) and not [b for b in at.get("download_button")]


@pytest.mark.parametrize("query", [{}, {"words_nb": "bernoulli", "words_alpha": "0", "words_prior": "0.05"},
                                   {"words_corpus": "languages", "words_alpha": "0.1"}])
def test_the_opened_box_prints_the_scores_tables_accuracies(query, tmp_path):
    at, lines = opened_box(PAGE, query, "words_copy_python", tmp_path)
    assert lines[0].startswith("generative (") and lines[1].startswith("discriminative (logistic regression)")
    printed = [float(a) for a in accuracy_lines(lines)]
    assert [round(100 * a, 1) for a in printed] == pytest.approx(table_accuracies(at), abs=0.051)
    assert at.get("download_button")[0].proto.label == "words_view.py"


def test_a_changed_knob_rewrites_the_open_boxs_script():
    at = open_page(PAGE, timeout=120)
    at.session_state["words_copy_python"] = True
    at.run()
    assert "MultinomialNB(alpha=1.0" in scripts_shown(at)[0]
    at.radio(key="words_nb").set_value("bernoulli").run()
    assert_clean(at)
    assert "BernoulliNB(alpha=1.0" in scripts_shown(at)[0]
