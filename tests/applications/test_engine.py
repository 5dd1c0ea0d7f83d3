"""Unit tests of the allocation engine (applications/engine.py): pure functions, no database.

The call rules are built from the real seed data (`CALLS` in migration 0003) through unsaved
`Call` / `CallWorkForm` instances, so model defaults and `CallRules.from_call` are exercised
too. Allocations, applications and findplaces are plain `SimpleNamespace` objects.
"""

from __future__ import annotations

import dataclasses
import importlib
import re
from datetime import date, time, timedelta
from types import SimpleNamespace

import pytest

from applications import engine
from applications.engine import Activity, CallRules, GrantedSlice, Usage
from applications.models import Call, CallWorkForm
from portal.dates import add_months
from portal.models import FindplaceKind

SEED = importlib.import_module("applications.migrations.0003_seed_calls")

HOUR = 60
TODAY = date(2026, 6, 1)
WINDOW_START = date(2025, 3, 1)
WINDOW_END = date(2026, 2, 28)
EXCLUSIONS = (
    "employed_by_requester",
    "regular_mission",
    "funded_otherwise",
    "target_not_in_contact",
    "clients_in_care",
)
EDUCATION = (FindplaceKind.SECONDARY_SCHOOL, FindplaceKind.PRIMARY_SCHOOL, FindplaceKind.CLB)
LEISURE = (
    FindplaceKind.OVERKOPHUIS,
    FindplaceKind.LOCAL_SERVICE_CENTRE,
    FindplaceKind.YOUTH_HOUSE,
    FindplaceKind.COMMUNITY_HOUSE,
)


# --- Builders ----------------------------------------------------------------------------


class _UnsavedCall:
    """An unsaved `Call` whose `work_forms.all()` returns unsaved `CallWorkForm`s (no DB)."""

    def __init__(self, call: Call, forms: list[CallWorkForm]):
        self._call = call
        self.work_forms = SimpleNamespace(all=lambda: forms)

    def __getattr__(self, name):
        return getattr(self._call, name)


def seed_rules(number: int) -> CallRules:
    spec = dict(next(spec for spec in SEED.CALLS if spec["number"] == number))
    work_forms = spec.pop("work_forms")
    forms = [CallWorkForm(work_form=name, **rules) for name, rules in work_forms.items()]
    return CallRules.from_call(_UnsavedCall(Call(**spec), forms))


def call1_rules() -> CallRules:
    return seed_rules(1)


def call2_rules() -> CallRules:
    return seed_rules(2)


def call3_rules() -> CallRules:
    return seed_rules(3)


def call4_rules() -> CallRules:
    return seed_rules(4)


RULES = {1: call1_rules, 2: call2_rules, 3: call3_rules, 4: call4_rules}


def allocation(
    granted=240,
    *,
    extra=0,
    bonus=0,
    bonus_until=None,
    start=WINDOW_START,
    end=WINDOW_END,
    is_active=True,
):
    return SimpleNamespace(
        granted_minutes=granted,
        extra_minutes=extra,
        bonus_minutes=bonus,
        bonus_until=bonus_until,
        window_start=start,
        window_end=end,
        is_active=is_active,
    )


def application(findplace_kind=None, *, partner_kind="", **values):
    fields = {
        "weekly_individual_minutes": 0,
        "group_trajectories": 0,
        "structural_offer": False,
        **dict.fromkeys(EXCLUSIONS, False),
    }
    fields.update(values)
    findplace = SimpleNamespace(kind=findplace_kind) if findplace_kind else None
    return SimpleNamespace(findplace=findplace, partner_kind=partner_kind, **fields)


def eligible_application(number: int, **values):
    """An application that breaks no rule of call `number`."""
    if number == 1:
        defaults = {"findplace_kind": FindplaceKind.GP_PRACTICE, "structural_offer": True}
    elif number == 2:
        defaults = {
            "findplace_kind": FindplaceKind.LOCAL_SERVICE_CENTRE,
            "weekly_individual_minutes": 4 * HOUR,
        }
    else:
        defaults = {"partner_kind": FindplaceKind.SOCIAL_SERVICE}
    return application(**{**defaults, **values})


def activity(
    minutes=60,
    work_form="consultation",
    *,
    day=date(2025, 4, 1),
    start=time(10, 0),
    attendees=1,
    consent=False,
):
    return Activity(
        date=day,
        start_time=start,
        duration_minutes=minutes,
        work_form=work_form,
        attendees=attendees,
        client_consent=consent,
    )


