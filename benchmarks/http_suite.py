"""Measurements 6 and 7 of `make bench`: every page as a real client over HTTP against
gunicorn as in production, and the first request of a fresh worker.

The server is the Dockerfile's (`-w 2 -k gthread --threads 4`) with the docker-compose
settings (`CONN_MAX_AGE=60`, Redis cache; page_suite.production_environment), running
benchmarks.query_header's wrapper so that each response says how many SQL statements it
cost. The client is http.client on one keep-alive connection per page, with a real
session cookie and `Accept-Encoding: gzip`, as a browser sends it.
"""

import http.client
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from benchmarks import http_pages
from benchmarks.page_suite import (
    busiest_psychologist,
    production_environment,
    queue_coordinator,
    session_cookie,
)
from benchmarks.query_header import PID_HEADER, QUERY_HEADER
from benchmarks.report import Figure, Target, summary_ms
from benchmarks.suites import Counts
from benchmarks.throughput import Gunicorn

WARM_UPS = 2
FIRST_REQUEST_PAGES = ("overview", "follow_up", "invoices")
FIRST_REQUEST_ATTEMPTS = 30  # new connections until every worker has answered once
WARM_REQUESTS = 10
QUERY_APP = "benchmarks.query_header:application"


@dataclass
class Answer:
    status: int
    seconds: float
    queries: int | None
    pid: str
    size: int


class Connection:
    """One keep-alive HTTP/1.1 connection to the server, reopened when it closes."""

    def __init__(self, port: int, cookie: str = ""):
        self.port = port
        self.headers = {"Accept-Encoding": "gzip"} | ({"Cookie": cookie} if cookie else {})
        self.http = None

    def get(self, path: str) -> Answer:
        if self.http is None:
            self.http = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        started = time.perf_counter()
        self.http.request("GET", path, headers=self.headers)
        response = self.http.getresponse()
        body = response.read()
        seconds = time.perf_counter() - started
        queries = response.getheader(QUERY_HEADER)
        if response.will_close:
            self.close()
        return Answer(
            response.status,
            seconds,
            int(queries) if queries is not None else None,
            response.getheader(PID_HEADER, ""),
            len(body),
        )

    def close(self) -> None:
        if self.http is not None:
            self.http.close()
            self.http = None


@dataclass
class Case:
    spec: http_pages.Spec
    url: str
    cookie: str


