"""Billing pages as staff read them: amounts in euro with the same sign everywhere, plurals,
and a started run shown on its own page, which follows the progress."""

from datetime import date

import pytest
from django.urls import reverse

from billing.models import BillingRun, Invoice, RunStatus
from billing.services import runs
from tests.billing.helpers import register
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

MARCH = date(2025, 3, 31)


@pytest.fixture
def staff(network):
    return StaffFactory(networks=[network])


@pytest.fixture
def invoice(network, allocation):
    """One invoice of 1 h (60 min) for March 2025."""
    register(allocation, date(2025, 3, 5), 60)
    return Invoice.objects.get(run=runs.run_billing(network, MARCH))


def login(client, user):
    client.force_login(user)


def page(client, name, *args) -> str:
    return client.get(reverse(name, args=args)).content.decode()


def test_amounts_show_the_euro_sign_on_every_billing_page(client, staff, invoice):
    login(client, staff)
    pages = [
        page(client, "billing:runs"),
        page(client, "billing:invoices"),
        page(client, "billing:run_detail", invoice.run_id),
        page(client, "billing:invoice_detail", invoice.pk),
        page(client, "billing:rates"),
    ]

    for html in pages:
        assert "€ 86,69" in html
        assert "EUR" not in html


def test_a_run_with_one_invoice_says_one_invoice(client, staff, invoice):
    login(client, staff)

    html = page(client, "billing:run_detail", invoice.run_id)

    assert "1 factuur, 1 u, € 86,69" in html
    assert "1 facturen" not in html


def test_a_run_of_one_psychologist_says_one_psychologist(client, staff, invoice):
    login(client, staff)

    assert "1 van 1 psycholoog<" in page(client, "billing:run_detail", invoice.run_id)


def test_starting_a_run_shows_that_runs_page(client, staff, network, allocation):
    login(client, staff)

    response = client.post(reverse("billing:runs"), {"network": network.pk, "month": "2025-03"})

    run = BillingRun.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("billing:run_detail", args=[run.pk])


def test_starting_a_billed_month_again_shows_that_runs_page(client, staff, network, invoice):
    login(client, staff)

    response = client.post(reverse("billing:runs"), {"network": network.pk, "month": "2025-03"})

    assert response.url == reverse("billing:run_detail", args=[invoice.run_id])


def test_the_run_page_polls_for_progress_until_the_run_is_done(client, staff, network):
    run = BillingRun.objects.create(
        network=network, period_start=date(2025, 3, 1), period_end=MARCH, issue_date=MARCH
    )
    login(client, staff)

    queued = page(client, "billing:run_detail", run.pk)
    BillingRun.objects.filter(pk=run.pk).update(status=RunStatus.DONE)
    done = page(client, "billing:run_detail", run.pk)

    assert 'data-hx-trigger="every 2s"' in queued
    assert 'data-hx-select="#run"' in queued
    assert "data-hx-trigger" not in done
