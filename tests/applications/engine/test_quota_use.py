"""What is used and left on an allocation (quota_use.py): the start-bonus formula
u1 + u2 <= base + min(bonus, u1), extra hours, and prep minutes on the quota."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from applications import engine
from applications.engine import Usage
from tests.applications.engine.builders import (
    RULES,
    activity,
    allocation,
    call1_rules,
    call3_rules,
    call4_rules,
    register,
)


def test_usage_counts_activity_on_bonus_until_as_after_the_bonus():
    until = date(2025, 9, 1)
    records = [(until - timedelta(days=1), 30), (until, 45)]
    assert engine.usage(records, until) == Usage(30, 45)


def test_usage_without_bonus_counts_everything_after():
    assert engine.usage([(date(2025, 4, 1), 30), (date(2025, 5, 1), 45)], None) == Usage(0, 75)


def test_bonus_is_usable_on_the_day_before_it_expires():
    alloc = allocation(240, bonus=120, bonus_until=date(2025, 9, 1))
    assert engine.remaining_minutes(alloc, Usage(), date(2025, 8, 31)) == 360


def test_bonus_is_not_usable_on_the_day_it_expires():
    alloc = allocation(240, bonus=120, bonus_until=date(2025, 9, 1))
    assert engine.remaining_minutes(alloc, Usage(), date(2025, 9, 1)) == 240


def test_registration_of_six_hours_is_accepted_the_day_before_bonus_expires():
    alloc = allocation(240, bonus=120, bonus_until=date(2025, 9, 1))
    act = activity(360, day=date(2025, 8, 31))
    assert register(call1_rules(), alloc, act) == []


def test_registration_of_six_hours_is_refused_on_the_day_bonus_expires():
    alloc = allocation(240, bonus=120, bonus_until=date(2025, 9, 1))
    act = activity(360, day=date(2025, 9, 1))
    assert register(call1_rules(), alloc, act) == ["quota_exceeded"]


@pytest.mark.parametrize(
    ("u1", "u2"),
    [
        (0, 0),
        (0, 240),
        (30, 100),
        (60, 0),
        (60, 240),
        (120, 0),
        (120, 240),
        (200, 100),
        (300, 0),
        (360, 0),
    ],
    ids=lambda value: str(value),
)
def test_after_bonus_end_u1_plus_u2_stays_within_240_plus_min_120_u1(u1, u2):
    alloc = allocation(240, bonus=120, bonus_until=date(2025, 9, 1))
    left = engine.remaining_minutes(alloc, Usage(u1, u2), date(2025, 10, 1))
    assert left == max(0, 240 + min(120, u1) - u1 - u2)
    assert u1 + u2 + left <= 240 + min(120, u1)


@pytest.mark.parametrize(
    ("u1", "u2"), [(0, 0), (60, 0), (0, 200), (100, 100), (300, 0)], ids=lambda value: str(value)
)
def test_before_bonus_end_every_minute_left_keeps_the_formula_true(u1, u2):
    alloc = allocation(240, bonus=120, bonus_until=date(2025, 9, 1))
    left = engine.remaining_minutes(alloc, Usage(u1, u2), date(2025, 8, 1))
    # Using `left` more minutes before the bonus end satisfies the rule; one more does not.
    assert u1 + left + u2 <= 240 + min(120, u1 + left)
    assert u1 + left + 1 + u2 > 240 + min(120, u1 + left + 1)


def test_extra_minutes_add_to_the_base():
    alloc = allocation(240, extra=120)
    assert engine.remaining_minutes(alloc, Usage(0, 240), date(2025, 10, 1)) == 120


def test_extra_minutes_add_to_the_base_next_to_the_bonus():
    alloc = allocation(240, extra=60, bonus=120, bonus_until=date(2025, 9, 1))
    assert engine.remaining_minutes(alloc, Usage(120, 0), date(2025, 10, 1)) == 300


def test_registration_over_granted_but_within_extra_minutes_is_accepted():
    alloc = allocation(240, extra=60)
    assert register(call1_rules(), alloc, activity(60), used=Usage(0, 240)) == []


def test_remaining_minutes_never_negative():
    assert engine.remaining_minutes(allocation(240), Usage(0, 300), date(2025, 10, 1)) == 0


@pytest.mark.parametrize(
    ("number", "work_form"),
    [(3, "theme_intervision"), (3, "workshop"), (4, "theme_intervision"), (4, "workshop")],
    ids=lambda value: str(value),
)
def test_prep_hour_counts_against_quota(number, work_form):
    assert engine.counted_minutes(RULES[number](), work_form, 150) == 210


@pytest.mark.parametrize("work_form", ["advice", "orientation", "co_consult", "case_intervision"])
def test_work_form_without_prep_counts_only_its_duration(work_form):
    assert engine.counted_minutes(call3_rules(), work_form, 150) == 150


def test_prep_hour_does_not_count_when_call_setting_is_off():
    rules = dataclasses.replace(call4_rules(), prep_counts_against_quota=False)
    assert engine.counted_minutes(rules, "workshop", 150) == 150
