"""portal.paging: a page is chosen by primary key, and only its rows carry the costly
columns (PostgreSQL computes them for every row an OFFSET skips, issue 17)."""

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from portal.models import Network
from portal.paging import counted_page_of_ids, counted_page_of_rows, page_of_rows, rows_of
from tests.factories import NetworkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def networks():
    return [NetworkFactory(name=name) for name in ("Ardennen", "Brugge", "Cyriel", "Dender")]


def costly():
    return Network.objects.annotate(costly_column=Count("postcode_ranges")).order_by("name")


def test_a_page_holds_its_rows_in_the_querysets_order(networks):
    page = page_of_rows(costly(), 2, 2)
    assert [n.name for n in page] == ["Cyriel", "Dender"]
    assert page.object_list[0].costly_column == 0
    assert (page.number, page.paginator.num_pages) == (2, 2)


def test_a_page_number_out_of_range_or_not_a_number_gives_a_page(networks):
    assert [n.name for n in page_of_rows(costly(), 99, 3)] == ["Dender"]
    assert [n.name for n in page_of_rows(costly(), "x'; --", 3)][0] == "Ardennen"


def test_only_the_pages_rows_are_read_with_the_costly_column(networks):
    with CaptureQueriesContext(connection) as queries:
        list(page_of_rows(costly(), 2, 2))
    with_column = [q["sql"] for q in queries if "costly_column" in q["sql"]]
    assert len(with_column) == 1
    assert " IN (" in with_column[0]


def test_rows_of_gives_the_slice_in_the_querysets_order(networks):
    assert [n.name for n in rows_of(costly(), 1, 3)] == ["Brugge", "Cyriel"]
    assert rows_of(costly(), 4, 6) == []


def test_rows_of_reads_the_costly_column_for_the_slice_only(networks):
    with CaptureQueriesContext(connection) as queries:
        rows = rows_of(costly(), 1, 3)
    assert [n.costly_column for n in rows] == [0, 0]
    (with_column,) = [q["sql"] for q in queries if "costly_column" in q["sql"]]
    assert " IN (" in with_column


def ids_of(networks, *names):
    by_name = {network.name: network.pk for network in networks}
    return [by_name[name] for name in names]


def test_a_counted_page_holds_the_ids_in_order_and_counts_all_rows(networks):
    page = counted_page_of_ids(costly(), 2, 3)
    assert page.object_list == ids_of(networks, "Dender")
    assert (page.number, page.paginator.count, page.paginator.num_pages) == (2, 4, 2)
    assert page.has_previous() and not page.has_next()


def test_a_counted_page_costs_one_query(networks, django_assert_num_queries):
    with django_assert_num_queries(1):
        page = counted_page_of_ids(costly(), 1, 3)
        assert page.paginator.count == 4
    assert page.object_list == ids_of(networks, "Ardennen", "Brugge", "Cyriel")


@pytest.mark.parametrize(
    ("number", "first"),
    [
        (99, "Dender"),
        ("9" * 30, "Dender"),
        ("x'; --", "Ardennen"),
        ("2.5", "Ardennen"),
        (None, "Ardennen"),
        (-3, "Ardennen"),
    ],
)
def test_a_counted_page_out_of_range_or_not_a_number_gives_a_page(networks, number, first):
    page = counted_page_of_ids(costly(), number, 3)
    assert list(page.object_list)[0] == ids_of(networks, first)[0]


def test_a_counted_page_of_nothing_is_an_empty_first_page(db):
    page = counted_page_of_ids(Network.objects.none(), 1, 3)
    assert (list(page.object_list), page.number, page.paginator.count) == ([], 1, 0)


def test_a_counted_page_of_rows_reads_the_costly_column_for_its_rows_only(networks):
    with CaptureQueriesContext(connection) as queries:
        page = counted_page_of_rows(costly(), 2, 3)
    assert [(n.name, n.costly_column) for n in page] == [("Dender", 0)]
    assert page.paginator.count == 4
    assert len(queries) == 2
    (with_column,) = [q["sql"] for q in queries if "costly_column" in q["sql"]]
    assert " IN (" in with_column
