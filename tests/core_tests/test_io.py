"""core.io: labelled 2D datasets from uploaded CSV files, and back.

The small malformed and well-formed files live in ``tests/csv_corpus/``; the big ones (300,000 rows,
2,000 columns, thousands of classes) are built here.
"""

import time
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from core.datasets import Dataset, make_dataset
from core.io import (
    MAX_CLASSES,
    MAX_ROWS,
    MIN_ROWS,
    csv_columns,
    dataset_to_csv,
    load_labeled_csv,
    read_labeled_csv,
)
from core.models import fit_model

CORPUS = Path(__file__).parent / "csv_corpus"

REFUSED = {  # file -> a phrase its ValueError says
    "empty.csv": "The file is empty",
    "blank_lines_only.csv": "The file is empty",
    "header_only.csv": "no data rows",
    "one_column.csv": "at least three columns: two features and a label",
    "two_columns.csv": "at least three columns: two features and a label",
    "non_numeric.csv": "two numeric feature columns",
    "all_nan.csv": "two numeric feature columns",
    "constant_only.csv": "constant, so of no use: 'flat'",
    "one_class.csv": "holds one class only ('A')",
    "singleton_class.csv": "Class 'C' has only 1 row",
    "one_row.csv": "only 1 complete data row",
    "too_few_rows.csv": "Only 8 usable row(s) remain",
    "mostly_ragged.csv": "18 of the 24 data rows do not have 3 fields",
    "header_numbers.csv": "must be a header with the column names",
    "binary_garbage.bin": "not a UTF-8 CSV text file",
    "excel_workbook.xlsx": "Excel workbook",
    "latin1.csv": "probably Latin-1",
    "utf16_bom.csv": "UTF-16",
    "utf16_no_bom.csv": "UTF-16",
}
ENCODING_PROBLEMS = ["binary_garbage.bin", "excel_workbook.xlsx", "latin1.csv", "utf16_bom.csv", "utf16_no_bom.csv"]

ACCEPTED = {  # file -> (n_samples, class_names, feature_names)
    "blank_lines.csv": (20, ("A", "B"), ("x1", "x2")),
    "bom.csv": (20, ("A", "B"), ("x1", "x2")),
    "chosen_columns.csv": (40, ("n", "y"), ("id", "height")),
    "constant_feature.csv": (20, ("A", "B"), ("x1", "x2")),
    "crlf.csv": (20, ("A", "B"), ("x1", "x2")),
    "duplicate_headers.csv": (20, ("A", "B"), ("col 1", "x")),
    "duplicate_points.csv": (20, ("A", "B"), ("x1", "x2")),
    "extreme_scales.csv": (30, ("A", "B"), ("income (standardised)", "tiny (standardised)")),
    "float_labels.csv": (30, ("0.5", "1", "1.5"), ("x1", "x2")),
    "html_headers.csv": (20, ("A", "B"), ("<b>x</b>", "<script>alert('x')</script>")),
    "mixed_missing.csv": (30, ("A", "B"), ("x1", "x2")),
    "nan_and_inf.csv": (24, ("A", "B"), ("x1", "x2")),
    "numeric_labels.csv": (30, ("1", "2", "10"), ("x1", "x2")),
    "pipes.csv": (24, ("A", "B"), ("x1", "x2")),
    "quoted_commas.csv": (20, ('blue "navy"', "red, dark"), ("width, cm", "height, cm")),
    "ragged_rows.csv": (24, ("A", "B"), ("x1", "x2")),
    "semicolons.csv": (24, ("A", "B"), ("x1", "x2")),
    "string_labels.csv": (30, ("cat", "dog", "eel"), ("x1", "x2")),
    "tabs.tsv": (30, ("setosa", "versicolor", "virginica"), ("sepal length", "sepal width")),
    "trailing_delimiter.csv": (20, ("A", "B"), ("x1", "x2")),
    "unicode_names.csv": (20, ("ß", "ä"), ("Größe (cm)", "温度")),
}

CORPUS_FILES = sorted(p.name for p in CORPUS.iterdir())


def corpus(name: str) -> bytes:
    return (CORPUS / name).read_bytes()


def message(data: bytes, **kwargs) -> str:
    with pytest.raises(ValueError) as err:
        read_labeled_csv(data, **kwargs)
    return str(err.value)


