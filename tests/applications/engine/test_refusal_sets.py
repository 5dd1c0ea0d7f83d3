"""The exact set of refusal codes when one registration or application breaks several rules.

A registration already refused for another reason gets no extra "quota exceeded": the
quota is only weighed for an activity that may otherwise be registered. An application
gets one refusal per rule it breaks, no more and no fewer.
"""

from __future__ import annotations

from datetime import date, time

import pytest

from applications import engine
from applications.engine import Usage
from portal.models import FindplaceKind
from tests.applications.engine.builders import (
    EXCLUSIONS,
    HOUR,
    RULES,
    activity,
    allocation,
    app_codes,
    application,
    call1_rules,
    call2_rules,
    call3_rules,
    call4_rules,
    eligible_application,
    register,
)

FULL = Usage(0, 10 * HOUR)  # a call-4 allocation of 10 h, all used


# --- Registrations: another reason means no "quota exceeded" as well -----------------------


def test_activity_over_quota_alone_is_refused_as_quota_exceeded():
    act = activity(120, "workshop", attendees=3, day=date(2025, 4, 1))
    assert register(call4_rules(), allocation(10 * HOUR), act, used=FULL) == ["quota_exceeded"]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 2, 28), {"outside_window"}),
        (date(2026, 3, 1), {"outside_window"}),
        (date(2026, 6, 2), {"outside_window", "in_future"}),
    ],
    ids=["day_before_window", "day_after_window", "after_window_and_tomorrow"],
)
def test_activity_outside_the_window_and_over_quota_is_only_outside_the_window(day, expected):
    act = activity(120, "workshop", attendees=3, day=day)
    assert set(register(call4_rules(), allocation(10 * HOUR), act, used=FULL)) == expected


def test_overlapping_activity_over_quota_is_only_an_overlap():
    act = activity(120, "workshop", attendees=3, start=time(10, 0))
    other = activity(60, "workshop", attendees=3, start=time(11, 0))
    refusals = register(call4_rules(), allocation(10 * HOUR), act, used=FULL, others=[other])
    assert set(refusals) == {"overlap"}


def test_inactive_allocation_over_quota_is_only_not_approved():
    act = activity(120, "workshop", attendees=3)
    refusals = register(call4_rules(), allocation(10 * HOUR, is_active=False), act, used=FULL)
    assert set(refusals) == {"not_approved"}


def test_future_activity_over_quota_is_only_in_the_future():
    act = activity(120, "workshop", attendees=3, day=date(2026, 6, 2))
    alloc = allocation(10 * HOUR, start=date(2026, 1, 1), end=date(2026, 12, 31))
    assert set(register(call4_rules(), alloc, act, used=FULL)) == {"in_future"}


@pytest.mark.parametrize(
    ("minutes", "work_form", "attendees", "expected"),
    [
        (300, "workshop", 3, {"too_long"}),
        (120, "workshop", 2, {"too_few_attendees"}),
        (60, "advice", 1, {"work_form_not_allowed"}),
        (90, "theme_intervision", 1, {"too_short", "too_few_attendees"}),
    ],
)
def test_work_form_refusal_over_quota_has_no_quota_exceeded(
    minutes, work_form, attendees, expected
):
    act = activity(minutes, work_form, attendees=attendees)
    assert set(register(call4_rules(), allocation(10 * HOUR), act, used=FULL)) == expected


def test_co_consult_without_consent_over_quota_is_only_consent_required():
    act = activity(60, "co_consult")
    refusals = register(call3_rules(), allocation(48 * HOUR), act, used=Usage(0, 48 * HOUR))
    assert set(refusals) == {"consent_required"}


def test_outside_window_and_overlap_and_over_quota_give_exactly_the_first_two():
    act = activity(120, "workshop", attendees=3, day=date(2025, 2, 28), start=time(10, 0))
    other = activity(60, "workshop", attendees=3, day=date(2025, 2, 28), start=time(10, 30))
    refusals = register(call4_rules(), allocation(10 * HOUR), act, used=FULL, others=[other])
    assert set(refusals) == {"outside_window", "overlap"}


# --- Applications: one refusal per broken rule ---------------------------------------------


def test_call1_without_findplace_or_structural_offer_gives_both_refusals():
    assert set(app_codes(call1_rules(), application(None))) == {
        "findplace_required",
        "no_structural_offer",
    }


def test_call1_at_a_school_without_structural_offer_gives_both_refusals():
    app = application(FindplaceKind.SECONDARY_SCHOOL)
    assert set(app_codes(call1_rules(), app)) == {"education_not_open", "no_structural_offer"}


def test_call2_at_a_clb_without_offer_gives_three_refusals():
    app = application(FindplaceKind.CLB)
    assert set(app_codes(call2_rules(), app)) == {
        "education_not_open",
        "not_leisure_findplace",
        "offer_too_small",
    }


def test_call2_without_findplace_is_not_also_refused_as_not_leisure():
    app = application(None, weekly_individual_minutes=4 * HOUR)
    assert set(app_codes(call2_rules(), app)) == {"findplace_required"}


@pytest.mark.parametrize("number", [3, 4])
def test_support_mission_with_a_clb_partner_and_every_exclusion_gives_each_once(number):
    app = eligible_application(
        number, partner_kind=FindplaceKind.CLB, **dict.fromkeys(EXCLUSIONS, True)
    )
    refusals = app_codes(RULES[number](), app)
    assert len(refusals) == len(set(refusals))
    assert set(refusals) == {"education_not_open", *EXCLUSIONS}


def test_education_open_in_the_network_leaves_only_the_other_refusals():
    app = application(FindplaceKind.CLB)
    refusals = engine.application_refusals(call2_rules(), app, education_open=True)
    assert {r.code for r in refusals} == {"not_leisure_findplace", "offer_too_small"}
