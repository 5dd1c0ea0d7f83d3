"""The eligibility rules and exclusions of each call (eligibility.py)."""

from __future__ import annotations

import dataclasses

import pytest

from portal.models import FindplaceKind
from tests.applications.engine.builders import (
    EDUCATION,
    EXCLUSIONS,
    LEISURE,
    RULES,
    app_codes,
    call1_rules,
    call2_rules,
    call3_rules,
    eligible_application,
)


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
