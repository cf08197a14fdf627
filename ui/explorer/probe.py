"""Bayes' rule at one clicked or typed point x*, with every term's live value (the explorer's probe section)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from core.evaluation import bayes_rule_at
from core.prior_shift import reweight_proba
from ui import cache
from ui.explorer.state import PROBE_LIMIT, ExplorerView
from ui.page_view import KEEP

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
    exponent = int(np.floor(log_value / np.log(10)))
    mantissa = 10 ** (log_value / np.log(10) - exponent)
    if round(mantissa, 4) >= 10:
        mantissa, exponent = mantissa / 10, exponent + 1
    return rf"{mantissa:.4f} \times 10^{{{exponent}}}"


def probe_section(view: ExplorerView, train, active_priors, disc_label: str, disc_priors=None):
    """Bayes' rule at the probe point x*, every term with its live value."""
    key, names = view.data_key, train.class_names
    st.subheader("Probe one point: Bayes' rule with live numbers", anchor="probe")  # ui.focus lands here
    centre = train.X.mean(axis=0)
    p1, p2, p3 = st.columns([1, 1, 2])
    p1.number_input("x₁ of the probe", -PROBE_LIMIT, PROBE_LIMIT, value=None, step=0.1, format="%.3f",
                    key="probe_x", placeholder=f"{centre[0]:.2f}", **KEEP)
    p2.number_input("x₂ of the probe", -PROBE_LIMIT, PROBE_LIMIT, value=None, step=0.1, format="%.3f",
                    key="probe_y", placeholder=f"{centre[1]:.2f}", **KEEP)
    probe = view.probe if view.probe is not None else tuple(np.round(centre, 3))
    gen_model = cache.fitted(key, view.gen, view.gen_params)
    bayes = bayes_rule_at(gen_model, probe, active_priors)
    disc_at = cache.proba_at(key, view.disc, view.disc_params, tuple(float(v) for v in probe))
    if disc_priors is not None:  # the P(y) set above, or the model's own estimate of it
        disc_at = reweight_proba(disc_at, cache.train_priors(key), disc_priors)
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
    how = ("P(y | x) learned directly, no Bayes' rule" if disc_priors is None else "learned P(y | x), reweighted to "
           + ("its estimate of the P(y) above" if view.est else "the P(y) above"))
    st.markdown(f"**{disc_label}** ({how}): "
                + " · ".join(f"P(y={n} | x\\*) = **{disc_at[k]:.3f}**" for k, n in enumerate(names)))
    st.caption(f"$p(x^*) = \\sum_j P(y{{=}}j)\\, p(x^* \\mid y{{=}}j) = {px}$ is the marginal density: it says how "
               "typical x* is of *any* class, something "
               f"{disc_label} cannot tell you. Densities are per unit area of the plane, so they can exceed 1.")
