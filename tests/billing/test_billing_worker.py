"""The billing task runs through a real Celery worker and Redis broker."""

from datetime import date

import pytest
from celery.contrib.testing.worker import start_worker
from celery.result import EagerResult

from billing.models import BillingRun, Invoice, RunStatus
from billing.tasks import run_billing_task
from tests.billing.helpers import register
from tests.broker import broker_at
from tests.conftest import redis_url

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def real_broker():
    """Redis at TEST_REDIS_URL (each helper's own database), a worker in a thread."""
    with (
        broker_at(redis_url()) as app,
        start_worker(app, perform_ping_check=False, shutdown_timeout=30),
    ):
        yield


def test_billing_task_runs_in_a_worker_through_redis(network, allocation, real_broker):
    register(allocation, date(2025, 3, 5), 130)

    result = run_billing_task.delay(network.pk, "2025-03-31")
    assert not isinstance(result, EagerResult)
    run_id = result.get(timeout=60)

    run = BillingRun.objects.get(pk=run_id)
    assert run.status == RunStatus.DONE
    invoice = Invoice.objects.get(run=run)
    assert (invoice.hours, invoice.minutes_carried_out) == (2, 10)
