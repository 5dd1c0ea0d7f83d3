"""benchmarks.query_header: the statement count of the HTTP page benchmark is off unless
the benchmark turns it on, and never part of production's WSGI application."""

from pathlib import Path

import pytest

import portal.wsgi
from benchmarks import query_header
from portal.models import User


def _call(app, environ=None):
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, dict(headers)

    body = b"".join(app(environ or {}, start_response))
    return seen["headers"], body


def _app_with_two_queries(environ, start_response):
    User.objects.count()
    User.objects.exists()
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]


def test_the_query_header_is_off_unless_the_benchmark_sets_its_variable():
    assert not query_header.enabled({})
    assert not query_header.enabled({"BENCH_QUERY_HEADER": "0"})
    assert query_header.enabled({"BENCH_QUERY_HEADER": "1"})


def test_without_the_variable_the_application_is_portals_untouched(monkeypatch):
    monkeypatch.delenv("BENCH_QUERY_HEADER", raising=False)
    assert query_header.application is portal.wsgi.application


def test_production_wsgi_never_imports_the_benchmark_wrapper():
    source = Path(portal.wsgi.__file__).read_text(encoding="utf-8")
    assert "benchmarks" not in source


@pytest.mark.django_db
def test_the_wrapper_counts_the_statements_of_the_request():
    headers, body = _call(query_header.with_query_header(_app_with_two_queries))

    assert body == b"ok"
    assert headers[query_header.QUERY_HEADER] == "2"
    assert headers[query_header.PID_HEADER].isdigit()
