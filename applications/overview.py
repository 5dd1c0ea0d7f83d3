"""The psychologist's overview (/mijn/), rendered once per version of their data.

It is the page every psychologist opens first and most often, and it only changes when
their own data does: its content is cached under Psychologist.data_version, the version of
the directory whose names it shows (portal.cache_versions), the day (what is running or
due depends on it) and the language, until that day ends. A change bumps a version in the
same transaction (portal.data_version) or after it, so the next request renders afresh.
Every night the worker renders the new day's overview of everyone who signed in lately
(`prerender`), so their first visit of the day finds it ready (issue 17: a first visit
costs five times a cached one).
"""

from datetime import date, datetime, time, timedelta

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from applications.access import own_applications
from applications.models import ApplicationStatus, CooperationAgreement
from applications.selectors import allocations_with_usage, application_refusals
from portal.cache import get_or_render
from portal.cache_versions import DIRECTORY
from portal.languages import language_for
from portal.models import Psychologist

# Who signed in within this many days has the day's overview rendered before they ask:
# a session lasts two weeks, so everyone who uses the portal now and then.
PRERENDER_ACTIVE_DAYS = 30
MINIMUM_CACHE_SECONDS = 60
OPEN_STATUSES = (
    ApplicationStatus.DRAFT,
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.CHANGES_REQUESTED,
)
EVALUATION_NOTICE_DAYS = 30
LATEST = 5


def overview_html(psychologist: Psychologist, today: date) -> SafeString:
    key = (
        f"overview:{psychologist.pk}:{psychologist.data_version}:{DIRECTORY.current()}:"
        f"{today.isoformat()}:{translation.get_language()}"
    )
    html = get_or_render(
        key,
        lambda: str(
            render_to_string(
                "applications/psychologist/_overview_content.html",
                overview_context(psychologist, today),
            )
        ),
        seconds_until_the_end_of(today),
    )
    return mark_safe(html)  # noqa: S308 - rendered by our own template, autoescaped


def seconds_until_the_end_of(today: date) -> int:
    """How long an overview of `today` is worth keeping: until local midnight."""
    midnight = _start_of(today + timedelta(days=1))
    return max(MINIMUM_CACHE_SECONDS, int((midnight - timezone.now()).total_seconds()))


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def prerender(today: date, psychologists=None) -> int:
    """Render and cache `today`'s overview of each psychologist not cached yet, in their
    own language; by default of everyone who signed in on one of the last
    PRERENDER_ACTIVE_DAYS days before it. How many overviews were asked for."""
    if psychologists is None:
        since = _start_of(today - timedelta(days=PRERENDER_ACTIVE_DAYS))
        psychologists = Psychologist.objects.filter(
            user__is_active=True, user__last_login__gte=since
        )
    done = 0
    for psychologist in psychologists.select_related("user").order_by("pk").iterator(200):
        with translation.override(language_for(psychologist.user)):
            overview_html(psychologist, today)
        done += 1
    return done


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
