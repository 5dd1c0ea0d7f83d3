"""The five measurements of `make bench`, run on the data of the load generator.

Each function takes the iteration counts (`Counts`) and a log function and returns
`Figure`s with their targets. They import Django models, so run.py calls them only
after django.setup().
"""

import os
import statistics
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import time, timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, F, Sum, Value
from django.db.models.functions import Coalesce
from django.test import Client
from django.utils import timezone

from benchmarks.loadgen import LOAD_PREFIX
from benchmarks.report import Figure, Stopwatch, Target, summary_ms

# An activity the generator never books (its slots are 08:00 and 13:00, at most 4 h).
EVENING = time(20, 0)
BENCH_DURATION = 30


@dataclass(frozen=True)
class Counts:
    floor_repeats: int
    registrations: int
    selector_calls: int
    page_requests: int
    pdfs: int
    zip_pdfs: int
    throughput_seconds: float
    submitted_applications: int


FULL = Counts(5, 500, 200, 50, 20, 500, 10, 200)
SMOKE = Counts(1, 5, 5, 3, 2, 4, 2, 20)


class QueryCounter:
    """Counts the SQL statements run inside `with`; unlike CaptureQueriesContext it keeps
    no log, so it costs nothing and has no 9,000-query limit."""

    def __enter__(self):
        self.count = 0
        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __exit__(self, *exc):
        self._wrapper.__exit__(*exc)


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
INSERT INTO bench_write_floor (invoice_id, registration_id, kind, minutes, prep_minutes)
SELECT r.psychologist_id, r.id, 'invoice', r.duration_minutes, r.prep_minutes
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


def billing_run(counts: Counts, log) -> list[Figure]:
    """Every network's run for the previous month, against one raw GROUP BY of its rows
    (the read floor) and against the bare writes of itemising them (the write floor)."""
    from billing import services
    from billing.models import BillingRun, Invoice, InvoiceItem, RunStatus
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
            services.run_billing(network, period_end)
    failed = BillingRun.objects.filter(period_end=period_end).exclude(status=RunStatus.DONE)
    if failed.exists():
        raise RuntimeError(f"billing runs not done: {list(failed.values('pk', 'error'))}")
    billed = InvoiceItem.objects.filter(invoice__run__period_end=period_end).count()
    invoices = Invoice.objects.filter(run__period_end=period_end).count()
    log(f"  run: {invoices:,} invoices, {billed:,} registrations in {watch.seconds:.2f} s")
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


# --- 2. Registering an activity ---------------------------------------------------------


