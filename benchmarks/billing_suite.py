"""Measurement 1 of `make bench`: the monthly billing run of every network, against the
floors of raw SQL (one GROUP BY of its rows, the bare writes of itemising them)."""

import statistics
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from benchmarks.report import Figure, Stopwatch, Target
from benchmarks.suites import Counts, QueryCounter


def previous_month_end():
    return timezone.localdate().replace(day=1) - timedelta(days=1)


# --- 1. The monthly billing run ---------------------------------------------------------

FLOOR_SQL = """
SELECT a.network_id, r.psychologist_id,
       SUM(r.duration_minutes + r.prep_minutes) AS minutes, COUNT(*) AS registrations
FROM registrations_registration r
JOIN applications_allocation a ON a.id = r.allocation_id
WHERE NOT r.is_billed AND NOT r.is_credited AND r.date <= %s
GROUP BY a.network_id, r.psychologist_id
"""

WRITE_FLOOR_REPEATS = 3
# The write floor: the least any run that itemises must write, one item row per billable
# registration and its is_billed flag. Items cannot go into billing_invoiceitem without
# invoices, so they go into a copy of it made in the same (rolled back) transaction: same
# columns, defaults, identity and indexes, WAL-logged like the real table (a TEMP table is
# not), and the same two deferred foreign keys, checked before the rollback as a commit
# would check them. The psychologist stands in for the invoice.
WRITE_FLOOR_TABLE = [
    "CREATE TABLE bench_write_floor (LIKE billing_invoiceitem INCLUDING ALL)",
    "ALTER TABLE bench_write_floor"
    " ADD FOREIGN KEY (invoice_id) REFERENCES portal_psychologist (id)"
    " DEFERRABLE INITIALLY DEFERRED,"
    " ADD FOREIGN KEY (registration_id) REFERENCES registrations_registration (id)"
    " DEFERRABLE INITIALLY DEFERRED",
]
WRITE_FLOOR_INSERT = """
INSERT INTO bench_write_floor (invoice_id, registration_id, kind, minutes, prep_minutes, round)
SELECT r.psychologist_id, r.id, 'invoice', r.duration_minutes, r.prep_minutes, r.billing_round
FROM registrations_registration r
WHERE NOT r.is_billed AND NOT r.is_credited AND r.date <= %s
"""
WRITE_FLOOR_UPDATE = """
UPDATE registrations_registration SET is_billed = true, updated_at = now()
WHERE id IN (SELECT registration_id FROM bench_write_floor)
"""


def write_floor(period_end, repeats: int) -> tuple[float, int]:
    """Median seconds of the write floor over `repeats` tries, each rolled back, and the
    number of rows it itemised."""
    times, rows = [], 0
    for _ in range(repeats):
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in WRITE_FLOOR_TABLE:
                cursor.execute(statement)
            with Stopwatch() as watch:
                cursor.execute(WRITE_FLOOR_INSERT, [period_end])
                rows = cursor.rowcount
                cursor.execute(WRITE_FLOOR_UPDATE)
                if cursor.rowcount != rows:
                    raise RuntimeError(f"write floor: {rows} items but {cursor.rowcount} flags")
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            transaction.set_rollback(True)
        times.append(watch.seconds)
    # The rolled back updates left dead row versions and index entries behind: clear them,
    # so the run that follows finds the table as the load left it.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM registrations_registration")
    return statistics.median(times), rows


# What a run rewrites across the whole table (a flag on a month's registrations, the
# billed minutes of that month's rows of every allocation), which autovacuum vacuums
# within a minute of the run with the thresholds of docs/scaling.md (migration
# registrations 0011 sets the month rows'); the benchmark's server may run without it.
REWRITTEN_BY_A_RUN = ("registrations_registration", "registrations_allocationmonthusage")


def vacuum_after_the_run() -> None:
    """The pages that follow meet the tables as production would a minute after a run:
    the month rows read from their index alone again (250,000 heap fetches otherwise)."""
    with connection.cursor() as cursor:
        for table in REWRITTEN_BY_A_RUN:
            cursor.execute(f"VACUUM {table}")


def billing_run(counts: Counts, log) -> list[Figure]:
    """Every network's run for the previous month, against one raw GROUP BY of its rows
    (the read floor) and against the bare writes of itemising them (the write floor)."""
    from billing.models import BillingRun, Invoice, InvoiceItem, RunStatus
    from billing.services.runs import run_billing
    from portal.models import Network

    period_end = previous_month_end()
    networks = list(Network.objects.order_by("pk"))
    if BillingRun.objects.filter(period_end=period_end, status=RunStatus.DONE).exists():
        log(f"  period {period_end} already billed (--reuse): billing run not measured")
        return []
    floor_times, groups = [], []
    for _ in range(counts.floor_repeats + 1):  # the first one warms the cache
        with Stopwatch() as watch, connection.cursor() as cursor:
            cursor.execute(FLOOR_SQL, [period_end])
            groups = cursor.fetchall()
        floor_times.append(watch.seconds)
    floor = statistics.median(floor_times[1:] if counts.floor_repeats else floor_times)
    rows = sum(group[3] for group in groups)
    log(f"  floor: {len(groups):,} groups over {rows:,} registrations in {floor * 1000:.1f} ms")
    writes, written = write_floor(period_end, WRITE_FLOOR_REPEATS)
    log(f"  write floor: {written:,} items and flags in {writes:.2f} s (rolled back)")
    with Stopwatch() as watch, QueryCounter() as queries:
        for network in networks:
            run_billing(network, period_end)
    failed = BillingRun.objects.filter(period_end=period_end).exclude(status=RunStatus.DONE)
    if failed.exists():
        raise RuntimeError(f"billing runs not done: {list(failed.values('pk', 'error'))}")
    billed = InvoiceItem.objects.filter(invoice__run__period_end=period_end).count()
    invoices = Invoice.objects.filter(run__period_end=period_end).count()
    log(f"  run: {invoices:,} invoices, {billed:,} registrations in {watch.seconds:.2f} s")
    vacuum_after_the_run()
    details = {
        "period_end": period_end.isoformat(),
        "networks": len(networks),
        "registrations_taken": rows,
        "registrations_billed": billed,
        "invoices": invoices,
        "floor_groups": len(groups),
        "write_floor_rows": written,
        "queries": queries.count,
    }
    return [
        Figure(
            "billing_run_seconds",
            "1. Billing run, all networks (s)",
            watch.seconds,
            "s",
            target=Target("<", 30),
            details=details,
        ),
        Figure(
            "billing_run_vs_floor",
            "1. Billing run vs raw SQL GROUP BY (s)",
            watch.seconds,
            "s",
            floor=floor,
            ratio_target=Target("<=", 10),
        ),
        Figure(
            "billing_run_vs_write_floor",
            "1. Billing run vs raw SQL writes (s)",
            watch.seconds,
            "s",
            floor=writes,
        ),
    ]
