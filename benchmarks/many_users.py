"""Measurement 8 of `make bench`: throughput with many users, and the slow-page test.

`wrk` runs a Lua script (written to a temporary file) that rotates through the session
cookies of 1,000 psychologists (or 50 coordinators), against gunicorn as in production
with the docker-compose settings; it counts every answer that is not 200 (a redirect to
the login page would otherwise pass as a success). Without wrk, keep-alive Python
threads rotate the same cookies. The sessions are created in bulk, as rows of
django_session holding what `django.contrib.auth.login` stores.
"""

import itertools
import json
import re
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from benchmarks.loadgen import LOAD_PREFIX
from benchmarks.page_suite import SIGNED_IN_PAGE, production_environment
from benchmarks.report import Figure, Target, summary_ms
from benchmarks.suites import Counts
from benchmarks.throughput import (
    CONNECTIONS,
    Gunicorn,
    alternating,
    find_wrk,
    parse_wrk,
    run_client_threads,
)

PSYCHOLOGISTS, COORDINATORS = 1000, 50
SLOW_CLIENTS = 2

LUA = """-- benchmarks/many_users.py: GET {path} rotating through {n} session cookies.
local cookies = {cookies}
counter = 0
not_ok = 0
local threads = {{}}

function setup(thread)
  table.insert(threads, thread)
end

function request()
  counter = counter + 1
  local headers = {{["Accept-Encoding"] = "gzip"}}
  if #cookies > 0 then
    headers["Cookie"] = cookies[(counter - 1) % #cookies + 1]
  end
  return wrk.format("GET", {path_literal}, headers)
end

function response(status, headers, body)
  if status ~= 200 then
    not_ok = not_ok + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("not_ok")
  end
  io.write(string.format("not_ok: %d\\n", total))
end
"""


def lua_script(path: str, cookies: list[str]) -> str:
    """The wrk script; cookies and path as JSON strings, which are valid Lua strings."""
    listed = "{" + ", ".join(json.dumps(cookie) for cookie in cookies) + "}"
    return LUA.format(path=path, n=len(cookies), cookies=listed, path_literal=json.dumps(path))


def bulk_session_cookies(users) -> list[str]:
    """A signed-in session per user, inserted in one go; Cookie header values."""
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        load_backend,
    )
    from django.contrib.sessions.backends.base import VALID_KEY_CHARS
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils.crypto import get_random_string

    store = SessionStore()
    # As Client.force_login: the first backend that can load a user (not axes's).
    backend = next(
        path for path in settings.AUTHENTICATION_BACKENDS if hasattr(load_backend(path), "get_user")
    )
    expires = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    rows = [
        Session(
            session_key=get_random_string(32, VALID_KEY_CHARS),
            session_data=store.encode(
                {
                    SESSION_KEY: str(user.pk),
                    BACKEND_SESSION_KEY: backend,
                    HASH_SESSION_KEY: user.get_session_auth_hash(),
                }
            ),
            expire_date=expires,
        )
        for user in users
    ]
    Session.objects.bulk_create(rows, batch_size=1000)
    return [f"{settings.SESSION_COOKIE_NAME}={row.session_key}" for row in rows]


def load_users(n_psychologists: int, n_coordinators: int) -> tuple[list, list]:
    """The first load psychologists, and coordinators of the load networks: the
    generator's one per network and, up to `n_coordinators`, more of them."""
    from django.contrib.auth.models import Group

    from portal.models import Network, Psychologist, Role, User

    psychologists = [
        p.user
        for p in Psychologist.objects.filter(user__username__startswith=LOAD_PREFIX)
        .select_related("user")
        .order_by("pk")[:n_psychologists]
    ]
    coordinators = User.objects.filter(
        username__startswith=LOAD_PREFIX, groups__name=Role.COORDINATOR
    ).order_by("pk")
    networks = list(Network.objects.filter(code__startswith=LOAD_PREFIX).order_by("code"))
    group = Group.objects.get_or_create(name=Role.COORDINATOR)[0]
    for n in range(coordinators.count(), n_coordinators):
        extra = User.objects.create(username=f"{LOAD_PREFIX}coord-extra{n}", password="!")
        extra.groups.add(group)
        extra.networks.add(networks[n % len(networks)])
    return psychologists, list(coordinators[:n_coordinators])


