"""The seed's call rules mirror docs/rules.md, read through `CallRules.from_edition` (calls.py)."""

from __future__ import annotations

import pytest

from applications import engine
from tests.applications.engine.builders import (
    HOUR,
    RULES,
    call1_rules,
    call2_rules,
    call3_rules,
    call4_rules,
)


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
