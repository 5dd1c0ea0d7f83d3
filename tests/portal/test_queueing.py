"""Enqueueing after commit: a broker that is down is logged and reported, never raised;
tasks are enqueued by their registered name."""

import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery import shared_task
from celery.exceptions import NotRegistered
from django.db import transaction

from billing.services import run_zips, runs
from portal.queueing import enqueue_on_commit
from tests.broker import broker_down

pytestmark = pytest.mark.django_db


@shared_task
def noop(value):
    return value


def test_broker_outage_after_commit_is_logged_and_reported_at_once(
    caplog, django_capture_on_commit_callbacks
):
    failures = []
    with broker_down(), django_capture_on_commit_callbacks(execute=True):
        outcome = enqueue_on_commit(noop.name, 1, on_failure=failures.append)
        started = time.monotonic()
    elapsed = time.monotonic() - started

    assert outcome.sent is False
    assert len(failures) == 1
    assert elapsed < 2
    assert any(
        record.levelno == logging.WARNING and "Could not enqueue" in record.message
        for record in caplog.records
    )


def test_nothing_is_sent_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    sent = []

    class Rollback(Exception):
        pass

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(Rollback),
        transaction.atomic(),
    ):
        outcome = enqueue_on_commit(noop.name, 1, on_failure=sent.append)
        raise Rollback

    assert outcome.sent is None
    assert sent == []


def test_eager_task_runs_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        outcome = enqueue_on_commit(noop.name, 1)
        assert outcome.sent is None

    assert outcome.sent is True


def test_an_unknown_task_name_fails_the_change_before_the_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(NotRegistered):
        enqueue_on_commit("billing.tasks.no_such_task", 1)

    assert callbacks == []


def test_starting_django_registers_the_tasks_the_services_enqueue_by_name():
    """The web process imports no tasks module itself (the services only name them)."""
    script = (
        "import django; django.setup(); from portal.celery import app; print(*sorted(app.tasks))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parents[2],
        env=os.environ | {"DJANGO_SETTINGS_MODULE": "portal.settings"},
        capture_output=True,
        text=True,
        check=True,
    )

    assert {runs.RUN_TASK, run_zips.ZIP_TASK} <= set(result.stdout.split())
