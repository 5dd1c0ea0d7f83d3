"""Payment pages: the invoice list's state column, filter and "Markeer als betaald", the
result page, marking one invoice paid and undoing it, the run's totals, the psychologist's
list, and hostile input (another network's ids: 404 or a form error; garbage: no 500)."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from billing.models import Invoice, InvoicePayment
from billing.services import runs
from billing.services.payments import mark_paid
from tests.billing.helpers import register
from tests.factories import NetworkFactory, StaffFactory

MARCH = date(2025, 3, 31)
ISSUED = date(2025, 4, 1)


@pytest.fixture
def staff(network):
    return StaffFactory(networks=[network])


@pytest.fixture
def invoices(network, make_allocation):
    """Two invoices of one March run (1 h each), issued 1 April 2025."""
    for _ in range(2):
        register(make_allocation(), date(2025, 3, 5), 60)
    run = runs.run_billing(network, MARCH, issue_date=ISSUED)
    return list(run.invoices.order_by("number"))


@pytest.fixture
def other_invoice(make_allocation):
    other = NetworkFactory(code="ADS", name="GG ADS")
    register(make_allocation(net=other), date(2025, 3, 5), 60)
    return runs.run_billing(other, MARCH, issue_date=ISSUED).invoices.get()


def bulk(client, ids, paid_on="2025-04-10", query=""):
    data = {"invoices": [str(pk) for pk in ids], "paid_on": paid_on}
    return client.post(reverse("billing:invoices_mark_paid") + query, data)


# --- The list --------------------------------------------------------------------------


def test_the_list_shows_the_payment_state_of_each_invoice(client, staff, invoices):
    mark_paid(invoices[0], paid_on=date(2025, 4, 20), actor=staff)
    client.force_login(staff)

    page = client.get(reverse("billing:invoices")).content.decode()

    assert 'betaald</span> <span class="text-nowrap">op 20/04/2025' in page
    assert "te betalen" in page and "vervallen" in page


def test_the_list_filters_on_payment_state(client, staff, invoices):
    mark_paid(invoices[0], paid_on=ISSUED, actor=staff)
    client.force_login(staff)

    response = client.get(reverse("billing:invoices"), {"payment_state": "paid"})

    assert [invoice.pk for invoice in response.context["page_obj"]] == [invoices[0].pk]


def test_the_overdue_filter_lists_the_unpaid_invoices_past_their_due_date(client, staff, invoices):
    mark_paid(invoices[0], paid_on=ISSUED, actor=staff)
    client.force_login(staff)

    response = client.get(reverse("billing:invoices"), {"payment_state": "overdue"})

    assert [invoice.pk for invoice in response.context["page_obj"]] == [invoices[1].pk]


def test_only_invoices_to_pay_have_a_checkbox(client, staff, invoices):
    mark_paid(invoices[0], paid_on=ISSUED, actor=staff)
    client.force_login(staff)

    page = client.get(reverse("billing:invoices")).content.decode()

    assert f'id="pay-{invoices[0].pk}"' not in page
    assert f'id="pay-{invoices[1].pk}"' in page


def test_the_paid_on_date_defaults_to_today(client, staff, invoices):
    client.force_login(staff)

    page = client.get(reverse("billing:invoices")).content.decode()

    assert f'value="{timezone.localdate():%Y-%m-%d}"' in page


def test_the_list_costs_a_fixed_number_of_queries(
    client, staff, network, make_allocation, django_assert_max_num_queries
):
    for _ in range(6):
        register(make_allocation(), date(2025, 3, 5), 60)
    runs.run_billing(network, MARCH, issue_date=ISSUED)
    client.force_login(staff)

    with django_assert_max_num_queries(12):
        client.get(reverse("billing:invoices"))


# --- Markeer als betaald ---------------------------------------------------------------


def test_bulk_marks_the_ticked_invoices_paid_and_lists_them(client, staff, invoices):
    client.force_login(staff)

    response = bulk(client, [invoice.pk for invoice in invoices])

    assert response.status_code == 200
    assert "2 facturen als betaald gemarkeerd" in response.content.decode()
    assert set(InvoicePayment.objects.values_list("paid_on", flat=True)) == {date(2025, 4, 10)}


def test_bulk_lists_the_refused_invoice_with_its_reason(client, staff, invoices):
    mark_paid(invoices[0], paid_on=ISSUED, actor=staff)
    client.force_login(staff)

    page = bulk(client, [invoice.pk for invoice in invoices]).content.decode()

    assert "1 factuur als betaald gemarkeerd" in page
    assert "1 factuur niet gemarkeerd" in page
    assert f"Factuur {invoices[0].number} is al als betaald gemarkeerd" in page


def test_bulk_without_a_ticked_invoice_is_a_form_error_keeping_the_date(client, staff, invoices):
    client.force_login(staff)

    response = bulk(client, [], paid_on="2025-04-10")

    assert response.status_code == 422
    page = response.content.decode()
    assert "Vink eerst de facturen aan" in page
    assert 'value="2025-04-10"' in page


def test_a_bad_date_keeps_the_ticked_invoices_ticked(client, staff, invoices):
    client.force_login(staff)

    response = bulk(client, [invoices[1].pk], paid_on="2025-13-10")

    assert response.status_code == 422
    assert f'id="pay-{invoices[1].pk}" checked' in response.content.decode()
    assert not InvoicePayment.objects.exists()


def test_bulk_with_another_networks_invoice_is_a_form_error(client, staff, invoices, other_invoice):
    client.force_login(staff)

    response = bulk(client, [invoices[0].pk, other_invoice.pk])

    assert response.status_code == 422
    assert not InvoicePayment.objects.exists()


@pytest.mark.parametrize(
    "ids, paid_on",
    [
        (["abc"], "2025-04-10"),
        (["-1"], "2025-04-10"),
        (["99999999999999999999999"], "2025-04-10"),
        (["1 OR 1=1"], "2025-04-10"),
        (None, "2025-02-30"),
        (None, "99999-01-01"),
        (None, "<script>"),
        (None, ""),
    ],
)
def test_hostile_bulk_input_is_a_form_error_not_a_500(client, staff, invoices, ids, paid_on):
    client.force_login(staff)

    response = bulk(client, ids or [invoices[0].pk], paid_on=paid_on)

    assert response.status_code == 422
    assert not InvoicePayment.objects.exists()


def test_the_result_page_goes_back_to_the_filtered_list(client, staff, invoices):
    client.force_login(staff)

    page = bulk(client, [invoices[0].pk], query="?payment_state=to_pay").content.decode()

    assert f'href="{reverse("billing:invoices")}?payment_state=to_pay"' in page


# --- One invoice -----------------------------------------------------------------------


def test_staff_mark_one_invoice_paid_from_its_page(client, staff, invoices):
    client.force_login(staff)
    url = reverse("billing:invoice_mark_paid", args=[invoices[0].pk])

    response = client.post(url, {"paid_on": "2025-04-15"}, follow=True)

    assert "is als betaald gemarkeerd" in response.content.decode()
    assert InvoicePayment.objects.get().paid_on == date(2025, 4, 15)


def test_a_refused_date_is_shown_at_the_field_and_kept(client, staff, invoices):
    client.force_login(staff)
    tomorrow = timezone.localdate() + timedelta(days=1)
    url = reverse("billing:invoice_mark_paid", args=[invoices[0].pk])

    response = client.post(url, {"paid_on": f"{tomorrow:%Y-%m-%d}"})

    assert response.status_code == 422
    page = response.content.decode()
    assert "De betaaldatum ligt in de toekomst" in page
    assert f'value="{tomorrow:%Y-%m-%d}"' in page


def test_another_networks_invoice_cannot_be_marked_paid(client, staff, other_invoice):
    client.force_login(staff)

    response = client.post(
        reverse("billing:invoice_mark_paid", args=[other_invoice.pk]), {"paid_on": "2025-04-15"}
    )

    assert response.status_code == 404
    assert not InvoicePayment.objects.exists()


def test_another_networks_payment_cannot_be_undone(client, other_invoice):
    mark_paid(other_invoice, paid_on=ISSUED, actor=StaffFactory(networks=[other_invoice.network]))
    client.force_login(StaffFactory(networks=[NetworkFactory(code="PAKT")]))

    response = client.post(reverse("billing:invoice_undo_payment", args=[other_invoice.pk]))

    assert response.status_code == 404
    assert InvoicePayment.objects.exists()


def test_undo_from_the_invoice_page_shows_it_in_the_history(client, staff, invoices):
    mark_paid(invoices[0], paid_on=ISSUED, actor=staff)
    client.force_login(staff)

    response = client.post(
        reverse("billing:invoice_undo_payment", args=[invoices[0].pk]), follow=True
    )

    page = response.content.decode()
    assert "is ongedaan gemaakt" in page
    assert "Betaling van 01/04/2025 verwijderd" in page
    assert not InvoicePayment.objects.exists()


def test_a_paid_invoice_page_offers_undo_instead_of_the_form(client, staff, invoices):
    mark_paid(invoices[0], paid_on=ISSUED, actor=staff)
    client.force_login(staff)

    page = client.get(reverse("billing:invoice_detail", args=[invoices[0].pk])).content.decode()

    assert "Betaling ongedaan maken" in page
    assert 'id="mark-paid"' not in page


# --- The run and the psychologist ------------------------------------------------------


def test_the_run_page_counts_invoices_per_payment_state(client, staff, invoices):
    mark_paid(invoices[0], paid_on=ISSUED, actor=staff)
    client.force_login(staff)

    response = client.get(reverse("billing:run_detail", args=[invoices[0].run_id]))

    page = response.content.decode()
    counts = re.findall(
        r'<th scope="row">([A-Za-z ]+?) ?(?:<span[^>]*>[^<]*</span>)?</th>\s*'
        r'<td class="text-end"[^>]*>(\d+)</td>',
        page,
    )
    assert counts == [("Te betalen", "1"), ("Betaald", "1"), ("Gecrediteerd", "0")]


def test_the_psychologist_sees_that_their_invoice_is_paid(client, staff, invoices):
    mark_paid(invoices[0], paid_on=date(2025, 4, 20), actor=staff)
    client.force_login(invoices[0].psychologist.user)

    page = client.get(reverse("billing:my_invoices")).content.decode()

    assert "betaald" in page and "op 20/04/2025" in page


def test_a_psychologist_cannot_mark_an_invoice_paid(client, invoices):
    client.force_login(invoices[0].psychologist.user)

    response = client.post(
        reverse("billing:invoice_mark_paid", args=[invoices[0].pk]), {"paid_on": "2025-04-15"}
    )

    assert response.status_code in (403, 404)
    assert not Invoice.objects.filter(payment__isnull=False).exists()
