"""Every page of the portal, per demo login, built from the demo data (`manage.py demo`).

Tests that must hold on every page (no 5xx under hostile input, valid HTML, a strict
Content-Security-Policy, no horizontal scroll at 375 px) loop over `pages_of(username)`
after `load_demo()`, so a page added here is covered by all of them. Add new pages here.
"""

from dataclasses import dataclass

from django.core.management import call_command
from django.urls import reverse

from applications import partner
from applications.models import Allocation, Application, ApplicationStatus, ExtraHoursRequest
from billing.models import BillingRun, Invoice
from demand import links
from demand.access import requests_worked_by
from demand.models import Proposal, RequestState, SupportRequest
from portal.models import ExistingService, Network, Psychologist, User
from registrations.models import Registration
from registrations.series import allows_series

PSYCHOLOGIST = "an.peeters"
COORDINATOR = "coord.pakt"
STAFF = "staff"
EXISTING_SERVICE = "werking"
ADMINISTRATOR = "admin"
ANONYMOUS = ""
LOGINS = (PSYCHOLOGIST, "dirk.claes", COORDINATOR, "coord.ads", STAFF, EXISTING_SERVICE)


@dataclass(frozen=True)
class Page:
    """A page one login can open: its URL, whether it answers HTML, and whether that HTML
    is a fragment that htmx swaps into a page (no <html>, <head> or <title> of its own)."""

    url: str
    html: bool = True
    fragment: bool = False


def load_demo() -> None:
    """The demo data in the test database (quiet)."""
    call_command("demo", stdout=_Null())


class _Null:
    def write(self, *_args, **_kwargs) -> None:
        pass

    def flush(self) -> None:
        pass


def user(username: str) -> User:
    return User.objects.get(username=username)


def pages_of(username: str) -> list[Page]:
    """Every GET page the login may open (ANONYMOUS: the public ones)."""
    if username == ANONYMOUS:
        return _public_pages()
    account = user(username)
    pages = []
    if account.is_psychologist:
        pages += _psychologist_pages(account.psychologist)
    if account.is_coordinator or account.is_existing_service:
        pages.append(Page(reverse("coordination:register")))
        pages.append(Page(reverse("coordination:network_activities")))
        pages.append(Page(reverse("demand:on_behalf")))
        pages.append(Page(reverse("demand:on_behalf_saved")))
        pages += _worker_pages(account)
    if account.is_coordinator:
        pages += _coordinator_pages(account)
    if account.is_network_staff:
        pages += _staff_pages(account)
    return list(dict.fromkeys(pages))


def _public_pages() -> list[Page]:
    pages = [
        Page(reverse("login")),
        Page(reverse("password_reset")),
        Page(reverse("password_reset_done")),
        Page(reverse("demand:offer")),
        Page(reverse("privacy:privacy")),
        # The readiness probe: plain text, 200 in the tests (no broker: nothing to wait for).
        Page(reverse("readyz"), html=False),
    ]
    pages += [Page(reverse("demand:offer_network", args=[n.code])) for n in Network.objects.all()]
    waiting = Application.objects.filter(
        status=ApplicationStatus.SUBMITTED, edition__requires_partner_confirmation=True
    ).exclude(partner_email="")
    for application in waiting[:1]:
        pages.append(Page(reverse("applications:partner", args=[partner.make_token(application)])))
    pages += [Page(reverse("demand:request_form")), Page(reverse("demand:request_sent"))]
    for support_request in SupportRequest.objects.filter(state=RequestState.NEW)[:1]:
        pages.append(
            Page(reverse("demand:confirm", args=[links.token_for(support_request, "confirm")]))
        )
    for support_request in SupportRequest.objects.exclude(state=RequestState.NEW)[:1]:
        pages.append(
            Page(reverse("demand:follow", args=[links.token_for(support_request, "follow")]))
        )
        pages.append(
            Page(reverse("demand:feedback", args=[links.token_for(support_request, "feedback")]))
        )
    return pages


def _psychologist_pages(psychologist: Psychologist) -> list[Page]:
    pages = [
        Page(reverse("applications:overview")),
        Page(reverse("applications:calls")),
        Page(reverse("applications:findplace_search") + "?q=huis", fragment=True),
        Page(reverse("registrations:list")),
        Page(reverse("registrations:export"), html=False),
        Page(reverse("profile")),
        Page(reverse("privacy:my_data")),
        Page(reverse("privacy:my_data_zip"), html=False),
        Page(reverse("notification_settings")),
        Page(reverse("billing:my_invoices")),
        Page(reverse("billing:self_billing")),
        Page(reverse("demand:proposals")),
    ]
    for proposal in Proposal.objects.filter(psychologist=psychologist):
        pages.append(Page(reverse("demand:proposal_detail", args=[proposal.pk])))
    pages += [Page(reverse("applications:apply", args=[n])) for n in (1, 2, 3, 4)]
    for application in Application.objects.filter(psychologist=psychologist):
        pages.append(Page(reverse("applications:application_detail", args=[application.pk])))
        if application.status in (ApplicationStatus.DRAFT, ApplicationStatus.CHANGES_REQUESTED):
            pages.append(Page(reverse("applications:application_edit", args=[application.pk])))
        if application.status == ApplicationStatus.DRAFT:
            pages.append(Page(reverse("applications:application_delete", args=[application.pk])))
    for allocation in Allocation.objects.filter(psychologist=psychologist, is_active=True):
        pages.append(Page(reverse("applications:allocation_detail", args=[allocation.pk])))
        pages.append(Page(reverse("registrations:create", args=[allocation.pk])))
        if allows_series(allocation):
            pages.append(Page(reverse("registrations:series", args=[allocation.pk])))
        if hasattr(allocation.application, "agreement"):
            args = [allocation.application_id]
            pages.append(Page(reverse("applications:agreement_evaluations", args=args)))
    for registration in Registration.objects.filter(psychologist=psychologist)[:2]:
        pages.append(Page(reverse("registrations:edit", args=[registration.pk])))
        pages.append(Page(reverse("registrations:again", args=[registration.pk])))
    for invoice in Invoice.objects.filter(psychologist=psychologist)[:1]:
        pages.append(Page(reverse("billing:invoice_pdf", args=[invoice.pk]), html=False))
    return pages


