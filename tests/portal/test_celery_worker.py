"""The outbox through the real path: a Redis broker and a Celery worker (celery's test worker).

The worker runs in a thread of this process, so the locmem outbox sees the mail it sends.
"""

import os
import time
from urllib.parse import urlparse

import pytest
from celery.contrib.testing.worker import start_worker
from celery.result import EagerResult
from django.core import mail
from post_office.models import STATUS, Email

from portal.outbox import queue_email
from portal.tasks import send_queued_mail
from tests.broker import celery_configured

# A database number of its own, so this test never meets another test's queue.
REDIS_DB = 13


def worker_redis_url() -> str:
    base = os.environ.get("TEST_REDIS_URL") or "redis://127.0.0.1:6379/15"
    return urlparse(base)._replace(path=f"/{REDIS_DB}").geturl()


@pytest.fixture
def redis_celery():
    url = worker_redis_url()
    with (
        celery_configured(broker_url=url, result_backend=url, task_always_eager=False) as app,
        start_worker(app, perform_ping_check=False, shutdown_timeout=20),
    ):
        yield app


def wait_until_sent(email: Email, timeout: float = 20) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        email.refresh_from_db()
        if email.status == STATUS.sent:
            break
        time.sleep(0.1)
    return email.status


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_worker_sends_the_outbox_through_redis(redis_celery):
    queue_email(["psycholoog@example.org"], "Onderwerp", "Inhoud")
    email = Email.objects.get()
    assert mail.outbox == []  # not eager: queuing sends nothing in-process
    result = send_queued_mail.delay()
    assert not isinstance(result, EagerResult)  # queued in Redis, run by the worker
    assert wait_until_sent(email) == STATUS.sent
    assert [(m.subject, m.to) for m in mail.outbox] == [("Onderwerp", ["psycholoog@example.org"])]
