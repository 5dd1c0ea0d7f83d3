"""Read queries around applications and allocations that services and pages share."""

from datetime import date

from django.db.models import F, Q, Sum, Value
from django.db.models.functions import Coalesce

from applications import engine
from applications.models import Allocation, Application, Call, QuotaBasis


def own_applications(psychologist):
    return Application.objects.filter(psychologist=psychologist).select_related(
        "call", "findplace", "network"
    )


def call_rules(call: Call) -> engine.CallRules:
    return engine.CallRules.from_call(call)


def quota_siblings(application: Application, start, end):
    """Other active allocations that share this application's quota in an overlapping window."""
    call = application.call
    basis = call.quota_basis
    if basis == QuotaBasis.AGREEMENT:
        return Allocation.objects.none()
    qs = Allocation.objects.overlapping(start, end).filter(call=call)
    if basis in (QuotaBasis.FINDPLACE, QuotaBasis.PSYCHOLOGIST_FINDPLACE):
        qs = qs.filter(findplace=application.findplace)
    if basis in (QuotaBasis.PSYCHOLOGIST, QuotaBasis.PSYCHOLOGIST_FINDPLACE):
        qs = qs.filter(psychologist=application.psychologist)
    return qs.exclude(application=application).select_related("psychologist__user")


def granted_slices(allocations) -> list[engine.GrantedSlice]:
    return [
        engine.GrantedSlice(
            a.granted_minutes + a.extra_minutes, a.exclusive, a.window_start, a.window_end
        )
        for a in allocations
    ]


def grantable_minutes(application: Application, start=None) -> int:
    """The most a coordinator may grant `application` now (see engine.grantable_minutes)."""
    rules = call_rules(application.call)
    window_start, window_end = engine.window(rules, start or application.start_date)
    return engine.grantable_minutes(
        rules,
        application.requested_minutes,
        granted_slices(quota_siblings(application, window_start, window_end)),
        window_start=window_start,
        exception_requested=application.overkophuis_exception,
        findplace_is_overkophuis=bool(
            application.findplace and application.findplace.is_overkophuis
        ),
    )


def usage_of(allocation, exclude_id: int | None = None) -> engine.Usage:
    """Quota minutes used on an allocation, split at the start-bonus end: one query.

    Read through the reverse relation, so this app needs no import of registrations.
    """
    qs = allocation.registrations.counting()
    if exclude_id:
        qs = qs.exclude(pk=exclude_id)
    if allocation.bonus_until is None:
        total = qs.aggregate(total=Coalesce(Sum("quota_minutes"), Value(0)))["total"]
        return engine.Usage(0, total)
    before = Q(date__lt=allocation.bonus_until)
    sums = qs.aggregate(
        before=Coalesce(Sum("quota_minutes", filter=before), Value(0)),
        after=Coalesce(Sum("quota_minutes", filter=~before), Value(0)),
    )
    return engine.Usage(sums["before"], sums["after"])


def allocations_with_usage(psychologist_id: int, *, today: date) -> list:
    """The psychologist's allocations with their usage and what is left: one query.

    Each allocation gets `usage` (engine.Usage), `used_minutes`, `remaining_minutes`
    (for an activity dated today, or the window's last day once it has ended) and
    `available_minutes` (used + remaining, the length of its progress bar).
    """
    counting = Q(registrations__is_credited=False)
    allocations = (
        Allocation.objects.filter(psychologist_id=psychologist_id)
        .select_related("call", "findplace", "network", "application")
        .annotate(
            used_before=Coalesce(
                Sum(
                    "registrations__quota_minutes",
                    filter=counting & Q(registrations__date__lt=F("bonus_until")),
                ),
                Value(0),
            ),
            used_total=Coalesce(Sum("registrations__quota_minutes", filter=counting), Value(0)),
        )
        .order_by("-is_active", "-window_start", "-pk")
    )
    result = []
    for allocation in allocations:
        with_usage(allocation, today=today)
        result.append(allocation)
    return result


def with_usage(allocation, *, today: date, usage: engine.Usage | None = None):
    """Attach usage figures to an allocation annotated by allocations_with_usage (or given)."""
    if usage is None:
        usage = engine.Usage(allocation.used_before, allocation.used_total - allocation.used_before)
    on = min(max(today, allocation.window_start), allocation.window_end)
    allocation.usage = usage
    allocation.used_minutes = usage.total
    allocation.remaining_minutes = engine.remaining_minutes(allocation, usage, on)
    allocation.available_minutes = usage.total + allocation.remaining_minutes
    return allocation
