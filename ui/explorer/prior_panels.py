"""The explorer's P(y) panels: the prior box, the P(y) each model uses, and both families under a new P(y).

Moved out of ``ui/explorer_panels.py`` whole; an unknown new P(y), estimated from unlabelled
points, is ``ui/explorer/prior_estimate.py``.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import streamlit as st

from core.datasets import DATASETS, class_shares
from core.prior_shift import DEPLOYMENT_SIZE
from ui import cache
from ui.explorer import notes, prior_estimate
from ui.explorer.controls import prior_from_state
from ui.explorer.state import ExplorerView
from ui.page_view import KEEP


def priors_for(view: ExplorerView, n_classes: int):
    """The P(y) the user set (a tuple), or None for the priors learned from the data."""
    return None if view.prior is None else tuple(float(p) for p in class_shares(view.prior, n_classes))


def active_priors(view: ExplorerView, fitted_priors) -> np.ndarray:
    """The P(y) Bayes' rule uses now: the user's, or the ones learned from the data."""
    priors = priors_for(view, len(fitted_priors))
    return np.asarray(priors) if priors is not None else np.asarray(fitted_priors)


def disc_priors_for(view: ExplorerView, n_classes: int):
    """The P(y) the discriminative model is reweighted to, or None while it is shown as trained."""
    return priors_for(view, n_classes) if view.prior_disc else None


def priors_in_use(view: ExplorerView, names: tuple) -> tuple:
    """(generative P(y) or None, discriminative P(y) or None, estimates or None): the hand-set P(y), or
    while it is unknown (``view.est``) each model's own estimate of it (``prior_estimate.estimated``)."""
    found = prior_estimate.estimated(view, names)
    if found is None:
        return priors_for(view, len(names)), disc_priors_for(view, len(names)), None
    return found.gen_prior, found.disc_prior, found


def prior_box(view: ExplorerView, names: tuple, found=None) -> np.ndarray:
    """The P(y) toggles and slider; returns the priors Bayes' rule uses now (the generative model's
    estimate while the new P(y) is unknown: ``found``)."""
    fitted_priors = cache.fitted(view.data_key, view.gen, view.gen_params).priors_
    who, _ = notes.prior_target(names)
    if view.present:  # the strip: the switch and the slider, the words folded below the maps
        st.toggle(f"Set P(y = {who})", key="prior_on", **KEEP)
        if not st.session_state.get("prior_on"):
            st.session_state["prior"] = float(np.clip(np.round(fitted_priors[names.index(who)], 2), 0.01, 0.99))
        st.slider(f"P(y = {who})", 0.01, 0.99, step=0.01, key="prior", label_visibility="collapsed",
                  disabled=not st.session_state.get("prior_on"), **KEEP)
        return np.asarray(found.gen_prior) if found else active_priors(replace(view, prior=prior_from_state()),
                                                                      fitted_priors)
    with st.container(border=True):
        c1, c2 = st.columns(2)
        with c1:
            st.toggle("Set P(y) by hand", key="prior_on", **KEEP,
                      help="Bayes' rule with a different prior: no refit, the boundary moves at once.")
            st.toggle("Apply it to the discriminative model too", key="prior_disc", **KEEP,
                      disabled=not st.session_state.get("prior_on") or bool(found),
                      help="Reweight the discriminative model's P(y | x) to the new P(y) (formula below): its map, "
                           "the difference map, the scores and the probe follow. While the new P(y) is unknown "
                           "both models use their own estimate of it.")
            prior_estimate.estimate_switch()
        with c2:
            if not st.session_state.get("prior_on"):  # mirror the learned prior until the user takes over
                st.session_state["prior"] = float(np.clip(np.round(fitted_priors[names.index(who)], 2), 0.01, 0.99))
            label = f"P(y = {who}) of the new points, hidden" if found else f"P(y = {who}) used by Bayes' rule"
            # no default given (unlike controls.state_slider): a default that followed the value made the browser
            # set the input's value again on each rerun, which ui/explorer/prior_drag.py took for a step to draw
            st.slider(label, 0.01, 0.99, step=0.01, key="prior", disabled=not st.session_state.get("prior_on"),
                      **KEEP)
            prior_estimate.estimate_n()
        if found:
            st.markdown(found.summary)
        st.caption(notes.prior_caption(names, fitted_priors))
    return np.asarray(found.gen_prior) if found else active_priors(replace(view, prior=prior_from_state()),
                                                                  fitted_priors)


def shift_section(view: ExplorerView, train, gen_label: str, disc_label: str, found=None):
    """Both families before and after the hand-set P(y), on the test split and on data drawn with it;
    while the new P(y) is unknown, first how each model estimated it (``found``)."""
    names = train.class_names
    if found:
        prior_estimate.estimate_section(view, names, found)
    st.subheader("A new P(y) for both families", anchor="prior")  # ui.focus lands here
    new = priors_for(view, len(names))
    rows = cache.prior_shift(view.data_key, view.gen, view.gen_params, view.disc, view.disc_params, new,
                             (found.gen_prior, found.disc_prior) if found else None)
    if not rows:
        st.caption("There are no test points to try the new P(y) on: raise the test fraction.")
        return
    sets = list(next(iter(rows.values())))
    fixed = DATASETS[view.dataset].is_pool  # no generator: the held-out points, resampled, stand in for fresh ones
    header = {"split": "test split", "deployed": f"{DEPLOYMENT_SIZE:,} " + (
        "test points resampled to the new P(y)" if fixed else "points drawn with the new P(y)")}
    table = ["| model | P(y) used | " + " | ".join(f"{header[s]}: accuracy | log-loss" for s in sets) + " |",
             "|---|---|" + "---:|---:|" * len(sets)]
    k = names.index(notes.prior_target(names)[0])
    labels = {("generative", "trained"): (gen_label, "learned"),
              ("generative", "shifted"): (gen_label, f"its estimate, {found.gen_prior[k]:.3f}" if found else "new"),
              ("discriminative", "trained"): (disc_label, "as trained"),
              ("discriminative", "shifted"): (disc_label, f"its estimate, {found.disc_prior[k]:.3f}, by reweighting"
                                              if found else "new, by reweighting")}
    for row, (label, used) in labels.items():
        cells = " | ".join(f"{rows[row][s]['accuracy']:.3f} | {rows[row][s]['log_loss']:.3f}" for s in sets)
        table.append(f"| {label} | {used} | {cells} |")
    st.markdown("\n".join(table))
    st.caption(notes.shift_caption(names, cache.train_priors(view.data_key), new, rows, gen_label, disc_label, fixed,
                                   estimated=bool(found)))
