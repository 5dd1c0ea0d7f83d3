"""Which pages the HTTP page benchmark opens, as whom, on which objects of the load.

`SPECS` names every page by its URL name (tests/benchmarks/test_http_pages.py checks that
they cover the URL names of tests/pages.py for the psychologist, coordinator and staff
logins, minus `EXCLUDED`); `subjects()` picks the users and objects from the loaded data
(the busiest psychologist, a network's coordinator, a coordinator of all networks, the
staff member of all networks) and `resolve()` turns a spec into a URL, or None when the
load has no object for it.
"""

import time
from dataclasses import dataclass, field

from django.db.models import Count
from django.urls import reverse

from benchmarks.loadgen import LOAD_PREFIX

PAGE_TARGET_MS = 200
PDF_TARGET_MS = 500  # issue #17: the largest invoice PDF < 0.5 s
ALL_NETWORKS_COORDINATOR = f"{LOAD_PREFIX}coord-all"
# A ZIP is built for the download only when its run is this small (a PDF costs 0.1 s).
ZIP_MAX_INVOICES = 200
ZIP_WAIT_SECONDS = 300


@dataclass(frozen=True)
class Spec:
    """A page: figure key, URL name, who opens it, objects giving its URL arguments."""

    key: str
    name: str
    user: str  # psychologist, coordinator, coordinator_all, staff or anonymous
    args: tuple[str, ...] = ()
    query: str = ""
    target_ms: int = PAGE_TARGET_MS


P, C, A, S = "psychologist", "coordinator", "coordinator_all", "staff"
SPECS = [
    Spec("overview", "applications:overview", P),
    Spec("calls", "applications:calls", P),
    Spec("findplace_search", "applications:findplace_search", P, query="q=Vindplaats"),
    Spec("apply", "applications:apply", P, args=("call_code",)),
    Spec("application", "applications:application_detail", P, args=("application",)),
    Spec("allocation", "applications:allocation_detail", P, args=("allocation",)),
    Spec("evaluations", "applications:agreement_evaluations", P, args=("agreement",)),
    Spec("registrations", "registrations:list", P),
    Spec("registrations_csv", "registrations:export", P),
    Spec("registration_new", "registrations:create", P, args=("allocation",)),
    Spec("registration_series", "registrations:series", P, args=("series_allocation",)),
    Spec("registration_edit", "registrations:edit", P, args=("registration",)),
    Spec("registration_again", "registrations:again", P, args=("registration",)),
    Spec("profile", "profile", P),
    Spec("notifications", "notification_settings", P),
    Spec("my_data", "privacy:my_data", P),
    Spec("my_data_zip", "privacy:my_data_zip", P),
    Spec("my_invoices", "billing:my_invoices", P),
    Spec("self_billing", "billing:self_billing", P),
    Spec("my_invoice_pdf", "billing:invoice_pdf", P, ("own_invoice",), target_ms=PDF_TARGET_MS),
    Spec("proposals", "demand:proposals", P),
    Spec("proposal", "demand:proposal_detail", P, args=("proposal",)),
    Spec("queue", "coordination:queue", C),
    Spec("queue_last", "coordination:queue", C, query="page=999999"),
    Spec("queue_filtered", "coordination:queue", C, query="status=approved&municipality=Gent"),
    Spec("bulk_result", "coordination:bulk_result", C),
    Spec("review", "coordination:review", C, args=("submitted",)),
    Spec("extra_hours", "coordination:extra_hours_review", C, args=("extra_hours",)),
    Spec("coord_evaluations", "applications:agreement_evaluations", C, ("network_agreement",)),
    Spec("follow_up", "coordination:follow_up", C),
    Spec("reopenings", "coordination:reopenings", C),
    Spec("uptake", "coordination:uptake", C),
    Spec("uptake_csv", "coordination:uptake_csv", C),
    Spec("uptake_detail", "coordination:uptake_detail", C),
    Spec("uptake_findplace", "coordination:uptake_detail", C, query="indeling=findplace"),
    Spec("uptake_detail_csv", "coordination:uptake_detail_csv", C),
    Spec("funnel_csv", "coordination:funnel_csv", C),
    Spec("register", "coordination:register", C),
    Spec("network_activities", "coordination:network_activities", C),
    Spec("on_behalf", "demand:on_behalf", C),
    Spec("on_behalf_saved", "demand:on_behalf_saved", C),
    Spec("inbox", "demand:inbox", C),
    Spec("request", "demand:request_detail", C, args=("support_request",)),
    Spec("request_search", "demand:search", C, ("support_request",), "language=nl-be"),
    Spec("all_queue", "coordination:queue", A),
    Spec("all_follow_up", "coordination:follow_up", A),
    Spec("all_uptake", "coordination:uptake", A),
    Spec("all_uptake_detail", "coordination:uptake_detail", A),
    Spec("all_register", "coordination:register", A),
    Spec("runs", "billing:runs", S),
    Spec("run", "billing:run_detail", S, args=("run",)),
    Spec("run_csv", "billing:run_csv", S, args=("run",)),
    Spec("run_sepa", "billing:run_sepa", S, args=("run",)),
    Spec("run_zip_status", "billing:run_zip_status", S, args=("run",)),
    Spec("run_zip", "billing:run_zip", S, args=("zip_run",)),
    Spec("invoices", "billing:invoices", S),
    Spec("invoices_filtered", "billing:invoices", S, query="psychologist={invoice_psychologist}"),
    Spec("invoice", "billing:invoice_detail", S, args=("invoice",)),
    Spec(
        "suggestions",
        "psychologist_suggestions",
        S,
        query="psychologist={invoice_psychologist}",
    ),
    Spec("coord_suggestions", "psychologist_suggestions", C, query="psychologist=Psy"),
    Spec("invoice_pdf", "billing:invoice_pdf", S, ("invoice",), target_ms=PDF_TARGET_MS),
    Spec("rates", "billing:rates", S),
    Spec("network_rates", "billing:network_rates", S, args=("network",)),
    Spec("networks", "network_list", S),
    Spec("network_settings", "network_settings", S, args=("network",)),
    Spec("existing_service_add", "existing_service_add", S, args=("network",)),
    Spec("existing_service", "existing_service_edit", S, args=("network", "existing_service")),
    Spec("call_list", "applications:call_list", S, args=("network",)),
    Spec("call_new", "applications:call_new", S, args=("network",)),
    Spec("edition_new", "applications:edition_new", S, args=("network", "call")),
    Spec("edition", "applications:edition_detail", S, args=("network", "edition")),
    Spec("offer", "demand:offer", "anonymous"),
    Spec("offer_network", "demand:offer_network", "anonymous", args=("network_code",)),
    Spec("request_form", "demand:request_form", "anonymous"),
]

