"""Copy as Python: an explorer view as a self-contained script (numpy + scikit-learn) that rebuilds it.

``explorer_script(params)`` takes the explorer's link parameters, already normalised by the page: it passes
``ExplorerView.from_query(st.query_params)[0].to_query()`` (``ui.explorer.state``), so a bad value has fallen back to
its default there, and a missing key is the view's default (``DEFAULTS``, pinned to ``ExplorerView`` by a test).
Drawn points travel as the link's ``pts=x1,x2,class;...``; the page passes them whatever their number (a link holds
60: ``drawn_points`` writes them all). The script draws the same data, makes the same split, fits both models as the
app does with scikit-learn's estimators, applies the same P(y) and prints both test accuracies as the explorer's
scores table shows them.
"""

from __future__ import annotations

import textwrap

from core.datasets import DATASETS, GENERATOR, class_shares
from core.models import DISCRIMINATIVE, GENERATIVE, MODELS, validate_params
from core.snippet_data import data_block, deployment_block, sklearn_loaders, source, split_block

# What a link leaves out: ui.explorer.state.ExplorerView's defaults (tests/core_tests/test_snippet.py pins them)
DEFAULTS = {"dataset": "blobs", "n": 400, "noise": None, "share": None, "seed": 0, "test": 0.3, "gen": "gnb",
            "disc": "logreg", "prior": None, "prior_disc": False, "est": 0}
_TYPES = {"n": int, "noise": float, "share": float, "seed": int, "test": float, "prior": float, "est": int}
_EIG_FLOOR = 1e-6  # core.fitting._EIG_FLOOR: every variance and covariance eigenvalue, in standardised units


def drawn_points(X, y) -> str:
    """The ``pts`` parameter for drawn points, every one of them at full precision (a link holds only 60)."""
    return ";".join(f"{a!r},{b!r},{int(k)}" for (a, b), k in zip(X.tolist(), y.tolist()))


def normalised(params: dict) -> dict:
    """The view's settings from link parameters (str -> str), defaults where a key is missing; ValueError on a
    value the page would not have passed."""
    q = {k: (v[-1] if isinstance(v, list) else v) for k, v in dict(params).items()}
    out = dict(DEFAULTS)
    for key, kind in _TYPES.items():
        if q.get(key) not in (None, ""):
            out[key] = kind(float(q[key])) if kind is int else kind(q[key])
    out["prior_disc"] = str(q.get("prior_disc", "0")).strip().lower() in ("1", "true", "on")
    out["dataset"] = q.get("dataset", DEFAULTS["dataset"])
    if out["dataset"] not in DATASETS:
        raise ValueError(f"Unknown dataset {out['dataset']!r}.")
    for fam_key, family in (("gen", GENERATIVE), ("disc", DISCRIMINATIVE)):
        name = q.get(fam_key, DEFAULTS[fam_key])
        if name not in MODELS or MODELS[name].family != family:
            raise ValueError(f"Unknown {family} model {name!r}.")
        out[fam_key] = name
        given = {k[len(fam_key) + 1:]: v for k, v in q.items() if k.startswith(fam_key + ".")}
        out[fam_key + "_params"] = validate_params(name, given)
    out["n_samples"], out["pts"] = out["n"], q.get("pts")
    return out


_STANDARDISE = """
# The app fits its generative models on standardised features z = (x - center) / scale (core.generative), so
# that regularisation means the same on every dataset; Bayes' rule below works on log p(z | y).
center, spread = X_train.mean(axis=0), X_train.std(axis=0)
scale = np.where(spread > 1e-12 * (1 + np.abs(center)), spread, np.maximum(1.0, np.abs(center)))
Z_train = (X_train - center) / scale
"""

