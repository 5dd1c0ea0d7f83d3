"""/healthz/: the liveness probe and throughput floor of the benchmarks."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


@pytest.mark.django_db
def test_healthz_answers_ok_without_a_database_query(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz/")

    assert (response.status_code, response.content) == (200, b"ok")
    assert len(queries) == 0