# Catalogue pages the benchmark leaves out, and why.
EXCLUDED = {
    "applications:application_edit": "the form of a draft: application_detail's reads",
    "applications:application_delete": "a confirmation of a draft; the load has no drafts",
    "existing_service_delete": "a confirmation: existing_service_edit's reads",
}


@dataclass
class Subjects:
    """The users of each role and the objects the pages are opened on."""

    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)


def resolve(spec: Spec, subjects: Subjects) -> str | None:
    """The URL of the page, or None when the load has no object for it."""
    values = [subjects.objects.get(name) for name in spec.args]
    if any(value is None for value in values):
        return None
    url = reverse(spec.name, args=[getattr(v, "pk", v) for v in values])
    if spec.query:
        url += "?" + spec.query.format(**subjects.objects)
    return url


def all_networks_coordinator():
    """A coordinator of every load network (the generator makes one per network)."""
    from django.contrib.auth.models import Group

    from portal.models import Network, Role, User

    user, _created = User.objects.get_or_create(
        username=ALL_NETWORKS_COORDINATOR, defaults={"password": "!"}
    )
    user.groups.add(Group.objects.get_or_create(name=Role.COORDINATOR)[0])
    user.networks.add(*Network.objects.filter(code__startswith=LOAD_PREFIX))
    return user