def run_rotating(wrk, port: int, path: str, cookies: list[str], seconds: float) -> dict:
    """Requests/s of GET `path`, each request with the next cookie; fails on non-200."""
    if wrk:
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(lua_script(path, cookies))
        try:
            command = [wrk, "-t1", f"-c{CONNECTIONS}", f"-d{max(1, round(seconds))}s"]
            command += ["--latency", "-s", script.name, f"http://127.0.0.1:{port}{path}"]
            output = subprocess.run(
                command, check=True, capture_output=True, text=True, timeout=seconds + 60
            ).stdout
        finally:
            Path(script.name).unlink()
        result = parse_wrk(output)
        result["non_2xx"] = int(re.search(r"not_ok: (\d+)", output).group(1))
    else:
        result = run_python_rotating(port, path, cookies, seconds)
    result["users"] = len(cookies)
    if result["non_2xx"]:
        raise RuntimeError(f"{path}: {result['non_2xx']} answers were not 200")
    return result


def run_python_rotating(port: int, path: str, cookies: list[str], seconds: float) -> dict:
    """The fallback without wrk: CONNECTIONS keep-alive threads sharing one rotation."""
    from benchmarks.http_suite import Connection

    rotation = itertools.cycle(cookies or [""])
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    done, bad = [0] * CONNECTIONS, [0] * CONNECTIONS

    def worker(index: int) -> None:
        connection = Connection(port)
        while time.monotonic() < deadline:
            with lock:
                cookie = next(rotation)
            connection.headers["Cookie"] = cookie
            try:
                status = connection.get(path).status
            except OSError:  # the server closed the connection: a new one, as wrk does
                connection.close()
                continue
            done[index] += 1
            bad[index] += status != 200
        connection.close()

    return run_client_threads(worker, done, bad, seconds) | {"tool": "python-threads"}


class SlowClients:
    """SLOW_CLIENTS threads requesting the slow page back to back, while `with` lasts."""

    def __init__(self, port: int, case):
        self.port, self.case = port, case
        self.stop = threading.Event()
        self.times: list[float] = []
        self.bad = 0

    def _hammer(self) -> None:
        from benchmarks.http_suite import Connection

        connection = Connection(self.port, self.case.cookie)
        while not self.stop.is_set():
            answer = connection.get(self.case.url)
            self.times.append(answer.seconds)
            self.bad += answer.status != 200
        connection.close()

    def __enter__(self):
        self.threads = [threading.Thread(target=self._hammer) for _ in range(SLOW_CLIENTS)]
        for thread in self.threads:
            thread.start()
        time.sleep(0.5)  # both are busy on the slow page before the measurement starts
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=120)


def nightly_overviews(users, server_env: dict) -> dict:
    """The worker's nightly job (`manage.py prerender_overviews`, with the server's settings
    and cache), `users` marked as signed in today as their logins would have."""
    from portal.models import User

    User.objects.filter(pk__in=[user.pk for user in users]).update(last_login=timezone.now())
    started = time.perf_counter()
    output = subprocess.run(
        [sys.executable, "manage.py", "prerender_overviews"],
        cwd=settings.BASE_DIR,
        env=server_env,
        check=True,
        capture_output=True,
        text=True,
        timeout=1800,
    ).stdout
    return {"seconds": time.perf_counter() - started, "output": output.strip()}


