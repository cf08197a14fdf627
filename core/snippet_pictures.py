"""Copy as Python for the digits page: a part of it as a self-contained script (numpy + scikit-learn).

``pictures_script(params)`` takes the page's link parameters (``PicturesView.to_query()``: ``pic_part``,
``pic_hidden``, ``pic_mean_model``, ``pic_rare_*``; a missing or bad value is its default) and returns a script that
loads ``sklearn.datasets.load_digits``, makes the page's 70/30 split (stratified, seed 0), fits a generative model
and logistic regression as ``core.images`` and ``core.models`` do, and prints both test accuracies:

- Sample, Both classify, Draw: probabilistic PCA against logistic regression (the pair the page tests);
- The average: the chosen model against logistic regression;
- Hide rows: the mixture, integrating the hidden rows out, against logistic regression with the training mean in
  them (the page's curves at that number of rows);
- A rare digit: seed 0's run (the one whose images the page shows): logistic regression with only a few images of
  the digit, the generator fitted on those, and logistic regression again with the generator's samples added.
"""

from __future__ import annotations

from core import images, mathutil
from core.fitting import _EIG_FLOOR
from core.images import DIGIT_MODELS
from core.models import MODELS
from core.snippet import _GAUSSIAN, _discriminative
from core.snippet_data import joined, script_head, source

# What a link leaves out: ui.pictures.state.PicturesView's defaults (tests/pictures pin them)
DEFAULTS = {"part": "sample", "hidden_rows": 4, "mean_model": "ppca", "rare_digit": 2, "rare_n": 3,
            "rare_model": "gnb", "n_generated": 300}
PARTS = ("sample", "mean", "classify", "hide", "draw", "rare")
# each whole-number setting's link key and its allowed values (ui.pictures.state's ranges, pinned by tests/pictures)
INTS = {"hidden_rows": ("pic_hidden", range(0, 8)), "rare_digit": ("pic_rare_digit", range(0, 10)),
        "rare_n": ("pic_rare_n", range(3, 31)), "n_generated": ("pic_generated", (0, 50, 100, 200, 300, 500))}
SEED, TEST_SIZE = 0, 0.3  # core.pictures.digits_split's defaults, as the page calls it


def normalised(params: dict) -> dict:
    """The part and its settings from link parameters; a missing or bad value is its default."""
    one = {k: str(v[-1] if isinstance(v, list) else v).strip() for k, v in dict(params).items()}
    q = dict(DEFAULTS)
    if one.get("pic_part") in PARTS:
        q["part"] = one["pic_part"]
    for name, key in (("mean_model", "pic_mean_model"), ("rare_model", "pic_rare_model")):
        if one.get(key) in DIGIT_MODELS:
            q[name] = one[key]
    for name, (key, allowed) in INTS.items():
        if one.get(key, "").lstrip("-").isdigit() and int(one[key]) in allowed:
            q[name] = int(one[key])
    return q


def _generator_name(q: dict) -> str:
    return {"mean": q["mean_model"], "hide": "pca_gmm", "rare": q["rare_model"]}.get(q["part"], "ppca")


