"""The psychologist's overview (/mijn/), rendered once per version of their data.

It is the page every psychologist opens first and most often, and it only changes when
their own data does: its content is cached under Psychologist.data_version, the day (what
is running or due depends on it) and the language. A change bumps the version in the same
transaction (portal.data_version), so the next request renders afresh; old entries just
expire. Names from the directory (findplaces, networks) may show their previous spelling
for at most CACHE_SECONDS; so may every overview after a database restore (versions go back),
unless the cache is emptied then.
"""

from datetime import date, timedelta

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from applications.access import own_applications
from applications.models import ApplicationStatus, CooperationAgreement
from applications.selectors import allocations_with_usage, application_refusals
from portal.cache import get_or_render
from portal.models import Psychologist

CACHE_SECONDS = 300
OPEN_STATUSES = (
    ApplicationStatus.DRAFT,
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.CHANGES_REQUESTED,
)
EVALUATION_NOTICE_DAYS = 30
LATEST = 5


def overview_html(psychologist: Psychologist, today: date) -> SafeString:
    key = (
        f"overview:{psychologist.pk}:{psychologist.data_version}:{today.isoformat()}:"
        f"{translation.get_language()}"
    )
    html = get_or_render(
        key,
        lambda: str(
            render_to_string(
                "applications/psychologist/_overview_content.html",
                overview_context(psychologist, today),
            )
        ),
        CACHE_SECONDS,
    )
    return mark_safe(html)  # noqa: S308 - rendered by our own template, autoescaped


def overview_context(psychologist: Psychologist, today: date) -> dict:
    applications = list(
        own_applications(psychologist).filter(status__in=OPEN_STATUSES).order_by("-updated_at")
    )
    for application in applications:
        # A draft says why it cannot go on (refused on submit: a school, a CLB …).
        application.refusals = (
            application_refusals(application)
            if application.status == ApplicationStatus.DRAFT
            else []
        )
    evaluations_due = list(
        CooperationAgreement.objects.filter(
            application__psychologist=psychologist,
            application__status=ApplicationStatus.APPROVED,
            next_evaluation_date__lte=today + timedelta(days=EVALUATION_NOTICE_DAYS),
        )
        .select_related("application__call")
        .order_by("next_evaluation_date")
    )
    return {
        "allocations": allocations_with_usage(psychologist.pk, today=today),
        "applications": applications,
        "needs_action": [
            a
            for a in applications
            if a.status == ApplicationStatus.CHANGES_REQUESTED or a.partner_declined_at
        ],
        "evaluations_due": evaluations_due,
        "registrations": psychologist.registrations.select_related(
            "allocation__call", "allocation__findplace"
        ).order_by("-date", "-start_time", "-pk")[:LATEST],
        # Through the reverse relation billing adds: applications may not import billing.
        "invoices": psychologist.invoices.select_related("network").order_by("-issue_date", "-pk")[
            :LATEST
        ],
        # What the invoices still miss is asked by a tag of billing in the template.
        "psychologist": psychologist,
        "today": today,
    }
