"""Read queries around applications and allocations that services, tasks and pages share."""

from datetime import date, timedelta

from django.db.models import F, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from applications import engine
from applications.access import own_allocations
from applications.engine import admission
from applications.models import (
    Allocation,
    Application,
    ApplicationStatus,
    Call,
    CallEdition,
    CooperationAgreement,
    QuotaBasis,
)
from portal.dates import add_months
from portal.models import Psychologist

# When a call-3 agreement's yearly evaluation is due (Decision, see due_agreements): the
# planned evaluation lies within 30 days, or none is planned 11 months into the window.
EVALUATION_DUE_WITHIN_DAYS = 30
EVALUATION_MISSING_AFTER_MONTHS = 11


def edition_rules(edition: CallEdition) -> engine.CallRules:
    return engine.CallRules.from_edition(edition)


def edition_in_force(call: Call, day) -> CallEdition | None:
    """The edition of `call` whose validity holds `day` (editions never overlap)."""
    return (
        call.editions.in_force_on(day).select_related("call").prefetch_related("work_forms").first()
    )


def edition_for_form(call: Call, day) -> CallEdition | None:
    """The edition whose questions the application form asks on `day`: the one in force,
    else the next one scheduled (a call whose first edition starts later), else none."""
    return edition_in_force(call, day) or (
        call.editions.filter(valid_from__gt=day)
        .select_related("call")
        .prefetch_related("work_forms")
        .order_by("valid_from")
        .first()
    )


def calls_open_to(psychologist) -> QuerySet[Call]:
    """The calls of the networks the psychologist has a convention with."""
    return (
        Call.objects.filter(networks__psychologists=psychologist)
        .distinct()
        .order_by("number", "id")
    )


def quota_key(rules: engine.CallRules, application: Application) -> tuple:
    """Which allocations may share `application`'s quota (admission.shares_quota decides):
    those of its call at its findplace where the quota is the findplace's (call 2), else
    those of its call and psychologist."""
    if rules.quota_basis == QuotaBasis.FINDPLACE:
        return ("findplace", application.call_id, application.findplace_id)
    return ("psychologist", application.call_id, application.psychologist_id)


def quota_candidates(rules: engine.CallRules, application: Application) -> Q:
    """A query for a superset of the allocations that share `application`'s quota."""
    field, call_id, value = quota_key(rules, application)
    return Q(call=call_id, **{field: value})


def quota_siblings(application: Application, start, end):
    """Other active allocations that share this application's quota in an overlapping window."""
    # One quota per call whatever the edition: a findplace's 48 h of call 2 is shared by
    # allocations granted under an older and a newer edition alike.
    rules = edition_rules(application.edition)
    candidates = (
        Allocation.objects.overlapping(start, end)
        .filter(quota_candidates(rules, application))
        .select_related("application")
    )
    same = [a.pk for a in candidates if admission.shares_quota(rules, application, a, start, end)]
    return Allocation.objects.filter(pk__in=same).select_related("psychologist__user")


def granted_slices(allocations) -> list[engine.GrantedSlice]:
    return [
        engine.GrantedSlice(engine.held_minutes(a), a.exclusive, a.window_start, a.window_end)
        for a in allocations
    ]


def grantable_minutes(application: Application, start=None) -> int:
    """The most a coordinator may grant `application` now (see engine.grantable_minutes)."""
    rules = edition_rules(application.edition)
    window_start, window_end = engine.window(rules, start or application.start_date)
    slices = granted_slices(quota_siblings(application, window_start, window_end))
    return grantable_from(rules, application, window_start, slices)


def grantable_from(rules, application, window_start, slices) -> int:
    """engine.grantable_minutes for `application`, given the slices of its quota siblings."""
    return engine.grantable_minutes(
        rules,
        application.requested_minutes,
        slices,
        window_start=window_start,
        exception_requested=application.overkophuis_exception,
        findplace_is_overkophuis=bool(
            application.findplace and application.findplace.is_overkophuis
        ),
    )


def application_refusals(application: Application, rules=None) -> list[engine.Refusal]:
    """What the engine refuses about this application (shown on forms and to coordinators);
    `rules`: its edition's, when the caller has them already."""
    return engine.application_refusals(
        rules or edition_rules(application.edition),
        application,
        education_open=application.network.education_open,
    )


def agreement_terms(application: Application) -> admission.AgreementTerms | None:
    """What the application's agreement states: the agreement loaded with the application
    (`select_related("agreement")`, as the queue does for a page of them), else read now."""
    if Application.agreement.is_cached(application):
        agreement = getattr(application, "agreement", None)
    else:
        agreement = CooperationAgreement.objects.filter(application=application.pk).first()
    return admission.AgreementTerms.from_agreement(agreement) if agreement else None


def admission_refusals(application: Application, rules=None) -> list[engine.Refusal]:
    """What the application must carry: its portfolio and its cooperation agreement."""
    rules = rules or edition_rules(application.edition)
    return admission.portfolio_refusals(
        rules, application.portfolio
    ) + admission.agreement_refusals(rules, agreement_terms(application), application.start_date)


