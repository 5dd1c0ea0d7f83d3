"""The allocation engine: every hour quota and eligibility rule of the four calls.

Pure functions over plain values and model instances that are already loaded: no
queries, no writes, no request. Services load what a rule needs, lock it, and ask here.
Each refusal carries a stable code (tests assert on it) and a Dutch message that says
which rule was hit and what to do next.

One module per family of rules, each saying in its docstring what it holds and why:
calls (`CallRules`, `WorkFormRule`, `Refusal`), windows (window, start bonus),
eligibility (may this application be granted at all), grants (the shared quota, what may
be granted), quota_use (what is used and left, which registrations count), registrations
(may this activity be registered or changed), admission (what an application must carry,
which applications compete for one quota) and bounds (the plausible range of every typed
date and number).

This package is the engine's public face: it re-exports the names of calls, windows,
eligibility, grants, quota_use and registrations, so callers write
`engine.registration_refusals(...)` whatever module holds the rule, and a rule can move
between modules without touching them. Admission and bounds keep their own namespace
(`from applications.engine import admission, bounds`): their names (`application_refusals`
in bounds, say) would clash with the rest.
"""

from applications.engine.calls import CallRules, Refusal, WorkFormRule
from applications.engine.eligibility import application_refusals, exclusion_refusals
from applications.engine.grants import (
    GrantedSlice,
    approval_refusals,
    grantable_minutes,
    held_minutes,
    is_exclusive_grant,
    peak_minutes,
    quota_full_refusal,
)
from applications.engine.quota_use import (
    Usage,
    counted_minutes,
    counting_registrations,
    prep_minutes,
    remaining_minutes,
    usage,
)
from applications.engine.registrations import (
    MAX_ACTIVITY_MINUTES,
    MAX_ATTENDEES,
    Activity,
    change_refusals,
    keeps_consent,
    overlaps,
    registration_refusals,
)
from applications.engine.windows import start_bonus, window, windows_overlap

__all__ = [
    "MAX_ACTIVITY_MINUTES",
    "MAX_ATTENDEES",
    "Activity",
    "CallRules",
    "GrantedSlice",
    "Refusal",
    "Usage",
    "WorkFormRule",
    "application_refusals",
    "approval_refusals",
    "change_refusals",
    "counted_minutes",
    "counting_registrations",
    "exclusion_refusals",
    "grantable_minutes",
    "held_minutes",
    "is_exclusive_grant",
    "keeps_consent",
    "overlaps",
    "peak_minutes",
    "prep_minutes",
    "quota_full_refusal",
    "registration_refusals",
    "remaining_minutes",
    "start_bonus",
    "usage",
    "window",
    "windows_overlap",
]
