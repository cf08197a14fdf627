"""Bayes' rule at one clicked or typed point x*, with every term's live value (the explorer's probe section)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from core.evaluation import bayes_rule_at
from core.prior_shift import reweight_proba
from ui import cache
from ui.explorer.state import PROBE_LIMIT, ExplorerView
from ui.page_view import KEEP
from ui.safe import md_text

_DECIMALS = (np.log(1e-3), np.log(1e4))  # plain decimals in between, m x 10^e outside


def _tex_from_log(log_value: float) -> str:
    """A positive number given by its log, for LaTeX, to 5 significant digits: 0.038712, or
    2.5765 \\times 10^{-869}.

    From the log, densities far from the data still print: as floats they underflow to 0.0
    (0 / 0 on the screen). Five digits let the shown terms of Bayes' rule reproduce the shown
    posterior to its 3 decimals (each term off by at most 5e-5 of itself)."""
    if np.isneginf(log_value):
        return "0"
    if _DECIMALS[0] <= log_value < _DECIMALS[1]:
        return f"{np.exp(log_value):.5g}"
    mantissa, exponent = _scientific(log_value, 5)
    return rf"{mantissa:.4f} \times 10^{{{exponent}}}"


def _scientific(log_value: float, digits: int) -> tuple:
    """(mantissa, exponent) of the positive number whose natural log is ``log_value``, the mantissa in [1, 10) once
    rounded to ``digits`` significant digits (9.99996 to 5 digits carries over: 1.0000 and one more power of ten)."""
    exponent = int(np.floor(log_value / np.log(10)))
    mantissa = 10 ** (log_value / np.log(10) - exponent)
    if round(mantissa, digits - 1) >= 10:
        mantissa, exponent = mantissa / 10, exponent + 1
    return mantissa, exponent


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
_FROM_SUPERSCRIPT = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")


def _text_from_log(log_value: float, digits: int) -> str:
    """A positive number given by its log, as text with ``digits`` significant digits: 0.0421, or 3.1 × 10⁻⁸⁶⁹."""
    if np.isneginf(log_value):
        return "0"
    mantissa, exponent = _scientific(log_value, digits)
    if -4 <= exponent < 4:
        return f"{10 ** (log_value / np.log(10)):.{max(0, digits - 1 - exponent)}f}"
    return f"{mantissa:.{digits - 1}f} × 10{str(exponent).translate(_SUPERSCRIPT)}"


def shown_log(text: str) -> float:
    """The natural log of the number a term of ``bayes_line`` shows (0.0421, 3.1 × 10⁻⁸⁶⁹), as its reader would
    compute with it (from its log: such a product underflows a float)."""
    mantissa, _, power = text.partition(" × 10")
    with np.errstate(divide="ignore"):
        return float(np.log(float(mantissa))) + int(power.translate(_FROM_SUPERSCRIPT) or 0) * float(np.log(10))


def bayes_terms(bayes, k: int) -> tuple:
    """(P(k), p(x* | k), p(x*)) as shown: each term with the fewest digits (2 at least) whose product and quotient
    give P(k | x*) to the 2 decimals shown, so the shown terms give the shown result."""
    target = f"{bayes.posterior[k]:.2f}"
    for digits in range(2, 9):
        prior = f"{bayes.priors[k]:.{digits}f}"
        lik, px = _text_from_log(bayes.log_likelihood[k], digits), _text_from_log(bayes.log_px, digits)
        if f"{np.exp(shown_log(prior) + shown_log(lik) - shown_log(px)):.2f}" == target:
            break
    return prior, lik, px


def bayes_line(probe, names: tuple, bayes, disc_at, gen_label: str, disc_label: str, how: str) -> str:
    """One line of markdown: both models' P(k | x*) at the probe, the generative one as Bayes' rule's terms.

    k is B of two classes (the maps' colour), else the class the generative model finds most probable."""
    k = 1 if len(names) == 2 else int(np.argmax(bayes.posterior))
    at, who = f"At x\\* = ({probe[0]:.2f}, {probe[1]:.2f}):", md_text(names[k])
    disc = f"{md_text(disc_label)}{'' if how == DIRECT else ', ' + how}: P({who} | x\\*) = **{disc_at[k]:.2f}**"
    if not np.isfinite(bayes.log_px):
        return f"{at} p(x\\*) = 0 under {md_text(gen_label)}, so Bayes' rule is undefined there · {disc}"
    prior, lik, px = bayes_terms(bayes, k)
    return (f"{at} {md_text(gen_label)}, by Bayes' rule: P({who} | x\\*) = {prior} · {lik} / {px} = "
            f"**{bayes.posterior[k]:.2f}** · {disc}")


def probe_numbers(view: ExplorerView, train, active_priors, disc_priors=None) -> tuple:
    """(x*, Bayes' rule at x* for the generative model, the discriminative P(y | x*)): x* is the probe, or the
    centre of the data while none is set."""
    key = view.data_key
    probe = view.probe if view.probe is not None else tuple(np.round(train.X.mean(axis=0), 3))
    bayes = bayes_rule_at(cache.fitted(key, view.gen, view.gen_params), probe, active_priors)
    disc_at = cache.proba_at(key, view.disc, view.disc_params, tuple(float(v) for v in probe))
    if disc_priors is not None:  # the P(y) set above, or the model's own estimate of it
        disc_at = reweight_proba(disc_at, cache.train_priors(key), disc_priors)
    return probe, bayes, disc_at


DIRECT = "learned directly"


def disc_how(view: ExplorerView, disc_priors) -> str:
    """How the discriminative model's P(y | x*) came about, for both the line and the section."""
    return (DIRECT if disc_priors is None else "reweighted to "
            + ("its estimate of the P(y) above" if view.est else "the P(y) above"))


def probe_section(view: ExplorerView, train, numbers: tuple, disc_label: str, disc_priors=None):
    """Bayes' rule at the probe point x*, every term with its live value (``numbers``: ``probe_numbers``)."""
    names = train.class_names
    st.subheader("Probe one point: Bayes' rule with live numbers", anchor="probe")  # ui.focus lands here
    centre = train.X.mean(axis=0)
    p1, p2, p3 = st.columns([1, 1, 2])
    p1.number_input("x₁ of the probe", -PROBE_LIMIT, PROBE_LIMIT, value=None, step=0.1, format="%.3f",
                    key="probe_x", placeholder=f"{centre[0]:.2f}", **KEEP)
    p2.number_input("x₂ of the probe", -PROBE_LIMIT, PROBE_LIMIT, value=None, step=0.1, format="%.3f",
                    key="probe_y", placeholder=f"{centre[1]:.2f}", **KEEP)
    probe, bayes, disc_at = numbers
    p3.caption(f"x* = ({probe[0]:.3f}, {probe[1]:.3f})" + ("" if view.probe is not None else
                                                            " (the centre of the data: type a point or click a map)"))

    px = _tex_from_log(bayes.log_px)
    rows = [r"P(y{=}k \mid x^*) &= \frac{P(y{=}k)\, p(x^* \mid y{=}k)}{p(x^*)}", rf"p(x^*) &= {px}"]
    with np.errstate(divide="ignore"):
        log_priors = np.log(bayes.priors)
    for k, n in enumerate(names):
        prior, lik = _tex_from_log(log_priors[k]), _tex_from_log(bayes.log_likelihood[k])
        rows.append(rf"\text{{{n}}}: \quad &\phantom{{=}}\; \frac{{{prior} \times {lik}}}"
                    rf"{{{px}}} \;=\; \mathbf{{{bayes.posterior[k]:.3f}}}")
    # one LaTeX block (aligned rows) rather than one element per class: fewer elements per rerun; narrow
    # enough for a phone, so the discriminative numbers go on a line of their own below it
    st.latex(r"\small\begin{aligned}" + r" \\[8pt] ".join(rows) + r"\end{aligned}")
    how = ("P(y | x) learned directly, no Bayes' rule" if disc_priors is None else
           f"learned P(y | x), {disc_how(view, disc_priors)}")
    st.markdown(f"**{disc_label}** ({how}): "
                + " · ".join(f"P(y={n} | x\\*) = **{disc_at[k]:.3f}**" for k, n in enumerate(names)))
    st.caption(f"$p(x^*) = \\sum_j P(y{{=}}j)\\, p(x^* \\mid y{{=}}j) = {px}$ is the marginal density: it says how "
               "typical x* is of *any* class, something "
               f"{disc_label} cannot tell you. Densities are per unit area of the plane, so they can exceed 1.")
