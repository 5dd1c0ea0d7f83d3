"""The ZIP of a run's PDFs is built in the background: asked for once, its progress on the
run page, ready to download or failed with a retry, and never lost to a broker outage
(docs/billing-documents-in-bulk.md)."""

import threading
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from billing import archive, recovery, tasks
from billing.models import BillingRun, ZipStatus
from billing.services import batches, run_zips, runs
from tests.billing.helpers import register
from tests.broker import broker_down
from tests.factories import NetworkFactory, StaffFactory

MARCH = date(2025, 3, 31)
# The settings make a send to a dead broker give up within about a second.
FAST = 2.0


def bill(network):
    return runs.run_billing(network, MARCH, issue_date=date(2025, 4, 1))


@pytest.fixture
def run(network, make_allocation):
    """A done run of three invoices."""
    for _ in range(3):
        register(make_allocation(), date(2025, 3, 5), 60)
    return bill(network)


@pytest.fixture
def staff_client(client, network):
    client.force_login(StaffFactory(networks=[network]))
    return client


def reload(run) -> BillingRun:
    return BillingRun.objects.get(pk=run.pk)


def build_url(run) -> str:
    return reverse("billing:run_zip_build", args=[run.pk])


def status_page(client, run) -> str:
    return client.get(reverse("billing:run_zip_status", args=[run.pk])).content.decode()


def built(run) -> BillingRun:
    """The run with its ZIP asked for and built (as the task would)."""
    run_zips.request_run_zip(run)
    run_zips.build_run_zip(run.pk)
    return reload(run)


def set_zip(run, **fields) -> BillingRun:
    BillingRun.objects.filter(pk=run.pk).update(**fields)
    return reload(run)


# --- Asking for it --------------------------------------------------------------------


