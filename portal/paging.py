"""Pages whose costly columns are computed for the page's rows only.

PostgreSQL computes the select list of a query before LIMIT/OFFSET drop rows: a page deep
in a list whose rows carry subqueries (the payment state of an invoice) evaluated them for
every row it skipped, 10,000 rows for page 400 of the invoice list (issue 17). Here the
page is chosen by primary key alone, and only its rows are read with every column; where
choosing the rows is itself the cost, with the count of all in the same query.
"""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window

MAX_OFFSET = 2**62  # PostgreSQL's OFFSET is a bigint


def page_of_rows(queryset, number, size: int) -> Page:
    """Page `number` of `queryset` (any value: Paginator.get_page's rules), in its order."""
    return page_of_ids(queryset.values_list("pk", flat=True), queryset, number, size)


def page_of_ids(ids, queryset, number, size: int) -> Page:
    """Page `number` of the rows of `queryset` whose ids `ids` lists, in the order of `ids`
    (a list the rule chose in Python, or a query of primary keys)."""
    page = Paginator(ids, size).get_page(number)
    page.object_list = rows_of_ids(list(page.object_list), queryset)
    return page


def rows_of(queryset, start: int, stop: int) -> list:
    """Rows `start` to `stop` of `queryset`, in its order, chosen by primary key alone."""
    return rows_of_ids(list(queryset.values_list("pk", flat=True)[start:stop]), queryset)


def rows_of_ids(wanted: list, queryset) -> list:
    rows = queryset.in_bulk(wanted)
    # A row deleted between the two queries is left out rather than failing the page.
    return [rows[pk] for pk in wanted if pk in rows]


def counted_page_of_ids(queryset, number, size: int) -> Page:
    """Page `number` of the primary keys of `queryset` (Paginator.get_page's rules), read
    with the count of all rows in one query (COUNT(*) OVER ()): where choosing the rows is
    the costly part, a count and a page would choose them twice. A page past the last
    one costs the count and the last page as Paginator reads them."""
    paginator = Paginator(queryset.values_list("pk", flat=True), size)
    try:
        wanted = max(int(number), 1)
    except (TypeError, ValueError):
        wanted = 1
    bottom = (wanted - 1) * size
    if bottom > MAX_OFFSET:  # beyond any table: past the last page, without a DataError
        return paginator.get_page(number)
    rows = list(
        queryset.annotate(rows_in_all=Window(Count("pk"))).values_list("pk", "rows_in_all")[
            bottom : bottom + size
        ]
    )
    if not rows:
        return paginator.get_page(number)
    paginator.count = rows[0][1]
    page = paginator.page(wanted)
    page.object_list = [pk for pk, _count in rows]
    return page


def counted_page_of_rows(queryset, number, size: int) -> Page:
    """`counted_page_of_ids`, then the page's rows read with every column of `queryset`."""
    page = counted_page_of_ids(queryset, number, size)
    page.object_list = rows_of_ids(list(page.object_list), queryset)
    return page