def _worker_pages(worker: User) -> list[Page]:
    """The support-request inbox, one request page per state, and one candidate search."""
    pages = [Page(reverse("demand:inbox"))]
    first_of_state = {}
    for support_request in requests_worked_by(worker).exclude(state="new").order_by("pk"):
        first_of_state.setdefault(support_request.state, support_request.pk)
    for pk in first_of_state.values():
        pages.append(Page(reverse("demand:request_detail", args=[pk])))
    for pk in list(first_of_state.values())[:1]:
        pages.append(Page(reverse("demand:search", args=[pk]) + "?language=nl-be"))
    return pages


def _coordinator_pages(coordinator: User) -> list[Page]:
    networks = coordinator.networks.all()
    pages = [
        Page(reverse("coordination:queue")),
        Page(reverse("coordination:bulk_result")),
        Page(reverse("coordination:follow_up")),
        Page(reverse("coordination:reopenings")),
        Page(reverse("psychologist_suggestions") + "?psychologist=an", fragment=True),
        Page(reverse("coordination:uptake")),
        Page(reverse("coordination:uptake_csv"), html=False),
        Page(reverse("coordination:uptake_detail")),
        Page(reverse("coordination:uptake_detail") + "?indeling=findplace"),
        Page(reverse("coordination:uptake_detail_csv"), html=False),
        Page(reverse("coordination:funnel_csv"), html=False),
        Page(reverse("notification_settings")),
    ]
    for application in Application.objects.filter(network__in=networks).exclude(
        status=ApplicationStatus.DRAFT
    ):
        pages.append(Page(reverse("coordination:review", args=[application.pk])))
    for application in Application.objects.filter(
        network__in=networks, agreement__isnull=False, allocation__isnull=False
    )[:1]:
        pages.append(Page(reverse("applications:agreement_evaluations", args=[application.pk])))
    for extra in ExtraHoursRequest.objects.filter(allocation__network__in=networks):
        pages.append(Page(reverse("coordination:extra_hours_review", args=[extra.pk])))
    return pages


def _staff_pages(staff: User) -> list[Page]:
    networks = staff.networks.all()
    pages = [
        Page(reverse("billing:runs")),
        Page(reverse("billing:invoices")),
        Page(reverse("billing:invoices") + "?psychologist=peeters"),
        Page(reverse("psychologist_suggestions") + "?psychologist=an", fragment=True),
        Page(reverse("billing:rates")),
    ]
    pages.append(Page(reverse("network_list")))
    for network in networks:
        pages.append(Page(reverse("network_settings", args=[network.pk])))
        pages.append(Page(reverse("billing:network_rates", args=[network.pk])))
        pages.append(Page(reverse("existing_service_add", args=[network.pk])))
    for network in networks[:1]:
        pages.append(Page(reverse("applications:call_list", args=[network.pk])))
        pages.append(Page(reverse("applications:call_new", args=[network.pk])))
        for call in network.calls.all()[:1]:
            pages.append(Page(reverse("applications:edition_new", args=[network.pk, call.pk])))
            edition = call.editions.first()
            args = [network.pk, edition.pk]
            pages.append(Page(reverse("applications:edition_detail", args=args)))
    for service in ExistingService.objects.filter(network__in=networks)[:1]:
        args = [service.network_id, service.pk]
        pages.append(Page(reverse("existing_service_edit", args=args)))
        pages.append(Page(reverse("existing_service_delete", args=args)))
    for run in BillingRun.objects.filter(network__in=networks)[:2]:
        pages.append(Page(reverse("billing:run_detail", args=[run.pk])))
        pages.append(Page(reverse("billing:run_csv", args=[run.pk]), html=False))
        pages.append(Page(reverse("billing:run_zip_status", args=[run.pk]), fragment=True))
        pages.append(Page(reverse("billing:run_sepa", args=[run.pk]), html=False))
    for invoice in Invoice.objects.filter(network__in=networks)[:2]:
        pages.append(Page(reverse("billing:invoice_detail", args=[invoice.pk])))
        pages.append(Page(reverse("billing:invoice_pdf", args=[invoice.pk]), html=False))
    return pages
