"""The billing task runs through a real Celery worker and Redis broker."""

from datetime import date

import pytest
from celery.contrib.testing.worker import start_worker
from celery.result import EagerResult

from billing.models import BillingRun, Invoice, RunStatus
from billing.tasks import run_billing_task
from portal.celery import app
from tests.billing.helpers import register

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]

BROKER = "redis://127.0.0.1:6379/14"


def _forget_connections():
    """The app caches its broker pool, producers and result backend: rebuild from conf."""
    app._pool = None
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)
    app.amqp._producer_pool = None


@pytest.fixture
def real_broker():
    """Point the Celery app at Redis with eager mode off; restore everything after."""
    saved = {key: app.conf[key] for key in ("broker_url", "result_backend", "task_always_eager")}
    app.conf.update(broker_url=BROKER, result_backend=BROKER, task_always_eager=False)
    _forget_connections()
    try:
        with start_worker(app, perform_ping_check=False, shutdown_timeout=30):
            yield
    finally:
        app.conf.update(saved)
        _forget_connections()


def test_billing_task_runs_in_a_worker_through_redis(network, allocation, real_broker):
    register(allocation, date(2025, 3, 5), 130)

    result = run_billing_task.delay(network.pk, "2025-03-31")
    assert not isinstance(result, EagerResult)
    run_id = result.get(timeout=60)

    run = BillingRun.objects.get(pk=run_id)
    assert run.status == RunStatus.DONE
    invoice = Invoice.objects.get(run=run)
    assert (invoice.hours, invoice.minutes_carried_out) == (2, 10)
