"""How much of an allocation is used and what is left: usage split at the start-bonus end,
the minutes a registration takes from the quota, and which registrations count at all.

Decision (docs/rules.md): prep hours count against the quota of the allocation they belong
to (the budget is one pool); the call's `prep_counts_against_quota` setting can change
this. Which registrations count is defined here once, as a filter
(`counting_registrations`): usage, what is left, the uptake figures and what a billing
run takes all read it, so money depends on it. A `Q` describes the rule to the ORM;
building one runs no query.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from django.db.models import Q

from applications.engine.calls import CallRules
from applications.engine.grants import held_minutes


def counting_registrations(via: str = "") -> Q:
    """The registrations that use quota: all but those reversed by a credit note.

    On registrations themselves (`via=""`) or across a relation to them
    (`counting_registrations("registrations")` from an allocation).
    """
    prefix = f"{via}__" if via else ""
    return Q(**{f"{prefix}is_credited": False})


class Usage(NamedTuple):
    """Minutes used on an allocation before and from the day the start bonus ends."""

    before_bonus_end: int = 0
    after_bonus_end: int = 0

    @property
    def total(self) -> int:
        return self.before_bonus_end + self.after_bonus_end


def usage(records: Iterable[tuple[date, int]], bonus_until: date | None) -> Usage:
    """Split (date, minutes) records at the bonus end date."""
    before = after = 0
    for day, minutes in records:
        if bonus_until is not None and day < bonus_until:
            before += minutes
        else:
            after += minutes
    return Usage(before, after)


def remaining_minutes(allocation, used: Usage, on: date) -> int:
    """Minutes still registrable on an allocation for an activity dated `on`.

    With u1 minutes used before the bonus end and u2 after, the rule is
    u1 + u2 <= base + min(bonus, u1): the bonus only counts for time used in the
    first months. Base is the granted minutes plus extra hours granted later.
    """
    base = held_minutes(allocation)
    bonus = allocation.bonus_minutes
    bonus_open = allocation.bonus_until is not None and on < allocation.bonus_until
    if bonus_open:
        left = base + bonus - used.total
    else:
        left = base + min(bonus, used.before_bonus_end) - used.total
    return max(0, left)


def counted_minutes(rules: CallRules, work_form: str, duration_minutes: int) -> int:
    """Minutes a registration takes from the quota: its duration plus prep where it counts."""
    return duration_minutes + (
        prep_minutes(rules, work_form) if rules.prep_counts_against_quota else 0
    )


def prep_minutes(rules: CallRules, work_form: str) -> int:
    rule = rules.work_forms.get(work_form)
    return rule.prep_minutes if rule else 0
