"""The allocation window and the start bonus (windows.py): first and last days, short months."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from applications import engine
from portal.dates import add_months
from tests.applications.engine.builders import (
    RULES,
    WINDOW_END,
    WINDOW_START,
    call1_rules,
)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2025, 3, 1), date(2026, 2, 28)),
        (date(2025, 1, 1), date(2025, 12, 31)),
        (date(2023, 3, 1), date(2024, 2, 29)),
        (date(2025, 1, 31), date(2026, 1, 30)),
        # 2025 has no 29 February: start + 12 months is 2025-02-28, the window ends the day before.
        (date(2024, 2, 29), date(2025, 2, 27)),
    ],
    ids=str,
)
def test_window_ends_the_day_before_start_plus_12_months(start, end):
    assert engine.window(call1_rules(), start) == (start, end)


def test_consecutive_windows_leave_no_gap_and_no_overlap():
    rules = call1_rules()
    _, end = engine.window(rules, date(2024, 2, 29))
    next_start, _ = engine.window(rules, end + timedelta(days=1))
    assert next_start == add_months(date(2024, 2, 29), 12)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2025, 3, 1), 6, date(2025, 9, 1)),
        (date(2025, 11, 15), 3, date(2026, 2, 15)),
    ],
    ids=str,
)
def test_add_months_clamps_to_the_last_day_of_a_shorter_month(day, months, expected):
    assert add_months(day, months) == expected


def test_start_bonus_from_the_31st_ends_on_the_last_day_of_the_shorter_month():
    start = date(2025, 8, 31)
    window_start, window_end = engine.window(call1_rules(), date(2025, 3, 1))
    assert engine.start_bonus(call1_rules(), window_start, window_end, start) == (
        120,
        date(2026, 2, 28),
    )


@pytest.mark.parametrize("start", [WINDOW_START, WINDOW_END], ids=["first_day", "last_day"])
def test_start_bonus_applies_when_findplace_start_is_inside_window(start):
    bonus, until = engine.start_bonus(call1_rules(), WINDOW_START, WINDOW_END, start)
    assert (bonus, until) == (120, add_months(start, 6))


@pytest.mark.parametrize(
    "start",
    [None, WINDOW_START - timedelta(days=1), WINDOW_END + timedelta(days=1)],
    ids=["no_start_date", "day_before_window", "day_after_window"],
)
def test_start_bonus_does_not_apply_when_findplace_start_is_outside_window(start):
    assert engine.start_bonus(call1_rules(), WINDOW_START, WINDOW_END, start) == (0, None)


def test_start_bonus_already_granted_at_the_findplace_is_not_granted_again():
    bonus = engine.start_bonus(
        call1_rules(), WINDOW_START, WINDOW_END, WINDOW_START, already_granted=True
    )
    assert bonus == (0, None)


@pytest.mark.parametrize("number", [2, 3, 4])
def test_start_bonus_only_exists_in_call1(number):
    assert engine.start_bonus(RULES[number](), WINDOW_START, WINDOW_END, WINDOW_START) == (0, None)
