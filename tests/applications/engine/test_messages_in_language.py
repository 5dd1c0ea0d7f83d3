"""The engine's refusals as people read them: hours in the page's language, the shortfall
of an activity over quota, plurals that follow the numbers of the call's rules."""

from datetime import date, time
from types import SimpleNamespace

from django.utils import translation

from applications import engine
from applications.engine import Activity, CallRules, Usage, WorkFormRule

RULES = CallRules(
    number=1,
    quota_minutes=240,
    work_forms={"consultation": WorkFormRule("consultation", min_attendees=1)},
)
ALLOCATION = SimpleNamespace(
    granted_minutes=240,
    extra_minutes=0,
    bonus_minutes=0,
    bonus_until=None,
    window_start=date(2025, 3, 1),
    window_end=date(2026, 2, 28),
    is_active=True,
)


def refusal(minutes=60, *, used=0, attendees=1, rules=RULES):
    activity = Activity(date(2025, 4, 1), time(10, 0), minutes, "consultation", attendees)
    [refused] = engine.registration_refusals(
        rules, ALLOCATION, activity, today=date(2025, 5, 1), used=Usage(0, used)
    )
    return refused


def test_an_activity_over_quota_is_told_how_much_it_is_short():
    with translation.override("nl-be"):
        message = refusal(75, used=200).message

    assert "blijft nog 40 min over: u komt 35 min tekort" in message


def test_one_attendee_minimum_is_written_in_the_singular():
    rules = CallRules(
        number=3,
        quota_minutes=48 * 60,
        work_forms={"consultation": WorkFormRule("consultation", min_attendees=1)},
    )
    with translation.override("nl-be"):
        message = refusal(attendees=0, rules=rules).message

    assert "minstens 1 eerstelijnsactor aanwezig" in message
