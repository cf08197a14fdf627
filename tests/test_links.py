"""ui/links.py: the link parsers every view's ``from_query`` uses."""

import pytest

from ui.links import last_values, parse_choices, parse_number, parse_numbers


class Defaults:
    colour = "red"


def test_a_repeated_key_keeps_its_last_value_and_an_empty_one_is_absent():
    assert last_values({"a": ["1", "2"], "b": [], "c": "x"}) == {"a": "2", "c": "x"}


@pytest.mark.parametrize("raw, kind, message", [("x", int, "not an integer"), ("1.5", int, "not an integer"),
                                                ("nan", float, "not a finite number"), ("9", int, "between 0 and 5")])
def test_a_bad_number_says_what_is_wrong(raw, kind, message):
    with pytest.raises(ValueError, match=message):
        parse_number(raw, kind, 0, 5)


def test_a_whole_float_reads_as_an_int():
    assert parse_number("3.0", int, 0, 5) == 3 and isinstance(parse_number("3.0", int, 0, 5), int)


def test_numbers_and_choices_keep_the_good_values_and_word_the_bad_ones():
    values, problems = parse_numbers({"n": "40", "s": "-1"}, [("n", "n_samples", int, 1, 50), ("s", "seed", int, 0, 9)])
    assert values == {"n_samples": 40} and problems == ["Ignored s='-1': must be between 0 and 9."]
    values, problems = parse_choices({"c": "blue"}, [("c", "colour", ("red", "green"), "colour")], Defaults)
    assert values == {} and problems == ["Unknown colour 'blue'; showing 'red'."]
    assert parse_choices({"c": "green"}, [("c", "colour", ("red", "green"), "colour")], Defaults) == (
        {"colour": "green"}, [])
