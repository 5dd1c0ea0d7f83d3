"""Runs whose worker died or whose task never reached the broker are resumed by the sweep."""

import threading
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from billing import recovery
from billing.models import BillingRun, Invoice, RunEventKind, RunStatus
from billing.services import batches, execution, runs
from tests.billing.helpers import register
from tests.factories import StaffFactory

pytestmark = pytest.mark.postgres

MARCH = date(2025, 3, 31)


class WorkerKilled(BaseException):
    """Stands in for kill -9: no exception handler of the run sees it."""


def killed_after_the_first_batch(monkeypatch):
    real, calls = batches.mark_registrations, {"n": 0}

    def mark(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise WorkerKilled
        return real(*args, **kwargs)

    monkeypatch.setattr(batches, "mark_registrations", mark)


@pytest.fixture
def interrupted_run(network, make_allocation, monkeypatch):
    """A run whose worker died after billing the first of three psychologists."""
    monkeypatch.setattr(execution, "BATCH_SIZE", 1)
    for _ in range(3):
        register(make_allocation(), date(2025, 3, 5), 60)
    with monkeypatch.context() as patch:
        killed_after_the_first_batch(patch)
        with pytest.raises(WorkerKilled):
            runs.run_billing(network, MARCH, issue_date=date(2025, 4, 1))
    run = BillingRun.objects.get()
    assert (run.status, run.invoices.count()) == (RunStatus.RUNNING, 1)
    return run


def test_run_left_running_without_a_lock_holder_is_resumed_and_completes(
    interrupted_run, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        resumed = recovery.resume_stalled_runs()

    assert resumed == [interrupted_run.pk]
    run = BillingRun.objects.get()
    assert (run.status, run.progress_done, run.progress_total) == (RunStatus.DONE, 3, 3)
    assert sorted(run.invoices.values_list("number", flat=True)) == [
        f"PAKT-2025-0000{n}" for n in range(1, 4)
    ]
    assert list(run.events.values_list("kind", flat=True)) == [RunEventKind.RESUMED]


def test_run_page_says_the_run_was_interrupted_and_resumed(
    client, network, interrupted_run, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        recovery.resume_stalled_runs()
    client.force_login(StaffFactory(networks=[network]))

    page = client.get(reverse("billing:run_detail", args=[interrupted_run.pk])).content.decode()

    resumed_at = timezone.localtime(interrupted_run.events.get().at)
    assert f"Onderbroken, automatisch hervat op {resumed_at:%d/%m/%Y %H:%M}" in page


def test_fresh_queued_run_is_not_queued_twice(network, django_capture_on_commit_callbacks):
    run = runs.start_run(network, MARCH)

    with django_capture_on_commit_callbacks() as callbacks:
        assert recovery.resume_stalled_runs() == []

    assert callbacks == []
    assert not run.events.exists()
    assert BillingRun.objects.get().queued_at == run.queued_at


@pytest.mark.parametrize(
    ("waited", "sent_again"),
    [
        (recovery.STALE_QUEUED_AFTER - timedelta(seconds=1), False),
        (recovery.STALE_QUEUED_AFTER, True),
    ],
    ids=["just-under-the-limit", "at-the-limit"],
)
def test_run_queued_for_the_limit_is_sent_again_and_completes(
    network, allocation, waited, sent_again, django_capture_on_commit_callbacks
):
    register(allocation, date(2025, 3, 5), 60)
    run = runs.start_run(network, MARCH)
    BillingRun.objects.filter(pk=run.pk).update(queued_at=timezone.now() - waited)

    with django_capture_on_commit_callbacks(execute=True):
        resumed = recovery.resume_stalled_runs()

    run.refresh_from_db()
    assert (resumed == [run.pk]) is sent_again
    assert (run.status == RunStatus.DONE) is sent_again
    assert list(run.events.values_list("kind", flat=True)) == (
        [RunEventKind.REQUEUED] if sent_again else []
    )


def test_done_and_failed_runs_are_left_alone(network, django_capture_on_commit_callbacks):
    long_ago = timezone.now() - timedelta(days=1)
    for month, status in ((MARCH, RunStatus.DONE), (date(2025, 4, 30), RunStatus.FAILED)):
        run = runs.start_run(network, month)
        BillingRun.objects.filter(pk=run.pk).update(status=status, queued_at=long_ago)

    with django_capture_on_commit_callbacks() as callbacks:
        assert recovery.resume_stalled_runs() == []

    assert callbacks == []


def test_beat_sweeps_stalled_runs_every_three_minutes():
    entry = settings.CELERY_BEAT_SCHEDULE["resume-stalled-billing-runs"]

    assert entry["task"] == "billing.tasks.resume_stalled_runs"
    assert entry["schedule"] == timedelta(minutes=3)


@pytest.mark.django_db(transaction=True)
def test_run_whose_lock_is_held_by_another_connection_is_left_alone(network):
    run = runs.start_run(network, MARCH)
    BillingRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    locked, release = threading.Event(), threading.Event()

    def executor():
        """Another worker executing the run: it holds the run lock on its own connection."""
        try:
            with execution._run_lock(run.pk) as acquired:
                assert acquired
                locked.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    thread = threading.Thread(target=executor)
    thread.start()
    try:
        assert locked.wait(timeout=30)
        assert recovery.resume_stalled_runs() == []
    finally:
        release.set()
        thread.join()

    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING
    assert not run.events.exists()
    assert not Invoice.objects.exists()
