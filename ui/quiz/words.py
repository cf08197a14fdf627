"""The quiz page's own words: its intro, and the bank's notation rendered as the rest of the app renders formulas.

The bank (``core.quiz_bank*``) writes formulas in plain Unicode so they read anywhere (a CSV, a test message, the
printable one-pager); on the page they become KaTeX (``$…$`` in Streamlit markdown, as the explorer's and the
overview's formulas are). ``MATH`` maps each written formula to its LaTeX; ``with_math`` swaps them in, and
``tests/quiz/test_quiz_math.py`` checks that no raw subscript or superscript is left outside math.
"""

from __future__ import annotations

import re

INTRO = ("The questions interviewers ask about the two families, one at a time. Each answer comes with why, why the "
         "tempting wrong answer is wrong, and often a link to the part of a page that shows it live; your score "
         "stays while you look.")

_NEW, _TRAIN = r"P_{\text{new}}", r"P_{\text{train}}"
MATH = {  # as written in the bank -> LaTeX (longest first when one contains another)
    "P(y | x) = P(x, y) / Σ_y' P(x, y')": r"P(y \mid x) = P(x, y) \,/\, \textstyle\sum_{y'} P(x, y')",
    "Σ log P(y_i | x_i)": r"\textstyle\sum_i \log P(y_i \mid x_i)",
    "Σ⁻¹(μ₁ − μ₀)": r"\Sigma^{-1}(\mu_1 - \mu_0)",
    "xᵀΣ_k⁻¹x": r"x^\top \Sigma_k^{-1} x",
    "xᵀΣ⁻¹x": r"x^\top \Sigma^{-1} x",
    "p(x) = Σ P(y) p(x | y)": r"p(x) = \textstyle\sum_y P(y)\, p(x \mid y)",
    "K·d(d+1)/2": r"K \cdot d(d+1)/2",
    "P_new(y | x) ∝ P(y | x) P_new(y) / P_train(y)":
        _NEW + r"(y \mid x) \propto P(y \mid x)\, " + _NEW + "(y) / " + _TRAIN + "(y)",
    "P_new / P_train": _NEW + " / " + _TRAIN,
    "P_new(y)": _NEW + "(y)",
    "P_train": _TRAIN,
    "p(x) = Π p(x_t | x_<t)": r"p(x) = \textstyle\prod_t p(x_t \mid x_{<t})",
}
_PATTERN = re.compile("|".join(re.escape(k) for k in sorted(MATH, key=len, reverse=True)))
RAW = re.compile(r"[A-Za-zΣΠ]_|[⁻ᵀ¹₀₁]|Σ|Π")  # notation that reads raw when it is not inside $…$


def with_math(text: str) -> str:
    """``text`` (the bank's markdown) with each formula of ``MATH`` as inline KaTeX."""
    return _PATTERN.sub(lambda m: f"${MATH[m.group(0)]}$", text)


def outside_math(markdown: str) -> str:
    """The parts of ``markdown`` that are not inline math (what a reader sees as plain text)."""
    return re.sub(r"\$[^$]+\$", " ", markdown)
