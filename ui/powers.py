"""The panels of "What only generative models can do": the view's widgets, cached computations, sections.

Every sentence with a number is built here from the computation it reports; the claims are
tested in ``tests/test_claims_powers.py`` on the views where they are shown.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from core import figures_powers as figs
from core.datasets import DATASETS, GENERATED
from core.evaluation import two_sample_accuracy
from core.figures import chart_config
from core.glossary import term_link
from core.models import DISCRIMINATIVE, GENERATIVE, MODELS, fit_model, models_of
from core.powers import (
    accuracy,
    along_observed_axis,
    augmented_logistic,
    far_point,
    hidden_feature_accuracy,
    labelled_subset,
    novelty_threshold,
    xor_centre_ratio,
)
from core.semisupervised import class_covariances, fit_em
from core.surfaces import compute_surfaces, make_grid
from ui import cache
from ui.controls import KEEP
from ui.powers_state import HIDDEN, PowersView
from ui.safe import link_warning

CHART = dict(width="stretch", config=chart_config("generative_powers"))
KEYS = {"dataset": "pw_dataset", "gen": "pw_gen", "disc": "pw_disc", "n_samples": "pw_n", "seed": "pw_seed",
        "percentile": "pw_pct", "hidden": "pw_hide", "k_labels": "pw_k"}


# ---- the view: link -> widgets -> view -> link ---------------------------------------------

def view_from_widgets() -> PowersView:
    """Read the link once per session into the widgets, draw the sidebar, return the view it shows."""
    ss = st.session_state
    if "pw_loaded" not in ss:
        view, problems = PowersView.from_query(st.query_params.to_dict())
        for attr, key in KEYS.items():
            ss[key] = getattr(view, attr)
        ss["pw_iter_wanted"], ss["pw_problems"], ss["pw_loaded"] = view.em_iter, problems, True
    with st.sidebar:
        st.header("Data and models")
        st.selectbox("Dataset", GENERATED, format_func=lambda k: DATASETS[k].label, key="pw_dataset", **KEEP)
        st.slider("Number of points", 40, 2000, step=10, key="pw_n", **KEEP)
        st.number_input("Seed", 0, 9999, step=1, key="pw_seed", **KEEP)
        st.selectbox("Generative model", models_of(GENERATIVE), format_func=lambda k: MODELS[k].label,
                     key="pw_gen", **KEEP)
        st.selectbox("Discriminative model", models_of(DISCRIMINATIVE), format_func=lambda k: MODELS[k].label,
                     key="pw_disc", **KEEP)
        st.caption("Each model with its default settings; the explorer has every hyperparameter.")
    view = PowersView(**{attr: ss[key] for attr, key in KEYS.items()}, em_iter=ss.get("pw_iter_wanted"))
    if ss.get("pw_problems"):
        st.warning(link_warning(ss["pw_problems"]), icon="🔗")
    return view


def write_link(view: PowersView):
    query = view.to_query()
    if st.query_params.to_dict() != query:
        st.query_params.from_dict(query)
    if query != st.session_state.setdefault("pw_first_query", query):
        st.session_state["pw_problems"] = []  # a warning about the opening link no longer applies


# ---- cached computations -------------------------------------------------------------------

@st.cache_data(max_entries=16, show_spinner=False)
def novelty(data_key: tuple, gen: str, disc: str, percentile: float) -> dict:
    train, test = cache.load_data(data_key)
    gen_model, disc_model = cache.fitted(data_key, gen, ()), cache.fitted(data_key, disc, ())
    x_far = far_point(train.X)
    grid = make_grid(np.vstack([train.X, test.X, [x_far]]), 120)
    log_px_train = gen_model.log_px(train.X)
    threshold = novelty_threshold(gen_model, train.X, percentile)
    far = np.array([x_far])
    others = {name: float(cache.fitted(data_key, name, ()).predict_proba(far).max()) for name in
              models_of(DISCRIMINATIVE)}
    return dict(grid=grid, log_px=compute_surfaces(gen_model, grid).log_px, threshold=threshold, far=x_far,
                log_px_far=float(gen_model.log_px(far)[0]), log_px_min=float(log_px_train.min()),
                disc_proba=compute_surfaces(disc_model, grid).proba, confidence_far=others,
                flagged_test=float(np.mean(gen_model.log_px(test.X) < threshold)))


@st.cache_data(max_entries=8, show_spinner=False)
def xor_ratios(n_samples: int, seed: int) -> dict:
    """p(centre) / p(blob centres) on XOR for every generative model (default settings)."""
    train, _ = cache.load_data(("xor", n_samples, DATASETS["xor"].default_noise, None, seed, 0.3))
    return {name: xor_centre_ratio(fit_model(name, train.X, train.y)) for name in models_of(GENERATIVE)}


@st.cache_data(max_entries=16, show_spinner=False)
def hidden_feature(data_key: tuple, gen: str, disc: str, hidden: int) -> dict:
    train, test = cache.load_data(data_key)
    gen_model, disc_model = cache.fitted(data_key, gen, ()), cache.fitted(data_key, disc, ())
    xs, gen_p, disc_p = along_observed_axis(gen_model, disc_model, train.X, hidden)
    scores = hidden_feature_accuracy(gen_model, disc_model, disc, {}, train, test, hidden)
    return dict(xs=xs, gen=gen_p, disc=disc_p, scores=scores)


@st.cache_resource(max_entries=16, show_spinner=False)
def semi_supervised(data_key: tuple, model: str, k: int, seed: int) -> dict:
    """EM on k labels per class plus the rest of the training split unlabelled; logistic regression on the k."""
    train, test = cache.load_data(data_key)
    idx = labelled_subset(train.y, k, seed)
    rest = np.setdiff1d(np.arange(len(train.y)), idx)
    result = fit_em(model, train.X[idx], train.y[idx], train.X[rest])
    logreg = fit_model("logreg", train.X[idx], train.y[idx])
    return dict(result=result, idx=idx, rest=rest, em=accuracy(result.model, test),
                labels_only=accuracy(result.supervised, test), logreg=accuracy(logreg, test),
                all_labels=accuracy(cache.fitted(data_key, model, ()), test))


K_CURVE, CURVE_DRAWS = (2, 4, 8, 16), 3  # labelled points per class on the accuracy curve; label draws per k


@st.cache_data(max_entries=16, show_spinner=False)
def accuracy_against_labels(data_key: tuple, model: str, seed: int) -> dict:
    """Mean test accuracy over ``CURVE_DRAWS`` label draws, for each k of ``K_CURVE`` the data allow."""
    train, test = cache.load_data(data_key)
    ks = [k for k in K_CURVE if np.bincount(train.y).min() > k]
    curves = {"EM (labelled + unlabelled)": [], "labelled only": [], "logistic regression, labelled only": []}
    for k in ks:
        runs = []
        for draw in range(CURVE_DRAWS):
            idx = labelled_subset(train.y, k, seed + draw)
            rest = np.setdiff1d(np.arange(len(train.y)), idx)
            result = fit_em(model, train.X[idx], train.y[idx], train.X[rest])
            runs.append([accuracy(result.model, test), accuracy(result.supervised, test),
                         accuracy(fit_model("logreg", train.X[idx], train.y[idx]), test)])
        for name, value in zip(curves, np.mean(runs, axis=0)):
            curves[name].append(value)
    return {"ks": ks, "curves": curves}


@st.cache_data(max_entries=16, show_spinner=False)
def more_data(data_key: tuple, gen: str, k: int, seed: int) -> dict:
    train, test = cache.load_data(data_key)
    idx = labelled_subset(train.y, k, seed)
    return augmented_logistic(gen, train.X[idx], train.y[idx], test, n_generated=1000, seed=seed)


@st.cache_data(max_entries=16, show_spinner=False)
def judged_samples(data_key: tuple, gen: str, seed: int) -> dict:
    train, test = cache.load_data(data_key)
    X_gen, y_gen = cache.fitted(data_key, gen, ()).sample(len(train.y), np.random.default_rng(seed))
    return dict(X=X_gen, y=y_gen, score=two_sample_accuracy(train.X, X_gen, seed=seed),
                baseline=two_sample_accuracy(train.X, test.X, seed=seed))


# ---- sections ------------------------------------------------------------------------------

def _pct(value: float) -> str:
    return f"{100 * value:.1f}%"


def novelty_section(view: PowersView, train):
    gen, disc = MODELS[view.gen].label, MODELS[view.disc].label
    st.markdown(
        f"{gen} gives every x a {term_link('marginal p(x)', 'density p(x)')} = Σₖ P(k) p(x | k): low where it "
        "expects no data. A point whose log p(x) is below a low percentile of the training points' values is "
        f"flagged as {term_link('outlier / novelty detection', '**novel**')}. "
        f"{disc} has no p(x): all it can say is how sure it is of a class.")
    st.slider("Flag below this percentile of the training points' log p(x)", 0.0, 50.0, step=0.5, key="pw_pct",
              **KEEP)
    nov = novelty(view.data_key, view.gen, view.disc, view.percentile)
    c1, c2 = st.columns(2)
    points = (train.X, train.y)
    c1.plotly_chart(figs.novelty_figure(nov["grid"], nov["log_px"], nov["threshold"], points, train.class_names,
                                        probe=nov["far"]), key="pw_novelty_chart", **CHART)
    c2.plotly_chart(figs.confidence_figure(nov["grid"], nov["disc_proba"], points, train.class_names,
                                           probe=nov["far"]), key="pw_confidence_chart", **CHART)
    far, conf = nov["far"], nov["confidence_far"]
    below = nov["log_px_far"] < nov["log_px_min"]
    flagged = nov["log_px_far"] < nov["threshold"]
    st.markdown(
        f"At the star x* = ({far[0]:.2f}, {far[1]:.2f}), at least one data range away from every point: log p(x*) = "
        f"**{nov['log_px_far']:.1f}**, {'below' if below else 'not below'} every training point's (the lowest is "
        f"{nov['log_px_min']:.1f}), so {gen} {'flags' if flagged else 'does not flag'} it. {disc} puts "
        f"**{_pct(conf[view.disc])}** on one class there. {_pct(nov['flagged_test'])} of the test points are "
        "flagged too: the threshold trades missed outliers for false alarms.")
    st.caption("Every discriminative model's max P(y | x) at x*: " + ", ".join(
        f"{MODELS[name].label} {_pct(p)}" for name, p in conf.items()) + ".")
    ratios = xor_ratios(view.n_samples, view.seed)
    wrong = [f"{MODELS[n].label} {r:.1f}×" for n, r in ratios.items() if r > 1]
    right = [f"{MODELS[n].label} {r:.2g}×" for n, r in ratios.items() if r <= 1]
    st.info("**Where it goes wrong:** p(x) is only as good as the model of p(x | y). On XOR (same number of points "
            "and seed), p(0, 0) over p at the blob centres (±1, ±1), where the data are: "
            + (", ".join(wrong) + " rate the empty centre as *more* typical than the data" if wrong else "")
            + ("; " if wrong and right else "") + (", ".join(right) + " rate it less typical" if right else "")
            + ". Deep generative models can also rate out-of-distribution data as likely (Nalisnick et al., 2019).",
            icon="⚠️")


def missing_feature_section(view: PowersView, train):
    gen, disc = MODELS[view.gen].label, MODELS[view.disc].label
    st.radio("Feature hidden at prediction time", HIDDEN, key="pw_hide", horizontal=True,
             format_func=lambda h: {"x1": "x₁", "x2": "x₂"}[h], **KEEP)
    hidden = HIDDEN.index(view.hidden)
    seen, hidden_name = {"x1": ("x₂", "x₁"), "x2": ("x₁", "x₂")}[view.hidden]
    st.markdown(
        f"{gen} {term_link('marginalising', '**integrates the hidden feature out**')}: "
        f"P(y | {seen}) ∝ P(y) ∫ p(x | y) d{hidden_name}, with the model it already has and no refit (for a "
        f"Gaussian: drop a row and a column of the covariance; for naive Bayes: drop a factor). {disc} needs a "
        "value for every feature; here it gets the training mean (mean imputation). Refitting it on the remaining "
        "feature works too, but needs the training data and a new fit for every pattern of missing features: an "
        "oracle a deployed model rarely has.")
    res = hidden_feature(view.data_key, view.gen, view.disc, hidden)
    st.plotly_chart(figs.observed_axis_figure(res["xs"], res["gen"], res["disc"], train.class_names, seen, gen, disc),
                    key="pw_missing_chart", **CHART)
    s = res["scores"]
    st.markdown(
        f"| test accuracy | {gen} | {disc} |\n|---|---:|---:|\n"
        f"| both features | {s['full_generative']:.3f} | {s['full_discriminative']:.3f} |\n"
        f"| {hidden_name} hidden | {s['generative']:.3f} (integrated out) | {s['discriminative']:.3f} "
        f"(mean-imputed) |\n| {hidden_name} hidden, refitted on {seen} alone | – | {s['refit']:.3f} |")
    st.caption("Where it goes wrong: integrating out is exact for the model's own p(x | y), so a wrong class model "
               "gives a wrong marginal; and it assumes the value is missing at random, not missing because of "
               "what it is.")


def unlabelled_section(view: PowersView, train):
    model = MODELS[view.em_model].label
    if view.em_model != view.gen:
        st.caption(f"EM here fits {model}: {MODELS[view.gen].label} is not supported (semi-supervised EM has a closed "
                   "form for one Gaussian per class: both naive Bayes, LDA and QDA).")
    st.slider("Labelled points per class (the rest of the training split is unlabelled)", 2, 50, key="pw_k", **KEEP)
    try:
        res = semi_supervised(view.data_key, view.em_model, view.k_labels, view.seed)
    except ValueError as exc:
        st.error(f"**This setting cannot be shown:** {exc}", icon="⚠️")
        return
    history = res["result"].history
    ss = st.session_state
    wanted = ss.get("pw_iter_wanted")  # None: follow the last iteration, whatever the number of iterations
    ss["pw_iter"] = len(history) if wanted is None or wanted > len(history) else wanted
    ss["pw_iter_last"] = len(history)

    def keep_choice():
        ss["pw_iter_wanted"] = None if ss["pw_iter"] == ss["pw_iter_last"] else ss["pw_iter"]

    step = st.slider("EM iteration (0: the labelled points alone)", 0, max(len(history), 1), key="pw_iter",
                     on_change=keep_choice)
    idx, rest = res["idx"], res["rest"]
    supervised = res["result"].supervised
    if step == 0:
        r0 = supervised.predict_proba(train.X[rest])
        means, covs = supervised.means_, class_covariances(supervised)
    else:
        it = history[step - 1]
        r0, means, covs = it.responsibilities, it.means, it.covariances
    grid = make_grid(train.X, 60)
    st.plotly_chart(figs.em_figure(grid, train.X[idx], train.y[idx], train.X[rest], r0, means, covs,
                                   train.class_names), key="pw_em_chart", **CHART)
    better = res["em"] > res["labels_only"]
    st.markdown(
        f"Test accuracy with {view.k_labels} labels per class: {model} on the labels alone "
        f"**{res['labels_only']:.3f}**, with {term_link('EM')} over {len(rest)} unlabelled points too "
        f"**{res['em']:.3f}**, "
        "logistic regression on the labels "
        f"alone **{res['logreg']:.3f}**; {model} with every label {res['all_labels']:.3f}. EM ran "
        f"{len(history)} iterations ({res['result'].stop}).")
    if not better:
        st.warning(f"**Here the unlabelled points make {model} worse** ({res['em']:.3f} against "
                   f"{res['labels_only']:.3f}): EM fits p(x) better, and when one Gaussian per class is the wrong "
                   "shape for the data a better p(x) is not a better boundary (Cozman & Cohen, 2003).", icon="⚠️")
    else:
        st.caption("Where it goes wrong: when the class model is the wrong shape (try Moons, LDA and 20 labels per "
                   "class), unlabelled data can make it worse: EM fits p(x), not the boundary (Cozman & Cohen, 2003).")
    curve = accuracy_against_labels(view.data_key, view.em_model, view.seed)
    if curve["ks"]:
        st.plotly_chart(figs.accuracy_vs_labels_figure(curve["ks"], curve["curves"]), key="pw_k_curve_chart", **CHART)
        st.caption(f"Each point: the mean over {CURVE_DRAWS} random draws of the labelled points; the test split is "
                   f"the same. Solid: {model} by EM; dotted: {model} on the labels alone; dashed: logistic regression "
                   "on the labels alone.")


def more_data_section(view: PowersView, train):
    gen = MODELS[view.gen].label
    st.markdown(
        f"The same {view.k_labels} labelled points per class as above. {gen} is fitted to them and draws 1,000 more "
        "points; logistic regression is trained on the real points alone, and on the real plus the drawn ones. "
        "The drawn points add no information about the world, only the generative model's assumptions.")
    try:
        res = more_data(view.data_key, view.gen, view.k_labels, view.seed)
    except ValueError as exc:
        st.error(f"**This setting cannot be shown:** {exc}", icon="⚠️")
        return
    verb = "help" if res["augmented"] > res["real"] else "do not help" if res["augmented"] == res["real"] else "hurt"
    st.markdown(
        f"| test accuracy | |\n|---|---:|\n| logistic regression, real points | {res['real']:.3f} |\n"
        f"| logistic regression, real + drawn points | {res['augmented']:.3f} |\n| {gen} itself | "
        f"{res['generative']:.3f} |")
    change = 100 * (res["augmented"] - res["real"])
    st.markdown(f"Here the drawn points **{verb}** logistic regression ({change:+.1f} points of test accuracy).")
    st.caption("Where it goes wrong: drawn points are only as good as the model that drew them. When its p(x | y) "
               "is wrong (try Correlated Gaussians with Gaussian naive Bayes, which cannot tilt its classes), "
               "logistic regression learns the model's mistakes.")


def samples_section(view: PowersView, train):
    gen = MODELS[view.gen].label
    res = judged_samples(view.data_key, view.gen, view.seed)
    grid = make_grid(train.X, 60)
    st.plotly_chart(figs.samples_figure(grid, train.X, res["X"], res["y"], train.class_names),
                    key="pw_samples_chart", **CHART)
    st.markdown(
        f"{gen} drew {len(res['y'])} points. A random forest then tries to "
        f"{term_link('two-sample test', 'tell real from generated points')} (5-fold cross-validated accuracy; 50% "
        f"means it cannot): **{_pct(res['score'])}**. For reference, real training points against real test points: "
        f"{_pct(res['baseline'])}. The two families meet here, as in a {term_link('GAN')}: a discriminative model "
        "judges what a generative one makes.")
    st.caption("Where it goes wrong: a judge finds only the differences it can learn from this many points; near "
               "50% means none found, not none there (Lopez-Paz & Oquab, 2017).")
