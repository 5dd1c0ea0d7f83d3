"""The registration rules (registrations.py): window, today, work forms, attendees, overlap,
the quota, and the lock on billed registrations."""

from __future__ import annotations

import dataclasses
from datetime import date, time, timedelta

import pytest

from applications import engine
from applications.engine import Usage
from tests.applications.engine.builders import (
    HOUR,
    RULES,
    WINDOW_END,
    WINDOW_START,
    activity,
    allocation,
    call1_rules,
    call3_rules,
    call4_rules,
    codes,
    register,
)


def test_registration_exactly_at_quota_is_accepted():
    assert register(call1_rules(), allocation(240), activity(60), used=Usage(0, 180)) == []


def test_registration_one_minute_over_quota_is_refused():
    assert register(call1_rules(), allocation(240), activity(61), used=Usage(0, 180)) == [
        "quota_exceeded"
    ]


@pytest.mark.parametrize("day", [WINDOW_START, WINDOW_END], ids=["first_day", "last_day"])
def test_registration_on_first_and_last_day_of_window_is_accepted(day):
    assert register(call1_rules(), allocation(240), activity(day=day)) == []


@pytest.mark.parametrize(
    "day",
    [WINDOW_START - timedelta(days=1), WINDOW_END + timedelta(days=1)],
    ids=["day_before_window", "day_after_window"],
)
def test_registration_outside_window_is_refused(day):
    assert register(call1_rules(), allocation(240), activity(day=day)) == ["outside_window"]


def test_registration_dated_today_is_accepted():
    day = date(2025, 6, 1)
    assert register(call1_rules(), allocation(240), activity(day=day), today=day) == []


def test_registration_dated_tomorrow_is_refused_as_in_future():
    day = date(2025, 6, 2)
    assert register(call1_rules(), allocation(240), activity(day=day), today=date(2025, 6, 1)) == [
        "in_future"
    ]


def test_registration_on_inactive_allocation_is_refused_as_not_approved():
    assert register(call1_rules(), allocation(240, is_active=False), activity()) == ["not_approved"]


@pytest.mark.parametrize(
    ("number", "work_form"),
    [(4, "advice"), (4, "co_consult"), (1, "presence"), (2, "consultation"), (3, "presence")],
    ids=lambda value: str(value),
)
def test_work_form_not_in_call_is_refused(number, work_form):
    act = activity(120, work_form, attendees=5, consent=True)
    assert register(RULES[number](), allocation(10 * HOUR), act) == ["work_form_not_allowed"]


@pytest.mark.parametrize("number", [3, 4])
@pytest.mark.parametrize("work_form", ["theme_intervision", "workshop"])
@pytest.mark.parametrize("minutes", [120, 240], ids=["2h", "4h"])
def test_group_work_form_of_exactly_2_or_4_hours_is_accepted(number, work_form, minutes):
    act = activity(minutes, work_form, attendees=3)
    assert register(RULES[number](), allocation(10 * HOUR), act) == []


@pytest.mark.parametrize("number", [3, 4])
@pytest.mark.parametrize("work_form", ["theme_intervision", "workshop"])
def test_group_work_form_of_119_minutes_is_too_short(number, work_form):
    act = activity(119, work_form, attendees=3)
    assert register(RULES[number](), allocation(10 * HOUR), act) == ["too_short"]


@pytest.mark.parametrize("number", [3, 4])
@pytest.mark.parametrize("work_form", ["theme_intervision", "workshop"])
def test_group_work_form_of_241_minutes_is_too_long(number, work_form):
    act = activity(241, work_form, attendees=3)
    assert register(RULES[number](), allocation(10 * HOUR), act) == ["too_long"]


@pytest.mark.parametrize(
    ("number", "work_form"),
    [
        (3, "case_intervision"),
        (3, "theme_intervision"),
        (3, "workshop"),
        (4, "theme_intervision"),
        (4, "workshop"),
    ],
    ids=lambda value: str(value),
)
def test_group_work_form_with_three_attendees_is_accepted(number, work_form):
    act = activity(120, work_form, attendees=3)
    assert register(RULES[number](), allocation(10 * HOUR), act) == []


@pytest.mark.parametrize(
    ("number", "work_form"),
    [
        (3, "case_intervision"),
        (3, "theme_intervision"),
        (3, "workshop"),
        (4, "theme_intervision"),
        (4, "workshop"),
    ],
    ids=lambda value: str(value),
)
def test_group_work_form_with_two_attendees_is_refused(number, work_form):
    act = activity(120, work_form, attendees=2)
    assert register(RULES[number](), allocation(10 * HOUR), act) == ["too_few_attendees"]


@pytest.mark.parametrize("work_form", ["advice", "orientation", "co_consult"])
def test_individual_work_form_with_one_attendee_and_any_duration_is_accepted(work_form):
    act = activity(10, work_form, attendees=1, consent=True)
    assert register(call3_rules(), allocation(48 * HOUR), act) == []


def test_zero_minute_registration_is_refused_as_too_short():
    assert register(call1_rules(), allocation(240), activity(0)) == ["too_short"]


def test_touching_activities_do_not_overlap():
    other = activity(60, start=time(9, 0))  # 09:00–10:00
    act = activity(60, start=time(10, 0))  # 10:00–11:00
    assert register(call1_rules(), allocation(240), act, others=[other]) == []


def test_activity_ending_where_another_starts_does_not_overlap():
    other = activity(60, start=time(11, 0))  # 11:00–12:00
    act = activity(60, start=time(10, 0))  # 10:00–11:00
    assert engine.overlaps(act, [other]) is False


def test_one_minute_overlap_is_refused():
    other = activity(61, start=time(9, 0))  # 09:00–10:01
    act = activity(60, start=time(10, 0))
    assert register(call1_rules(), allocation(240), act, others=[other]) == ["overlap"]


def test_activity_inside_another_overlaps():
    other = activity(240, start=time(9, 0))
    assert engine.overlaps(activity(30, start=time(10, 0)), [other]) is True


def test_activity_without_start_time_never_overlaps():
    other = activity(240, start=time(9, 0))
    assert engine.overlaps(activity(30, start=None), [other]) is False


def test_prep_hour_can_push_a_registration_over_quota():
    act = activity(240, "workshop", attendees=3)
    assert register(call4_rules(), allocation(10 * HOUR), act, used=Usage(0, 360)) == [
        "quota_exceeded"
    ]


def test_registration_fits_when_prep_does_not_count_against_quota():
    rules = dataclasses.replace(call4_rules(), prep_counts_against_quota=False)
    act = activity(240, "workshop", attendees=3)
    assert register(rules, allocation(10 * HOUR), act, used=Usage(0, 360)) == []


def test_registration_reports_every_broken_rule_at_once():
    act = activity(90, "workshop", attendees=2, day=date(2027, 1, 1))
    refusals = register(call4_rules(), allocation(10 * HOUR, is_active=False), act)
    assert set(refusals) == {
        "not_approved",
        "outside_window",
        "in_future",
        "too_short",
        "too_few_attendees",
    }


def test_billed_registration_is_locked():
    assert codes(engine.change_refusals(is_billed=True)) == ["already_billed"]
    assert engine.change_refusals(is_billed=False) == []