def many_users(bench, counts: Counts, log) -> list[Figure]:
    """/mijn/ rotating 1,000 psychologists against a signed-in page without content and
    /healthz/, before and after the nightly job renders their overviews; 50 coordinators
    on the queue; then /mijn/ with two clients on the slowest page of measurement 6
    (bench.slowest)."""
    bench._prepare(counts, log)
    psychologists, coordinators = load_users(PSYCHOLOGISTS, COORDINATORS)
    psychologist_cookies = bulk_session_cookies(psychologists)
    coordinator_cookies = bulk_session_cookies(coordinators)
    one = [bench.cookies["psychologist"]]
    slow = bench.slowest or next(c for c in bench.cases(log) if c.spec.key == "follow_up")
    wrk = find_wrk(log)
    seconds = counts.throughput_seconds
    measured = {"tool": "wrk" if wrk else "python-threads", "slow_page": slow.url}
    server_env = production_environment(bench.env, log)
    with Gunicorn(Path(settings.BASE_DIR), server_env) as server:

        def rotating(path: str, cookies: list[str]):
            return lambda window: run_rotating(wrk, server.port, path, cookies, window)

        def slowed(window: float) -> dict:
            with SlowClients(server.port, slow) as clients:
                result = run_rotating(wrk, server.port, "/mijn/", psychologist_cookies, window)
            if clients.bad:
                raise RuntimeError(f"{slow.url}: {clients.bad} answers were not 200")
            slow_times.extend(clients.times)
            return result

        slow_times: list[float] = []
        first = {
            "healthz": rotating("/healthz/", []),
            "signed_in_one": rotating(SIGNED_IN_PAGE, one),
            "signed_in_many": rotating(SIGNED_IN_PAGE, psychologist_cookies),
        }
        measured |= alternating(first, seconds)
        # Each of these changes what the next finds cached: measured once, in this order.
        measured["overview_cold"] = run_rotating(
            wrk, server.port, "/mijn/", psychologist_cookies, seconds
        )
        measured["queue_many"] = run_rotating(
            wrk, server.port, "/coordinatie/", coordinator_cookies, seconds
        )
        measured["nightly_job"] = nightly_overviews(psychologists, server_env)
        log(f"  the nightly job: {measured['nightly_job']['output']}")
        after = {
            "overview_rendered": rotating("/mijn/", psychologist_cookies),
            "signed_in_after": rotating(SIGNED_IN_PAGE, one),
            "overview_slow": slowed,
        }
        measured |= alternating(after, seconds)
    measured["slow_page_requests"] = summary_ms(slow_times) if slow_times else {}
    for name in (*first, "overview_cold", "queue_many", *after):
        log(f"  {name}: {measured[name]['requests_per_second']:.0f} req/s")
    return figures(measured, len(psychologist_cookies), len(coordinator_cookies))


def figures(measured: dict, n_psychologists: int, n_coordinators: int) -> list[Figure]:
    def rps(name: str) -> float:
        return measured[name]["requests_per_second"]

    users = f"{n_psychologists:,} rotating psychologists"
    return [
        Figure(
            "many_overview_rps",
            f"8. /mijn/, {users}, after the nightly job rendered their overviews (req/s)",
            rps("overview_rendered"),
            "req/s",
            floor=rps("signed_in_after"),
            ratio_target=Target(">=", 0.5),
            details=measured,
        ),
        Figure(
            "many_overview_cold_rps",
            f"8. /mijn/, {users}, before it: mostly first renders (req/s)",
            rps("overview_cold"),
            "req/s",
            floor=rps("signed_in_one"),
        ),
        Figure(
            "nightly_overviews_s",
            f"8. The nightly job rendering the overviews of {users} (s)",
            measured["nightly_job"]["seconds"],
            "s",
        ),
        Figure(
            "many_signed_in_rps",
            "8. A signed-in page without content, one user (req/s)",
            rps("signed_in_one"),
            "req/s",
            floor=rps("healthz"),
            ratio_target=Target(">=", 0.25),
        ),
        Figure(
            "many_signed_in_rotating_rps",
            f"8. A signed-in page without content, {users} (req/s)",
            rps("signed_in_many"),
            "req/s",
            floor=rps("healthz"),
        ),
        Figure(
            "many_queue_rps",
            f"8. /coordinatie/, {n_coordinators} rotating coordinators (req/s)",
            rps("queue_many"),
            "req/s",
            floor=rps("signed_in_one"),
        ),
        Figure(
            "slow_page_overview_rps",
            f"8. /mijn/ with {SLOW_CLIENTS} clients on {measured['slow_page']} (req/s)",
            rps("overview_slow"),
            "req/s",
            floor=rps("overview_rendered"),
            ratio_target=Target(">=", 0.75),
            details={"slow_page_requests": measured["slow_page_requests"]},
        ),
    ]