class HttpBench:
    """The HTTP measurements, sharing the users, their cookies and the slowest page."""

    def __init__(self, env: dict):
        self.env = env
        self.server_env = None
        self.slowest: Case | None = None
        self.subjects: http_pages.Subjects | None = None
        self.cookies: dict[str, str] = {}

    def _prepare(self, counts: Counts, log) -> None:
        if self.subjects is not None:
            return
        self.server_env = production_environment(self.env, log) | {"BENCH_QUERY_HEADER": "1"}
        self.subjects = http_pages.subjects(
            busiest_psychologist(), queue_coordinator(counts.submitted_applications)
        )
        self.cookies = {role: session_cookie(u) for role, u in self.subjects.users.items()}
        self.cookies["anonymous"] = ""

    def cases(self, log) -> list[Case]:
        cases, skipped = [], []
        for spec in http_pages.SPECS:
            url = http_pages.resolve(spec, self.subjects)
            if url is None:
                skipped.append(spec.key)
            else:
                cases.append(Case(spec, url, self.cookies[spec.user]))
        if skipped:
            log(f"  no object in the load for: {', '.join(skipped)} (not measured)")
        return cases

    def server(self, **kwargs) -> Gunicorn:
        return Gunicorn(Path(settings.BASE_DIR), self.server_env, app=QUERY_APP, **kwargs)

    # --- 6. Every page over HTTP --------------------------------------------------------

    def pages(self, counts: Counts, log) -> list[Figure]:
        self._prepare(counts, log)
        cases = self.cases(log)
        figures, failures, slowest_p95 = [], [], -1.0
        with self.server() as server:
            for case in cases:
                try:
                    stats, queries = measure_page(server.port, case, counts.page_requests)
                except RuntimeError as error:
                    failures.append(str(error))
                    continue
                log(
                    f"  {case.url}: p50 {stats['median_ms']:.1f} ms, "
                    f"p95 {stats['p95_ms']:.1f} ms, {max(queries)} queries"
                )
                if stats["p95_ms"] > slowest_p95:
                    slowest_p95, self.slowest = stats["p95_ms"], case
                figures += page_figures(case, stats, queries)
        if failures:
            raise RuntimeError("pages did not answer 200: " + "; ".join(failures))
        return figures

    # --- 7. The first request of a fresh worker -----------------------------------------

    def first_requests(self, counts: Counts, log) -> list[Figure]:
        self._prepare(counts, log)
        by_key = {case.spec.key: case for case in self.cases(lambda _message: None)}
        figures = []
        for key in FIRST_REQUEST_PAGES:
            case = by_key.get(key)
            if case is None:
                continue
            with (
                tempfile.TemporaryDirectory() as folder,
                self.server(ready_file=Path(folder) / "ready") as server,
            ):
                first, warm = first_and_warm(server.port, case, server.workers)
            slowest = max(first.values())
            log(
                f"  {case.url}: first request of {len(first)} fresh worker(s) "
                f"{', '.join(f'{ms:.0f}' for ms in first.values())} ms; warm median {warm:.1f} ms"
            )
            details = {"url": case.url, "first_ms_by_worker": first, "warm_median_ms": warm}
            figures += [
                Figure(
                    f"http_first_{key}_ms",
                    f"7. First request of a fresh worker, {case.url} (ms)",
                    slowest,
                    "ms",
                    target=Target("<", case.spec.target_ms),
                    details=details,
                ),
                Figure(
                    f"http_first_{key}_warm_ms",
                    f"7. The same page once warm, {case.url}, median (ms)",
                    warm,
                    "ms",
                    details={"requests": WARM_REQUESTS},
                ),
            ]
        return figures


def measure_page(port: int, case: Case, n: int) -> tuple[dict, list[int]]:
    """p50/p95 and query counts of `n` requests after WARM_UPS, on one connection."""
    connection = Connection(port, case.cookie)
    try:
        times, queries = [], []
        for attempt in range(WARM_UPS + n):
            answer = connection.get(case.url)
            if answer.status != 200:
                raise RuntimeError(f"GET {case.url} answered {answer.status}")
            if attempt >= WARM_UPS:
                times.append(answer.seconds)
                queries.append(answer.queries if answer.queries is not None else -1)
    finally:
        connection.close()
    return summary_ms(times), queries


def page_figures(case: Case, stats: dict, queries: list[int]) -> list[Figure]:
    key, label = f"http_{case.spec.key}", f"6. {case.spec.key} {case.url}"
    details = stats | {"url": case.url, "user": case.spec.user, "url_name": case.spec.name}
    return [
        Figure(
            f"{key}_p95_ms",
            f"{label} p95 (ms)",
            stats["p95_ms"],
            "ms",
            target=Target("<", case.spec.target_ms),
            details=details,
        ),
        Figure(f"{key}_p50_ms", f"{label} p50 (ms)", stats["median_ms"], "ms"),
        Figure(
            f"{key}_queries",
            f"{label} SQL queries",
            max(queries),
            "queries",
            details={"min": min(queries), "max": max(queries)},
        ),
    ]


def first_and_warm(port: int, case: Case, workers: int) -> tuple[dict[str, float], float]:
    """The first request each worker answered (ms by pid), each on a new connection as a
    browser's first visit; then the median of WARM_REQUESTS on one connection."""
    first: dict[str, float] = {}
    for _attempt in range(FIRST_REQUEST_ATTEMPTS):
        connection = Connection(port, case.cookie)
        try:
            answer = connection.get(case.url)
        finally:
            connection.close()
        if answer.status != 200:
            raise RuntimeError(f"GET {case.url} answered {answer.status}")
        first.setdefault(answer.pid, round(answer.seconds * 1000, 1))
        if len(first) == workers:
            break
    connection = Connection(port, case.cookie)
    try:
        warm = [connection.get(case.url).seconds for _ in range(WARM_REQUESTS)]
    finally:
        connection.close()
    return first, summary_ms(warm)["median_ms"]