_GAUSSIAN = f'''
def gaussian_log_pdf(Z, mean, cov):
    """log N(z; mean, cov) for each row of Z, the covariance's eigenvalues floored as the app floors them."""
    eigval, eigvec = np.linalg.eigh(cov)
    eigval = np.maximum(eigval, {_EIG_FLOOR!r})
    proj = (Z - mean) @ eigvec / np.sqrt(eigval)
    return -0.5 * (Z.shape[1] * np.log(2 * np.pi) + np.sum(np.log(eigval)) + np.sum(proj**2, axis=1))
'''


def _generative(name: str, p: dict) -> tuple:
    """(imports, lines that define log_likelihood(X) -> log p(z | y=k) of shape (n_samples, K))."""
    if name in ("gnb", "nb_shared"):
        code = f"""nb = GaussianNB(var_smoothing={p['var_smoothing']!r}).fit(Z_train, y_train)
nb.var_ = np.maximum(nb.var_, {_EIG_FLOOR!r})  # the app floors every variance
"""
        if name == "nb_shared":
            code += """# No scikit-learn twin: Ng & Jordan's naive Bayes has one variance per feature for all
# classes, the classes' variances pooled (core.generative.SharedVarianceNB); GaussianNB then scores with them.
n_k = np.bincount(y_train)
nb.var_ = np.tile(n_k @ nb.var_ / n_k.sum(), (len(n_k), 1))
"""
        return ["from sklearn.naive_bayes import GaussianNB"], code + """

def log_likelihood(X):
    return nb.predict_joint_log_proba((X - center) / scale) - np.log(nb.class_prior_)
"""
    if name in ("lda", "qda"):
        if name == "lda":
            imp = "from sklearn.discriminant_analysis import LinearDiscriminantAnalysis"
            fit = (f"lda = LinearDiscriminantAnalysis(solver=\"lsqr\", shrinkage={p['shrinkage'] or None!r})"
                   ".fit(Z_train, y_train)\nmeans, covs = lda.means_, [lda.covariance_] * len(lda.means_)\n")
        else:
            imp = "from sklearn.discriminant_analysis import QuadraticDiscriminantAnalysis"
            fit = (f"qda = QuadraticDiscriminantAnalysis(reg_param={max(p['reg_param'], _EIG_FLOOR)!r}, "
                   f"store_covariance=True, tol={_EIG_FLOOR / 10!r})\nqda.fit(Z_train, y_train)\n"
                   "means, covs = qda.means_, qda.covariance_\n")
        return [imp], _GAUSSIAN + "\n\n" + fit + """

def log_likelihood(X):  # one Gaussian per class (the app's own Bayes' rule, not .predict: same numbers)
    Z = (X - center) / scale
    return np.column_stack([gaussian_log_pdf(Z, m, c) for m, c in zip(means, covs)])
"""
    if name == "gmm":
        return ["from sklearn.mixture import GaussianMixture"], f"""
# a Gaussian mixture per class: p(z | y=k) = sum_m w_km N(z; mu_km, Sigma_km)
mixtures = [GaussianMixture(n_components=min({p['n_components']}, int(np.sum(y_train == k))),
                            covariance_type={p['covariance_type']!r}, reg_covar=0.001, init_params="k-means++",
                            random_state=0).fit(Z_train[y_train == k])
            for k in range(K)]


def log_likelihood(X):
    Z = (X - center) / scale
    return np.column_stack([gm.score_samples(Z) for gm in mixtures])
"""
    if name == "kde":
        return ["from sklearn.neighbors import KernelDensity"], f"""
# a Gaussian kernel density per class, bandwidth in standardised units
kdes = [KernelDensity(bandwidth={p['bandwidth']!r}).fit(Z_train[y_train == k]) for k in range(K)]


def log_likelihood(X):
    Z = (X - center) / scale
    return np.column_stack([kde.score_samples(Z) for kde in kdes])
"""
    raise ValueError(f"No script for the generative model {name!r}: add it to core.snippet.")


