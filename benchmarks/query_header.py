"""`gunicorn benchmarks.query_header:application`: the portal's WSGI application, which
tells the HTTP page benchmark how many SQL statements a request ran.

Only with BENCH_QUERY_HEADER=1 (set by the benchmark for its own server) does each
response carry `X-Query-Count` (statements run until the headers were sent, counted with
`connection.execute_wrapper` as in benchmarks/suites.py; a streamed body's own queries
come after) and `X-Worker-Pid`; otherwise `application` is portal.wsgi's, untouched.
Production runs `portal.wsgi` and never imports this module. BENCH_READY_FILE, when
set, receives the pid of each worker once its application is loaded, so the benchmark
can send a worker's first request without a warm-up.
"""

import os

from portal.wsgi import application as portal_application

QUERY_HEADER = "X-Query-Count"
PID_HEADER = "X-Worker-Pid"


def enabled(environ=os.environ) -> bool:
    return environ.get("BENCH_QUERY_HEADER") == "1"


def with_query_header(app):
    """`app`, adding the statement count and the worker's pid to every response."""
    from django.db import connection

    def counted(environ, start_response):
        count = [0]

        def counter(execute, sql, params, many, context):
            count[0] += 1
            return execute(sql, params, many, context)

        def start(status, headers, exc_info=None):
            headers = [*headers, (QUERY_HEADER, str(count[0])), (PID_HEADER, str(os.getpid()))]
            return start_response(status, headers, exc_info)

        with connection.execute_wrapper(counter):
            return app(environ, start)

    return counted


def _announce_ready() -> None:
    path = os.environ.get("BENCH_READY_FILE")
    if path:
        with open(path, "a", encoding="ascii") as handle:
            handle.write(f"{os.getpid()}\n")


application = with_query_header(portal_application) if enabled() else portal_application
_announce_ready()
