"""The measurements of `make bench` on the data of the load generator: what they share
(`Counts`, `QueryCounter`), registering, remaining_minutes and the PDFs.

Each measurement takes the iteration counts (`Counts`) and a log function and returns
`Figure`s with their targets; the billing run is in billing_suite.py, the pages and the
throughput in page_suite.py. They import Django models, so run.py calls them only after
django.setup().
"""

from dataclasses import dataclass
from datetime import time

from django.db import connection
from django.db.models import Count, F, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from benchmarks.loadgen import LOAD_PREFIX
from benchmarks.report import Figure, Stopwatch, Target, summary_ms

# Minutes of each registration the benchmark adds (from 17:00 on, after the generator's
# slots of 08:00 and 13:00, which last at most 4 h).
BENCH_DURATION = 30


@dataclass(frozen=True)
class Counts:
    floor_repeats: int
    registrations: int
    selector_calls: int
    page_requests: int
    pdfs: int
    throughput_seconds: float
    submitted_applications: int


FULL = Counts(5, 500, 200, 50, 20, 10, 200)
SMOKE = Counts(1, 5, 5, 3, 2, 2, 20)


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


# --- 2. Registering an activity ---------------------------------------------------------


def _free_start(taken: list[tuple[time, int]]) -> time | None:
    """The first half hour from 17:00 on that overlaps none of `taken` (start, minutes)."""
    for step in range(14):
        start = 17 * 60 + 30 * step
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
    # One registration per allocation first; a small load (fewer running allocations than
    # n) gives an allocation another one per pass while its quota and evening slots last.
    targets, left = [], {a.pk: a.granted_minutes + a.extra_minutes - a.used for a in candidates}
    while len(targets) < n:
        added = len(targets)
        for allocation in candidates:
            taken = busy.setdefault(allocation.psychologist_id, [])
            start = _free_start(taken) if left[allocation.pk] >= BENCH_DURATION else None
            if start is None:
                continue
            taken.append((start, BENCH_DURATION))
            left[allocation.pk] -= BENCH_DURATION
            targets.append((allocation, start))
            if len(targets) == n:
                break
        if len(targets) == added:
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
            # 13 since issue 17's rounds 5 and 6: the allocation's usage in all (the
            # follow-up page) and per month (uptake), recounted (registrations/usage.py).
            target=Target("<=", 13),
            details={"min": min(query_counts), "max": max(query_counts)},
        ),
    ]


# --- 3a. remaining_minutes --------------------------------------------------


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
