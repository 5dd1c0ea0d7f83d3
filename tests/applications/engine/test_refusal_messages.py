"""Every refusal code of the engine comes with Dutch text a person can act on."""

from __future__ import annotations

import re
from datetime import date, time

from applications import engine
from applications.engine import Usage
from portal.models import FindplaceKind
from tests.applications.engine.builders import (
    EXCLUSIONS,
    HOUR,
    TODAY,
    activity,
    allocation,
    application,
    call1_rules,
    call2_rules,
    call3_rules,
    call4_rules,
    codes,
)

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
