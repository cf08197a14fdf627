"""An unknown new P(y), estimated from unlabelled points: the explorer's switch and its panel.

Saerens, Latinne & Decaestecker (2002): with P_new(y) unknown, each model estimates it by EM from
unlabelled points of the new world and its own P(y | x) (``core.prior_shift.estimate_new_prior``,
cached in ``ui.cache.prior_estimates``); both families then use their estimate instead of the truth.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from core.datasets import class_shares
from core.figures import layout
from core.figures import prior as figures_prior
from core.models import MODELS
from ui import cache
from ui.explorer import notes
from ui.explorer.state import EST_RANGE, ExplorerView
from ui.page_view import KEEP

N_CHOICES = (20, 50, 100, 200, 500, 1000, 2000, 4000)  # a link may carry any N in EST_RANGE: it joins these
DEFAULT_N = 500


@dataclass(frozen=True)
class Estimated:
    """Both models' estimates of a hidden P(y), and what the page shows of them."""

    found: dict  # {model name: PriorEstimate}, the generative model first
    shares: np.ndarray  # the class shares of the unlabelled points (the hidden truth)
    n: int
    gen_prior: tuple  # the P(y) each model now uses: its own estimate
    disc_prior: tuple
    summary: str


def estimate_switch():
    """The switch, in the prior box; it waits for a hand-set P(y) (the truth the points are drawn at)."""
    st.toggle("New P(y) unknown: estimate it", key="prior_unknown", disabled=not st.session_state.get("prior_on"),
              **KEEP, help="The new P(y) is unknown: estimate it from N unlabelled points drawn at it. The page "
                           "draws N points at the P(y) set by hand and hides their labels; each model estimates "
                           "P(y) from them by EM (Saerens, Latinne & Decaestecker 2002) and uses its estimate.")


def estimate_n():
    """N, under the P(y) slider, while the switch is on."""
    ss = st.session_state
    if "prior_unknown_n" not in ss:
        ss["prior_unknown_n"] = DEFAULT_N
    if ss.get("prior_unknown") and ss.get("prior_on"):
        n = int(np.clip(ss["prior_unknown_n"], *EST_RANGE))
        st.select_slider("N unlabelled points drawn at that P(y), labels hidden", sorted(set(N_CHOICES) | {n}),
                         key="prior_unknown_n", **KEEP)


def estimated(view: ExplorerView, names: tuple) -> Estimated | None:
    """Both models' estimates of the hand-set P(y) from ``view.est`` unlabelled points, None while it is known
    (or cannot be estimated: then a warning says why)."""
    if not view.est or view.prior is None:
        return None
    truth = tuple(float(p) for p in class_shares(view.prior, len(names)))
    try:
        found, shares = cache.prior_estimates(view.data_key, view.gen, view.gen_params, view.disc,
                                              view.disc_params, truth, view.est)
    except ValueError as exc:
        st.warning(f"The new P(y) cannot be estimated here, so it is used as known: {exc}.", icon="⚠️")
        return None
    who = names.index(notes.prior_target(names)[0])
    summary = notes.estimate_summary(names, view.est, float(shares[who]),
                                     {MODELS[m].label: est for m, est in found.items()})
    # an estimate can reach 0 for a class (a tree whose leaves never vote for it): kept off 0 and 1 so that
    # Bayes' rule and the maps' log-odds stay finite; 1e-6 never shows in three decimals
    gen_prior, disc_prior = (tuple(float(p) for p in _off_the_edges(found[m].prior)) for m in (view.gen, view.disc))
    return Estimated(found, shares, view.est, gen_prior, disc_prior, summary)


@cache.memo()
def _estimate_fig(data_key, gen, gen_params, disc, disc_params, truth: tuple, n: int, k: int, who: str,
                  _found: Estimated):
    """The chart of EM's steps, built once per estimate (a plotly layout costs ~4 ms to build); never mutated.
    ``_found``: those estimates (``estimated``), which the other arguments name (so it is not hashed)."""
    return figures_prior.estimate_figure({MODELS[m].label: est.history[:, k] for m, est in _found.found.items()},
                                         float(_found.shares[k]), who)


def _off_the_edges(prior: np.ndarray, floor: float = 1e-6) -> np.ndarray:
    prior = np.clip(prior, floor, None)
    return prior / prior.sum()


def estimate_section(view: ExplorerView, names: tuple, found: Estimated):
    """EM's estimate step by step for both models, beside where each settled and whether to trust it."""
    who = notes.prior_target(names)[0]
    k = names.index(who)
    st.subheader(f"P({who}) unknown: each model estimates it from {found.n:,} unlabelled points",
                 anchor="estimate")  # ui.focus lands here
    chart, words = st.columns([3, 2])
    fig = _estimate_fig(view.data_key, view.gen, view.gen_params, view.disc, view.disc_params,
                        tuple(float(p) for p in class_shares(view.prior, len(names))), found.n, k, who, found)
    with chart:
        st.plotly_chart(fig, key="estimate_chart",
                        alt=f"EM's estimate of P({who}) after each iteration for both models, and the true share",
                        width="stretch", config=layout.chart_config("prior_estimate", download=not view.present))
    with words:
        st.markdown("\n".join(f"- {line}" for line in notes.estimate_lines(names, float(found.shares[k]),
                                                                             found.found)))
    st.caption(notes.ESTIMATE_METHOD)