def codes(refusals) -> list[str]:
    return [refusal.code for refusal in refusals]


NOTHING_USED = Usage()


def register(rules, alloc, act, *, used=NOTHING_USED, today=TODAY, others=()) -> list[str]:
    return codes(
        engine.registration_refusals(
            rules, alloc, act, today=today, used=used, others_that_day=others
        )
    )


def app_codes(rules, app, *, education_open=False) -> list[str]:
    return codes(engine.application_refusals(rules, app, education_open=education_open))


# --- The seed mirrors domain.md -----------------------------------------------------------


def test_call1_quota_is_four_hours_per_findplace():
    rules = call1_rules()
    assert rules.quota_minutes == 4 * HOUR
    assert engine.grantable_minutes(rules, 10 * HOUR) == 4 * HOUR


def test_call1_start_bonus_is_two_hours_for_six_months():
    rules = call1_rules()
    assert (rules.start_bonus_minutes, rules.start_bonus_months) == (2 * HOUR, 6)


def test_call2_cap_is_48_hours_with_96_hour_overkophuis_exception():
    rules = call2_rules()
    assert (rules.quota_minutes, rules.exception_quota_minutes) == (48 * HOUR, 96 * HOUR)


def test_call3_quota_is_48_hours_per_agreement():
    assert call3_rules().quota_minutes == 48 * HOUR


def test_call4_quota_is_ten_hours_per_psychologist():
    assert call4_rules().quota_minutes == 10 * HOUR


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_every_call_has_a_12_month_window_and_is_closed_to_education(number):
    rules = RULES[number]()
    assert rules.window_months == 12
    assert rules.open_for_education is False


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_prep_counts_against_quota_by_default(number):
    assert RULES[number]().prep_counts_against_quota is True


@pytest.mark.parametrize(
    ("number", "work_forms"),
    [
        (1, {"consultation"}),
        (2, {"presence"}),
        (
            3,
            {
                "advice",
                "orientation",
                "co_consult",
                "case_intervision",
                "theme_intervision",
                "workshop",
            },
        ),
        (4, {"theme_intervision", "workshop"}),
    ],
)
def test_call_work_forms_match_the_call_text(number, work_forms):
    assert set(RULES[number]().work_forms) == work_forms


@pytest.mark.parametrize(
    ("number", "work_form"),
    [(3, "theme_intervision"), (3, "workshop"), (4, "theme_intervision"), (4, "workshop")],
)
def test_group_work_forms_last_2_to_4_hours_with_3_attendees_and_1_hour_prep(number, work_form):
    rule = RULES[number]().work_forms[work_form]
    assert (rule.min_minutes, rule.max_minutes) == (2 * HOUR, 4 * HOUR)
    assert (rule.min_attendees, rule.prep_minutes) == (3, HOUR)


@pytest.mark.parametrize("work_form", ["advice", "orientation", "co_consult", "case_intervision"])
def test_call3_individual_work_forms_have_no_prep_hour(work_form):
    assert call3_rules().work_forms[work_form].prep_minutes == 0


def test_call3_case_intervision_needs_three_attendees():
    assert call3_rules().work_forms["case_intervision"].min_attendees == 3


def test_only_co_consult_requires_client_consent():
    consent = {name for name, rule in call3_rules().work_forms.items() if rule.requires_consent}
    assert consent == {"co_consult"}


# --- Worked examples of domain.md ---------------------------------------------------------


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


# --- Windows and the start bonus ----------------------------------------------------------


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


def test_usage_counts_activity_on_bonus_until_as_after_the_bonus():
    until = date(2025, 9, 1)
    records = [(until - timedelta(days=1), 30), (until, 45)]
    assert engine.usage(records, until) == Usage(30, 45)


def test_usage_without_bonus_counts_everything_after():
    assert engine.usage([(date(2025, 4, 1), 30), (date(2025, 5, 1), 45)], None) == Usage(0, 75)


# --- remaining_minutes and the bonus formula ----------------------------------------------


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


# --- Registrations ------------------------------------------------------------------------


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


# --- grantable_minutes, approval and exclusive grants -------------------------------------


def test_call2_cap_is_shared_by_overlapping_windows():
    overlapping = [GrantedSlice(20 * HOUR), GrantedSlice(20 * HOUR)]
    assert engine.grantable_minutes(call2_rules(), 20 * HOUR, overlapping) == 8 * HOUR