def subjects(psychologist, coordinator) -> Subjects:
    """Users and objects from the load (psychologist: the busiest; coordinator: of the
    first network, with submitted applications)."""
    from applications.models import Allocation, Application, ApplicationStatus, ExtraHoursRequest
    from billing.models import BillingRun, Invoice
    from portal.models import ExistingService, User
    from registrations.series import allows_series

    network = coordinator.networks.order_by("code").first()
    allocations = list(
        Allocation.objects.filter(psychologist=psychologist, is_active=True)
        .annotate(n=Count("registrations"))
        .order_by("-n", "pk")
    )
    agreements = Application.objects.filter(agreement__isnull=False, allocation__isnull=False)
    call = network.calls.order_by("pk").first()
    runs = BillingRun.objects.filter(network__code__startswith=LOAD_PREFIX)
    invoices = Invoice.objects.filter(network__code__startswith=LOAD_PREFIX)
    invoice = invoices.annotate(n=Count("items")).order_by("-n", "-pk").first()
    objects = {
        "network": network,
        "network_code": network.code,
        "call_code": "3",
        "allocation": allocations[0] if allocations else None,
        "series_allocation": next((a for a in allocations if allows_series(a)), None),
        "application": Application.objects.filter(psychologist=psychologist).last(),
        "agreement": agreements.filter(psychologist=psychologist).first(),
        "registration": psychologist.registrations.order_by("-date", "-pk").first(),
        "own_invoice": invoices.filter(psychologist=psychologist).order_by("-pk").first(),
        "proposal": _proposal(psychologist, coordinator, network),
        "submitted": Application.objects.filter(
            network=network, status=ApplicationStatus.SUBMITTED
        ).first(),
        "extra_hours": ExtraHoursRequest.objects.filter(allocation__network=network).first(),
        "network_agreement": agreements.filter(network=network).first(),
        "support_request": None,
        "run": runs.annotate(n=Count("invoices")).order_by("-n", "-pk").first(),
        "zip_run": _built_zip_run(runs),
        "invoice": invoice,
        "invoice_psychologist": _psychologist_filter_value(invoice),
        "call": call,
        "edition": call.editions.order_by("pk").first() if call else None,
        "existing_service": ExistingService.objects.filter(network=network).first(),
    }
    if objects["proposal"] is not None:
        objects["support_request"] = objects["proposal"].request
    if objects["run"] is not None:
        _give_bank_account(objects["run"].network)
    staff = User.objects.get(username=f"{LOAD_PREFIX}staff")
    users = {P: psychologist.user, C: coordinator, A: all_networks_coordinator(), S: staff}
    return Subjects(users=users, objects=objects)


def _proposal(psychologist, coordinator, network):
    """A request of the network proposed to the psychologist; made when the load has none."""
    from demand.models import Proposal, RequestState, SupportRequest

    proposal = Proposal.objects.filter(psychologist=psychologist, request__network=network).first()
    if proposal is not None:
        return proposal
    support_request = SupportRequest.objects.create(
        network=network,
        state=RequestState.PROPOSED,
        requester_name="Benchmark",
        requester_role="Teamverantwoordelijke",
        organisation="Benchmark",
        email="benchmark@example.org",
        postcode="9000",
        municipality="Gent",
        place_kind=SupportRequest._meta.get_field("place_kind").choices[0][0],
        question="Benchmark",
        work_form=SupportRequest._meta.get_field("work_form").choices[0][0],
        expected_attendees=8,
        in_direct_contact=True,
    )
    return Proposal.objects.create(
        request=support_request, psychologist=psychologist, proposed_by=coordinator
    )


def _give_bank_account(network) -> None:
    """The SEPA file needs the paying network's IBAN and BIC; the load may leave them out."""
    from demo.numbers import BANK_BIC, made_up_iban

    if not network.iban:
        network.iban, network.bic = made_up_iban(900_000 + network.pk), BANK_BIC
        network.save(update_fields=["iban", "bic"])


def _psychologist_filter_value(invoice) -> str:
    """What the invoice list's psychologist filter takes: a typed name."""
    return invoice.psychologist.user.last_name if invoice is not None else ""


def _built_zip_run(runs):
    """A run with a current ZIP; the smallest run's is built (eagerly) when cheap."""
    from billing import selectors
    from billing.services.run_zips import request_run_zip

    smallest = runs.annotate(n=Count("invoices")).filter(n__gt=0).order_by("n", "pk").first()
    if smallest is None:
        return None
    if not selectors.run_zip_state(smallest).current:
        if smallest.n > ZIP_MAX_INVOICES:
            return None
        request_run_zip(smallest)
        # Without a broker the task may build it in a thread of its own: wait for it.
        deadline = time.monotonic() + ZIP_WAIT_SECONDS
        while not selectors.run_zip_state(smallest).current and time.monotonic() < deadline:
            time.sleep(0.2)
            smallest.refresh_from_db()
    return smallest if selectors.run_zip_state(smallest).current else None
