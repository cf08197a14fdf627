"""Read a labelled 2D dataset from an uploaded CSV file, and write one back.

The rules, in the order they apply:

- Encoding: UTF-8, with or without a byte-order mark; UTF-16, Latin-1 and binary files are refused.
- Delimiter: comma, semicolon, tab or pipe, by ``csv.Sniffer`` (failing that, the one the header row holds most).
  With a delimiter other than a comma, a decimal comma reads as a point ("1,5" is 1.5).
- The first row is the header; empty or repeated names are made unique ("col 3"). Rows with another number
  of fields than the header are dropped (an error when they are most rows); blank lines are skipped.
- A column is numeric when at least ``NUMERIC_SHARE`` (90 %) of its non-missing cells are numbers
  (missing: empty, NA, N/A, NaN, null, None).
- The label is the last column unless named: numbers or text, 2 to ``MAX_CLASSES`` classes of two rows or more.
  The features are the first two numeric, non-constant other columns unless named (a named constant one is an error).
- Rows with a missing, non-numeric or infinite feature or label (a text label in ``MISSING`` too) are dropped;
  ``MIN_ROWS`` must remain.
- Beyond ``MAX_ROWS`` rows, a random ``MAX_ROWS`` of them (seed 0) are kept, two of each class always among them.
- A feature reaching |x| > ``RESCALE_ABOVE`` or with a standard deviation below ``RESCALE_BELOW`` is
  standardised, (x - mean) / std, and its name says so.

Every problem raises ``ValueError`` worded for the person who uploaded the file.
"""

from __future__ import annotations

import codecs
import csv
import gc
import io
from contextlib import contextmanager

import numpy as np

from core.datasets import Dataset

MAX_ROWS, MIN_ROWS, MAX_CLASSES = 20_000, 10, 10
NUMERIC_SHARE = 0.9
RESCALE_ABOVE, RESCALE_BELOW = 1e4, 1e-4
DELIMITERS = ",;\t|"
MISSING = frozenset({"", "na", "n/a", "nan", "null", "none"})
_CHUNK = 20_000  # rows converted at a time (``_Table``)
_SNIFF_CHARS = 2048  # csv.Sniffer is quadratic in its sample on quote-heavy text
_SAVE_AS = "Save it as “CSV UTF-8” (in Excel: File → Save As → CSV UTF-8) and upload it again."


def _decode(data: bytes) -> str:
    """The file's text; ``ValueError`` naming the encoding when it is not UTF-8."""
    data = bytes(data)
    if data.startswith(b"PK\x03\x04"):
        raise ValueError(f"The file is an Excel workbook or another zip archive, not a CSV text file. {_SAVE_AS}")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ValueError(f"The file is UTF-16 encoded (it starts with a UTF-16 byte-order mark), not UTF-8. {_SAVE_AS}")
    codes = np.frombuffer(data, dtype=np.uint8)
    zeros = sorted([np.mean(codes[0::2] == 0), np.mean(codes[1::2] == 0)]) if len(codes) >= 4 else [0, 0]
    if zeros[1] > 0.3 and zeros[0] < 0.05:  # every other byte zero: ASCII letters in UTF-16
        raise ValueError(f"The file looks UTF-16 encoded (a zero byte beside each letter), not UTF-8. {_SAVE_AS}")
    # control bytes other than tab, newlines, page (counted without np.bincount's 8 bytes a byte of the file)
    n_control = np.count_nonzero(codes < 32) - sum(np.count_nonzero(codes == c) for c in (9, 10, 12, 13))
    if np.count_nonzero(codes == 0) or n_control > 0.01 * len(codes):
        raise ValueError(f"The file holds binary bytes: it is not a UTF-8 CSV text file. {_SAVE_AS}")
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ValueError(f"The file is not UTF-8 text (byte 0x{data[err.start]:02X} at position {err.start:,}): it is "
                         f"probably Latin-1 / Windows-1252, as Excel's plain “CSV” format writes. {_SAVE_AS}") from None
    if not text.strip():
        raise ValueError("The file is empty.")
    return text


