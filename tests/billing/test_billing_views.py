"""Billing pages: staff runs, invoices and credit notes, PDFs, and access scoping (404)."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from billing.models import BillingRun, Invoice, InvoiceKind, Rate, RunStatus
from billing.services import credit_notes, runs
from portal.models import Role
from tests.billing.helpers import register
from tests.factories import NetworkFactory, PsychologistFactory, StaffFactory, UserFactory

MARCH = date(2025, 3, 31)


@pytest.fixture
def staff(network):
    return StaffFactory(networks=[network])


@pytest.fixture
def other_staff(db):
    return StaffFactory(networks=[NetworkFactory(code="ADS", name="GG ADS")])


@pytest.fixture
def invoice(network, allocation):
    register(allocation, date(2025, 3, 5), 40)
    register(allocation, date(2025, 3, 12), 45, hour=11)
    run = runs.run_billing(network, MARCH, issue_date=date(2025, 4, 1))
    return Invoice.objects.get(run=run)


def login(client, user):
    client.force_login(user)
    return client


# --- Runs ------------------------------------------------------------------------------


def test_staff_starts_a_run_which_bills_at_once_with_eager_celery(
    client, staff, network, allocation, django_capture_on_commit_callbacks
):
    register(allocation, date(2025, 3, 5), 60)
    login(client, staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("billing:runs"), {"network": network.pk, "month": "2025-03"})

    assert response.status_code == 302
    run = BillingRun.objects.get()
    assert (run.period_end, run.status, run.started_by) == (MARCH, RunStatus.DONE, staff)
    assert run.invoices.count() == 1


def test_starting_a_billed_month_again_changes_nothing(client, staff, network, invoice):
    login(client, staff)

    response = client.post(
        reverse("billing:runs"), {"network": network.pk, "month": "2025-03"}, follow=True
    )

    assert "al gefactureerd" in response.content.decode()
    assert Invoice.objects.count() == 1


def test_month_that_has_not_ended_is_refused(client, staff, network):
    login(client, staff)

    response = client.post(reverse("billing:runs"), {"network": network.pk, "month": "2999-01"})

    assert response.status_code == 422
    assert "nog niet voorbij" in response.content.decode()
    assert not BillingRun.objects.exists()


def test_malformed_month_is_a_form_error(client, staff, network):
    login(client, staff)

    response = client.post(reverse("billing:runs"), {"network": network.pk, "month": "maart"})

    assert response.status_code == 422
    assert not BillingRun.objects.exists()


def test_staff_cannot_start_a_run_for_a_network_they_do_not_follow(client, other_staff, network):
    login(client, other_staff)

    response = client.post(reverse("billing:runs"), {"network": network.pk, "month": "2025-03"})

    assert response.status_code == 422
    assert not BillingRun.objects.exists()


def test_runs_list_shows_only_followed_networks(client, other_staff, invoice):
    login(client, other_staff)

    response = client.get(reverse("billing:runs"))

    assert response.status_code == 200
    assert "Het PAKT" not in response.content.decode()


def test_runs_list_polls_with_htmx_while_a_run_is_active(client, staff, network):
    runs.start_run(network, MARCH)
    login(client, staff)

    response = client.get(reverse("billing:runs"), headers={"HX-Request": "true"})

    body = response.content.decode()
    assert 'hx-trigger="every 2s"' in body
    assert "<html" not in body  # only the table is swapped
    assert "0 van 0 psychologen" in body


def test_runs_list_stops_polling_when_runs_are_done(client, staff, invoice):
    login(client, staff)

    response = client.get(reverse("billing:runs"))

    assert "hx-trigger" not in response.content.decode()
    assert "1 van 1 psycholoog" in response.content.decode()


def test_psychologist_may_not_see_the_runs_page(client, allocation):
    login(client, allocation.psychologist.user)

    assert client.get(reverse("billing:runs")).status_code == 403


def test_run_detail_of_another_network_is_404(client, other_staff, invoice):
    login(client, other_staff)

    assert client.get(reverse("billing:run_detail", args=[invoice.run_id])).status_code == 404
    assert client.get(reverse("billing:run_csv", args=[invoice.run_id])).status_code == 404


def test_run_csv_downloads_as_attachment(client, staff, invoice):
    login(client, staff)

    response = client.get(reverse("billing:run_csv", args=[invoice.run_id]))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert invoice.number in response.content.decode("utf-8-sig")


def test_run_zip_is_built_by_a_task_and_downloaded_by_staff(
    client, staff, invoice, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    login(client, staff)
    assert client.get(reverse("billing:run_zip", args=[invoice.run_id])).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("billing:run_zip_build", args=[invoice.run_id]))
    response = client.get(reverse("billing:run_zip", args=[invoice.run_id]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"PK"


# --- Invoices --------------------------------------------------------------------------


def test_invoice_list_filters_credit_notes(client, staff, invoice):
    note = credit_notes.issue_credit_note(invoice.items.first().registration, reason="fout")
    login(client, staff)

    response = client.get(reverse("billing:invoices"), {"kind": InvoiceKind.CREDIT_NOTE})

    numbers = [i.number for i in response.context["page_obj"]]
    assert numbers == [note.number]


def test_invoice_list_filters_by_period_and_psychologist(client, staff, invoice, make_allocation):
    other = make_allocation()
    register(other, date(2025, 4, 5), 60)
    runs.run_billing(invoice.network, date(2025, 4, 30))
    login(client, staff)

    by_period = client.get(reverse("billing:invoices"), {"period": "2025-03"})
    by_psychologist = client.get(
        reverse("billing:invoices"), {"psychologist": other.psychologist.riziv_number}
    )

    assert [i.pk for i in by_period.context["page_obj"]] == [invoice.pk]
    assert [i.psychologist_id for i in by_psychologist.context["page_obj"]] == [
        other.psychologist_id
    ]


def test_invoice_list_costs_a_fixed_number_of_queries(
    client, staff, network, make_allocation, django_assert_max_num_queries
):
    for _ in range(5):
        register(make_allocation(), date(2025, 3, 5), 60)
    runs.run_billing(network, MARCH)
    login(client, staff)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("billing:invoices"))

    assert len(response.context["page_obj"]) == 5


def test_invoice_detail_of_another_network_is_404(client, other_staff, invoice):
    login(client, other_staff)

    assert client.get(reverse("billing:invoice_detail", args=[invoice.pk])).status_code == 404


def test_staff_issues_a_credit_note_from_the_invoice_page(client, staff, invoice):
    item = invoice.items.get(minutes=45)
    login(client, staff)

    response = client.post(
        reverse("billing:invoice_credit", args=[invoice.pk]),
        {"item": item.pk, "reason": "Dubbel geregistreerd"},
    )

    note = Invoice.objects.get(kind=InvoiceKind.CREDIT_NOTE)
    assert response.status_code == 302
    assert response["Location"] == reverse("billing:invoice_detail", args=[note.pk])
    assert (note.reason, note.created_by) == ("Dubbel geregistreerd", staff)


def test_credit_note_without_reason_keeps_the_form_with_an_error(client, staff, invoice):
    login(client, staff)

    response = client.post(
        reverse("billing:invoice_credit", args=[invoice.pk]),
        {"item": invoice.items.first().pk, "reason": ""},
    )

    assert response.status_code == 422
    assert not Invoice.objects.filter(kind=InvoiceKind.CREDIT_NOTE).exists()


def test_credit_note_needs_post(client, staff, invoice):
    login(client, staff)

    assert client.get(reverse("billing:invoice_credit", args=[invoice.pk])).status_code == 405


# --- PDF and own invoices --------------------------------------------------------------


def test_staff_downloads_the_pdf(client, staff, invoice):
    login(client, staff)

    response = client.get(reverse("billing:invoice_pdf", args=[invoice.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f'filename="{invoice.number}.pdf"' in response["Content-Disposition"]


def test_psychologist_downloads_their_own_pdf(client, invoice):
    login(client, invoice.psychologist.user)

    response = client.get(reverse("billing:invoice_pdf", args=[invoice.pk]))

    assert response.status_code == 200


def test_other_psychologist_gets_404_for_the_pdf(client, invoice):
    login(client, PsychologistFactory().user)

    assert client.get(reverse("billing:invoice_pdf", args=[invoice.pk])).status_code == 404


def test_other_networks_staff_gets_404_for_the_pdf(client, other_staff, invoice):
    login(client, other_staff)

    assert client.get(reverse("billing:invoice_pdf", args=[invoice.pk])).status_code == 404


def test_superuser_with_a_psychologist_profile_downloads_any_pdf(client, invoice):
    administrator = PsychologistFactory().user
    administrator.is_superuser = True
    administrator.save()
    login(client, administrator)

    assert client.get(reverse("billing:invoice_pdf", args=[invoice.pk])).status_code == 200


def test_user_without_billing_role_is_refused_the_pdf(client, invoice):
    login(client, UserFactory(roles=[Role.COORDINATOR]))

    assert client.get(reverse("billing:invoice_pdf", args=[invoice.pk])).status_code == 403


def test_my_invoices_lists_only_the_psychologists_own(client, invoice, make_allocation):
    other = make_allocation()
    register(other, date(2025, 4, 5), 60)
    runs.run_billing(invoice.network, date(2025, 4, 30))
    login(client, invoice.psychologist.user)

    response = client.get(reverse("billing:my_invoices"))

    assert [i.pk for i in response.context["page_obj"]] == [invoice.pk]
    assert "Mijn facturen" in response.content.decode()


# --- Rates -----------------------------------------------------------------------------


def test_staff_add_a_rate_of_their_network_from_a_future_date(client, staff, network):
    login(client, staff)

    response = client.post(
        reverse("billing:network_rates", args=[network.pk]),
        {"effective_from": "2027-01-01", "hourly_rate": "88.12"},
    )

    assert response.status_code == 302
    assert Rate.objects.in_force_on(date(2027, 1, 31), network).hourly_rate == Decimal("88.12")


def test_rate_inside_a_billed_period_is_refused(client, staff, network, invoice):
    login(client, staff)

    response = client.post(
        reverse("billing:network_rates", args=[network.pk]),
        {"effective_from": "2025-03-15", "hourly_rate": "88.12"},
    )

    assert response.status_code == 422
    assert "al gefactureerd" in response.content.decode()
    assert Rate.objects.count() == 1


def test_second_rate_on_the_same_date_is_refused(client, staff, network):
    Rate.objects.create(network=network, effective_from=date(2027, 1, 1), hourly_rate=90)
    login(client, staff)

    response = client.post(
        reverse("billing:network_rates", args=[network.pk]),
        {"effective_from": "2027-01-01", "hourly_rate": "88.12"},
    )

    assert response.status_code == 422
    assert Rate.objects.get(network=network).hourly_rate == Decimal("90.00")