def _free_start(taken: list[tuple[time, int]]) -> time | None:
    """The first half hour from 20:00 on that overlaps none of `taken` (start, minutes)."""
    for step in range(8):
        start = 20 * 60 + 30 * step
        if all(
            start + BENCH_DURATION <= t.hour * 60 + t.minute
            or t.hour * 60 + t.minute + minutes <= start
            for t, minutes in taken
        ):
            return time(start // 60, start % 60)
    return None


def _registration_targets(n: int, day):
    """n call-3 allocations running on `day` with 30 minutes left, and a free slot for each."""
    from applications import engine
    from applications.models import Allocation
    from registrations.models import Registration

    candidates = list(
        Allocation.objects.active_on(day)
        .filter(call__number=3, network__code__startswith=LOAD_PREFIX)
        .annotate(
            used=Coalesce(
                Sum(
                    "registrations__quota_minutes",
                    filter=engine.counting_registrations("registrations"),
                ),
                Value(0),
            )
        )
        .filter(used__lte=F("granted_minutes") + F("extra_minutes") - BENCH_DURATION)
        .select_related("psychologist")
        .order_by("pk")[: n * 2]
    )
    busy: dict[int, list] = {}
    for r in Registration.objects.filter(
        psychologist_id__in={a.psychologist_id for a in candidates}, date=day
    ).values("psychologist_id", "start_time", "duration_minutes"):
        busy.setdefault(r["psychologist_id"], []).append((r["start_time"], r["duration_minutes"]))
    targets = []
    for allocation in candidates:
        taken = busy.setdefault(allocation.psychologist_id, [])
        start = _free_start(taken)
        if start is None:
            continue
        taken.append((start, BENCH_DURATION))
        targets.append((allocation, start))
        if len(targets) == n:
            break
    if len(targets) < n:
        raise RuntimeError(f"only {len(targets)} allocations with quota left for {n} registrations")
    return targets


def registration_service(counts: Counts, log) -> list[Figure]:
    from registrations.models import Registration
    from registrations.services import register_activity

    day = timezone.localdate()
    targets = _registration_targets(counts.registrations, day)
    table_size = Registration.objects.count()
    times, query_counts = [], []
    for allocation, start in targets:
        data = {
            "date": day,
            "start_time": start,
            "duration_minutes": BENCH_DURATION,
            "work_form": "advice",
            "attendees": 1,
            "attendee_roles": "huisarts",
            "subject": "Benchmark",
            "place": "",
            "client_consent": False,
        }
        with QueryCounter() as queries, Stopwatch() as watch:
            register_activity(allocation.psychologist, allocation.pk, data, today=day)
        times.append(watch.seconds)
        query_counts.append(queries.count)
    stats = summary_ms(times)
    log(f"  {len(times)} registrations: median {stats['median_ms']} ms, p95 {stats['p95_ms']} ms")
    details = stats | {"registrations_in_table": table_size}
    return [
        Figure(
            "registration_p95_ms",
            "2. register_activity p95 (ms)",
            stats["p95_ms"],
            "ms",
            target=Target("<", 50),
            details=details,
        ),
        Figure(
            "registration_median_ms",
            "2. register_activity median (ms)",
            stats["median_ms"],
            "ms",
            details=details,
        ),
        Figure(
            "registration_queries",
            "2. register_activity SQL queries",
            max(query_counts),
            "queries",
            target=Target("<=", 10),
            details={"min": min(query_counts), "max": max(query_counts)},
        ),
    ]


# --- 3. remaining_minutes and the pages --------------------------------------------------


def remaining_minutes(counts: Counts, log) -> list[Figure]:
    """remaining_minutes of the allocation with the most registrations."""
    from applications.models import Allocation
    from registrations.selectors import remaining_minutes as remaining

    allocation = Allocation.objects.annotate(n=Count("registrations")).order_by("-n", "pk").first()
    day = min(timezone.localdate(), allocation.window_end)
    allocation = Allocation.objects.get(pk=allocation.pk)  # without the annotation
    remaining(allocation, day)  # warm-up
    times, query_counts = [], []
    for _ in range(counts.selector_calls):
        with QueryCounter() as queries, Stopwatch() as watch:
            remaining(allocation, day)
        times.append(watch.seconds)
        query_counts.append(queries.count)
    stats = summary_ms(times)
    details = stats | {
        "allocation_id": allocation.pk,
        "registrations_on_allocation": allocation.registrations.count(),
    }
    log(f"  remaining_minutes: median {stats['median_ms']} ms, {max(query_counts)} queries")
    return [
        Figure(
            "remaining_minutes_p95_ms",
            "3. remaining_minutes p95 (ms)",
            stats["p95_ms"],
            "ms",
            target=Target("<", 5),
            details=details,
        ),
        Figure(
            "remaining_minutes_queries",
            "3. remaining_minutes SQL queries",
            max(query_counts),
            "queries",
            target=Target("<=", 2),
        ),
    ]


def busiest_psychologist():
    """The load psychologist with the most allocations and registrations: the heaviest page."""
    from portal.models import Psychologist

    return (
        Psychologist.objects.filter(user__username__startswith=LOAD_PREFIX)
        .annotate(
            n_allocations=Count("allocations", distinct=True),
            n_registrations=Count("registrations", distinct=True),
        )
        .order_by("-n_allocations", "-n_registrations", "pk")
        .select_related("user")
        .first()
    )


def queue_coordinator(n_submitted: int):
    """The coordinator of the first load network, with `n_submitted` applications waiting.

    The generator only makes approved applications; the queue's first page should show
    waiting ones, as it does in real life.
    """
    from applications.models import Application, ApplicationStatus, Call
    from portal.models import Network, Psychologist, Role, User

    network = Network.objects.filter(code__startswith=LOAD_PREFIX).order_by("code").first()
    coordinator = (
        User.objects.filter(networks=network, groups__name=Role.COORDINATOR).order_by("pk").first()
    )
    waiting = Application.objects.filter(network=network, status=ApplicationStatus.SUBMITTED)
    missing = n_submitted - waiting.count()
    if missing > 0:
        psychologists = list(Psychologist.objects.filter(networks=network).order_by("pk"))
        call = Call.objects.get(number=3)
        now = timezone.now()
        Application.objects.bulk_create(
            Application(
                psychologist=psychologists[n % len(psychologists)],
                network=network,
                call=call,
                status=ApplicationStatus.SUBMITTED,
                partner_name=f"Partner {n}",
                start_date=timezone.localdate() + timedelta(days=14),
                requested_minutes=call.quota_minutes,
                motivation="Benchmark",
                portfolio="Benchmark",
                submitted_at=now - timedelta(hours=n),
            )
            for n in range(missing)
        )
    return coordinator


def _page(client: Client, url: str, n: int, cold: bool = False) -> tuple[dict, list[int]]:
    """Timings and query counts of `n` requests; `cold` empties the cache before each."""
    from django.core.cache import cache

    for _ in range(2):  # warm-up: template compilation, translations
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}, not 200")
    times, query_counts = [], []
    for _ in range(n):
        if cold:
            cache.clear()
        with QueryCounter() as queries, Stopwatch() as watch:
            response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}, not 200")
        times.append(watch.seconds)
        query_counts.append(queries.count)
    return summary_ms(times), query_counts


