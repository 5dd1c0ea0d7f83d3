"""Measurement 4 of `make bench`: invoice PDFs and the ZIP of a run's PDFs.

* The newest invoices, as before (a sample of ordinary, mostly one-page PDFs).
* The largest invoice: the one with the most itemised activities in the loaded data, the
  longest document the portal makes; median of 5 after a warm-up.
* The ZIP of a network-month: the run with the most invoices, built by the real
  background builder (`billing.services.run_zips.build_run_zip`, in a thread as a worker
  would) while this thread reads its progress as the run page does. The run's ZIP fields
  are put back afterwards and the file is written to a temporary MEDIA_ROOT.
"""

import io
import statistics
import tempfile
import threading
import time
import zipfile
from pathlib import Path

from django.db import connection
from django.db.models import Count
from django.test.utils import override_settings
from django.utils import timezone
from pypdf import PdfReader

from benchmarks.report import Figure, Stopwatch, Target, summary_ms
from benchmarks.suites import Counts

LARGEST_REPEATS = 5
# The target is for a network-month of 200 invoices; a run of another size is scaled to it.
ZIP_TARGET_INVOICES = 200
ZIP_TARGET_SECONDS = 30
# How often this thread reads the ZIP's progress (the run page polls every 2 s).
POLL_SECONDS = 0.25
ZIP_FIELDS = ("zip_status", "zip_done", "zip_total", "zip_path", "zip_requested_at")


def pdfs(counts: Counts, log) -> list[Figure]:
    from billing.models import Invoice
    from billing.pdf import invoice_pdf
    from billing.selectors import with_details

    invoices = Invoice.objects.select_related("network", "psychologist__user", "credited_invoice")
    sample = list(with_details(invoices.order_by("-pk")[: counts.pdfs]))
    if not sample:
        log("  no invoices: PDFs not measured")
        return []
    invoice_pdf(sample[0])  # warm-up: imports WeasyPrint, loads the fonts of this thread
    times = [_timed_pdf(invoice)[0] for invoice in sample]
    stats = summary_ms(times)
    mean, p95 = stats["mean_ms"], stats["p95_ms"]
    log(f"  PDF of the {len(sample)} newest: mean {mean:.0f} ms, p95 {p95:.0f} ms")
    figures = [
        Figure("pdf_mean_s", "4. Invoice PDF, mean (s)", stats["mean_ms"] / 1000, "s",
               target=Target("<", 0.5), details=stats),
        Figure("pdf_p95_s", "4. Invoice PDF, p95 (s)", stats["p95_ms"] / 1000, "s",
               target=Target("<", 0.5)),
    ]  # fmt: skip
    figures.append(largest_pdf(invoices, log))
    figures += run_zip(log)
    return figures


def _timed_pdf(invoice) -> tuple[float, float, bytes]:
    from billing.pdf import invoice_pdf

    cpu = time.process_time()
    with Stopwatch() as watch:
        pdf = invoice_pdf(invoice)
    if not pdf.startswith(b"%PDF"):
        raise RuntimeError(f"invoice {invoice.pk}: not a PDF")
    return watch.seconds, time.process_time() - cpu, pdf


def largest_pdf(invoices, log) -> Figure:
    """The PDF of the invoice with the most items, median of LARGEST_REPEATS."""
    from billing.selectors import with_details

    largest = invoices.annotate(item_count=Count("items")).order_by("-item_count", "pk").first()
    invoice = with_details(invoices.filter(pk=largest.pk)).get()
    _timed_pdf(invoice)
    runs = [_timed_pdf(invoice) for _ in range(LARGEST_REPEATS)]
    seconds = statistics.median(run[0] for run in runs)
    cpu = statistics.median(run[1] for run in runs)
    pages = len(PdfReader(io.BytesIO(runs[0][2])).pages)
    log(f"  largest invoice ({largest.item_count} activities): {seconds:.3f} s, CPU {cpu:.3f} s")
    return Figure(
        "pdf_largest_s",
        f"4. Largest invoice PDF ({largest.item_count} activities), median of 5 (s)",
        seconds,
        "s",
        target=Target("<", 0.5),
        details={"activities": largest.item_count, "cpu_seconds": round(cpu, 3),
                 "pdf_pages": pages, "all_seconds": [round(run[0], 3) for run in runs]},
    )  # fmt: skip