def _fit_lines(name: str) -> str:
    """Lines that define ``fit_generator(X, y)``, returning per class what ``class_log_likelihood`` and ``draw``
    read, as ``core.images`` fits the model (in pixel units: no standardisation)."""
    p = DIGIT_MODELS[name].defaults()
    if name == "gnb":
        return f"""
# Gaussian naive Bayes: one mean and variance per pixel and digit, variances as fitted (no floor)
def fit_generator(X, y):
    return GaussianNB(var_smoothing={p['var_smoothing']!r}).fit(X, y)


def class_log_likelihood(model, X, obs):
    \"\"\"log p(x_obs | y=k), shape (n, K): a hidden pixel's factor integrates to 1, so only the seen ones count.\"\"\"
    mu, var = model.theta_[:, obs], model.var_[:, obs]
    return -0.5 * np.sum(np.log(2 * np.pi * var)[None] + (X[:, None, :] - mu[None]) ** 2 / var[None], axis=2)


def draw(model, k, n, rng):
    return model.theta_[k] + np.sqrt(model.var_[k]) * rng.standard_normal((n, model.theta_.shape[1]))
"""
    floor = f"""

def floored(cov):
    \"\"\"The covariance with its eigenvalues floored, as the app keeps every Gaussian's.\"\"\"
    eigval, eigvec = np.linalg.eigh(cov)
    return (eigvec * np.maximum(eigval, {_EIG_FLOOR!r})) @ eigvec.T
"""
    components = source(images._n_components)
    if name == "ppca":
        return joined(components, floor, f"""

# probabilistic PCA per digit: N(mu_k, W_k W_k^T + sigma_k^2 I), fitted by PCA (its get_covariance)
def fit_generator(X, y):
    pcas = [PCA(_n_components({p['n_components']}, int(np.sum(y == k)), X.shape[1])).fit(X[y == k])
            for k in range(10)]
    return [(p.mean_, floored(p.get_covariance())) for p in pcas]


def class_log_likelihood(model, X, obs):
    return np.column_stack([gaussian_log_pdf(X, mean[obs], cov[np.ix_(obs, obs)]) for mean, cov in model])


def draw(model, k, n, rng):
    return rng.multivariate_normal(*model[k], size=n)
""")
    return joined(components, f"SHORT_AXIS = {mathutil.SHORT_AXIS}\n",
                  source(images._in_pixel_space, mathutil.reduce_axis, mathutil.logsumexp), f"""

# per digit, a Gaussian mixture on its PCA scores plus even noise off them: in pixel space a mixture of full
# Gaussians (No scikit-learn twin: GaussianMixture cannot integrate a pixel out, so the marginal is written here)
def fit_generator(X, y):
    model = []
    for k in range(10):
        Xk = X[y == k]
        pca = PCA(_n_components({p['n_components']}, len(Xk), X.shape[1])).fit(Xk)
        gm = GaussianMixture(n_components=int(min({p['n_clusters']}, len(Xk))), covariance_type="full",
                             reg_covar={images.DigitPCAMixture().reg_covar!r}, init_params="k-means++",
                             random_state=0).fit(pca.transform(Xk))
        model.append(_in_pixel_space(gm, pca))
    return model


def class_log_likelihood(model, X, obs):
    \"\"\"log sum_m w_m N(x_obs; mu_m[obs], Sigma_m[obs, obs]): each Gaussian marginalised (PRML eq. 2.98).\"\"\"
    return np.column_stack([logsumexp(np.column_stack([np.log(w) + gaussian_log_pdf(X, m[obs], c[np.ix_(obs, obs)])
                                                        for w, m, c in zip(gm.weights_, gm.means_, gm.covariances_)]),
                                      axis=1) for gm in model])


def draw(model, k, n, rng):
    gm, out = model[k], np.empty((n, model[k].means_.shape[1]))
    component = rng.choice(gm.n_components, size=n, p=gm.weights_)
    for m in range(gm.n_components):
        if np.any(component == m):
            out[component == m] = rng.multivariate_normal(gm.means_[m], gm.covariances_[m],
                                                          size=int(np.sum(component == m)))
    return out
""")


_PREDICT = """

def predict(model, X, y_train):
    \"\"\"Bayes' rule: argmax_k log P(k) + log p(x_obs | k), P(k) the training shares; NaN pixels are hidden.\"\"\"
    obs = np.flatnonzero(~np.isnan(X[0]))
    priors = np.bincount(y_train, minlength=10) / len(y_train)
    return np.argmax(np.log(priors) + class_log_likelihood(model, X[:, obs], obs), axis=1)
"""

_RARE = """
# ---- the rare digit (seed 0's run): keep only a few of its training images ----
rng = np.random.default_rng(SEED)
keep = np.concatenate([np.flatnonzero(y_train != DIGIT),
                       rng.choice(np.flatnonzero(y_train == DIGIT), N_RARE, replace=False)])
X_few, y_few = X_train[keep], y_train[keep]
before = new_logreg().fit(X_few, y_few).predict(X_test)
generator = fit_generator(X_few, y_few)
gen_predict = predict(generator, X_test, y_few)

# N_ADDED new images of every digit, x ~ p(x | y=k), pixels clipped to the training range; the app first draws
# y ~ P(y) = one-hot on k, so the same draw is made here to keep the same random numbers
samples = []
for k in range(10):
    rng.choice(10, size=N_ADDED, p=np.eye(10)[k])
    samples.append(np.clip(draw(generator, k, N_ADDED, rng), X_few.min(), X_few.max()))
X_new = samples[DIGIT] if N_ADDED else np.empty((0, X.shape[1]))
after = new_logreg().fit(np.vstack([X_few, X_new]), np.concatenate([y_few, np.full(len(X_new), DIGIT)])) \\
    .predict(X_test)
print(f"logistic regression with only {N_RARE} {DIGIT}s, test accuracy: {np.mean(before == y_test):.3f}")
print(f"generative ({GEN_LABEL}, fitted on those) test accuracy: {np.mean(gen_predict == y_test):.3f}")
print(f"discriminative ({DISC_LABEL}, + {N_ADDED} generated {DIGIT}s) test accuracy: "
      f"{np.mean(after == y_test):.3f}")
"""

