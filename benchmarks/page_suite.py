"""Measurements 3b and 5 of `make bench`: full pages through Django's test client, and
the throughput of gunicorn against its floor."""

import os
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db.models import Count
from django.test import Client
from django.utils import timezone

from benchmarks.loadgen import LOAD_PREFIX
from benchmarks.report import Figure, Stopwatch, Target, summary_ms
from benchmarks.suites import Counts, QueryCounter

# --- 3b. The pages -----------------------------------------------------------------------


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
        call = Call.objects.get(code="3")
        edition = call.editions.order_by("valid_from").first()
        now = timezone.now()
        Application.objects.bulk_create(
            Application(
                psychologist=psychologists[n % len(psychologists)],
                network=network,
                call=call,
                edition=edition,
                status=ApplicationStatus.SUBMITTED,
                partner_name=f"Partner {n}",
                start_date=timezone.localdate() + timedelta(days=14),
                requested_minutes=edition.quota_minutes,
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
                f"5. /mijn/ under gunicorn -w 2 --threads 4, {label} (req/s)",
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
