"""The readiness probe (/readyz/): does the database answer, does Redis, did a worker run lately.

`/healthz/` says only that this process lives (a liveness probe: restart it when it fails);
`/readyz/` says whether the stack behind it works (docs/scaling.md). Each check returns a
short text when it passes and raises when it fails; `run_checks` catches every failure, so
the probe answers 503 with the failing check named, never an error page. Failures are
logged in full; the body shows only the exception's class (no host names or passwords).

The worker check reads a heartbeat: beat sends `portal.tasks.record_worker_heartbeat`
every minute and a worker writes the time into one database row (`WorkerHeartbeat`, why a
row and not a cache key: its docstring). A heartbeat older than WORKER_HEARTBEAT_MAX_AGE
seconds means beat or every worker stopped. Without a broker (eager Celery, `make run`)
there is neither Redis nor a worker to check: both say "not configured" and pass.
"""

import logging
from dataclasses import dataclass

import redis
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from portal.celery import app
from portal.heartbeat_models import WorkerHeartbeat

logger = logging.getLogger(__name__)

# Seconds a check may wait for PostgreSQL or Redis: a probe that hangs is a failed probe.
TIMEOUT_SECONDS = 2
NOT_CONFIGURED = "not configured"
HEARTBEAT_PK = 1


class CheckFailed(Exception):
    """A check that reached its service but did not like the answer (its text is shown)."""


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    detail: str


def check_database() -> str:
    """The database answers `SELECT 1`; on PostgreSQL within TIMEOUT_SECONDS."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SET LOCAL statement_timeout = {TIMEOUT_SECONDS * 1000}")
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def check_redis() -> str:
    """The Celery broker answers PING, when it is Redis."""
    url = app.conf.broker_url or ""
    if not url.startswith(("redis://", "rediss://")):
        return NOT_CONFIGURED
    client = redis.Redis.from_url(
        url, socket_connect_timeout=TIMEOUT_SECONDS, socket_timeout=TIMEOUT_SECONDS
    )
    try:
        client.ping()
    finally:
        client.close()
    return "ok"


def check_worker() -> str:
    """A worker wrote the heartbeat at most WORKER_HEARTBEAT_MAX_AGE seconds ago."""
    if app.conf.task_always_eager:
        return NOT_CONFIGURED
    beat_at = (
        WorkerHeartbeat.objects.filter(pk=HEARTBEAT_PK).values_list("beat_at", flat=True).first()
    )
    if beat_at is None:
        raise CheckFailed("no heartbeat yet")
    age = max(0, int((timezone.now() - beat_at).total_seconds()))
    if age > settings.WORKER_HEARTBEAT_MAX_AGE:
        raise CheckFailed(f"last heartbeat {age} s ago")
    return f"ok (last heartbeat {age} s ago)"


def run_checks() -> list[Check]:
    """Every check, in order; a failure of one never stops the others."""
    checks = []
    for name, checker in (
        ("database", check_database),
        ("redis", check_redis),
        ("worker", check_worker),
    ):
        try:
            checks.append(Check(name, True, checker()))
        except CheckFailed as failure:
            logger.warning("Readiness check %s failed: %s", name, failure)
            checks.append(Check(name, False, f"failing: {failure}"))
        except Exception as error:
            logger.warning("Readiness check %s failed", name, exc_info=True)
            checks.append(Check(name, False, f"failing: {type(error).__name__}"))
    return checks


def record_heartbeat() -> None:
    """What the heartbeat task does: write the current time into the one heartbeat row."""
    WorkerHeartbeat.objects.update_or_create(pk=HEARTBEAT_PK, defaults={"beat_at": timezone.now()})
