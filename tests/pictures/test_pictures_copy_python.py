"""The digits page's "Copy as Python" box (issue 30): nothing is built until it is opened; opened, its script (run in
a fresh process) prints the accuracies the open part shows."""

import pytest
from apptest_utils import assert_clean, open_page
from script_runner import accuracy_lines, opened_box, scripts_shown

from ui.pictures import cache

PAGE = "pages/pictures.py"


def test_the_closed_box_builds_no_script():
    at = open_page(PAGE, {"pic_part": "classify"}, timeout=120)
    assert_clean(at)
    assert not scripts_shown(at) and not [b for b in at.get("download_button")]


def pct(a: float) -> str:
    return f"{100 * a:.1f}%"


@pytest.mark.parametrize("query", [{"pic_part": "classify"}, {"pic_part": "hide", "pic_hidden": "3"}])
def test_the_opened_box_prints_the_parts_accuracies(query, tmp_path):
    at, lines = opened_box(PAGE, query, "pictures_copy_python", tmp_path)
    gen, disc = (float(a) for a in accuracy_lines(lines))
    shown = "\n".join(m.value for m in at.markdown)
    if query["pic_part"] == "classify":
        acc = cache.accuracies()
        assert (gen, disc) == (round(acc["ppca"], 3), round(acc["logreg"], 3))
        assert f"| Probabilistic PCA | generative | {pct(gen)} |" in shown
        assert f"| Logistic regression | discriminative | {pct(disc)} |" in shown
    else:
        assert f"the mixture {pct(gen)}" in shown and f"the training mean filled in: {pct(disc)}" in shown
    assert at.get("download_button")[0].proto.label == "digits_view.py"


def test_the_box_follows_the_part_shown():
    at = open_page(PAGE, {"pic_part": "mean", "pic_mean_model": "gnb"}, timeout=120)
    at.session_state["pictures_copy_python"] = True
    at.run()
    assert_clean(at)
    assert "GaussianNB(var_smoothing=0.01)" in scripts_shown(at)[0]
    at.selectbox(key="pictures_mean_model").set_value("pca_gmm").run()
    assert "GaussianMixture(" in scripts_shown(at)[0] and "GaussianNB" not in scripts_shown(at)[0]
