"""Pages whose costly columns are computed for the page's rows only.

PostgreSQL computes the select list of a query before LIMIT/OFFSET drop rows: a page deep
in a list whose rows carry subqueries (the payment state of an invoice) evaluated them for
every row it skipped, 10,000 rows for page 400 of the invoice list (issue 17). Here the
page is chosen by primary key alone, and only its rows are read with every column.
"""

from django.core.paginator import Page, Paginator


def page_of_rows(queryset, number, size: int) -> Page:
    """Page `number` of `queryset` (any value: Paginator.get_page's rules), in its order."""
    page = Paginator(queryset.values_list("pk", flat=True), size).get_page(number)
    ids = list(page.object_list)
    rows = queryset.in_bulk(ids)
    # A row deleted between the two queries is left out rather than failing the page.
    page.object_list = [rows[pk] for pk in ids if pk in rows]
    return page
