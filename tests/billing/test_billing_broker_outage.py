"""A broker that is down never turns starting a run (or a ZIP) into an error page."""

import time
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from billing import recovery
from billing.models import BillingRun, RunEventKind, RunStatus, ZipStatus
from billing.services import runs
from tests.billing.helpers import register
from tests.broker import broker_down
from tests.factories import StaffFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

# The settings make a send to a dead broker give up within about a second.
FAST = 2.0


@pytest.fixture
def staff_client(client, network):
    client.force_login(StaffFactory(networks=[network]))
    return client


def test_run_started_with_the_broker_down_answers_at_once_and_the_sweep_starts_it_later(
    staff_client, network, allocation
):
    register(allocation, date(2025, 3, 5), 60)

    with broker_down():
        started = time.monotonic()
        response = staff_client.post(
            reverse("billing:runs"), {"network": network.pk, "month": "2025-03"}
        )
        elapsed = time.monotonic() - started

    assert response.status_code == 302
    assert elapsed < FAST
    run = BillingRun.objects.get()
    assert run.status == RunStatus.QUEUED
    assert list(run.events.values_list("kind", flat=True)) == [RunEventKind.BROKER_UNAVAILABLE]
    page = staff_client.get(response.url).content.decode()
    assert "start vanzelf zodra ze weer beschikbaar is" in page

    # The broker is back (eager here); the sweep finds the run still queued and starts it.
    BillingRun.objects.filter(pk=run.pk).update(
        queued_at=timezone.now() - recovery.STALE_QUEUED_AFTER - timedelta(seconds=1)
    )
    assert recovery.resume_stalled_runs() == [run.pk]
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert run.invoices.count() == 1


def test_zip_asked_with_the_broker_down_stays_queued_and_says_so(staff_client, network, allocation):
    register(allocation, date(2025, 3, 5), 60)
    run = runs.run_billing(network, date(2025, 3, 31))

    with broker_down():
        started = time.monotonic()
        response = staff_client.post(reverse("billing:run_zip_build", args=[run.pk]), follow=True)
        elapsed = time.monotonic() - started

    assert response.status_code == 200
    assert elapsed < FAST
    assert "Het wordt vanzelf gemaakt zodra ze weer beschikbaar is" in response.content.decode()
    run.refresh_from_db()
    assert run.zip_status == ZipStatus.QUEUED
