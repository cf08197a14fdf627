"""The data half of ``core.snippet``: the lines of a script that draw (or read) a view's points and split them.

Every piece that the app computes with a plain function is copied into the script from that function's own source
(``inspect.getsource``), so the script draws what the app draws and follows any change to it.
"""

from __future__ import annotations

import inspect
import textwrap

from core import datasets, io
from core.datasets import DATASETS, DRAWN, GENERATOR, MAX_POINTS, POOL, UPLOAD


def source(*functions) -> str:
    """The source of ``functions``, as the script holds them (type hints and all)."""
    return "\n\n\n".join(textwrap.dedent(inspect.getsource(f)).rstrip() for f in functions) + "\n"


def _helpers(generator) -> list:
    """The module-level helpers a generator calls (``_gaussian_classes``), found by name in its code."""
    names = generator.__code__.co_names
    return [getattr(datasets, n) for n in names if n.startswith("_") and callable(getattr(datasets, n, None))]


# A pool is subsampled as core.datasets.subsample does, on plain arrays
_SUBSAMPLE = '''
def subsample(X, y, n_samples, seed):
    """At most n_samples points, stratified by class, in an order drawn with seed (core.datasets.subsample)."""
    rng = np.random.default_rng(seed)
    n, K = len(y), int(y.max()) + 1
    if n_samples >= n:
        order = rng.permutation(n)
    else:
        counts = class_counts(n_samples, np.bincount(y, minlength=K) / n)
        members = [np.flatnonzero(y == k) for k in range(K)]
        order = rng.permutation(np.concatenate([rng.choice(m, size=min(c, len(m)), replace=False)
                                                for m, c in zip(members, counts)]))
    return X[order], y[order]
'''

_READ_CSV = '''
RESCALE_ABOVE, RESCALE_BELOW, MAX_ROWS = {above!r}, {below!r}, {max_rows!r}
MISSING = {{"", "na", "n/a", "nan", "null", "none"}}


def read_csv(path, features, label):
    """X (two features) and y (class indices, classes sorted) from a CSV file, read as the app reads it."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        text = f.read()
    first = text.lstrip("\\r\\n").split("\\n", 1)[0]
    try:
        delimiter = csv.Sniffer().sniff(text[:2048], delimiters=",;\\t|").delimiter
        delimiter = delimiter if delimiter in first else max(",;\\t|", key=first.count)
    except csv.Error:
        delimiter = max(",;\\t|", key=first.count)
    rows = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, skipinitialspace=True)
            if len(r) >= 2 or "".join(r).strip()]
    names = _unique_names(rows[0])
    width = len(names)
    rows = [r[:width] for r in rows[1:] if len(r) == width or (len(r) > width and not "".join(r[width:]).strip())]

    def number(cell):
        try:
            return float(cell.replace(",", ".") if delimiter != "," else cell)
        except ValueError:
            return np.nan

    f1, f2, j = (names.index(c) for c in (*features, label))
    X = np.array([[number(r[f1]), number(r[f2])] for r in rows]).reshape(-1, 2)
    texts = [r[j].strip() for r in rows]
    values = np.array([number(t) for t in texts])
    bad = sum(bool(np.isnan(v)) and t.lower() not in MISSING for t, v in zip(texts, values))
    numbers = int(np.count_nonzero(~np.isnan(values)))
    numeric = numbers / max(numbers + bad, 1) >= 0.9  # a numeric label column: classes sorted as numbers
    has_label = np.isfinite(values) if numeric else np.array([t.lower() not in MISSING for t in texts])
    keep = np.isfinite(X).all(axis=1) & has_label
    keys = values[keep] if numeric else np.array(texts, dtype=object)[keep]
    classes, y = np.unique(keys, return_inverse=True)
    X = X[keep]
    if len(y) > MAX_ROWS:  # a random MAX_ROWS of the rows, two of every class among them (seed 0)
        kept = _subsample(y, MAX_ROWS)
        X, y = X[kept], y[kept]
    X = np.column_stack([_rescaled(x, "")[0] for x in X.T])
    return X, y.astype(int), [_class_name(c) for c in classes]
'''


def sklearn_loaders(name: str) -> list:
    """The sklearn.datasets functions the script of dataset ``name`` calls (``load_iris``, ``make_moons``)."""
    import sklearn.datasets

    spec = DATASETS[name]
    if spec.kind == POOL:
        return [inspect.getclosurevars(spec.load).nonlocals["loader"].__name__]
    called = spec.generator.__code__.co_names if spec.kind == GENERATOR else ()
    return [n for n in called if n.startswith(("make_", "load_")) and hasattr(sklearn.datasets, n)]