def test_call2_cap_counts_only_windows_that_overlap_each_other():
    year_2025 = GrantedSlice(30 * HOUR, start=date(2025, 1, 1), end=date(2025, 12, 31))
    year_2026 = GrantedSlice(30 * HOUR, start=date(2026, 1, 1), end=date(2026, 12, 31))
    granted = engine.grantable_minutes(
        call2_rules(), 20 * HOUR, [year_2025, year_2026], window_start=date(2025, 7, 1)
    )
    assert granted == 18 * HOUR


def test_call2_cap_counts_a_window_that_starts_inside_the_new_one():
    earlier = GrantedSlice(30 * HOUR, start=date(2025, 1, 1), end=date(2025, 12, 31))
    later = GrantedSlice(10 * HOUR, start=date(2025, 9, 1), end=date(2026, 8, 31))
    granted = engine.grantable_minutes(
        call2_rules(), 20 * HOUR, [earlier, later], window_start=date(2025, 7, 1)
    )
    assert granted == 8 * HOUR


def test_peak_counts_a_window_ending_the_day_before_another_starts_apart():
    ends = GrantedSlice(30 * HOUR, start=date(2025, 1, 1), end=date(2025, 6, 30))
    starts = GrantedSlice(30 * HOUR, start=date(2025, 7, 1), end=date(2026, 6, 30))
    assert engine.peak_minutes([ends, starts], date(2025, 3, 1)) == 30 * HOUR


def test_peak_counts_windows_sharing_their_last_and_first_day_together():
    ends = GrantedSlice(30 * HOUR, start=date(2025, 1, 1), end=date(2025, 7, 1))
    starts = GrantedSlice(10 * HOUR, start=date(2025, 7, 1), end=date(2026, 6, 30))
    assert engine.peak_minutes([ends, starts], date(2025, 3, 1)) == 40 * HOUR


def test_call2_without_overlapping_grants_gives_full_48_hours():
    assert engine.grantable_minutes(call2_rules(), 60 * HOUR, []) == 48 * HOUR


def test_grantable_never_exceeds_request():
    assert (
        engine.grantable_minutes(call2_rules(), 10 * HOUR, [GrantedSlice(30 * HOUR)]) == 10 * HOUR
    )


def test_call2_cap_fully_used_leaves_nothing():
    assert engine.grantable_minutes(call2_rules(), 10 * HOUR, [GrantedSlice(48 * HOUR)]) == 0


def test_exclusive_overkophuis_grant_blocks_others():
    overlapping = [GrantedSlice(60 * HOUR, exclusive=True)]
    assert engine.grantable_minutes(call2_rules(), 10 * HOUR, overlapping) == 0


def test_overkophuis_exception_allows_96_hours_without_overlapping_grants():
    granted = engine.grantable_minutes(
        call2_rules(), 100 * HOUR, [], exception_requested=True, findplace_is_overkophuis=True
    )
    assert granted == 96 * HOUR


def test_exception_not_requested_keeps_48_hour_cap_at_overkophuis():
    granted = engine.grantable_minutes(
        call2_rules(), 96 * HOUR, [], exception_requested=False, findplace_is_overkophuis=True
    )
    assert granted == 48 * HOUR


def test_exception_outside_overkophuis_keeps_48_hour_cap():
    granted = engine.grantable_minutes(
        call2_rules(), 96 * HOUR, [], exception_requested=True, findplace_is_overkophuis=False
    )
    assert granted == 48 * HOUR


def test_exception_with_overlapping_grant_falls_back_to_48_hour_cap_minus_used():
    granted = engine.grantable_minutes(
        call2_rules(),
        96 * HOUR,
        [GrantedSlice(10 * HOUR)],
        exception_requested=True,
        findplace_is_overkophuis=True,
    )
    assert granted == 38 * HOUR


@pytest.mark.parametrize("number", [1, 3, 4])
def test_exception_does_not_exist_outside_call2(number):
    rules = RULES[number]()
    granted = engine.grantable_minutes(
        rules, 100 * HOUR, [], exception_requested=True, findplace_is_overkophuis=True
    )
    assert granted == rules.quota_minutes


def test_approval_within_grantable_has_no_refusal():
    assert engine.approval_refusals(call2_rules(), 18 * HOUR, 18 * HOUR) == []


