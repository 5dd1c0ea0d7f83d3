"""The engine's verdict on many waiting applications at once, as the review page gives it
for one: for the coordinator's queue, which shows and sorts by it.

The rules are the review page's (selectors.review_refusals, selectors.grantable_minutes);
only the loading differs: the allocations that may share the applications' quotas are
read in one query and matched in Python by the engine (admission.shares_quota), so a queue
of any length costs the same number of queries.
"""

from dataclasses import dataclass

from django.db.models import Q

from applications import engine
from applications.engine import admission
from applications.models import Allocation, Application
from applications.selectors import (
    edition_rules,
    grantable_from,
    granted_slices,
    quota_key,
    review_refusals,
)

# What shares_quota and granted_slices read of an allocation: a queue of hundreds loads
# hundreds of them, so only these columns.
CANDIDATE_FIELDS = (
    "application_id",
    "psychologist_id",
    "call_id",
    "findplace_id",
    "window_start",
    "window_end",
    "is_active",
    "granted_minutes",
    "extra_minutes",
    "exclusive",
    "application__partner_name",
    "application__partner_email",
)


@dataclass(frozen=True)
class Verdict:
    """Every rule approving the application now would hit, and the most that could be
    granted now."""

    refusals: list[engine.Refusal]
    grantable: int

    @property
    def eligible(self) -> bool:
        return not self.refusals


def waiting_verdicts(applications: list[Application]) -> dict[int, Verdict]:
    """The verdict on each of `applications` (waiting ones), by id.

    Load them with their edition (its call, and its work forms prefetched), findplace,
    network and agreement (`select_related("agreement")`): then the allocations are the
    one query this makes.
    """
    if not applications:
        return {}
    rules_of: dict[int, engine.CallRules] = {}  # an edition's rules, built once
    windows = {}
    for application in applications:
        if application.edition_id not in rules_of:
            rules_of[application.edition_id] = edition_rules(application.edition)
        rules = rules_of[application.edition_id]
        windows[application.pk] = (rules, *engine.window(rules, application.start_date))
    keys = [quota_key(windows[a.pk][0], a) for a in applications]
    candidates = (
        Allocation.objects.overlapping(
            min(start for _rules, start, _end in windows.values()),
            max(end for _rules, _start, end in windows.values()),
        )
        .filter(_any_of(keys))
        .select_related("application")
        .only(*CANDIDATE_FIELDS)
    )
    by_key: dict[tuple, list[Allocation]] = {}
    for allocation in candidates:
        for key in (
            ("findplace", allocation.call_id, allocation.findplace_id),
            ("psychologist", allocation.call_id, allocation.psychologist_id),
        ):
            by_key.setdefault(key, []).append(allocation)
    verdicts = {}
    for application, key in zip(applications, keys, strict=True):
        rules, start, end = windows[application.pk]
        siblings = [
            allocation
            for allocation in by_key.get(key, [])
            if admission.shares_quota(rules, application, allocation, start, end)
        ]
        grantable = grantable_from(rules, application, start, granted_slices(siblings))
        refusals = review_refusals(application, grantable, rules)
        verdicts[application.pk] = Verdict(refusals, grantable)
    return verdicts


def _any_of(keys: list[tuple]) -> Q:
    """A query for the allocations of any of the quota keys (selectors.quota_key): a
    superset, as lists (a long OR of one term per application is slow to plan); the exact
    key is matched in Python."""
    calls = {call_id for _field, call_id, _value in keys}
    wanted = Q(pk__in=[])
    for field in ("findplace", "psychologist"):
        values = {value for kind, _call, value in keys if kind == field}
        if values - {None}:
            wanted |= Q(**{f"{field}__in": values - {None}})
        if None in values:
            wanted |= Q(**{f"{field}__isnull": True})
    return Q(call__in=calls) & wanted
