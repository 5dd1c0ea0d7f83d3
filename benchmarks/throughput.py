"""Requests per second of a page under gunicorn (2 workers, 4 threads each) with a load generator on loopback.

wrk when it is installed (Debian package `wrk`); otherwise a small keep-alive Python
client with threads. Only 127.0.0.1, bounded durations, and gunicorn is always stopped.
"""

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

START_TIMEOUT = 60  # seconds for gunicorn to answer /healthz/
CONNECTIONS = 8
# A figure and its floor are measured in this many windows each, taking turns.
WINDOWS = 5


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def find_wrk(log) -> str | None:
    """wrk's path; installs the Debian package when running as root and it is missing."""
    path = shutil.which("wrk")
    if path or os.geteuid() != 0 or not shutil.which("apt-get"):
        return path
    log("wrk not found: apt-get install -y -qq wrk")
    try:
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "wrk"],
            check=False,
            capture_output=True,
            timeout=180,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return shutil.which("wrk")


class Gunicorn:
    """`gunicorn portal.wsgi -w 2 -k gthread --threads 4` (as the Dockerfile runs it) on a
    free loopback port, as a context manager.

    `app` may be benchmarks.query_header's wrapper; with `ready_file` (which that module
    fills) it waits for every worker to load without sending a request, so the first
    request of each worker is still to come."""

    def __init__(
        self,
        base_dir: Path,
        env: dict,
        workers: int = 2,
        threads: int = 4,
        app: str = "portal.wsgi",
        ready_file: Path | None = None,
    ):
        self.port = free_port()
        self.base_dir = base_dir
        self.env = env | ({"BENCH_READY_FILE": str(ready_file)} if ready_file else {})
        self.workers = workers
        self.threads = threads
        self.app = app
        self.ready_file = ready_file
        self.process = None

    def __enter__(self):
        self.log_file = open(self.base_dir / "var" / "bench-gunicorn.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                self.app,
                "-w",
                str(self.workers),
                "-k",
                "gthread",
                "--threads",
                str(self.threads),
                "-b",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
            ],
            cwd=self.base_dir,
            env=self.env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            self._wait_until_up()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}; see var/")
            if self.ready_file is not None:
                if self._ready_workers() >= self.workers:
                    return
                time.sleep(0.05)
                continue
            try:
                if get(self.port, "/healthz/")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer /healthz/ in time")

    def _ready_workers(self) -> int:
        try:
            return len(self.ready_file.read_text(encoding="ascii").split())
        except OSError:
            return 0

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            # Its own session: stop the master and its workers, nothing else.
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        if getattr(self, "log_file", None):
            self.log_file.close()

    def __exit__(self, *exc):
        self.stop()


def get(port: int, path: str, cookie: str = "") -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def run_wrk(wrk: str, port: int, path: str, cookie: str, seconds: float) -> dict:
    command = [wrk, "-t1", f"-c{CONNECTIONS}", f"-d{max(1, round(seconds))}s", "--latency"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command.append(f"http://127.0.0.1:{port}{path}")
    output = subprocess.run(
        command, check=True, capture_output=True, text=True, timeout=seconds + 60
    ).stdout
    return parse_wrk(output)


def parse_wrk(output: str) -> dict:
    """Requests/s, count, failures and latency percentiles from wrk's --latency output."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    total = int(re.search(r"(\d+) requests in", output).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors:.*", output)
    p50 = re.search(r"50%\s+([\d.]+\w+)", output)
    p99 = re.search(r"99%\s+([\d.]+\w+)", output)
    return {
        "requests_per_second": rps,
        "requests": total,
        "non_2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(0) if errors else "",
        "latency_p50": p50.group(1) if p50 else "",
        "latency_p99": p99.group(1) if p99 else "",
    }


def run_python_client(port: int, path: str, cookie: str, seconds: float) -> dict:
    """The fallback: CONNECTIONS threads, each a keep-alive connection, for `seconds`."""
    deadline = time.monotonic() + seconds
    counts = [0] * CONNECTIONS
    bad = [0] * CONNECTIONS
    headers = {"Cookie": cookie} if cookie else {}

    def worker(index: int) -> None:
        connection = None
        while time.monotonic() < deadline:
            try:
                if connection is None:
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                counts[index] += 1
                bad[index] += response.status >= 400
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = None
            except OSError:
                connection = None
        if connection is not None:
            connection.close()

    return run_client_threads(worker, counts, bad, seconds)


def run_client_threads(worker, done: list[int], bad: list[int], seconds: float) -> dict:
    """Run `worker(index)` on CONNECTIONS threads and sum what they counted in `done` and
    `bad` (the Python fallback of wrk, with or without rotating sessions)."""
    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    elapsed = time.monotonic() - started
    return {
        "requests_per_second": round(sum(done) / elapsed, 1),
        "requests": sum(done),
        "non_2xx": sum(bad),
    }


def alternating(measures: dict[str, Callable[[float], dict]], seconds: float) -> dict:
    """Requests/s of each name, measured in up to WINDOWS short windows that take turns
    (A, B, A, B …) for `seconds` each in all, so a change of the machine's speed during
    the measurement touches a figure and its floor alike: the median window of each, the
    windows' figures kept beside it. `measures[name](seconds)` measures one window."""
    windows = max(1, min(WINDOWS, int(seconds)))
    results: dict[str, list[dict]] = {name: [] for name in measures}
    for _ in range(windows):
        for name, measure_window in measures.items():
            results[name].append(measure_window(seconds / windows))
    return {name: _median_window(rounds) for name, rounds in results.items()}


def _median_window(rounds: list[dict]) -> dict:
    ordered = sorted(rounds, key=lambda result: result["requests_per_second"])
    return ordered[len(ordered) // 2] | {
        "windows_rps": [result["requests_per_second"] for result in rounds],
        "requests": sum(result["requests"] for result in rounds),
        "non_2xx": sum(result["non_2xx"] for result in rounds),
    }


def measure(base_dir: Path, env: dict, paths: dict, cookie: str, seconds: float, log) -> dict:
    """Requests/s for each name → path, all against one gunicorn, in alternating windows;
    the cookie for all."""
    wrk = find_wrk(log)
    tool = "wrk" if wrk else "python-threads"
    results = {"tool": tool, "connections": CONNECTIONS, "seconds": seconds}
    with Gunicorn(base_dir, env) as server:
        results["port"] = server.port
        for path in paths.values():
            status, _body = get(server.port, path, cookie)
            if status != 200:
                raise RuntimeError(f"GET {path} under gunicorn answered {status}, not 200")

        def window_of(path: str) -> Callable[[float], dict]:
            if wrk:
                return lambda window: run_wrk(wrk, server.port, path, cookie, window)
            return lambda window: run_python_client(server.port, path, cookie, window)

        results |= alternating({name: window_of(path) for name, path in paths.items()}, seconds)
    for name, path in paths.items():
        log(f"  {path}: {results[name]['requests_per_second']:.0f} req/s ({tool})")
    return results