def pages(counts: Counts, log) -> list[Figure]:
    psychologist = busiest_psychologist()
    coordinator = queue_coordinator(counts.submitted_applications)
    overview = "3. Psychologist overview /mijn/"
    cases = [
        ("overview", overview, psychologist.user, "/mijn/", False),
        ("overview_cold", f"{overview}, not cached", psychologist.user, "/mijn/", True),
        ("queue", "3. Review queue /coordinatie/", coordinator, "/coordinatie/", False),
        (
            "uptake",
            "3. Uptake /coordinatie/benutting/",
            coordinator,
            "/coordinatie/benutting/",
            False,
        ),
    ]
    figures = []
    for key, label, user, url, cold in cases:
        client = Client()
        client.force_login(user)
        stats, query_counts = _page(client, url, counts.page_requests, cold)
        log(
            f"  {url}: median {stats['median_ms']} ms, p95 {stats['p95_ms']} ms, "
            f"{max(query_counts)} queries"
        )
        details = stats | {"user": user.username}
        if key.startswith("overview"):
            details |= {
                "allocations": psychologist.n_allocations,
                "registrations": psychologist.n_registrations,
            }
        figures += [
            Figure(
                f"{key}_p95_ms",
                f"{label} p95 (ms)",
                stats["p95_ms"],
                "ms",
                target=Target("<", 200),
                details=details,
            ),
            Figure(
                f"{key}_queries",
                f"{label} SQL queries",
                max(query_counts),
                "queries",
                details={"min": min(query_counts), "max": max(query_counts)},
            ),
        ]
    return figures


# --- 4. Invoice PDFs and a ZIP ------------------------------------------------------------


