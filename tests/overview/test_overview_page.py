"""AppTest tests of the overview page: the two lenses, Bayes' rule and the way on."""

import re
from pathlib import Path

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
    app = (Path(__file__).resolve().parents[2] / "app.py").read_text()
    others = set(re.findall(r'"pages/(\w+)\.py"', app)) - {"overview"}
    assert len(others) >= 4 and targets == others, targets  # the URL paths of app.py's other pages
