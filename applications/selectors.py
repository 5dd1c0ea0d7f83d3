"""Read queries around applications and allocations that services and pages share."""

from applications import engine
from applications.models import Allocation, Application, Call, QuotaBasis


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


def grantable_minutes(application: Application, start=None) -> int:
    """The most a coordinator may grant `application` now (see engine.grantable_minutes)."""
    rules = call_rules(application.call)
    window_start, window_end = engine.window(rules, start or application.start_date)
    overlapping = [
        engine.GrantedSlice(a.granted_minutes + a.extra_minutes, a.exclusive)
        for a in quota_siblings(application, window_start, window_end)
    ]
    return engine.grantable_minutes(
        rules,
        application.requested_minutes,
        overlapping,
        exception_requested=application.overkophuis_exception,
        findplace_is_overkophuis=bool(
            application.findplace and application.findplace.is_overkophuis
        ),
    )
