"""Staff pages cost a fixed number of queries, whatever the number of invoices of a run or
of networks followed (issue 17: the run page read each invoice again, 13 → 197 queries at
national scale, and the rates page read two rates per network)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from billing.services import runs
from tests.billing.helpers import register
from tests.factories import NetworkFactory, StaffFactory

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def billed_run(network, allocations, day: date):
    for allocation in allocations:
        register(allocation, day, 60)
    return runs.run_billing(network, day)


def test_the_run_page_reads_no_invoice_twice(client, network, make_allocation):
    client.force_login(StaffFactory(networks=[network]))
    small = billed_run(network, [make_allocation()], date(2025, 3, 5))
    large = billed_run(network, [make_allocation() for _ in range(3)], date(2025, 4, 8))
    small_url = reverse("billing:run_detail", args=[small.pk])
    large_url = reverse("billing:run_detail", args=[large.pk])
    assert queries(client, small_url) == queries(client, large_url)


def test_the_run_page_shows_its_invoices_a_page_at_a_time(
    client, network, make_allocation, monkeypatch
):
    monkeypatch.setattr("billing.views.PAGE_SIZE", 2)
    client.force_login(StaffFactory(networks=[network]))
    run = billed_run(network, [make_allocation() for _ in range(3)], date(2025, 3, 5))
    url = reverse("billing:run_detail", args=[run.pk])
    first, last = client.get(url), client.get(url, {"page": 2})
    numbers = sorted(run.invoices.values_list("number", flat=True))
    assert [i.number for i in first.context["invoices"]] == numbers[:2]
    assert [i.number for i in last.context["invoices"]] == numbers[2:]
    assert "3 facturen" in first.content.decode()


def test_the_rates_page_reads_no_rate_per_network(client, network):
    url = reverse("billing:rates")
    client.force_login(StaffFactory(networks=[network]))
    one = queries(client, url)
    client.force_login(StaffFactory(networks=[network, NetworkFactory(), NetworkFactory()]))
    assert queries(client, url) == one
