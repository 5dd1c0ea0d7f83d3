"""Postcodes covered by a network, written as "9000-9099, 9150": parsing, merging, covering."""

import pytest
from django.core.exceptions import ValidationError

from portal import postcodes
from portal.postcodes import Range


def test_postcodes_and_ranges_are_parsed_sorted_and_merged():
    assert postcodes.parse("9150, 9000-9099 ; 9100 9101-9120") == [
        Range(9000, 9120),
        Range(9150, 9150),
    ]


def test_a_range_may_be_written_with_spaces_or_an_en_dash():
    assert postcodes.parse("9000 - 9099, 9500–9599") == [Range(9000, 9099), Range(9500, 9599)]


def test_ranges_that_touch_are_one_range_and_the_text_says_so():
    ranges = postcodes.parse("9000-9049, 9050-9099, 9150")
    assert postcodes.as_text(ranges) == "9000-9099, 9150"


def test_empty_text_covers_nothing():
    assert postcodes.parse("  ") == []


@pytest.mark.parametrize(
    "text",
    [
        "900",
        "99999",
        "0999",
        "9099-9000",
        "9000-",
        "Gent",
        "9000,,x",
        "9000-9099-9100",
        "\u00b2000",
    ],
)
def test_what_is_not_a_postcode_or_range_is_refused(text):
    with pytest.raises(ValidationError) as refused:
        postcodes.parse(text)
    assert refused.value.code == "invalid_postcodes"


def separate_postcodes(count: int) -> str:
    return ", ".join(str(code) for code in range(1000, 1000 + 2 * count, 2))


def test_as_many_ranges_as_the_limit_are_accepted():
    assert len(postcodes.parse(separate_postcodes(postcodes.MAX_RANGES))) == postcodes.MAX_RANGES


def test_one_range_more_than_the_limit_is_refused():
    with pytest.raises(ValidationError) as refused:
        postcodes.parse(separate_postcodes(postcodes.MAX_RANGES + 1))
    assert refused.value.code == "invalid_postcodes"


@pytest.mark.parametrize(
    ("postcode", "covered"),
    [
        ("9000", True),
        ("9099", True),
        ("8999", False),
        ("9100", False),
        ("9150", True),
        ("B-9050", True),
    ],
)
def test_a_postcode_is_covered_from_the_first_to_the_last_of_a_range(postcode, covered):
    assert postcodes.covered([Range(9000, 9099), Range(9150, 9150)], postcode) is covered


@pytest.mark.parametrize("postcode", ["", "90000", "abcd", "0999", None])
def test_what_is_not_a_belgian_postcode_is_never_covered(postcode):
    assert postcodes.covered([Range(1000, 9999)], postcode) is False
