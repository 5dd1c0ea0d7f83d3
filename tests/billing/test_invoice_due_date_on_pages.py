"""The due date and structured communication an invoice carries are on the staff invoice
page and on the psychologist's invoice list, as on the PDF; a credit note shows neither."""

from datetime import date

import pytest
from django.urls import reverse

from billing.models import Invoice
from billing.services import credit_notes, runs
from billing.structured_communication import printed
from tests.billing.helpers import register
from tests.factories import StaffFactory

MARCH = date(2025, 3, 31)


@pytest.fixture
def invoice(network, allocation):
    register(allocation, date(2025, 3, 5), 60)
    return Invoice.objects.get(run=runs.run_billing(network, MARCH, issue_date=date(2025, 4, 1)))


@pytest.fixture
def credit_note(invoice):
    return credit_notes.issue_credit_note(invoice.items.get(), issue_date=date(2025, 4, 3))


def page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_staff_invoice_page_shows_due_date_and_structured_communication(client, network, invoice):
    html = page(
        client,
        StaffFactory(networks=[network]),
        reverse("billing:invoice_detail", args=[invoice.pk]),
    )

    assert 'Vervaldatum</dt><dd class="col-sm-9">01/05/2025</dd>' in html
    assert printed(invoice.structured_communication) in html


def test_staff_credit_note_page_shows_no_due_date_nor_communication(client, network, credit_note):
    html = page(
        client,
        StaffFactory(networks=[network]),
        reverse("billing:invoice_detail", args=[credit_note.pk]),
    )

    assert "Vervaldatum" not in html
    assert printed(credit_note.structured_communication) not in html


def test_my_invoices_lists_due_date_and_communication_of_an_invoice(client, invoice, credit_note):
    html = page(client, invoice.psychologist.user, reverse("billing:my_invoices"))

    assert '<th scope="col">Vervaldatum</th>' in html
    assert "01/05/2025" in html
    assert printed(invoice.structured_communication) in html
    # The credit note's row asks for no transfer: no communication of its own.
    assert printed(credit_note.structured_communication) not in html