def _sniff_delimiter(text: str) -> str:
    """The delimiter ``csv.Sniffer`` finds in the first lines, else the one the header row holds most (comma)."""
    first = text.lstrip("\r\n").split("\n", 1)[0]
    try:
        found = csv.Sniffer().sniff(text[:_SNIFF_CHARS], delimiters=DELIMITERS).delimiter
        if found in first:
            return found
    except csv.Error:
        pass
    return max(DELIMITERS, key=first.count)


def _unique_names(header: list) -> list:
    """Stripped column names, ``col <i>`` for an empty one, `` (col <i>)`` appended to a repeated one."""
    names, seen = [], set()
    for i, cell in enumerate(header, start=1):
        name = cell.strip() or f"col {i}"
        while name in seen:
            name = f"{name} (col {i})"
        names.append(name)
        seen.add(name)
    return names


def _listing(names: list, most: int = 8) -> str:
    return ", ".join(repr(n) for n in names[:most]) + (f", … ({len(names):,} in all)" if len(names) > most else "")


def _blank(row: list) -> bool:
    return len(row) < 2 and not "".join(row).strip()


def _kept(row: list, width: int) -> bool:
    """A row of ``width`` fields, or longer with only empty extra fields (a trailing delimiter, as Excel writes)."""
    return len(row) == width or (len(row) > width and not "".join(row[width:]).strip())


class _Table:
    """A CSV file's header and row counts; rows are read again ``_CHUNK`` at a time when converted to float columns
    (all rows as Python strings cost ~190 bytes a row: 170 MB for a 5 MB file of short cells, kept by the process)."""

    def __init__(self, data: bytes, delimiter: str, names: list, n_rows: int, n_ragged: int):
        self.data, self.delimiter, self.names, self.n_rows, self.n_ragged = data, delimiter, names, n_rows, n_ragged

    def chunks(self):
        """The kept data rows, cut to the header's width, ``_CHUNK`` at a time, as columns (tuples of cells)."""
        width, reader, chunk = len(self.names), _reader(self.data, self.delimiter), []
        next(row for row in reader if not _blank(row))  # the header
        with _no_gc():
            for row in reader:
                if len(row) == width or (not _blank(row) and _kept(row, width)):
                    chunk.append(row if len(row) == width else row[:width])
                    if len(chunk) == _CHUNK:
                        yield list(zip(*chunk))
                        chunk = []
        if chunk:
            yield list(zip(*chunk))

    def columns(self, text_column: int | None = None) -> tuple:
        """([(values, share of numbers among non-missing cells)] for every column (``_parse_floats``), and the
        stripped text of ``text_column`` as (codes, distinct texts in order of appearance), or None)."""
        values = [np.empty(self.n_rows) for _ in self.names]
        counts = np.zeros((len(self.names), 2), dtype=np.int64)
        codes, texts, at = np.empty(self.n_rows, dtype=np.int32), {}, 0
        for columns in self.chunks():
            n = len(columns[0])
            for j, cells in enumerate(columns):
                values[j][at:at + n], numbers, bad = _parse_floats(cells, self.delimiter != ",")
                counts[j] += numbers, bad
            if text_column is not None:
                codes[at:at + n] = np.fromiter((texts.setdefault(c.strip(), len(texts)) for c in columns[text_column]),
                                               dtype=np.int32, count=n)
            at += n
        floats = [(v, n / max(n + b, 1)) for v, (n, b) in zip(values, counts.tolist())]
        return floats, None if text_column is None else (codes, list(texts))


@contextmanager
def _no_gc():
    """The cycle collector paused while rows (lists of strings, no cycles) are read: 80% of a large parse otherwise."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _reader(data: bytes, delimiter: str):
    """csv rows of the file's text, decoded as it is read (a ``StringIO`` of it would hold 4 bytes a character)."""
    return csv.reader(io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline=""), delimiter=delimiter,
                      skipinitialspace=True)