def data_block(query: dict, data_file: str | None, columns) -> str:
    """Script lines that leave X (n_samples, 2), y (class indices) and class_names, in the app's order."""
    name = query["dataset"]
    spec = DATASETS[name]
    if spec.kind == GENERATOR:
        noise = spec.default_noise if query["noise"] is None else query["noise"]
        shares = (f"np.full({spec.n_classes}, 1 / {spec.n_classes})" if query["share"] is None
                  else f"class_shares({query['share']!r}, {spec.n_classes})")
        gen = spec.generator
        return (source(*_helpers(gen), gen, datasets.class_shares, datasets.class_counts) + f"""

# {spec.label}: {query['n_samples']} points, noise {noise!r}, seed {query['seed']} (core.datasets.make_dataset)
class_names = {list(spec.names())!r}
rng = np.random.default_rng({query['seed']})
counts = class_counts({query['n_samples']}, {shares})
X, y = {gen.__name__}(counts, {float(noise)!r}, rng)
order = rng.permutation(len(y))
X, y = np.asarray(X, dtype=float)[order], np.asarray(y, dtype=int)[order]
""")
    if spec.kind == POOL:
        found = inspect.getclosurevars(spec.load).nonlocals
        scale = "\nX = (X - X.mean(axis=0)) / X.std(axis=0)  # each feature standardised" * found["standardise"]
        names = [str(t).replace("class_", "cultivar ") for t in found["loader"]().target_names]
        return source(datasets.class_counts) + _SUBSAMPLE + f"""

# {spec.label}, shipped with scikit-learn; the seed picks the subsample and the split
bunch = {found['loader'].__name__}()
names = list(bunch.feature_names)
X = bunch.data[:, [names.index(c) for c in {list(found['columns'])!r}]].astype(float){scale}
y = bunch.target.astype(int)
class_names = {names!r}
X, y = subsample(X, y, {query['n_samples']}, {query['seed']})
"""
    if spec.kind == UPLOAD:
        if not data_file or not columns or len(columns) != 3 or not all(columns):
            raise ValueError("A CSV view needs the file's name and its columns (feature 1, feature 2, label).")
        return (source(datasets.class_counts, io._unique_names, io._class_name, io._subsample, io._rescaled)
                + _READ_CSV.format(above=io.RESCALE_ABOVE, below=io.RESCALE_BELOW, max_rows=io.MAX_ROWS)
                + _SUBSAMPLE + f"""

# your CSV file: features {columns[0]!r} and {columns[1]!r}, label {columns[2]!r}
X, y, class_names = read_csv({str(data_file)!r}, {[str(c) for c in columns[:2]]!r}, {str(columns[2])!r})
X, y = subsample(X, y, {min(query['n_samples'], MAX_POINTS)}, {query['seed']})
""")
    if spec.kind == DRAWN:
        if not query.get("pts"):
            raise ValueError("A view of drawn points needs them: pts=x1,x2,class;... (core.snippet's docstring).")
        return source(datasets.class_counts) + _SUBSAMPLE + f"""

# your drawn points: x1,x2,class (0, 1 or 2) separated by ;
pts = {str(query['pts'])!r}
points = np.array([p.split(",") for p in pts.split(";")], dtype=float)
X, y = points[:, :2], points[:, 2].astype(int)
class_names = {list("ABC")!r}[:max(2, y.max() + 1)]
X, y = subsample(X, y, {MAX_POINTS}, {query['seed']})
"""
    raise ValueError(f"Unknown kind of dataset {spec.kind!r}.")


def split_block(test_fraction: float, seed: int) -> str:
    """Script lines that split X, y as core.datasets.train_test_split does."""
    if test_fraction <= 0:
        return "\n# test fraction 0: every point trains, there is no test set\nX_train, y_train = X, y\n" \
               "X_test, y_test = X[:0], y[:0]\n"
    return f"""
# the split: {test_fraction:g} of the points held out, stratified when every class has two points or more
stratify = y if np.bincount(y, minlength=K).min() >= 2 else None
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size={test_fraction!r}, random_state={seed},
                                                    stratify=stratify)
"""


def deployment_block(query: dict) -> str:
    """Script lines that leave X_pool, y_pool: where the app draws unlabelled points at a new P(y) from
    (``core.prior_shift.deployment_pool`` for a generator, else ``resampled_pool`` of the test split)."""
    spec = DATASETS[query["dataset"]]
    seed = query["seed"] + 10_000
    if spec.kind == GENERATOR:
        noise = spec.default_noise if query["noise"] is None else query["noise"]
        return f"""
# the new world: 4000 fresh points of every class from the same generator, seed + 10000, sorted by class
X_pool, y_pool = {spec.generator.__name__}(({4000},) * K, {float(noise)!r}, np.random.default_rng({seed}))
order = np.argsort(y_pool, kind="stable")
X_pool, y_pool = np.asarray(X_pool, dtype=float)[order], np.asarray(y_pool, dtype=int)[order]
"""
    return f"""
# the new world: no generator, so the held-out points, 4000 of every class drawn with replacement (seed + 10000)
rng = np.random.default_rng({seed})
rows = np.concatenate([rng.choice(np.flatnonzero(y_test == k), size=4000) for k in range(K)])
X_pool, y_pool = X_test[rows], y_test[rows]
"""


# ---- the frame of the other pages' scripts (core.snippet_words, core.snippet_pictures) ----

def script_head(title: str, summary: str, view: str, imports: set, labels: tuple) -> list:
    """The lines every page's script starts with: its docstring, the view in a comment, the imports (the standard
    library's, then numpy's and scikit-learn's, each sorted as isort does) and the two models' labels."""
    third = [i for i in imports if i.split()[1].split(".")[0] in ("numpy", "sklearn")]
    groups = [sorted(group, key=lambda i: (i.startswith("from"), i)) for group in (set(imports) - set(third), third)]
    return [
        f'"""{title}',
        "",
        *textwrap.wrap(summary, 116),
        '"""',
        *textwrap.wrap(view, 116, initial_indent="# the view: ", subsequent_indent="#   "),
        "",
        *groups[0],
        *([""] if groups[0] else []),
        *groups[1],
        "",
        f"GEN_LABEL, DISC_LABEL = {labels[0]!r}, {labels[1]!r}",
        "",
        "",
    ]


def joined(*pieces) -> str:
    """Pieces of a script (definitions, statements), two blank lines between them, as PEP 8 spaces definitions."""
    return "\n\n\n".join(p.strip("\n") for p in pieces if p.strip()) + "\n"