def _discriminative(name: str, p: dict) -> tuple:
    """(imports, lines that fit ``disc``, an estimator with predict_proba, as core.models builds it)."""
    pipe = "from sklearn.pipeline import make_pipeline"
    scaler = "from sklearn.preprocessing import StandardScaler"
    if name == "logreg":
        poly = ("PolynomialFeatures({}, include_bias=False), StandardScaler(), ".format(p["degree"])
                if p["degree"] > 1 else "")
        imports = [pipe, "from sklearn.linear_model import LogisticRegression",
                   "from sklearn.preprocessing import " + ("PolynomialFeatures, " if poly else "") + "StandardScaler"]
        return imports, (f"logreg = LogisticRegression(C={p['C']!r}, max_iter=2000)\n"
                         f"disc = make_pipeline(StandardScaler(), {poly}logreg)\n")
    if name == "svm":
        svm_imports = ["from sklearn.calibration import CalibratedClassifierCV", "from sklearn.svm import SVC"]
        return [pipe, scaler, *svm_imports], (
            "# probabilities by Platt scaling on 3 folds (fewer when a class has fewer training points)\n"
            "folds = min(3, int(np.bincount(y_train).min()))\n"
            f"svc = SVC(C={p['C']!r}, gamma={p['gamma']!r}, kernel=\"rbf\")\n"
            "disc = make_pipeline(StandardScaler(), CalibratedClassifierCV(svc, cv=folds, ensemble=False))\n")
    if name == "tree":
        return (["from sklearn.tree import DecisionTreeClassifier"],
                f"disc = DecisionTreeClassifier(max_depth={p['max_depth']}, random_state=0)\n")
    if name == "forest":
        return (["from sklearn.ensemble import RandomForestClassifier"],
                f"disc = RandomForestClassifier(n_estimators={p['n_estimators']}, max_depth={p['max_depth']}, "
                "random_state=0, n_jobs=1)\n")
    if name == "knn":
        return [pipe, scaler, "from sklearn.neighbors import KNeighborsClassifier"], (
            f"disc = make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=min({p['n_neighbors']}, "
            "len(y_train))))\n")
    if name == "mlp":
        return [pipe, scaler, "from sklearn.neural_network import MLPClassifier"], (
            f"mlp = MLPClassifier(hidden_layer_sizes=({p['hidden']}, {p['hidden']}), alpha={p['alpha']!r}, "
            "max_iter=800, random_state=0)\ndisc = make_pipeline(StandardScaler(), mlp)\n")
    raise ValueError(f"No script for the discriminative model {name!r}: add it to core.snippet.")


_EM = '''
def estimate_prior(proba, train_prior, max_iter=1000, tol=1e-8):
    """P_new(y) from P(y | x) on unlabelled points, by EM (Saerens, Latinne & Decaestecker 2002), kept off 0."""
    proba, prior = proba / proba.sum(axis=1, keepdims=True), train_prior / train_prior.sum()
    start = prior.copy()
    for _ in range(max_iter):
        weighted = proba * (prior / start)  # E-step
        sums = weighted.sum(axis=1, keepdims=True)
        new = np.divide(weighted, sums, out=proba.copy(), where=sums > 0).mean(axis=0)  # M-step
        new /= new.sum()
        step, prior = np.max(np.abs(new - prior)), new
        if step < tol:
            break
    prior = np.clip(prior, 1e-6, None)
    return prior / prior.sum()
'''


