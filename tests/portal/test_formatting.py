"""The one formatter of the portal: hours, money and percentages as people read them, in
the page's language, and durations read back the way people type them."""

from decimal import Decimal

import pytest
from django.utils import translation

from portal import formatting


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(90, "1 u 30 min"), (240, "4 u"), (45, "45 min"), (0, "0 min"), (-30, "-30 min")],
)
def test_minutes_are_written_as_dutch_hours(minutes, text):
    with translation.override("nl-be"):
        assert formatting.hours(minutes) == text


def test_hours_use_the_english_unit_on_english_pages():
    with translation.override("en"):
        assert formatting.hours(48 * 60) == "48 h"
        assert formatting.hours(90) == "1 h 30 min"


def test_whole_hours_of_an_invoice_carry_the_unit_of_the_language():
    with translation.override("nl-be"):
        assert formatting.whole_hours(3) == "3 u"
    with translation.override("en"):
        assert formatting.whole_hours(3) == "3 h"


def test_money_is_written_with_the_euro_sign_and_a_decimal_comma_in_dutch():
    with translation.override("nl-be"):
        assert formatting.money(Decimal("1234.5")) == "€ 1.234,50"
        assert formatting.money(Decimal("86.69")) == "€ 86,69"


def test_money_is_written_the_english_way_on_english_pages():
    with translation.override("en"):
        assert formatting.money(Decimal("1234.5")) == "€1,234.50"


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(90, "1 h 30"), (125, "2 h 05"), (240, "4 h"), (45, "45 min"), (-90, "-1 h 30")],
)
def test_minutes_are_written_as_french_hours_like_a_time(minutes, text):
    with translation.override("fr-be"):
        assert formatting.hours(minutes) == text


def test_french_hours_are_read_back_as_the_same_minutes():
    with translation.override("fr-be"):
        assert formatting.parse_duration(formatting.hours(125)) == 125


def test_uptake_percentage_is_rounded_half_up_not_down():
    assert formatting.rounded_percent(150, 360) == 42  # 2.5 of 6 h is 41.67 %
    assert formatting.rounded_percent(150, 240) == 63  # 62.5 %
    assert formatting.rounded_percent(1, 3) == 33


def test_percentage_of_nothing_granted_is_none_and_shown_as_a_dash():
    assert formatting.rounded_percent(30, 0) is None
    assert formatting.percent(None) == "–"


def test_percentage_is_written_per_language():
    with translation.override("nl-be"):
        assert formatting.percent(42) == "42 %"
    with translation.override("en"):
        assert formatting.percent(42) == "42%"


def test_csv_numbers_have_a_decimal_comma_whatever_the_language():
    with translation.override("en"):
        assert formatting.csv_hours(90) == "1,50"
        assert formatting.decimal_comma(Decimal("86.69")) == "86,69"


def test_hours_input_value_is_a_plain_decimal():
    assert (formatting.hours_input(90), formatting.hours_input(240)) == ("1.5", "4")
    assert formatting.hours_input(0) == "0"


@pytest.mark.parametrize(
    ("minutes", "hours"), [(1, "0.25"), (35, "0.75"), (60, "1"), (61, "1.25"), (100, "1.75")]
)
def test_a_shortfall_is_rounded_up_to_whole_quarters(minutes, hours):
    assert formatting.quarter_hours(minutes) == Decimal(hours)


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [
        ("90", 90),
        ("90 min", 90),
        ("1:30", 90),
        ("0:45", 45),
        ("1 u 30", 90),
        ("1u30", 90),
        ("1 u 30 min", 90),
        ("1 h 30 min", 90),
        ("1h30m", 90),
        ("2 u", 120),
        ("2 uur", 120),
        ("1,5 u", 90),
        ("1.25 h", 75),
        (" 1  U  30 ", 90),
    ],
)
def test_a_duration_is_read_as_people_type_it(typed, minutes):
    assert formatting.parse_duration(typed) == minutes


@pytest.mark.parametrize(
    "typed",
    ["", "abc", "u", "1:75", "1,33 u", "1,5 u 20", "-30", "1e9", "1:30:00", "99999 min", "1 u u"],
)
def test_what_is_no_duration_is_refused(typed):
    with pytest.raises(ValueError):
        formatting.parse_duration(typed)