def competition_refusals(application: Application) -> list[engine.Refusal]:
    """Another open application on the same quota, or a quota already fully granted."""
    rules = edition_rules(application.edition)
    others = (
        Application.objects.filter(
            psychologist=application.psychologist_id,
            call=application.call_id,
            status__in=admission.OPEN_STATUSES,
        )
        .exclude(pk=application.pk)
        .select_related("findplace")
        .order_by("submitted_at", "pk")
    )
    window_start, window_end = engine.window(rules, application.start_date)
    held = granted_slices(quota_siblings(application, window_start, window_end))
    grantable = grantable_from(rules, application, window_start, held)
    return admission.pending_refusals(rules, application, others) + (
        admission.quota_used_up_refusals(rules, grantable, held)
    )


def submission_refusals(application: Application) -> list[engine.Refusal]:
    """Everything submitting this application would be refused for."""
    return [
        *application_refusals(application),
        *admission_refusals(application),
        *competition_refusals(application),
    ]


def review_refusals(
    application: Application, grantable: int | None, rules=None
) -> list[engine.Refusal]:
    """The review page's verdict: every rule that approving now would hit.

    `grantable` is what could be granted now (None once decided): nothing left is a
    refusal too, so the page never says both "meets every condition" and "0 grantable".
    `rules`: the edition's, when the caller has them already (the queue, for many).
    """
    rules = rules or edition_rules(application.edition)
    refusals = [
        *application_refusals(application, rules),
        *admission_refusals(application, rules),
        *admission.partner_refusals(rules, application),
    ]
    if grantable is not None and grantable <= 0:
        refusals.append(engine.quota_full_refusal(rules))
    return refusals


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
    counting = engine.counting_registrations("registrations")
    allocations = (
        own_allocations(psychologist_id)
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


def planned_evaluation(allocation) -> date | None:
    """The next evaluation planned in the agreement of the allocation (None: no agreement)."""
    return (
        CooperationAgreement.objects.filter(application_id=allocation.application_id)
        .values_list("next_evaluation_date", flat=True)
        .first()
    )


def due_agreements(today: date, agreements=None):
    """Running call-3 agreements whose yearly evaluation is due, among `agreements` (default
    all: the daily reminders; the follow-up page passes those a coordinator may see).

    Due: the planned evaluation lies within 30 days (or is past); or no evaluation is
    planned and the window started more than 11 months ago.
    """
    soon = today + timedelta(days=EVALUATION_DUE_WITHIN_DAYS)
    started_before = add_months(today, -EVALUATION_MISSING_AFTER_MONTHS)
    if agreements is None:
        agreements = CooperationAgreement.objects.all()
    return (
        agreements.filter(
            application__status=ApplicationStatus.APPROVED,
            application__allocation__is_active=True,
            application__allocation__window_end__gte=today,
        )
        .filter(
            Q(next_evaluation_date__lte=soon)
            | Q(
                next_evaluation_date__isnull=True,
                application__allocation__window_start__lt=started_before,
            )
        )
        .select_related(
            "application__psychologist__user", "application__network", "application__allocation"
        )
        .order_by(F("next_evaluation_date").asc(nulls_first=True), "pk")
    )


def register_allocations(today: date):
    """Approved allocations running today under an edition that forms the register (call
    4 of Oost-Vlaanderen): admission to the register."""
    return Allocation.objects.active_on(today).filter(
        edition__forms_register=True, application__status=ApplicationStatus.APPROVED
    )


def register_psychologists(today: date):
    """Psychologists in the call-4 register, with their themes, networks and admissions;
    each admission (`register_allocations`) carries its usage (see with_usage)."""
    counting = engine.counting_registrations("registrations")
    admitted = register_allocations(today)
    return (
        Psychologist.objects.filter(pk__in=admitted.values("psychologist_id"))
        .select_related("user")
        .prefetch_related(
            "themes",
            "networks",
            Prefetch(
                "allocations",
                queryset=admitted.select_related("network", "application")
                .prefetch_related("application__themes")
                .annotate(
                    used_before=Coalesce(
                        Sum(
                            "registrations__quota_minutes",
                            filter=counting & Q(registrations__date__lt=F("bonus_until")),
                        ),
                        Value(0),
                    ),
                    used_total=Coalesce(
                        Sum("registrations__quota_minutes", filter=counting), Value(0)
                    ),
                ),
                to_attr="register_allocations",
            ),
        )
        .order_by("user__last_name", "user__first_name", "pk")
    )


def register_hours_left(psychologist, today: date) -> int:
    """What the psychologist's register admissions (call 4) still hold today, in minutes:
    the engine's remaining minutes of each, from the prefetched usage (no query)."""
    return sum(
        with_usage(allocation, today=today).remaining_minutes
        for allocation in psychologist.register_allocations
    )


def register_portfolios(psychologist) -> list[str]:
    """The portfolios the psychologist gave in their register applications (call 4)."""
    texts = [a.application.portfolio.strip() for a in psychologist.register_allocations]
    return list(dict.fromkeys(text for text in texts if text))


def register_themes(psychologist) -> list:
    """The psychologist's themes: their profile and those of their call-4 applications."""
    themes = {t.pk: t for t in psychologist.themes.all()}
    for allocation in psychologist.register_allocations:
        themes.update({t.pk: t for t in allocation.application.themes.all()})
    return sorted(themes.values(), key=lambda t: t.name)
