"""Who saw what (docs/access-log.md): every page and download with a psychologist's data
writes one entry saying who saw what, after the access check; a refused view writes none."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from billing.models import Invoice
from billing.services import run_zips, runs
from portal import access_log
from portal.models import AccessKind, AccessLogEntry
from tests.billing.helpers import register
from tests.factories import (
    AllocationFactory,
    ApplicationFactory,
    CoordinatorFactory,
    NetworkFactory,
    PsychologistFactory,
    StaffFactory,
    call,
)

pytestmark = pytest.mark.django_db

MARCH = date(2025, 3, 31)


@pytest.fixture
def network():
    return NetworkFactory(code="PAKT", name="Het PAKT", iban="BE02068241735040", bic="GKCCBEBB")


@pytest.fixture
def psychologist(network):
    return PsychologistFactory(networks=[network], user__first_name="An", user__last_name="Peeters")


@pytest.fixture
def coordinator(network):
    return CoordinatorFactory(
        networks=[network], username="lotte", first_name="Lotte", last_name="Coördinator"
    )


@pytest.fixture
def staff(network):
    return StaffFactory(networks=[network], username="staf", first_name="Staf", last_name="Boek")


@pytest.fixture
def application(psychologist, network, settings, tmp_path):
    """A submitted call-3 application with its agreement and a stored signed PDF."""
    settings.MEDIA_ROOT = tmp_path
    application = ApplicationFactory(
        psychologist=psychologist, network=network, call=call(3), findplace=None
    )
    application.agreement.signed_pdf.save("overeenkomst.pdf", ContentFile(b"%PDF-1.4 getekend"))
    return application


@pytest.fixture
def run(psychologist, network, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    allocation = AllocationFactory(
        application__psychologist=psychologist, application__network=network
    )
    register(allocation, date(2025, 3, 5), 60)
    return runs.run_billing(network, MARCH, issue_date=date(2025, 4, 1))


@pytest.fixture
def invoice(run):
    return Invoice.objects.get(run=run)


def viewed(client, user, url, params=None):
    """GET `url` as `user`, reading a streamed body to the end; the one entry it wrote."""
    client.force_login(user)
    response = client.get(url, params or {})
    assert response.status_code == 200
    if response.streaming:
        b"".join(response.streaming_content)
    (entry,) = AccessLogEntry.objects.all()
    return entry


def who_and_what(entry) -> tuple:
    return (entry.kind, entry.user_label, entry.object_label, entry.psychologist_id)


# --- One entry per kind -----------------------------------------------------------------


def test_the_review_page_is_logged_with_its_application(client, coordinator, application):
    url = reverse("coordination:review", args=[application.pk])

    entry = viewed(client, coordinator, url)

    assert who_and_what(entry) == (
        AccessKind.APPLICATION,
        "Lotte Coördinator (lotte)",
        f"Aanvraag #{application.pk} van An Peeters",
        application.psychologist_id,
    )
    assert (entry.user, entry.object_id, entry.path) == (coordinator, application.pk, url)


def test_the_application_file_is_logged(client, coordinator, application):
    url = reverse("applications:application_file", args=[application.pk])

    entry = viewed(client, coordinator, url)

    assert who_and_what(entry) == (
        AccessKind.APPLICATION_FILE,
        "Lotte Coördinator (lotte)",
        f"Aanvraag #{application.pk} van An Peeters",
        application.psychologist_id,
    )


def test_the_signed_agreement_is_logged(client, coordinator, application):
    url = reverse("applications:agreement_pdf", args=[application.pk])

    entry = viewed(client, coordinator, url)

    agreement = application.agreement
    assert who_and_what(entry) == (
        AccessKind.AGREEMENT_PDF,
        "Lotte Coördinator (lotte)",
        f"Samenwerkingsovereenkomst #{agreement.pk} van An Peeters",
        application.psychologist_id,
    )
    assert entry.object_id == agreement.pk


def test_the_invoice_page_is_logged(client, staff, invoice):
    entry = viewed(client, staff, reverse("billing:invoice_detail", args=[invoice.pk]))

    assert who_and_what(entry) == (
        AccessKind.INVOICE,
        "Staf Boek (staf)",
        f"{invoice.number} van An Peeters",
        invoice.psychologist_id,
    )
    assert entry.object_id == invoice.pk


def test_the_invoice_pdf_is_logged_for_its_own_psychologist_too(client, psychologist, invoice):
    entry = viewed(client, psychologist.user, reverse("billing:invoice_pdf", args=[invoice.pk]))

    assert (entry.kind, entry.user, entry.psychologist) == (
        AccessKind.INVOICE_PDF,
        psychologist.user,
        psychologist,
    )


def test_the_registrations_csv_is_logged_without_its_filter(client, psychologist, invoice):
    entry = viewed(
        client, psychologist.user, reverse("registrations:export"), {"date_from": "2025-03-01"}
    )

    assert who_and_what(entry) == (
        AccessKind.REGISTRATIONS_CSV,
        "An Peeters (" + psychologist.user.username + ")",
        "registraties.csv van An Peeters",
        psychologist.pk,
    )
    assert entry.path == reverse("registrations:export")


def test_the_accounting_csv_of_a_run_is_logged(client, staff, run):
    entry = viewed(client, staff, reverse("billing:run_csv", args=[run.pk]))

    assert (entry.kind, entry.object_label, entry.object_id, entry.psychologist) == (
        AccessKind.RUN_CSV,
        "facturatie-PAKT-2025-03.csv",
        run.pk,
        None,
    )


def test_the_sepa_file_of_a_run_is_logged(client, staff, run):
    entry = viewed(client, staff, reverse("billing:run_sepa", args=[run.pk]))

    assert (entry.kind, entry.object_label, entry.object_id) == (
        AccessKind.SEPA_FILE,
        "overschrijvingen-PAKT-2025-03.xml",
        run.pk,
    )


def test_the_zip_of_a_run_is_logged(client, staff, run):
    run_zips.request_run_zip(run)
    run_zips.build_run_zip(run.pk)

    entry = viewed(client, staff, reverse("billing:run_zip", args=[run.pk]))

    assert (entry.kind, entry.object_id, entry.user) == (AccessKind.RUN_ZIP, run.pk, staff)
    assert entry.object_label.endswith(".zip")


def test_the_uptake_csv_is_logged(client, coordinator):
    entry = viewed(client, coordinator, reverse("coordination:uptake_csv"), {"jaar": "2025"})

    assert (entry.kind, entry.object_label, entry.user) == (
        AccessKind.UPTAKE_CSV,
        "benutting-2025.csv",
        coordinator,
    )


def test_the_uptake_detail_csv_is_logged(client, coordinator):
    url = reverse("coordination:uptake_detail_csv")

    entry = viewed(client, coordinator, url, {"van": "2025-03", "tot": "2025-05"})

    assert (entry.kind, entry.object_label, entry.path) == (
        AccessKind.UPTAKE_DETAIL_CSV,
        "benutting-2025-03-2025-05.csv",
        url,
    )


def test_the_funnel_csv_is_logged(client, coordinator):
    entry = viewed(client, coordinator, reverse("coordination:funnel_csv"), {"jaar": "2025"})

    assert (entry.kind, entry.object_label) == (AccessKind.FUNNEL_CSV, "vragen-2025.csv")


def test_the_label_is_in_the_portals_language_whatever_the_viewer_reads(
    client, coordinator, application
):
    coordinator.language = "fr-be"
    coordinator.save()

    entry = viewed(client, coordinator, reverse("coordination:review", args=[application.pk]))

    assert entry.object_label == f"Aanvraag #{application.pk} van An Peeters"


# --- Only what was shown ---------------------------------------------------------------


def test_another_networks_coordinator_is_refused_and_not_logged(client, application):
    client.force_login(CoordinatorFactory(networks=[NetworkFactory(code="ADS", name="GG ADS")]))

    for name in ("coordination:review", "applications:application_file"):
        assert client.get(reverse(name, args=[application.pk])).status_code == 404

    assert not AccessLogEntry.objects.exists()


def test_a_psychologist_refused_a_staff_page_is_not_logged(client, psychologist, invoice):
    client.force_login(psychologist.user)

    assert client.get(reverse("billing:invoice_detail", args=[invoice.pk])).status_code == 403
    assert not AccessLogEntry.objects.exists()


def test_a_zip_not_ready_is_not_logged(client, staff, run):
    client.force_login(staff)

    assert client.get(reverse("billing:run_zip", args=[run.pk])).status_code == 404
    assert not AccessLogEntry.objects.exists()


# --- The cost: one INSERT --------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "name"),
    [
        ("coordinator", "coordination:review"),
        ("coordinator", "applications:application_file"),
        ("coordinator", "applications:agreement_pdf"),
        ("staff", "billing:invoice_detail"),
        ("staff", "billing:invoice_pdf"),
        ("psychologist", "registrations:export"),
    ],
)
def test_a_logged_page_costs_exactly_one_insert_more(
    client, request, monkeypatch, application, invoice, who, name
):
    user = request.getfixturevalue(who)
    client.force_login(getattr(user, "user", user))
    pk = {"billing:invoice_detail": invoice.pk, "billing:invoice_pdf": invoice.pk}.get(
        name, application.pk
    )
    url = reverse(name) if name == "registrations:export" else reverse(name, args=[pk])
    client.get(url)  # warm: sessions, content types, translations

    def queries() -> list[str]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
        return [query["sql"] for query in captured.captured_queries]

    logged = queries()
    with monkeypatch.context() as patch:
        patch.setattr(access_log, "record_view", lambda *args, **kwargs: None)
        unlogged = queries()

    extra = [sql for sql in logged if "portal_accesslogentry" in sql]
    assert len(logged) == len(unlogged) + 1
    assert len(extra) == 1 and extra[0].startswith("INSERT")
