"""The allocation window and the start bonus: when an allocation's hours may be used.

Every quota is per 12-month window starting on the allocation's start date (Decision in
docs/rules.md: "op jaarbasis" and "per 12 maanden" both mean this rolling window). Call 1 adds
a start bonus for the first months at a findplace. Both are dates only, so they live
apart from the minutes that use them (quota_use.py).
"""

from __future__ import annotations

from datetime import date, timedelta

from applications.engine.calls import CallRules
from portal.dates import add_months


def window(rules: CallRules, start: date) -> tuple[date, date]:
    """The allocation window: from `start` up to and including the day before start + N months."""
    return start, add_months(start, rules.window_months) - timedelta(days=1)


def windows_overlap(rules: CallRules, start: date, other_start: date) -> bool:
    """Do the windows from these two start dates share a day? (Both ends are inclusive,
    as in `Allocation.objects.overlapping`.)"""
    first, last = window(rules, start)
    other_first, other_last = window(rules, other_start)
    return first <= other_last and other_first <= last


def start_bonus(
    rules: CallRules,
    window_start: date,
    window_end: date,
    findplace_start: date | None,
    *,
    already_granted: bool = False,
) -> tuple[int, date | None]:
    """Bonus minutes and the first day they no longer apply.

    Decision (docs/rules.md): a psychologist "starts" at a findplace when their start date
    there lies inside the window; the bonus covers activities before start + 6 months.
    A psychologist starts at a findplace once: a second allocation there (one granted
    under the quota, say) gets no second bonus.
    """
    if not rules.start_bonus_minutes or findplace_start is None or already_granted:
        return 0, None
    if not window_start <= findplace_start <= window_end:
        return 0, None
    return rules.start_bonus_minutes, add_months(findplace_start, rules.start_bonus_months)