def pdfs(counts: Counts, log) -> list[Figure]:
    from billing.models import Invoice
    from billing.pdf import filename, invoice_pdf
    from billing.selectors import with_details

    invoices = Invoice.objects.select_related("network", "psychologist__user").order_by("-pk")
    sample = list(with_details(invoices[: counts.pdfs]))
    if not sample:
        log("  no invoices: PDFs not measured")
        return []
    invoice_pdf(sample[0])  # warm-up: imports WeasyPrint, loads fonts
    times = []
    for invoice in sample:
        with Stopwatch() as watch:
            pdf = invoice_pdf(invoice)
        if not pdf.startswith(b"%PDF"):
            raise RuntimeError(f"invoice {invoice.pk}: not a PDF")
        times.append(watch.seconds)
    stats = summary_ms(times)
    log(f"  PDF: mean {stats['mean_ms']:.0f} ms, p95 {stats['p95_ms']:.0f} ms")
    figures = [
        Figure(
            "pdf_mean_s",
            "4. Invoice PDF, mean (s)",
            stats["mean_ms"] / 1000,
            "s",
            target=Target("<", 0.5),
            details=stats,
        ),
        Figure(
            "pdf_p95_s",
            "4. Invoice PDF, p95 (s)",
            stats["p95_ms"] / 1000,
            "s",
            target=Target("<", 0.5),
        ),
    ]
    # The ZIP of a run, as billing.pdf.write_run_zip builds it, over `zip_pdfs` invoices.
    with tempfile.TemporaryDirectory() as folder, Stopwatch() as watch:
        path = Path(folder) / "run.zip"
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for invoice in with_details(invoices[: counts.zip_pdfs]):
                archive.writestr(filename(invoice), invoice_pdf(invoice))
        with zipfile.ZipFile(path) as archive:
            entries = len(archive.namelist())
        size = path.stat().st_size
    log(f"  ZIP of {entries} PDFs: {watch.seconds:.1f} s, {size / 1e6:.1f} MB")
    figures.append(
        Figure(
            "zip_seconds",
            f"4. ZIP of {entries} PDFs (s)",
            watch.seconds,
            "s",
            details={"pdfs": entries, "bytes": size},
        )
    )
    return figures


# --- 5. Throughput under gunicorn ---------------------------------------------------------


def session_cookie(user) -> str:
    """A logged-in session for `user`, as a Cookie header value."""
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


# What docker-compose runs in production: persistent connections and a shared Redis cache
# of rendered overviews. The benchmark's own Redis database is emptied first.
BENCH_CACHE_URL = "redis://127.0.0.1:6379/14"


# What every page of a signed-in user costs before its own content: session, user, roles,
# the base layout and navigation (Django's "password changed" page, login required).
SIGNED_IN_PAGE = "/accounts/password_change/done/"


def production_environment(env: dict, log) -> dict:
    url = os.environ.get("BENCH_CACHE_URL", BENCH_CACHE_URL)
    try:
        from django.core.cache.backends.redis import RedisCache

        RedisCache(url, {}).clear()
    except Exception as error:  # noqa: BLE001 - any Redis failure: fall back, and say so
        log(f"  no Redis at {url} ({error.__class__.__name__}): per-process cache instead")
        url = ""
    return env | {"CONN_MAX_AGE": "60", "CACHE_URL": url}


def throughput(counts: Counts, log, env: dict) -> list[Figure]:
    """/mijn/ against /healthz/ (the floor: no session, no database) under gunicorn, each
    server against its own floor: with the development defaults (a database connection
    per request, a cache per process) and with the production settings of docker-compose,
    where the target applies."""
    from benchmarks import throughput as http

    cookie = session_cookie(busiest_psychologist().user)
    configurations = [
        ("development", "development defaults", env, None),
        ("production", "docker-compose settings", production_environment(env, log), 0.25),
    ]
    figures = []
    for key, label, server_env, ratio in configurations:
        settings_used = {k: server_env.get(k, "") for k in ("CONN_MAX_AGE", "CACHE_URL")}
        log(f"  {label}: {settings_used}")
        measured = http.measure(
            Path(settings.BASE_DIR),
            server_env,
            {"healthz": "/healthz/", "signed_in": SIGNED_IN_PAGE, "overview": "/mijn/"},
            cookie,
            counts.throughput_seconds,
            log,
        )
        for name, value in measured.items():
            if isinstance(value, dict) and value["non_2xx"]:
                raise RuntimeError(f"{name}: {value['non_2xx']} responses were not 2xx/3xx")
        figures.append(
            Figure(
                f"throughput_overview_rps_{key}",
                f"5. /mijn/ under gunicorn -w 2, {label} (req/s)",
                measured["overview"]["requests_per_second"],
                "req/s",
                floor=measured["healthz"]["requests_per_second"],
                ratio_target=Target(">=", ratio) if ratio else None,
                details=measured | settings_used,
            )
        )
        figures.append(
            Figure(
                f"throughput_signed_in_rps_{key}",
                f"5. A signed-in page without content, {label} (req/s)",
                measured["signed_in"]["requests_per_second"],
                "req/s",
                floor=measured["healthz"]["requests_per_second"],
                details={"path": SIGNED_IN_PAGE},
            )
        )
    return figures