def test_approval_above_grantable_is_refused_as_hours_above_max():
    assert codes(engine.approval_refusals(call2_rules(), 18 * HOUR + 1, 18 * HOUR)) == [
        "hours_above_max"
    ]


def test_approval_of_zero_minutes_is_refused_as_hours_above_max():
    assert codes(engine.approval_refusals(call2_rules(), 0, 18 * HOUR)) == ["hours_above_max"]


def test_approval_when_nothing_is_grantable_is_refused_as_findplace_cap_reached():
    assert codes(engine.approval_refusals(call2_rules(), 60, 0)) == ["findplace_cap_reached"]


def test_grant_above_48_hours_in_call2_is_exclusive():
    assert engine.is_exclusive_grant(call2_rules(), 48 * HOUR + 1) is True


def test_grant_of_48_hours_in_call2_is_not_exclusive():
    assert engine.is_exclusive_grant(call2_rules(), 48 * HOUR) is False


@pytest.mark.parametrize("number", [1, 3, 4])
def test_grants_outside_call2_are_never_exclusive(number):
    assert engine.is_exclusive_grant(RULES[number](), 200 * HOUR) is False


# --- application_refusals -----------------------------------------------------------------


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_eligible_application_has_no_refusal(number):
    assert app_codes(RULES[number](), eligible_application(number)) == []


@pytest.mark.parametrize("kind", EDUCATION, ids=str)
@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_education_findplace_is_not_open(number, kind):
    app = eligible_application(number, findplace_kind=kind)
    assert "education_not_open" in app_codes(RULES[number](), app)


@pytest.mark.parametrize("number", [3, 4])
def test_clb_partner_without_findplace_is_not_open(number):
    app = eligible_application(number, partner_kind=FindplaceKind.CLB)
    assert app_codes(RULES[number](), app) == ["education_not_open"]


@pytest.mark.parametrize("kind", EDUCATION, ids=str)
@pytest.mark.parametrize("number", [1, 3, 4])
def test_education_is_allowed_when_network_opens_it(number, kind):
    app = eligible_application(number, findplace_kind=kind)
    assert app_codes(RULES[number](), app, education_open=True) == []


def test_education_is_allowed_when_call_opens_it():
    rules = dataclasses.replace(call3_rules(), open_for_education=True)
    app = eligible_application(3, partner_kind=FindplaceKind.CLB)
    assert app_codes(rules, app) == []


@pytest.mark.parametrize("number", [1, 2])
def test_findplace_calls_require_a_findplace(number):
    app = eligible_application(number, findplace_kind=None)
    assert "findplace_required" in app_codes(RULES[number](), app)


@pytest.mark.parametrize("number", [3, 4])
def test_support_mission_calls_do_not_require_a_findplace(number):
    assert app_codes(RULES[number](), eligible_application(number, findplace_kind=None)) == []


def test_call2_at_gp_practice_is_refused_as_not_leisure_findplace():
    app = eligible_application(2, findplace_kind=FindplaceKind.GP_PRACTICE)
    assert app_codes(call2_rules(), app) == ["not_leisure_findplace"]


@pytest.mark.parametrize("kind", LEISURE, ids=str)
def test_call2_at_leisure_findplace_is_accepted(kind):
    assert app_codes(call2_rules(), eligible_application(2, findplace_kind=kind)) == []


@pytest.mark.parametrize("number", [1, 3, 4])
def test_leisure_findplace_is_not_required_outside_call2(number):
    app = eligible_application(number, findplace_kind=FindplaceKind.GP_PRACTICE)
    assert app_codes(RULES[number](), app) == []


def test_call2_239_minutes_a_week_and_2_trajectories_is_offer_too_small():
    app = eligible_application(2, weekly_individual_minutes=239, group_trajectories=2)
    assert app_codes(call2_rules(), app) == ["offer_too_small"]


def test_call2_no_offer_at_all_is_offer_too_small():
    app = eligible_application(2, weekly_individual_minutes=0, group_trajectories=0)
    assert app_codes(call2_rules(), app) == ["offer_too_small"]


@pytest.mark.parametrize("number", [1, 3, 4])
def test_minimum_offer_applies_only_to_call2(number):
    app = eligible_application(number, weekly_individual_minutes=0, group_trajectories=0)
    assert app_codes(RULES[number](), app) == []


def test_call1_without_structural_offer_is_refused():
    app = eligible_application(1, structural_offer=False)
    assert app_codes(call1_rules(), app) == ["no_structural_offer"]


