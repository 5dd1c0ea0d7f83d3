"""What a coordinator may grant: the quota shared by overlapping windows, its busiest day,
the OverKophuis exception, and the refusals of an approval.

A quota caps every allocation on the same basis (per psychologist, per findplace, per
agreement) whose window overlaps, so what is left depends on the grants already held
(`GrantedSlice`) on the busiest day of the new window. Which applications draw on the
same quota is an admission rule (admission.same_quota).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from django.utils.translation import gettext as _

from applications.engine.calls import CallRules, Refusal
from portal.formatting import hours


def held_minutes(allocation) -> int:
    """The minutes an allocation holds of its quota: granted plus extra hours granted later.

    The start bonus comes on top of the quota: the grants on one quota never count it.
    """
    return allocation.granted_minutes + allocation.extra_minutes


class GrantedSlice(NamedTuple):
    """Minutes already granted on the same quota basis in an overlapping window (from
    `start` to `end`; without them, the slice counts on every day of the new window)."""

    minutes: int
    exclusive: bool = False
    start: date | None = None
    end: date | None = None


def peak_minutes(granted: Sequence[GrantedSlice], window_start: date | None = None) -> int:
    """The most minutes granted on any one day from `window_start` on.

    The quota caps the allocations whose windows overlap each other; windows (intervals)
    that overlap each other pairwise share a day, so that is the largest total on one day.
    The total only rises where a window starts, so those days are the ones to check.
    Allocations in windows that do not overlap each other (2025 and 2026) each use the
    quota in full, next to a third window that overlaps both.
    """
    days = {window_start} | {
        g.start for g in granted if g.start and (window_start is None or g.start > window_start)
    }

    def active(grant: GrantedSlice, day: date | None) -> bool:
        return day is None or (
            (grant.start is None or grant.start <= day) and (grant.end is None or day <= grant.end)
        )

    return max(sum(g.minutes for g in granted if active(g, day)) for day in days)


def grantable_minutes(
    rules: CallRules,
    requested_minutes: int,
    overlapping: Sequence[GrantedSlice] = (),
    *,
    window_start: date | None = None,
    exception_requested: bool = False,
    findplace_is_overkophuis: bool = False,
) -> int:
    """The most a coordinator may grant now: the request, capped by what the quota leaves.

    The quota is shared by every allocation on the same basis whose window overlaps
    (call 2: all psychologists at one findplace), on its busiest day (`peak_minutes`). An
    OverKophuis exception raises the cap for one single psychologist, so it needs a
    findplace with no overlapping grant, and once granted it leaves nothing for anyone
    else (Decision in docs/rules.md).
    """
    if any(grant.exclusive for grant in overlapping):
        return 0
    used = peak_minutes(overlapping, window_start)
    cap = rules.quota_minutes
    if (
        exception_requested
        and findplace_is_overkophuis
        and rules.exception_quota_minutes
        and not overlapping
    ):
        cap = rules.exception_quota_minutes
    return max(0, min(requested_minutes, cap - used))


def approval_refusals(rules: CallRules, granted_minutes: int, grantable: int) -> list[Refusal]:
    """Refusals of granting `granted_minutes` when the engine allows `grantable`."""
    if granted_minutes <= 0:
        return [
            Refusal("hours_above_max", _("Ken minstens één minuut toe, of wijs de aanvraag af."))
        ]
    if grantable <= 0:
        return [quota_full_refusal(rules)]
    if granted_minutes > grantable:
        return [
            Refusal(
                "hours_above_max",
                _("U kunt hoogstens %(max)s toekennen voor deze aanvraag. Verlaag het aantal uren.")
                % {"max": hours(grantable)},
            )
        ]
    return []


def quota_full_refusal(rules: CallRules) -> Refusal:
    """Nothing can be granted: the quota is already held in an overlapping window."""
    message = (
        _(
            "Het maximum voor deze vindplaats is al toegekend aan andere psychologen in een "
            "overlappende periode. Er kan niets meer toegekend worden; wijs af of kies een "
            "latere startdatum."
        )
        if rules.quota_shared_at_findplace
        else _(
            "Deze psycholoog kreeg het volledige quotum van deze oproep al in een "
            "overlappende periode. Er kan niets meer toegekend worden; wijs af, kies een "
            "latere startdatum, of laat de psycholoog extra uren aanvragen op de lopende "
            "toekenning."
        )
    )
    return Refusal("findplace_cap_reached", message)


def is_exclusive_grant(rules: CallRules, granted_minutes: int) -> bool:
    """A grant above the normal quota uses the OverKophuis exception."""
    return bool(rules.exception_quota_minutes) and granted_minutes > rules.quota_minutes
