"""The worked examples of docs/rules.md that must hold, on the engine alone (no database)."""

from __future__ import annotations

from datetime import date

import pytest

from applications import engine
from applications.engine import GrantedSlice, Usage
from portal.models import FindplaceKind
from tests.applications.engine.builders import (
    HOUR,
    RULES,
    WINDOW_END,
    WINDOW_START,
    activity,
    allocation,
    app_codes,
    call1_rules,
    call2_rules,
    call3_rules,
    call4_rules,
    eligible_application,
    register,
)


def test_example_1_call1_four_hours_used_then_further_15_minutes_refused():
    rules, alloc = call1_rules(), allocation(240)
    records = []
    for minutes, day in [(90, date(2025, 4, 1)), (90, date(2025, 5, 1)), (60, date(2025, 6, 1))]:
        used = engine.usage(records, None)
        assert register(rules, alloc, activity(minutes, day=day), used=used) == []
        records.append((day, minutes))
    used = engine.usage(records, None)
    assert used.total == 240
    assert engine.remaining_minutes(alloc, used, date(2025, 7, 1)) == 0
    assert register(rules, alloc, activity(15, day=date(2025, 7, 1)), used=used) == [
        "quota_exceeded"
    ]


def _bonus_allocation():
    rules = call1_rules()
    bonus, until = engine.start_bonus(rules, WINDOW_START, WINDOW_END, date(2025, 3, 1))
    return allocation(240, bonus=bonus, bonus_until=until)


def test_example_2_bonus_ends_six_months_after_start():
    alloc = _bonus_allocation()
    assert (alloc.bonus_minutes, alloc.bonus_until) == (120, date(2025, 9, 1))


def test_example_2_sixty_minutes_before_bonus_end_leaves_240_afterwards():
    rules, alloc = call1_rules(), _bonus_allocation()
    used = engine.usage([(date(2025, 4, 1), 60)], alloc.bonus_until)
    after = date(2025, 9, 1)
    assert engine.remaining_minutes(alloc, used, after) == 240
    assert register(rules, alloc, activity(240, day=after), used=used) == []
    assert register(rules, alloc, activity(241, day=after), used=used) == ["quota_exceeded"]


def test_example_2_360_minutes_before_bonus_end_leaves_nothing_afterwards():
    rules, alloc = call1_rules(), _bonus_allocation()
    used = engine.usage([(date(2025, 4, 1), 240), (date(2025, 8, 31), 120)], alloc.bonus_until)
    assert used == Usage(360, 0)
    assert engine.remaining_minutes(alloc, used, date(2025, 9, 1)) == 0
    assert register(rules, alloc, activity(15, day=date(2025, 9, 1)), used=used) == [
        "quota_exceeded"
    ]


def test_example_3_call2_30_hours_held_leaves_18_of_20_asked():
    granted = engine.grantable_minutes(call2_rules(), 20 * HOUR, [GrantedSlice(30 * HOUR)])
    assert granted == 18 * HOUR


@pytest.mark.parametrize(
    ("weekly", "groups", "eligible"),
    [(3 * HOUR, 2, False), (4 * HOUR, 2, True), (3 * HOUR, 3, True)],
    ids=["3h_week_2_groups_refused", "4h_week_eligible", "3_groups_eligible"],
)
def test_example_4_call2_offer_eligibility(weekly, groups, eligible):
    app = eligible_application(2, weekly_individual_minutes=weekly, group_trajectories=groups)
    assert app_codes(call2_rules(), app) == ([] if eligible else ["offer_too_small"])


@pytest.mark.parametrize(
    ("minutes", "attendees", "expected"),
    [(90, 5, ["too_short"]), (270, 5, ["too_long"]), (180, 2, ["too_few_attendees"]), (180, 5, [])],
    ids=["90_min_too_short", "270_min_too_long", "2_attendees_too_few", "180_min_5_ok"],
)
def test_example_5_call3_theme_intervision(minutes, attendees, expected):
    act = activity(minutes, "theme_intervision", attendees=attendees)
    assert register(call3_rules(), allocation(48 * HOUR), act) == expected


def test_example_5_call3_theme_intervision_of_3_hours_uses_4_hours():
    assert engine.counted_minutes(call3_rules(), "theme_intervision", 180) == 240


def test_example_6_call3_co_consult_without_consent_is_refused():
    act = activity(45, "co_consult", consent=False)
    assert register(call3_rules(), allocation(48 * HOUR), act) == ["consent_required"]


def test_example_6_call3_co_consult_with_consent_is_accepted():
    act = activity(45, "co_consult", consent=True)
    assert register(call3_rules(), allocation(48 * HOUR), act) == []


def test_example_8_call4_two_4h_workshops_use_10_hours_and_a_third_is_refused():
    rules, alloc = call4_rules(), allocation(10 * HOUR)
    first = activity(240, "workshop", attendees=3, day=date(2025, 4, 1))
    second = activity(240, "workshop", attendees=3, day=date(2025, 5, 1))
    assert register(rules, alloc, first) == []
    used = Usage(0, engine.counted_minutes(rules, "workshop", 240))
    assert register(rules, alloc, second, used=used) == []
    used = Usage(0, used.total + engine.counted_minutes(rules, "workshop", 240))
    assert used.total == 10 * HOUR
    third = activity(120, "workshop", attendees=3, day=date(2025, 6, 1))
    assert register(rules, alloc, third, used=used) == ["quota_exceeded"]


@pytest.mark.parametrize("kind", [FindplaceKind.SECONDARY_SCHOOL, FindplaceKind.CLB])
@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_example_9_any_call_at_secondary_school_or_clb_is_not_yet_open(number, kind):
    app = eligible_application(number, findplace_kind=kind)
    assert "education_not_open" in app_codes(RULES[number](), app)