def _read_table(data: bytes) -> _Table:
    """The file's header, delimiter and counts of its rows (kept, ragged), read once without keeping the rows."""
    data = bytes(data)
    delimiter = _sniff_delimiter(_decode(data))  # the text, checked, is let go: the rows are read a line at a time
    n_body = 0
    try:
        reader = _reader(data, delimiter)
        header = next((row for row in reader if not _blank(row)), None)
        if header is not None:
            full = width = len(header)
            while width > 1 and not header[width - 1].strip():  # widths a trailing delimiter may leave
                width -= 1
            widths = range(full, width - 1, -1)
            filled, n_kept = dict.fromkeys(widths, False), dict.fromkeys(widths, 0)
            for row in reader:
                if len(row) == full and full == width:  # the common row: as wide as a header whose names all count
                    n_body += 1
                    n_kept[full] += 1
                    continue
                for w in widths:
                    filled[w] = filled[w] or (len(row) >= w and bool(row[w - 1]))
                if not _blank(row):
                    n_body += 1
                    for w in widths:
                        n_kept[w] += _kept(row, w)
    except csv.Error as err:
        raise ValueError(f"The file could not be read as CSV ({err}).") from None
    if header is None:
        raise ValueError("The file is empty.")
    width = len(header)
    while width > 1 and not header[width - 1].strip() and not filled[width]:
        width -= 1  # an unnamed empty last column: a trailing delimiter, as Excel writes
    names = _unique_names(header[:width])
    if len(names) < 3:
        raise ValueError(f"The file needs at least three columns: two features and a label. It has {len(names)} "
                         f"({_listing(names)}); columns must be separated by commas, semicolons, tabs or pipes.")
    if not np.isnan(_parse_floats(names)[0]).any():
        raise ValueError("The first row must be a header with the column names, but it holds only numbers.")
    if not n_body:
        raise ValueError("The file has a header row but no data rows.")
    kept = n_kept[width]
    if n_body - kept > n_body / 2:
        raise ValueError(f"{n_body - kept:,} of the {n_body:,} data rows do not have {width} fields like "
                         f"the header ({_listing(names)}). Does every row use the same delimiter?")
    if kept < MIN_ROWS:
        raise ValueError(f"The file has only {kept} complete data row(s); at least {MIN_ROWS} are needed.")
    return _Table(data, delimiter, names, kept, n_body - kept)