_WHOLE = """
# ---- both families on the test images, the bottom HIDDEN rows of each hidden ----
X_seen = X_test.copy()
X_seen[:, X.shape[1] - 8 * HIDDEN:] = np.nan
gen_predict = predict(fit_generator(X_train, y_train), X_seen, y_train)
# logistic regression needs every pixel: the training mean goes where a pixel is hidden
X_filled = np.where(np.isnan(X_seen), X_train.mean(axis=0), X_seen)
disc_predict = new_logreg().fit(X_train, y_train).predict(X_filled)
print(f"generative ({GEN_LABEL}) test accuracy: {np.mean(gen_predict == y_test):.3f}")
print(f"discriminative ({DISC_LABEL}) test accuracy: {np.mean(disc_predict == y_test):.3f}")
"""


def pictures_script(params: dict) -> str:
    """A self-contained Python script that rebuilds the digits page's part named in ``params``.

    Parameters
    ----------
    params : the page's link parameters (str -> str), as ``PicturesView.to_query()`` gives them

    Returns
    -------
    str, Python source that needs numpy and scikit-learn. Its last two lines of output are
    ``generative (<model>) test accuracy: 0.951`` and ``discriminative (logistic regression) test accuracy: ...``:
    the page's accuracies for that part (the rare digit: seed 0's run), to 3 decimals.
    """
    q = normalised(params)
    name, rare = _generator_name(q), q["part"] == "rare"
    hidden = q["hidden_rows"] if q["part"] == "hide" else 0
    logreg_imports, logreg = _discriminative("logreg", MODELS["logreg"].defaults())
    pca = "from sklearn.decomposition import PCA"
    model_imports = {"gnb": ["from sklearn.naive_bayes import GaussianNB"], "ppca": [pca],
                     "pca_gmm": [pca, "from sklearn.mixture import GaussianMixture"]}
    imports = {"import numpy as np", "from sklearn.datasets import load_digits",
               "from sklearn.model_selection import train_test_split", *logreg_imports, *model_imports[name]}
    view = f"pic_part={q['part']}, generative model {name}" + (
        f", rare digit {q['rare_digit']} with {q['rare_n']} images, {q['n_generated']} generated" if rare
        else f", {hidden} bottom rows hidden")
    labels = (DIGIT_MODELS[name].label, "logistic regression")
    lines = script_head("A part of the digits page, rebuilt with numpy and scikit-learn (the page's \"Copy as "
                        "Python\").", "It prints both models' test accuracy on the page's 70/30 split of "
                        "scikit-learn's 8x8 digits.", view, imports, labels)
    settings = (f"DIGIT, N_RARE, N_ADDED = {q['rare_digit']}, {q['rare_n']}, {q['n_generated']}" if rare
                else f"HIDDEN = {hidden}  # bottom rows of 8 hidden in every test image")
    body = [
        f"SEED = {SEED}\n{settings}\n",
        f"""
X, y = load_digits(return_X_y=True)  # 1,797 images of 8x8 pixels, ink 0-16
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size={TEST_SIZE!r}, stratify=y, random_state=SEED)


def new_logreg():
    \"\"\"Logistic regression as the app's registry builds it (core.models, at its defaults).\"\"\"
    {logreg.strip().replace(chr(10), chr(10) + '    ')}
    return disc

""",
        "" if name == "gnb" else _GAUSSIAN,
        _fit_lines(name),
        _PREDICT,
        _RARE if rare else _WHOLE,
    ]
    return "\n".join(lines) + "\n" + joined(*body)