def test_asking_for_the_zip_queues_it_with_the_runs_invoice_count(
    run, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        run_zips.request_run_zip(run)

    run = reload(run)
    assert (run.zip_status, run.zip_done, run.zip_total) == (ZipStatus.QUEUED, 0, 3)
    assert run.zip_requested_at is not None
    assert len(callbacks) == 1


@pytest.mark.parametrize("status", [ZipStatus.QUEUED, ZipStatus.BUILDING])
def test_second_click_while_queued_or_building_does_not_enqueue_again(
    staff_client, run, status, django_capture_on_commit_callbacks
):
    requested = timezone.now() - timedelta(minutes=1)
    set_zip(run, zip_status=status, zip_requested_at=requested, zip_total=3)

    with django_capture_on_commit_callbacks() as callbacks:
        response = staff_client.post(build_url(run), follow=True)

    assert callbacks == []
    assert reload(run).zip_requested_at == requested
    assert "wordt al gemaakt of is klaar" in response.content.decode()


def test_two_clicks_send_one_task(staff_client, run, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as first:
        staff_client.post(build_url(run))
    with django_capture_on_commit_callbacks() as second:
        staff_client.post(build_url(run))

    assert (len(first), len(second)) == (1, 0)


def test_zip_of_a_run_not_done_is_refused(network, allocation):
    register(allocation, date(2025, 3, 5), 60)
    run = runs.start_run(network, MARCH)

    with pytest.raises(ValidationError) as error:
        run_zips.request_run_zip(run)

    assert error.value.error_list[0].code == "run_not_done"
    assert reload(run).zip_status == ZipStatus.NONE


def test_zip_of_a_run_without_invoices_is_refused(network, allocation):
    register(allocation, date(2025, 3, 5), 30)  # under an hour: no invoice
    run = bill(network)

    with pytest.raises(ValidationError) as error:
        run_zips.request_run_zip(run)

    assert error.value.error_list[0].code == "run_without_invoices"


def test_refused_zip_shows_the_rule_on_the_run_page(staff_client, network, allocation):
    register(allocation, date(2025, 3, 5), 60)
    run = runs.start_run(network, MARCH)

    response = staff_client.post(build_url(run), follow=True)

    assert "kan pas gemaakt worden als de run klaar is" in response.content.decode()


# --- Building it: progress, ready, failed ---------------------------------------------


def test_builder_writes_its_progress_every_few_pdfs(network, make_allocation, monkeypatch):
    for _ in range(5):
        register(make_allocation(), date(2025, 3, 5), 60)
    run = bill(network)
    run_zips.request_run_zip(run)
    monkeypatch.setattr(run_zips, "PROGRESS_EVERY", 2)
    seen = []

    def invoice_pdf(invoice):
        current = reload(run)
        seen.append((current.zip_status, current.zip_done, current.zip_total))
        return b"%PDF-1.7"

    monkeypatch.setattr(archive, "invoice_pdf", invoice_pdf)

    run_zips.build_run_zip(run.pk)

    building = ZipStatus.BUILDING
    assert seen == [(building, 0, 5), (building, 0, 5), (building, 2, 5), (building, 2, 5)] + [
        (building, 4, 5)
    ]
    run = reload(run)
    assert (run.zip_status, run.zip_done, run.zip_total) == (ZipStatus.READY, 5, 5)


def test_ready_zip_holds_every_pdf_of_the_run(run):
    run = built(run)

    with zipfile.ZipFile(Path(settings.MEDIA_ROOT) / run.zip_path) as zipped:
        names = zipped.namelist()
    assert sorted(names) == sorted(
        f"{number}.pdf" for number in run.invoices.values_list("number", flat=True)
    )


def test_building_zip_shows_done_of_total_and_keeps_polling(staff_client, run):
    set_zip(run, zip_status=ZipStatus.BUILDING, zip_done=2, zip_total=3)

    html = status_page(staff_client, run)

    assert "Wordt gemaakt: 2 van 3 PDF's" in html
    assert 'data-hx-trigger="every 2s"' in html
    assert build_url(run) not in html  # no second click offered


def test_queued_zip_says_since_when_and_keeps_polling(staff_client, run):
    requested = timezone.now()
    set_zip(run, zip_status=ZipStatus.QUEUED, zip_requested_at=requested, zip_total=3)

    html = status_page(staff_client, run)

    assert f"In de wachtrij sinds {timezone.localtime(requested):%d/%m/%Y %H:%M}" in html
    assert 'data-hx-trigger="every 2s"' in html


def test_ready_zip_is_offered_for_download_and_polling_stops(staff_client, run):
    run = built(run)

    html = status_page(staff_client, run)
    response = staff_client.get(reverse("billing:run_zip", args=[run.pk]))

    assert reverse("billing:run_zip", args=[run.pk]) in html
    assert "data-hx-trigger" not in html
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"PK"


def test_click_on_a_ready_zip_builds_nothing(staff_client, run, django_capture_on_commit_callbacks):
    run = built(run)

    with django_capture_on_commit_callbacks() as callbacks:
        staff_client.post(build_url(run))

    assert callbacks == []
    assert reload(run).zip_status == ZipStatus.READY


def test_zip_is_not_downloadable_before_it_is_ready(staff_client, run):
    run_zips.request_run_zip(run)

    assert staff_client.get(reverse("billing:run_zip", args=[run.pk])).status_code == 404


def test_failed_build_is_marked_failed_and_offers_a_retry(staff_client, run, monkeypatch):
    run_zips.request_run_zip(run)

    def broken(invoice):
        raise OSError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(archive, "invoice_pdf", broken)
        with pytest.raises(OSError):
            run_zips.build_run_zip(run.pk)

    assert reload(run).zip_status == ZipStatus.FAILED
    html = status_page(staff_client, run)
    assert "kon niet gemaakt worden" in html
    assert "Opnieuw proberen" in html
    assert "data-hx-trigger" not in html
    assert not list(Path(settings.MEDIA_ROOT, "billing").glob("*.part"))


def test_retry_after_a_failure_builds_the_zip(
    staff_client, run, django_capture_on_commit_callbacks
):
    set_zip(run, zip_status=ZipStatus.FAILED, zip_done=1, zip_total=3)

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(build_url(run))

    run = reload(run)
    assert (run.zip_status, run.zip_done, run.zip_total) == (ZipStatus.READY, 3, 3)


def test_a_duplicate_message_for_a_built_zip_builds_nothing(run):
    run = built(run)

    assert run_zips.build_run_zip(run.pk) is None
    assert reload(run).zip_status == ZipStatus.READY


def test_a_message_for_a_zip_nobody_asked_for_builds_nothing(run):
    assert run_zips.build_run_zip(run.pk) is None
    assert reload(run).zip_status == ZipStatus.NONE


# --- Stale: the run's invoices changed ------------------------------------------------


def test_zip_is_stale_once_a_retried_run_adds_invoices(
    staff_client, network, make_allocation, monkeypatch, django_capture_on_commit_callbacks
):
    allocations = [make_allocation() for _ in range(2)]
    for allocation in allocations:
        register(allocation, date(2025, 3, 5), 60)
    bad = allocations[0].psychologist
    real = batches.parties

    def parties(payer, payee):
        values = real(payer, payee)
        if payee.pk == bad.pk:
            values["payee_name"] = "x" * 1000  # does not fit: this invoice fails
        return values

    with monkeypatch.context() as patch:
        patch.setattr(batches, "parties", parties)
        run = bill(network)
    run = built(run)
    assert (run.invoice_count, run.zip_total) == (1, 1)

    with django_capture_on_commit_callbacks(execute=True):
        runs.request_run(network, MARCH)  # the data is fixed: retry the one not billed

    run = reload(run)
    assert run.invoice_count == 2
    html = status_page(staff_client, run)
    assert "verouderd" in html
    assert "ZIP opnieuw maken" in html
    assert staff_client.get(reverse("billing:run_zip", args=[run.pk])).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(build_url(run))
    run = reload(run)
    assert (run.zip_status, run.zip_total) == (ZipStatus.READY, 2)


def test_zip_whose_file_is_gone_is_built_again(run, django_capture_on_commit_callbacks):
    run = built(run)
    (Path(settings.MEDIA_ROOT) / run.zip_path).unlink()

    with django_capture_on_commit_callbacks() as callbacks:
        run_zips.request_run_zip(run)

    assert len(callbacks) == 1
    assert reload(run).zip_status == ZipStatus.QUEUED


# --- Access ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["run_zip_status", "run_zip", "run_zip_build"])
def test_zip_pages_of_another_networks_run_are_404(client, run, name):
    client.force_login(StaffFactory(networks=[NetworkFactory(code="ADS", name="GG ADS")]))
    url = reverse(f"billing:{name}", args=[run.pk])

    response = client.post(url) if name == "run_zip_build" else client.get(url)

    assert response.status_code == 404
    assert reload(run).zip_status == ZipStatus.NONE


def test_run_page_includes_the_zip_part(staff_client, run):
    html = staff_client.get(reverse("billing:run_detail", args=[run.pk])).content.decode()

    assert 'id="run-zip"' in html
    assert build_url(run) in html


# --- The recovery sweep ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("waited", "sent_again"),
    [
        (recovery.STALE_QUEUED_AFTER - timedelta(seconds=1), False),
        (recovery.STALE_QUEUED_AFTER, True),
    ],
    ids=["just-under-the-limit", "at-the-limit"],
)
def test_zip_queued_for_the_limit_is_sent_again_and_built(
    run, waited, sent_again, django_capture_on_commit_callbacks
):
    run_zips.request_run_zip(run)
    set_zip(run, zip_requested_at=timezone.now() - waited)

    with django_capture_on_commit_callbacks(execute=True):
        resent = recovery.resend_stalled_zips()

    assert (resent == [run.pk]) is sent_again
    assert (reload(run).zip_status == ZipStatus.READY) is sent_again


@pytest.mark.postgres
def test_zip_building_without_a_builder_is_sent_again_and_built(
    run, django_capture_on_commit_callbacks
):
    """Its worker died mid-build: status building, and nobody holds its lock."""
    set_zip(run, zip_status=ZipStatus.BUILDING, zip_done=1, zip_total=3)

    with django_capture_on_commit_callbacks(execute=True):
        assert recovery.resend_stalled_zips() == [run.pk]

    run = reload(run)
    assert (run.zip_status, run.zip_done) == (ZipStatus.READY, 3)


@pytest.mark.parametrize("status", [ZipStatus.NONE, ZipStatus.READY, ZipStatus.FAILED])
def test_ready_failed_and_never_asked_zips_are_left_alone(
    run, status, django_capture_on_commit_callbacks
):
    long_ago = timezone.now() - timedelta(days=1)
    set_zip(run, zip_status=status, zip_requested_at=long_ago)

    with django_capture_on_commit_callbacks() as callbacks:
        assert recovery.resend_stalled_zips() == []

    assert callbacks == []


def test_the_beat_sweep_sends_stalled_zips_again(run, django_capture_on_commit_callbacks):
    run_zips.request_run_zip(run)
    set_zip(run, zip_requested_at=timezone.now() - recovery.STALE_QUEUED_AFTER)

    with django_capture_on_commit_callbacks(execute=True):
        tasks.resume_stalled_runs()

    assert reload(run).zip_status == ZipStatus.READY


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_zip_whose_builder_holds_the_lock_is_left_alone(run):
    set_zip(run, zip_status=ZipStatus.BUILDING, zip_done=1, zip_total=3)
    locked, release = threading.Event(), threading.Event()

    def builder():
        """Another worker building the ZIP: it holds the lock on its own connection."""
        try:
            with run_zips._zip_lock(run.pk) as acquired:
                assert acquired
                locked.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    thread = threading.Thread(target=builder)
    thread.start()
    try:
        assert locked.wait(timeout=30)
        assert recovery.resend_stalled_zips() == []
        assert run_zips.build_run_zip(run.pk) is None  # a second message: the lock is taken
    finally:
        release.set()
        thread.join()

    assert (reload(run).zip_status, reload(run).zip_done) == (ZipStatus.BUILDING, 1)


# --- Broker down, and no broker at all -----------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_zip_asked_with_the_broker_down_stays_queued_and_the_sweep_sends_it(staff_client, run):
    with broker_down():
        started = time.monotonic()
        response = staff_client.post(build_url(run), follow=True)
        elapsed = time.monotonic() - started

    assert response.status_code == 200
    assert elapsed < FAST
    assert "Het wordt vanzelf gemaakt zodra ze weer beschikbaar is" in response.content.decode()
    assert reload(run).zip_status == ZipStatus.QUEUED

    # The broker is back (eager here); the sweep finds the ZIP still queued and sends it.
    set_zip(run, zip_requested_at=timezone.now() - recovery.STALE_QUEUED_AFTER)
    assert recovery.resend_stalled_zips() == [run.pk]
    run = reload(run)
    assert (run.zip_status, run.zip_done, run.zip_total) == (ZipStatus.READY, 3, 3)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_without_a_broker_the_request_answers_before_the_zip_is_built(
    staff_client, run, settings, monkeypatch
):
    settings.EAGER_TASKS_IN_THREAD = True
    started, finish = threading.Event(), threading.Event()
    real = run_zips.write_run_zip

    def slow_write(run, on_progress=None):
        started.set()
        assert finish.wait(timeout=30)
        return real(run, on_progress)

    monkeypatch.setattr(run_zips, "write_run_zip", slow_write)

    response = staff_client.post(build_url(run))

    assert response.status_code == 302
    assert started.wait(timeout=30)  # the build runs, in a thread of its own
    assert reload(run).zip_status == ZipStatus.BUILDING
    finish.set()
    for thread in threading.enumerate():
        if thread.name == f"eager {run_zips.ZIP_TASK}":
            thread.join(timeout=30)
    assert reload(run).zip_status == ZipStatus.READY