def _priors_block(q: dict) -> str:
    """Lines that set gen_prior and disc_prior (None: the discriminative model as trained)."""
    out = "\n# P(y): the training split's class shares, which both models learned\n" \
          "train_prior = np.bincount(y_train, minlength=K) / len(y_train)\ngen_prior, disc_prior = train_prior, None\n"
    if q["prior"] is None:
        return out
    disc = "new_prior" if q["prior_disc"] else "None"
    out = ("" if DATASETS[q["dataset"]].kind == GENERATOR else "\n\n" + source(class_shares)) + out + (
        "\n# a new P(y), set by hand: Bayes' rule for the generative model"
        + (", reweighting for the discriminative one\n" if q["prior_disc"] else "\n")
        + f"new_prior = class_shares({q['prior']!r}, K)\ngen_prior, disc_prior = new_prior, {disc}\n")
    if not q["est"]:
        return out
    pool = deployment_block(q)
    guard = "" if DATASETS[q["dataset"]].kind == GENERATOR else "if np.bincount(y_test, minlength=K).min() > 0:\n"
    body = pool + f"""counts = class_counts({q['est']}, new_prior)  # {q['est']} unlabelled points drawn at the new P(y)
rows = np.concatenate([np.flatnonzero(y_pool == k)[:c] for k, c in enumerate(counts)])
jll = np.log(train_prior) + log_likelihood(X_pool[rows])
gen_proba = np.exp(jll - jll.max(axis=1, keepdims=True))
# the new P(y) is hidden: each model uses its own estimate of it (the discriminative one, reweighted)
gen_prior = estimate_prior(gen_proba, train_prior)
disc_prior = estimate_prior(disc.predict_proba(X_pool[rows]), train_prior)
"""
    if guard:
        body = guard + "".join("    " + line if line.strip() else line for line in body.splitlines(True))
        body = ("# a fixed dataset's new world is its test split: without a test point of every class, P(y) stays "
                "known\n" + body)
    return out + _EM + body


_CHECK = """
n_train = np.bincount(y_train, minlength=K)
if n_train.min() < 2:  # the explorer says the same and keeps showing the last view that worked
    raise SystemExit(f"Class {class_names[int(n_train.argmin())]} has only {n_train.min()} training point(s); every "
                     "class needs at least 2. Add points or lower the test fraction.")
"""

_SCORES = """

def gen_predict(X):  # Bayes' rule: argmax_k log P(y=k) + log p(x | y=k)
    return np.argmax(np.log(gen_prior) + log_likelihood(X), axis=1)


def disc_predict(X):  # reweighting, when it has a new P(y): P(y | x) P_new(y) / P_train(y), renormalised
    proba = disc.predict_proba(X)
    if disc_prior is None:
        return np.argmax(proba, axis=1)
    with np.errstate(divide="ignore"):
        return np.argmax(np.log(proba) + np.log(disc_prior / train_prior), axis=1)


def accuracy(predict):
    return f"{np.mean(predict(X_test) == y_test):.3f}" if len(y_test) else "– (no test set)"


"""

_PLOT = """
# the two models' decisions over the data (plotly: fig.show() opens them in a browser)
xs, ys = (np.linspace(lo - 0.1 * (hi - lo), hi + 0.1 * (hi - lo), 150) for lo, hi in zip(X.min(axis=0), X.max(axis=0)))
xx, yy = np.meshgrid(xs, ys)
grid = np.column_stack([xx.ravel(), yy.ravel()])
fig = make_subplots(rows=1, cols=2, shared_yaxes=True,
                    subplot_titles=[f"{GEN_LABEL}: test accuracy {accuracy(gen_predict)}",
                                    f"{DISC_LABEL}: test accuracy {accuracy(disc_predict)}"])
for col, predict in ((1, gen_predict), (2, disc_predict)):
    fig.add_trace(go.Heatmap(x=xs, y=ys, z=predict(grid).reshape(xx.shape), zmin=0, zmax=K - 1, opacity=0.35,
                             colorscale="Portland", showscale=False, hoverinfo="skip"), row=1, col=col)
    for k, name in enumerate(class_names):
        fig.add_trace(go.Scatter(x=X_train[y_train == k, 0], y=X_train[y_train == k, 1], mode="markers", name=name,
                                 legendgroup=name, showlegend=col == 1), row=1, col=col)
fig.show()
"""


