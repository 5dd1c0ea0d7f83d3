"""The eligibility rules of a support request (demand.eligibility): pure, per boundary."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from demand.eligibility import RequestFacts, request_refusals
from portal.models import FindplaceKind

TODAY = date(2026, 3, 2)
ELIGIBLE = RequestFacts(
    place_kind=FindplaceKind.GP_PRACTICE,
    education_open=False,
    in_direct_contact=True,
    about_clients_in_care=False,
    expected_attendees=8,
)


def codes(facts: RequestFacts) -> list[str]:
    return [refusal.code for refusal in request_refusals(facts, TODAY)]


def test_an_eligible_request_is_not_refused():
    assert codes(ELIGIBLE) == []


@pytest.mark.parametrize(
    "kind", [FindplaceKind.PRIMARY_SCHOOL, FindplaceKind.SECONDARY_SCHOOL, FindplaceKind.CLB]
)
def test_schools_and_clbs_are_not_yet_open(kind):
    assert codes(replace(ELIGIBLE, place_kind=kind)) == ["education_not_open"]


def test_schools_are_eligible_where_the_network_opened_education():
    assert codes(replace(ELIGIBLE, place_kind=FindplaceKind.CLB, education_open=True)) == []


def test_higher_education_is_not_closed():
    assert codes(replace(ELIGIBLE, place_kind=FindplaceKind.HIGHER_EDUCATION)) == []


def test_actors_not_in_direct_contact_with_the_target_group_are_refused():
    assert codes(replace(ELIGIBLE, in_direct_contact=False)) == ["not_in_direct_contact"]


def test_a_question_about_clients_in_ongoing_care_is_refused():
    assert codes(replace(ELIGIBLE, about_clients_in_care=True)) == ["clients_in_care"]


@pytest.mark.parametrize(
    ("attendees", "expected"),
    [(0, ["too_few_attendees"]), (1, []), (999, []), (1000, ["too_many_attendees"])],
)
def test_the_expected_number_of_actors_is_1_to_999(attendees, expected):
    assert codes(replace(ELIGIBLE, expected_attendees=attendees)) == expected


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (TODAY, TODAY, []),
        (TODAY + timedelta(days=1), TODAY, ["period_not_ordered"]),
        (TODAY - timedelta(days=1), None, ["period_in_past"]),
        (None, TODAY - timedelta(days=1), ["period_in_past"]),
        (None, TODAY + timedelta(days=366), []),
        (None, TODAY + timedelta(days=367), ["period_too_far"]),
        (TODAY + timedelta(days=367), None, ["period_too_far"]),
        (None, None, []),
    ],
)
def test_the_wished_period_runs_from_today_to_a_year_ahead_in_order(first, last, expected):
    assert codes(replace(ELIGIBLE, wished_from=first, wished_until=last)) == expected


def test_every_refusal_says_what_to_do_next_in_dutch():
    facts = RequestFacts(FindplaceKind.CLB, False, False, True, 0, TODAY, TODAY)
    refusals = request_refusals(facts, TODAY)
    assert [r.code for r in refusals] == [
        "education_not_open",
        "not_in_direct_contact",
        "clients_in_care",
        "too_few_attendees",
    ]
    assert "nog niet" in refusals[0].message