def assert_usable(data: Dataset) -> None:
    assert data.X.ndim == 2 and data.X.shape == (len(data.y), 2)
    assert np.isfinite(data.X).all()
    assert data.y.dtype.kind == "i" and set(np.unique(data.y)) == set(range(data.n_classes))
    assert 2 <= data.n_classes <= MAX_CLASSES and np.bincount(data.y).min() >= 2
    assert MIN_ROWS <= len(data.y) <= MAX_ROWS
    assert data.name == "csv" and all(isinstance(c, str) for c in data.class_names)


def labelled_csv(X, labels, header=("x1", "x2", "label")) -> bytes:
    lines = [",".join(header)] + [f"{a!r},{b!r},{k}" for (a, b), k in zip(X.tolist(), labels)]
    return ("\n".join(lines) + "\n").encode()


# --- the corpus ---------------------------------------------------------------------------------------------

def test_every_corpus_file_has_an_expectation():
    assert set(CORPUS_FILES) == set(REFUSED) | set(ACCEPTED)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_malformed_file_is_refused_with_a_helpful_message(name):
    assert REFUSED[name] in message(corpus(name))


@pytest.mark.parametrize("name", ENCODING_PROBLEMS)
def test_encoding_problems_say_how_to_save_the_file(name):
    assert "CSV UTF-8" in message(corpus(name))


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_usable_file_gives_a_dataset(name):
    n_samples, class_names, feature_names = ACCEPTED[name]
    data = read_labeled_csv(corpus(name))
    assert_usable(data)
    assert len(data.y) == n_samples
    assert data.class_names == class_names
    assert data.feature_names == feature_names


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_every_corpus_file_gives_a_dataset_or_a_value_error_and_its_dataset_fits(name):
    try:
        data = read_labeled_csv(corpus(name))
    except ValueError:
        return
    for model in ("gnb", "logreg"):
        fitted = fit_model(model, data.X, data.y, class_names=data.class_names)
        assert fitted.predict_proba(data.X).shape == (len(data.y), data.n_classes)


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_csv_columns_reads_what_read_labeled_csv_reads(name):
    try:
        names, numeric = csv_columns(corpus(name))
    except ValueError:
        return
    assert set(numeric) <= set(names) and len(names) >= 3


# --- one behaviour each -------------------------------------------------------------------------------------

def test_bom_is_not_part_of_the_first_column_name():
    assert read_labeled_csv(corpus("bom.csv")).feature_names[0] == "x1"


def test_semicolon_file_reads_decimal_commas():
    data = read_labeled_csv(corpus("semicolons.csv"))
    first = corpus("semicolons.csv").decode().splitlines()[1].split(";")
    assert data.X[0].tolist() == [float(first[0].replace(",", ".")), float(first[1].replace(",", "."))]


def test_quoted_comma_in_a_comma_file_is_one_field_not_a_decimal_comma():
    text = 'a,b,c,label\n' + "".join(f'"1,5",{i},{i % 3},{"AB"[i % 2]}\n' for i in range(12))
    assert csv_columns(text.encode()) == (["a", "b", "c", "label"], ["b", "c"])


def test_rows_with_missing_or_infinite_values_are_dropped_and_counted():
    _, notes = load_labeled_csv(corpus("nan_and_inf.csv"))
    assert "Dropped 6 row(s) with a missing, non-numeric or infinite value." in notes


def test_rows_with_a_missing_text_label_are_dropped():
    X = np.arange(28.0).reshape(14, 2) % 5
    data, notes = load_labeled_csv(labelled_csv(X, ["cat", "dog"] * 6 + ["NaN", ""]))
    assert data.class_names == ("cat", "dog") and len(data.y) == 12
    assert notes == ["Dropped 2 row(s) with a missing, non-numeric or infinite value."]


def test_ragged_rows_are_dropped_and_counted():
    _, notes = load_labeled_csv(corpus("ragged_rows.csv"))
    assert "Dropped 3 row(s) with another number of fields than the header's 3." in notes


def test_trailing_delimiter_is_not_a_ragged_row():
    assert load_labeled_csv(corpus("trailing_delimiter.csv"))[1] == []


def test_html_in_column_names_is_kept_as_plain_text():
    assert read_labeled_csv(corpus("html_headers.csv")).feature_names[1] == "<script>alert('x')</script>"


def test_duplicate_and_empty_column_names_are_made_unique():
    names, _ = csv_columns(corpus("duplicate_headers.csv"))
    assert names == ["col 1", "x", "x (col 3)", "label"]


