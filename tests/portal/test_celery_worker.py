"""One task through the real path: a Redis broker and a Celery worker (celery's test worker).

The worker runs in a thread of this process, so the locmem outbox sees the mail it sends.
"""

import os
from urllib.parse import urlparse

import pytest
from celery.contrib.testing.worker import start_worker
from celery.result import EagerResult
from django.core import mail

from portal.celery import app
from portal.tasks import send_email

# A database number of its own, so this test never meets another test's queue.
REDIS_DB = 13


def worker_redis_url() -> str:
    base = os.environ.get("TEST_REDIS_URL") or "redis://127.0.0.1:6379/15"
    return urlparse(base)._replace(path=f"/{REDIS_DB}").geturl()


def forget_connections():
    """Drop the broker pool and result backend built for the previous configuration."""
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)


@pytest.fixture
def redis_celery():
    keys = ("broker_url", "result_backend", "task_always_eager")
    saved = {key: app.conf[key] for key in keys}
    url = worker_redis_url()
    app.conf.update(broker_url=url, result_backend=url, task_always_eager=False)
    forget_connections()
    try:
        with start_worker(app, perform_ping_check=False, shutdown_timeout=20):
            yield app
    finally:
        app.conf.update(saved)
        forget_connections()


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_worker_sends_the_email_task_through_redis(redis_celery):
    result = send_email.delay(["psycholoog@example.org"], "Onderwerp", "Inhoud")
    assert not isinstance(result, EagerResult)  # queued in Redis, run by the worker
    assert result.get(timeout=20) == 1
    assert [message.subject for message in mail.outbox] == ["Onderwerp"]
    assert mail.outbox[0].to == ["psycholoog@example.org"]
