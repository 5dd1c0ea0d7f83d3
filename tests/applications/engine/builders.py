"""Builders for the engine's unit tests: call rules from the seed, allocations, applications
and activities as plain values, no database.

The call rules are built from the real seed data (`CALLS` in migration 0003) through unsaved
`CallEdition` / `EditionWorkForm` instances, so model defaults and `CallRules.from_edition` are exercised
too. Allocations, applications and findplaces are plain `SimpleNamespace` objects.
"""

from __future__ import annotations

import importlib
from datetime import date, time
from types import SimpleNamespace

from applications import engine
from applications.engine import Activity, CallRules, Usage
from applications.models import Call, CallEdition, EditionWorkForm
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


class _UnsavedEdition:
    """An unsaved `CallEdition` whose `work_forms.all()` returns unsaved `EditionWorkForm`s
    (no DB)."""

    def __init__(self, edition: CallEdition, forms: list[EditionWorkForm]):
        self._edition = edition
        self.work_forms = SimpleNamespace(all=lambda: forms)

    def __getattr__(self, name):
        return getattr(self._edition, name)


# What the seed holds about the call itself, not its rules.
CALL_FIELDS = ("number", "name", "name_fr_be", "name_en")


def seed_rules(number: int) -> CallRules:
    spec = dict(next(spec for spec in SEED.CALLS if spec["number"] == number))
    work_forms = spec.pop("work_forms")
    call = Call(**{name: spec.pop(name) for name in CALL_FIELDS if name in spec})
    forms = [EditionWorkForm(work_form=name, **rules) for name, rules in work_forms.items()]
    return CallRules.from_edition(_UnsavedEdition(CallEdition(call=call, **spec), forms))


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