def _parse_floats(cells, decimal_comma: bool = False) -> tuple:
    """Cells as floats (ndarray, NaN where missing or not a number), how many are numbers and how many are neither
    a number nor missing. A column that is clearly text (under half numbers in a sample of 1,000) is not parsed:
    its counts are the sample's, scaled."""
    try:
        values = np.asarray(cells, dtype=float)  # numpy parses a clean column at once
        return values, int(np.count_nonzero(~np.isnan(values))), 0
    except (ValueError, OverflowError):
        pass
    sample = cells[:: max(len(cells) // 1000, 1)]
    if len(sample) < len(cells):
        _, numbers, bad = _parse_floats(sample, decimal_comma)
        if numbers / max(numbers + bad, 1) < 0.5:
            scale = len(cells) / len(sample)
            return np.full(len(cells), np.nan), round(numbers * scale), round(bad * scale)
    parsed, bad = [], 0
    for cell in cells:
        try:
            parsed.append(float(cell.replace(",", ".") if decimal_comma else cell))
        except (ValueError, OverflowError):
            parsed.append(np.nan)
            bad += cell.strip().lower() not in MISSING
    values = np.asarray(parsed, dtype=float)
    return values, int(np.count_nonzero(~np.isnan(values))), bad


def _index(names: list, name) -> int:
    if str(name).strip() not in names:
        raise ValueError(f"There is no column {str(name).strip()!r}; the columns are {_listing(names)}.")
    return names.index(str(name).strip())


def _feature_columns(names: list, floats: list, label: int, chosen) -> tuple:
    """([(column index, values)] of the two features, notes on constant columns passed over); ``floats``: each
    column's (values, share), as ``_Table.columns`` gives them."""
    picked, constant = [], []
    if chosen is not None:
        if len(chosen) != 2 or _index(names, chosen[0]) == _index(names, chosen[1]):
            raise ValueError(f"Choose two different feature columns, got {list(chosen)}.")
        for j in (_index(names, c) for c in chosen):
            values, share = floats[j]
            if j == label or share < NUMERIC_SHARE:
                why = "the label" if j == label else f"not numeric (only {share:.0%} of its values are numbers)"
                raise ValueError(f"Column {names[j]!r} is {why}; choose two numeric columns besides the label.")
            picked.append((j, values))
        return picked, []
    for j in (j for j in range(len(names)) if j != label):
        values, share = floats[j]
        finite = values[np.isfinite(values)]
        if share >= NUMERIC_SHARE and finite.size:
            (picked if finite.min() < finite.max() else constant).append((j, values))
        if len(picked) == 2:
            break
    constant = [names[j] for j, _ in constant]
    if len(picked) < 2:
        skipped = f" (constant, so of no use: {_listing(constant)})" if constant else ""
        raise ValueError(f"The file needs two numeric feature columns besides the label {names[label]!r}; it has "
                         f"{len(picked)}{skipped}. A column is numeric when {NUMERIC_SHARE:.0%} of its values are.")
    return picked, [f"Column {c!r} was skipped: it is constant, so no model can use it." for c in constant]


def _classes(floats: tuple, text: tuple, keep: np.ndarray) -> tuple:
    """Labels of the rows kept as (sorted class keys, y, counts) and which rows have a label at all.

    A numeric column's labels are floats (sorted as numbers), any other column's are its stripped text, given as
    ``text`` = (codes, distinct texts).
    """
    values, share = floats
    if share >= NUMERIC_SHARE:
        has_label = np.isfinite(values)
        return np.unique(values[keep & has_label], return_inverse=True, return_counts=True), has_label
    codes, distinct = text
    has_label = ~np.array([t.lower() in MISSING for t in distinct], dtype=bool)[codes]
    used = np.unique(codes[keep & has_label])
    order = sorted(used.tolist(), key=distinct.__getitem__)  # the classes sorted by their text
    index = np.full(len(distinct), -1, dtype=np.int64)
    index[order] = np.arange(len(order))
    y = index[codes[keep & has_label]]
    keys = [distinct[c] for c in order]
    return (keys, y, np.bincount(y, minlength=len(keys))), has_label


def _class_name(key) -> str:
    """A label as text: "1" for 1.0, "0.5" for 0.5, text as it is."""
    if isinstance(key, str):
        return key
    return str(int(key)) if float(key).is_integer() and abs(key) < 1e15 else repr(float(key))


def _subsample(y: np.ndarray, n_keep: int, seed: int = 0) -> np.ndarray:
    """Sorted indices of ``n_keep`` rows drawn at random, two rows of each class always among them."""
    rng = np.random.default_rng(seed)
    by_class = rng.permutation(len(y))
    by_class = by_class[np.argsort(y[by_class], kind="stable")]  # a random order within each class
    starts = np.concatenate([[0], np.cumsum(np.bincount(y))[:-1]])  # where each class begins in it
    first_two = np.sort(np.concatenate([starts, starts + 1]))  # every class has two rows or more
    drawn = rng.choice(np.delete(by_class, first_two), n_keep - len(first_two), replace=False)
    return np.sort(np.concatenate([by_class[first_two], drawn]))


def _rescaled(x: np.ndarray, name: str) -> tuple:
    """``x`` standardised, (x - mean) / std, when its magnitude or spread is extreme: (x, name, note or None)."""
    top = float(np.abs(x).max())
    z = x / top  # the mean of huge values would overflow
    std = float(z.std()) * top
    if top <= RESCALE_ABOVE and std >= RESCALE_BELOW:
        return x, name, None
    why = f"its values reach {top:.1e}" if top > RESCALE_ABOVE else f"its standard deviation is only {std:.1e}"
    return (z - z.mean()) / z.std(), f"{name} (standardised)", f"{name} was rescaled (standardised): {why}."


def load_labeled_csv(data: bytes, feature_columns=None, label_column=None) -> tuple:
    """Read a labelled 2D dataset from CSV bytes by the module's rules: (Dataset, notes).

    ``feature_columns`` (two names) and ``label_column`` (a name) default to the module's choice. The Dataset is
    named "csv", ``X`` of shape (n_samples, 2); the notes are plain-English sentences on rows dropped,
    subsampling and rescaling, for the person who uploaded the file.
    """
    table = _read_table(data)
    names, n_ragged = table.names, table.n_ragged
    label = len(names) - 1 if label_column is None else _index(names, label_column)
    floats, text = table.columns(text_column=label)
    features, notes = _feature_columns(names, floats, label, feature_columns)
    keep = np.isfinite(features[0][1]) & np.isfinite(features[1][1])
    (keys, y, counts), has_label = _classes(floats[label], text, keep)
    X = np.column_stack([values[keep & has_label] for _, values in features])
    features = [j for j, _ in features]
    del floats, text  # every column's values: only X is needed from here
    n_dropped = table.n_rows - len(X)
    if n_ragged:
        notes.append(f"Dropped {n_ragged:,} row(s) with another number of fields than the header's {len(names)}.")
    if n_dropped:
        notes.append(f"Dropped {n_dropped:,} row(s) with a missing, non-numeric or infinite value.")
    if len(X) < MIN_ROWS:
        raise ValueError(f"Only {len(X)} usable row(s) remain, after dropping {n_dropped + n_ragged:,}; at least "
                         f"{MIN_ROWS} are needed.")
    if len(keys) > MAX_CLASSES:
        raise ValueError(f"The label column {names[label]!r} has {len(keys):,} different values, but at most "
                         f"{MAX_CLASSES} classes are supported. Choose another label column.")
    class_names = tuple(_class_name(k) for k in keys)
    if len(keys) < 2:
        raise ValueError(f"The label column {names[label]!r} holds one class only ({class_names[0]!r}); a classifier "
                         "needs at least two.")
    if counts.min() < 2:
        raise ValueError(f"Class {class_names[int(np.argmin(counts))]!r} has only 1 row; every class needs at "
                         "least 2. Add rows or choose another label column.")
    if len(y) > MAX_ROWS:
        notes.append(f"The file has {len(y):,} usable rows; a random {MAX_ROWS:,} of them (seed 0) are used.")
        kept = _subsample(y, MAX_ROWS)
        X, y = X[kept], y[kept]
    columns, feature_names = [], []
    for x, j in zip(X.T, features):
        if x.min() == x.max():
            raise ValueError(f"Column {names[j]!r} is constant (every value is {x[0]:g}): no model can use it. "
                             "Choose another column.")
        x, name, note = _rescaled(x, names[j])
        columns.append(x)
        feature_names.append(name)
        notes += [note] if note else []
    return Dataset(np.column_stack(columns), y, class_names, "csv", tuple(feature_names)), notes


def read_labeled_csv(data: bytes, feature_columns=None, label_column=None) -> Dataset:
    """The Dataset of ``load_labeled_csv``, without its notes."""
    return load_labeled_csv(data, feature_columns, label_column)[0]


def csv_columns(data: bytes, varying: bool = False) -> tuple:
    """(all column names, the numeric ones[, with ``varying`` the numeric ones not all one number: those a model can
    use]) of a CSV file, for column pickers; ``ValueError`` if unreadable."""
    table = _read_table(data)
    numeric = [(name, v[np.isfinite(v)]) for name, (v, share) in zip(table.names, table.columns()[0])
               if share >= NUMERIC_SHARE]
    found = (table.names, [name for name, _ in numeric])
    return found + ([name for name, v in numeric if v.size and v.min() < v.max()],) if varying else found


def dataset_to_csv(data: Dataset) -> bytes:
    """UTF-8 CSV bytes, header ``<feature 1>,<feature 2>,label``, class names as labels; floats by ``repr``, so
    ``read_labeled_csv`` gives back X, y and class names (when sorted as it sorts them and nothing needs rescaling)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*data.feature_names, "label"])
    labels = [data.class_names[k] for k in np.asarray(data.y, dtype=int).tolist()]
    writer.writerows(zip(data.X[:, 0].tolist(), data.X[:, 1].tolist(), labels))
    return out.getvalue().encode("utf-8")