def test_duplicate_points_are_kept():
    data = read_labeled_csv(corpus("duplicate_points.csv"))
    assert len(np.unique(data.X, axis=0)) == 2 and len(data.y) == 20


def test_constant_column_is_skipped_when_features_are_not_chosen():
    _, notes = load_labeled_csv(corpus("constant_feature.csv"))
    assert notes == ["Column 'flat' was skipped: it is constant, so no model can use it."]


def test_constant_column_chosen_as_a_feature_is_refused():
    assert "Column 'flat' is constant" in message(corpus("constant_feature.csv"), feature_columns=("flat", "x1"))


def test_labels_are_sorted_as_numbers_in_a_numeric_label_column():
    data = read_labeled_csv(corpus("numeric_labels.csv"))
    first_label = corpus("numeric_labels.csv").decode().splitlines()[1].split(",")[2]
    assert data.class_names[data.y[0]] == first_label


def test_extreme_features_are_standardised_and_reported():
    data, notes = load_labeled_csv(corpus("extreme_scales.csv"))
    assert np.allclose(data.X.mean(axis=0), 0) and np.allclose(data.X.std(axis=0), 1)
    assert notes[0].startswith("income was rescaled (standardised): its values reach 3.")
    assert notes[1].startswith("tiny was rescaled (standardised): its standard deviation is only 9")


def test_huge_coordinates_do_not_overflow():
    X = np.array([[1e300, 1.0], [-1e300, 2.0]] * 6)
    data = read_labeled_csv(labelled_csv(X, ["A", "B"] * 6))
    assert np.isfinite(data.X).all() and data.feature_names[0] == "x1 (standardised)"


def test_chosen_columns_and_label():
    data = read_labeled_csv(corpus("chosen_columns.csv"), feature_columns=("height", "weight"), label_column="sex")
    assert data.feature_names == ("height", "weight") and data.class_names == ("F", "M")


def test_csv_columns_lists_the_numeric_columns_for_the_pickers():
    names, numeric = csv_columns(corpus("chosen_columns.csv"))
    assert names == ["id", "height", "weight", "age", "sex", "smoker"]
    assert numeric == ["id", "height", "weight", "age"]


@pytest.mark.parametrize("kwargs, phrase", [
    ({"label_column": "colour"}, "There is no column 'colour'"),
    ({"feature_columns": ("height", "nope")}, "There is no column 'nope'"),
    ({"feature_columns": ("height", "height")}, "two different feature columns"),
    ({"feature_columns": ("height", "sex")}, "Column 'sex' is not numeric"),
    ({"feature_columns": ("height", "smoker")}, "Column 'smoker' is the label"),
    ({"label_column": "id"}, "has 40 different values, but at most 10 classes"),
])
def test_bad_column_choices_are_refused(kwargs, phrase):
    assert phrase in message(corpus("chosen_columns.csv"), **kwargs)


def test_a_column_is_numeric_when_nine_in_ten_of_its_values_are_numbers():
    def header_and_rows(n_words):
        cells = ["word"] * n_words + [str(i) for i in range(20 - n_words)]
        return ("a,b,label\n" + "".join(f"{c},{i},{'AB'[i % 2]}\n" for i, c in enumerate(cells))).encode()

    assert csv_columns(header_and_rows(2))[1] == ["a", "b"]
    assert csv_columns(header_and_rows(3))[1] == ["b"]


# --- big files, built here ----------------------------------------------------------------------------------

def test_300_000_rows_are_subsampled_fast():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(300_000, 2)).round(6)
    labels = rng.choice(["cat", "dog", "eel"], size=300_000)
    data = labelled_csv(X, labels)
    start = time.perf_counter()
    dataset, notes = load_labeled_csv(data)
    assert time.perf_counter() - start < 10.0
    assert_usable(dataset)
    assert len(dataset.y) == MAX_ROWS and dataset.n_classes == 3
    assert "The file has 300,000 usable rows; a random 20,000 of them (seed 0) are used." in notes


def test_subsampling_keeps_a_rare_class():
    rng = np.random.default_rng(1)
    labels = ["common"] * (MAX_ROWS + 5_000)
    labels[7] = labels[12_345] = "rare"
    dataset = read_labeled_csv(labelled_csv(rng.normal(size=(len(labels), 2)), labels))
    assert dataset.class_names == ("common", "rare") and np.bincount(dataset.y).tolist() == [MAX_ROWS - 2, 2]