def _described(q: dict) -> str:
    """The view's settings in one line, from the normalised values only (a link's own text never enters a script)."""
    spec = DATASETS[q["dataset"]]
    noise = spec.default_noise if q["noise"] is None else q["noise"]
    share = "balanced" if q["share"] is None else q["share"]
    data = q["dataset"] + ("" if spec.is_pool else f", n={q['n']}, noise={noise}, share={share}")
    data += f", seed={q['seed']}"
    prior = "" if q["prior"] is None else f", prior={q['prior']}, prior_disc={int(q['prior_disc'])}, est={q['est']}"
    return (f"{data}, test={q['test']}, gen={q['gen']} {q['gen_params']}, disc={q['disc']} {q['disc_params']}"
            + prior)


def explorer_script(params: dict, data_file: str | None = None, columns=None, with_plot: bool = False) -> str:
    """A self-contained Python script that rebuilds an explorer view and prints both models' test accuracy.

    Parameters
    ----------
    params : the view's link parameters (str -> str) as ``ExplorerView.to_query()`` gives them: normalised by the
        page, a missing key is the default; drawn points as ``pts`` (all of them)
    data_file : for the user's CSV file (``dataset=csv``): the file name the script reads
    columns : for the CSV file: (feature 1, feature 2, label) column names
    with_plot : also draw both models' decisions with plotly (before the accuracies are printed)

    Returns
    -------
    str, Python source that needs numpy and scikit-learn (and plotly with ``with_plot``). Its last two lines
    of output are ``generative (<label>) test accuracy: 0.975`` and ``discriminative (<label>) test accuracy: ...``,
    the explorer's scores table to 3 decimals. Raises ValueError for settings it cannot write.
    """
    q = normalised(params)
    gen_imports, gen_code = _generative(q["gen"], q["gen_params"])
    disc_imports, disc_code = _discriminative(q["disc"], q["disc_params"])
    imports = {"import numpy as np", "from sklearn.model_selection import train_test_split", *gen_imports,
               *disc_imports}
    kind = DATASETS[q["dataset"]].kind
    imports |= {f"from sklearn.datasets import {name}" for name in sklearn_loaders(q["dataset"])}
    head = ["import csv", "import io"] if kind == "upload" else []
    if with_plot:
        imports |= {"import plotly.graph_objects as go", "from plotly.subplots import make_subplots"}
    gen_label, disc_label = MODELS[q["gen"]].label, MODELS[q["disc"]].label
    lines = [
        '"""An explorer view, rebuilt with numpy and scikit-learn (the explorer\'s "Copy as Python").',
        "",
        "It prints both models' test accuracy, as the explorer's scores table shows them.",
        '"""',
        *textwrap.wrap(_described(q), 116, initial_indent="# the view: ", subsequent_indent="#   "),
        "",
        *head,
        *([""] if head else []),
        *sorted(i for i in imports if i.startswith("import")),
        *sorted(i for i in imports if i.startswith("from")),
        "",
        f"GEN_LABEL, DISC_LABEL = {gen_label!r}, {disc_label!r}",
        "",
    ]
    body = [
        data_block(q, data_file, columns),
        "K = len(class_names)\n",
        split_block(q["test"], q["seed"]),
        _CHECK,
        f"\n# ---- generative: {gen_label} {q['gen_params']} ----" + _STANDARDISE + "\n" + gen_code,
        f"\n# ---- discriminative: {disc_label} {q['disc_params']}, on the raw features ----\n" + disc_code
        + "disc.fit(X_train, y_train)\n",
        _priors_block(q),
        _SCORES,
        _PLOT if with_plot else "",
        'print(f"generative ({GEN_LABEL}) test accuracy: {accuracy(gen_predict)}")\n',
        'print(f"discriminative ({DISC_LABEL}) test accuracy: {accuracy(disc_predict)}")\n',
    ]
    return "\n".join(lines) + "\n" + "".join(body)
