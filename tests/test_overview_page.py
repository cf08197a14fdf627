"""AppTest tests of the overview page: the two lenses, Bayes' rule and the way on."""

from apptest_utils import APP, assert_clean
from streamlit.testing.v1 import AppTest


def _overview():
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()  # the overview is the default page
    return at


def test_overview_is_the_default_page_and_names_both_families():
    at = _overview()
    assert_clean(at)
    assert "Two lenses" in at.title[0].value
    headers = " ".join(h.value for h in at.subheader)
    assert "Discriminative" in headers and "Generative" in headers


def test_overview_states_bayes_rule():
    at = _overview()
    rule = [latex.value for latex in at.latex if r"\sum_j" in latex.value]
    assert rule and r"p(x \mid y{=}k)" in rule[0]


def test_overview_links_to_every_other_page():
    at = _overview()
    targets = {link.proto.page for link in at.get("page_link")}
    assert targets == {"explorer", "learning_curves", "generative_powers"}, targets  # the URL paths of the pages