def test_2000_columns_are_read_fast():
    n_cols, rng = 2_000, np.random.default_rng(2)
    header = ["name", "city"] + [f"v{j}" for j in range(n_cols - 3)] + ["label"]
    rows = [[f"p{i}", "Oslo"] + [f"{v:.3f}" for v in rng.normal(size=n_cols - 3)] + ["AB"[i % 2]] for i in range(200)]
    data = "\n".join(",".join(r) for r in [header] + rows).encode()
    start = time.perf_counter()
    dataset = read_labeled_csv(data)
    names, numeric = csv_columns(data)
    assert time.perf_counter() - start < 10.0
    assert dataset.feature_names == ("v0", "v1") and len(names) == n_cols and len(numeric) == n_cols - 3


def test_thousands_of_classes_are_refused():
    rng = np.random.default_rng(3)
    labels = [f"id{i}" for i in range(5_000)]
    assert "has 5,000 different values" in message(labelled_csv(rng.normal(size=(5_000, 2)), labels))


# --- writing and round trips --------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["blobs", "moons", "xor", "three_gaussians"])
def test_dataset_round_trips_through_csv(name):
    data = make_dataset(name, n_samples=120, seed=4)
    back = read_labeled_csv(dataset_to_csv(data))
    assert np.array_equal(back.X, data.X) and np.array_equal(back.y, data.y)
    assert back.class_names == data.class_names and back.feature_names == data.feature_names


def test_unsorted_class_names_come_back_sorted_with_each_row_keeping_its_name():
    data = make_dataset("blobs", n_samples=40)
    data = Dataset(data.X, data.y, ("malignant", "benign"))
    back = read_labeled_csv(dataset_to_csv(data))
    assert back.class_names == ("benign", "malignant")
    assert [back.class_names[k] for k in back.y] == [data.class_names[k] for k in data.y]


def test_dataset_to_csv_quotes_names_with_commas_and_quotes():
    data = make_dataset("blobs", n_samples=40)
    data = Dataset(data.X, data.y, ("red, dark", 'say "hi"'), feature_names=("width, cm", 'h "x"'))
    assert dataset_to_csv(data).decode().splitlines()[0] == '"width, cm","h ""x""",label'
    back = read_labeled_csv(dataset_to_csv(data))
    assert back.class_names == data.class_names and back.feature_names == data.feature_names


NAME = st.text(st.sampled_from("abcxyzé<>/\"', "), min_size=1, max_size=8).filter(lambda s: s == s.strip())


@st.composite
def datasets(draw):
    class_names = tuple(sorted(draw(st.sets(NAME, min_size=2, max_size=4))))
    y = np.array(draw(st.lists(st.integers(0, len(class_names) - 1), min_size=MIN_ROWS, max_size=60)))
    y[: 2 * len(class_names)] = np.repeat(np.arange(len(class_names)), 2)
    X = draw(arrays(float, (len(y), 2), elements=st.floats(-1e3, 1e3)))
    feature_names = tuple(draw(st.lists(NAME, min_size=2, max_size=2, unique=True)))
    assume("label" not in feature_names and (X.std(axis=0) >= 1e-4).all())
    return Dataset(X, y, class_names, feature_names=feature_names)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_round_trip_property(data):
    back = read_labeled_csv(dataset_to_csv(data))
    assert np.array_equal(back.X, data.X) and np.array_equal(back.y, data.y)
    assert back.class_names == data.class_names and back.feature_names == data.feature_names


def dataset_or_value_error(data: bytes) -> None:
    for read in (read_labeled_csv, csv_columns):
        try:
            result = read(data)
        except ValueError:
            continue
        if isinstance(result, Dataset):
            assert_usable(result)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_dataset_or_a_value_error(data):
    dataset_or_value_error(data)


CSV_LIKE = st.text(st.sampled_from("0123456789.-e,;\t|\"\n\r abAnNif"), max_size=400)


@settings(max_examples=300, deadline=None)
@given(CSV_LIKE)
def test_any_csv_like_text_gives_a_dataset_or_a_value_error(text):
    dataset_or_value_error(text.encode())


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["1.5", "-2", "", "nan", "inf", "x", "3e5", '"4,5"']),
                          st.sampled_from(["0", "1e-9", "7", " 8 ", "NA", "-inf", "2.5"]),
                          st.sampled_from(["A", "B", "", "0.5", "C"])), min_size=0, max_size=40))
def test_messy_rows_give_a_dataset_or_a_value_error(rows):
    dataset_or_value_error(("a,b,label\n" + "".join(",".join(r) + "\n" for r in rows)).encode())