def run_zip(log) -> list[Figure]:
    """The ZIP of the run with the most invoices, through the background builder."""
    from billing.models import BillingRun, RunStatus
    from billing.services import run_zips

    run = (
        BillingRun.objects.filter(status=RunStatus.DONE)
        .annotate(invoices_count=Count("invoices"))
        .order_by("-invoices_count", "pk")
        .first()
    )
    if run is None or not run.invoices_count:
        log("  no done run with invoices: ZIP not measured")
        return []
    saved = {name: getattr(run, name) for name in ZIP_FIELDS}
    with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
        try:
            run_zips.queue_zip(run, timezone.now(), zip_done=0, zip_total=run.invoices_count)
            seconds, builder, progress = _build_and_follow(run.pk, run_zips.build_run_zip)
            with zipfile.ZipFile(Path(media) / builder["path"]) as archive:
                entries = len(archive.namelist())
            size = (Path(media) / builder["path"]).stat().st_size
        finally:
            BillingRun.objects.filter(pk=run.pk).update(**saved)
    if entries != run.invoices_count:
        raise RuntimeError(f"ZIP of run {run.pk}: {entries} PDFs for {run.invoices_count}")
    gaps = [later[0] - earlier[0] for earlier, later in zip(progress, progress[1:], strict=False)]
    per_target = seconds * ZIP_TARGET_INVOICES / entries
    log(
        f"  ZIP of run {run.pk} ({entries} PDFs): {seconds:.1f} s, builder CPU "
        f"{builder['cpu']:.1f} s, {len(progress)} progress steps, {size / 1e6:.1f} MB"
    )
    details = {"run": run.pk, "pdfs": entries, "bytes": size,
               "builder_cpu_seconds": round(builder["cpu"], 1),
               "progress_steps_seen": len(progress),
               "longest_without_progress_s": round(max(gaps, default=seconds), 2)}  # fmt: skip
    return [
        Figure("zip_seconds", f"4. ZIP of the largest network-month ({entries} PDFs) (s)",
               seconds, "s", details=details),
        Figure("zip_seconds_per_200", "4. ZIP of a network-month, per 200 PDFs (s)",
               per_target, "s", target=Target("<", ZIP_TARGET_SECONDS)),
        Figure("zip_progress_gap_s", "4. ZIP, longest time without progress (s)",
               details["longest_without_progress_s"], "s"),
    ]  # fmt: skip


def _build_and_follow(run_id: int, build) -> tuple[float, dict, list[tuple[float, int]]]:
    """Run `build(run_id)` in a thread (as a worker would) and read `zip_done` from this
    one until it ends: the seconds, what the builder returned, the progress seen."""
    from billing.models import BillingRun

    builder: dict = {}

    def work():
        cpu = time.thread_time()
        try:
            builder["path"] = build(run_id)
        except BaseException as error:  # re-raised in the measuring thread
            builder["error"] = error
        finally:
            builder["cpu"] = time.thread_time() - cpu
            connection.close()

    thread = threading.Thread(target=work, name="bench-zip")
    progress: list[tuple[float, int]] = []
    started = time.perf_counter()
    thread.start()
    while thread.is_alive():
        done = BillingRun.objects.filter(pk=run_id).values_list("zip_done", flat=True).get()
        if not progress or done != progress[-1][1]:
            progress.append((time.perf_counter() - started, done))
        thread.join(POLL_SECONDS)
    seconds = time.perf_counter() - started
    if "error" in builder:
        raise builder["error"]
    if not builder.get("path"):
        raise RuntimeError(f"run {run_id}: the builder built nothing (not queued, or locked)")
    return seconds, builder, progress
