"""Celery wiring (task options, monthly beat schedule) and the read-only invoice admin."""

from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse

from billing import tasks
from billing.models import BillingRun, Invoice, RunStatus
from billing.services import runs
from tests.billing.helpers import register
from tests.factories import NetworkFactory, UserFactory


def test_billing_tasks_acknowledge_late():
    assert tasks.run_billing_task.acks_late
    assert tasks.run_monthly_billing.acks_late


def test_beat_looks_for_a_closed_month_to_bill_every_night_at_two():
    entry = settings.CELERY_BEAT_SCHEDULE["monthly-billing"]
    schedule = entry["schedule"]

    assert entry["task"] == "billing.tasks.run_monthly_billing"
    assert len(schedule.day_of_month) == 31
    assert (schedule.hour, schedule.minute) == ({2}, {0})


def test_monthly_billing_bills_the_previous_month_of_every_network(
    network, allocation, monkeypatch, django_capture_on_commit_callbacks
):
    other = NetworkFactory(code="ADS", name="GG ADS")
    register(allocation, date(2025, 3, 31), 60)
    register(allocation, date(2025, 4, 1), 60)  # belongs to April
    monkeypatch.setattr(tasks.timezone, "localdate", lambda: date(2025, 4, 1))

    with django_capture_on_commit_callbacks(execute=True):
        tasks.run_monthly_billing.delay()

    runs = BillingRun.objects.order_by("network__code")
    assert [(r.network, r.period_end, r.status) for r in runs] == [
        (other, date(2025, 3, 31), RunStatus.DONE),
        (network, date(2025, 3, 31), RunStatus.DONE),
    ]
    assert Invoice.objects.get().hours == 1


@pytest.fixture
def admin_client_with_invoice(client, network, allocation):
    register(allocation, date(2025, 3, 5), 60)
    runs.run_billing(network, date(2025, 3, 31))
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client, Invoice.objects.get()


def test_admin_shows_an_invoice_read_only(admin_client_with_invoice):
    client, invoice = admin_client_with_invoice

    response = client.get(reverse("admin:billing_invoice_change", args=[invoice.pk]))

    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    assert not response.context["has_delete_permission"]


def test_admin_cannot_delete_an_invoice(admin_client_with_invoice):
    client, invoice = admin_client_with_invoice

    response = client.post(
        reverse("admin:billing_invoice_delete", args=[invoice.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert Invoice.objects.filter(pk=invoice.pk).exists()