@pytest.mark.parametrize("number", [2, 3, 4])
def test_structural_offer_is_required_only_in_call1(number):
    app = eligible_application(number, structural_offer=False)
    assert app_codes(RULES[number](), app) == []


@pytest.mark.parametrize("exclusion", EXCLUSIONS)
@pytest.mark.parametrize("number", [3, 4])
def test_support_mission_exclusion_is_refused_in_calls_3_and_4(number, exclusion):
    app = eligible_application(number, **{exclusion: True})
    assert app_codes(RULES[number](), app) == [exclusion]


@pytest.mark.parametrize("number", [3, 4])
def test_every_exclusion_gets_its_own_refusal(number):
    app = eligible_application(number, **dict.fromkeys(EXCLUSIONS, True))
    assert app_codes(RULES[number](), app) == list(EXCLUSIONS)


@pytest.mark.parametrize("number", [1, 2])
def test_exclusions_do_not_apply_in_calls_1_and_2(number):
    app = eligible_application(number, **dict.fromkeys(EXCLUSIONS, True))
    assert app_codes(RULES[number](), app) == []


# --- Messages -----------------------------------------------------------------------------

DUTCH_WORDS = {"de", "het", "een", "van", "deze", "u", "niet", "op", "en", "kan", "of"}


def _every_refusal() -> list[engine.Refusal]:
    r1, r2, r3, r4 = call1_rules(), call2_rules(), call3_rules(), call4_rules()
    inactive = allocation(10 * HOUR, is_active=False)
    refusals = [
        *engine.application_refusals(
            r1, application(None, partner_kind=FindplaceKind.CLB), education_open=False
        ),
        *engine.application_refusals(
            r2, application(FindplaceKind.GP_PRACTICE), education_open=False
        ),
        *engine.application_refusals(
            r3, application(None, **dict.fromkeys(EXCLUSIONS, True)), education_open=False
        ),
        *engine.approval_refusals(r2, 0, 60),
        *engine.approval_refusals(r2, 120, 60),
        *engine.approval_refusals(r2, 60, 0),
        *engine.registration_refusals(
            r4,
            inactive,
            activity(90, "workshop", attendees=2, day=date(2027, 1, 1)),
            today=TODAY,
            used=Usage(),
        ),
        *engine.registration_refusals(
            r4, allocation(), activity(300, "advice"), today=TODAY, used=Usage()
        ),
        *engine.registration_refusals(
            r3,
            allocation(48 * HOUR),
            activity(300, "workshop", attendees=3),
            today=TODAY,
            used=Usage(),
        ),
        *engine.registration_refusals(
            r3,
            allocation(48 * HOUR),
            activity(30, "co_consult"),
            today=TODAY,
            used=Usage(),
            others_that_day=[activity(60, start=time(9, 30))],
        ),
        *engine.registration_refusals(
            r1, allocation(240), activity(300), today=TODAY, used=Usage()
        ),
        *engine.change_refusals(is_billed=True),
    ]
    return refusals


def test_every_refusal_code_is_covered_by_the_message_check():
    assert {refusal.code for refusal in _every_refusal()} == {
        "education_not_open",
        "findplace_required",
        "not_leisure_findplace",
        "offer_too_small",
        "no_structural_offer",
        *EXCLUSIONS,
        "hours_above_max",
        "findplace_cap_reached",
        "not_approved",
        "outside_window",
        "in_future",
        "work_form_not_allowed",
        "too_short",
        "too_long",
        "too_few_attendees",
        "consent_required",
        "overlap",
        "quota_exceeded",
        "already_billed",
    }


def test_every_refusal_message_is_non_empty_dutch_text():
    for refusal in _every_refusal():
        message = refusal.message
        assert message.strip(), refusal.code
        assert "%(" not in message, refusal.code
        words = set(re.findall(r"[a-zà-ÿ']+", message.lower()))
        assert words & DUTCH_WORDS, (refusal.code, message)


def test_call4_quota_already_granted_says_it_is_the_psychologists_own():
    refusals = engine.approval_refusals(call4_rules(), 10 * HOUR, grantable=0)
    assert codes(refusals) == ["findplace_cap_reached"]
    assert "Deze psycholoog kreeg het volledige quotum" in refusals[0].message


def test_call2_cap_reached_says_other_psychologists_hold_it():
    refusals = engine.approval_refusals(call2_rules(), 10 * HOUR, grantable=0)
    assert "aan andere psychologen" in refusals[0].message
