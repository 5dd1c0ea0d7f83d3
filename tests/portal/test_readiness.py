"""/readyz/: 200 "ready" when the database, Redis and a recent worker heartbeat pass, 503
naming the failing check otherwise, never a 500; the heartbeat task beat runs every minute."""

import socket
from datetime import timedelta
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from redis.exceptions import ConnectionError as RedisConnectionError

from portal import readiness
from portal.celery import app
from portal.models import WorkerHeartbeat
from portal.tasks import record_worker_heartbeat
from tests.broker import celery_configured
from tests.conftest import redis_url


def passing(*failing: str, error: Exception | None = None):
    """Patch the three checkers: each passes, except those named, which raise `error`."""
    patches = []
    for name in ("database", "redis", "worker"):
        target = f"portal.readiness.check_{name}"
        if name in failing:
            patches.append(mock.patch(target, side_effect=error or OperationalError("down")))
        else:
            patches.append(mock.patch(target, return_value="ok"))
    return patches


def get_readyz(client, *failing: str, error: Exception | None = None):
    patches = passing(*failing, error=error)
    for patch in patches:
        patch.start()
    try:
        return client.get("/readyz/")
    finally:
        for patch in patches:
            patch.stop()


def lines(response) -> list[str]:
    return response.content.decode().splitlines()


def heartbeat_at(moment):
    WorkerHeartbeat.objects.create(pk=readiness.HEARTBEAT_PK, beat_at=moment)


# Without the django_db mark any database access raises: these prove the probe needs
# neither a session nor a signed-in user.


def test_every_check_passing_answers_200_ready(client):
    response = get_readyz(client)
    assert response.status_code == 200
    assert lines(response) == ["ready", "database: ok", "redis: ok", "worker: ok"]
    assert response["Content-Type"].startswith("text/plain")


def test_a_database_failure_answers_503_naming_it(client):
    response = get_readyz(client, "database")
    assert response.status_code == 503
    assert lines(response) == [
        "not ready",
        "database: failing: OperationalError",
        "redis: ok",
        "worker: ok",
    ]


def test_a_redis_failure_answers_503_naming_it(client):
    response = get_readyz(client, "redis", error=RedisConnectionError("refused"))
    assert response.status_code == 503
    assert "redis: failing: ConnectionError" in lines(response)


def test_an_unexpected_error_is_a_failing_check_not_a_500_and_shows_no_detail(client):
    response = get_readyz(client, "worker", error=RuntimeError("password=geheim@db.internal"))
    assert response.status_code == 503
    assert "worker: failing: RuntimeError" in lines(response)
    assert b"geheim" not in response.content


def test_the_probe_is_never_cached(client):
    assert "no-cache" in get_readyz(client)["Cache-Control"]


# The real checks.


@pytest.mark.django_db
def test_the_database_check_passes_on_the_test_database():
    assert readiness.check_database() == "ok"


@pytest.mark.django_db
def test_without_a_broker_redis_and_the_worker_are_not_configured_and_pass(client):
    with celery_configured(broker_url="", task_always_eager=True):
        response = client.get("/readyz/")
    assert response.status_code == 200
    assert lines(response) == [
        "ready",
        "database: ok",
        "redis: not configured",
        "worker: not configured",
    ]


@pytest.mark.django_db
def test_a_probe_costs_only_the_queries_of_its_checks(client):
    heartbeat_at(timezone.now())
    with (
        celery_configured(broker_url="", task_always_eager=False),
        CaptureQueriesContext(connection) as queries,
    ):
        client.get("/readyz/")
    statements = [query["sql"] for query in queries if "SAVEPOINT" not in query["sql"]]
    assert len(statements) == 3  # statement_timeout, SELECT 1, the heartbeat
    assert not any("django_session" in sql or "portal_user" in sql for sql in statements)


def test_a_redis_that_refuses_connections_fails_the_redis_check():
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        url = f"redis://127.0.0.1:{closed.getsockname()[1]}/0"
        with celery_configured(broker_url=url), pytest.raises(RedisConnectionError):
            readiness.check_redis()


@pytest.mark.redis
def test_a_redis_that_answers_passes_the_redis_check():
    with celery_configured(broker_url=redis_url()):
        assert readiness.check_redis() == "ok"


@pytest.mark.django_db
def test_a_recent_heartbeat_passes_the_worker_check():
    heartbeat_at(timezone.now() - timedelta(seconds=70))
    with celery_configured(task_always_eager=False):
        assert readiness.check_worker().startswith("ok (last heartbeat 7")


@pytest.mark.django_db
def test_a_heartbeat_older_than_the_maximum_age_fails_the_worker_check(client, settings):
    settings.WORKER_HEARTBEAT_MAX_AGE = 300
    heartbeat_at(timezone.now() - timedelta(seconds=301))
    with celery_configured(broker_url="", task_always_eager=False):
        response = client.get("/readyz/")
    assert response.status_code == 503
    assert lines(response)[-1].startswith("worker: failing: last heartbeat 30")


@pytest.mark.django_db
def test_no_heartbeat_at_all_fails_the_worker_check():
    with (
        celery_configured(task_always_eager=False),
        pytest.raises(readiness.CheckFailed, match="no heartbeat yet"),
    ):
        readiness.check_worker()


@pytest.mark.django_db
def test_the_heartbeat_task_writes_the_time_into_one_row():
    heartbeat_at(timezone.now() - timedelta(hours=1))
    record_worker_heartbeat()
    record_worker_heartbeat()
    beat_at = WorkerHeartbeat.objects.get().beat_at
    assert timezone.now() - beat_at < timedelta(seconds=5)


def test_beat_sends_the_heartbeat_every_minute(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["worker-heartbeat"]
    assert entry["schedule"] == timedelta(minutes=1)
    assert entry["task"] == record_worker_heartbeat.name
    assert entry["task"] in app.tasks
