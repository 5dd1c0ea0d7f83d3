"""Helpers of the table partials: {% headings _("Naam") _("Datum") as headings %}, and
the links of partials/_pagination.html."""

from django import template

register = template.Library()


@register.simple_tag
def headings(*labels) -> list:
    """The (translated) column headings, in order, for partials/_table.html."""
    return list(labels)


@register.simple_tag(takes_context=True)
def page_query(context, number, param="") -> str:
    """The request's query string with page `number` in `param` (default "page"): a page
    with two paged tables gives each its own parameter, and keeps the other's page."""
    params = context.request.GET.copy()
    params[param or "page"] = number
    return f"?{params.urlencode()}"
