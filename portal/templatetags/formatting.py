"""Template filters that write numbers the way portal.formatting does.

{% load formatting %} then {{ minutes|hours }}, {{ count|whole_hours }}, {{ amount|money }}, {{ value|percent }}.
"""

from django import template

from portal import formatting

register = template.Library()


@register.filter
def hours(minutes) -> str:
    """Integer minutes as "3 u 30 min" (empty for None or "")."""
    if minutes is None or minutes == "":
        return ""
    return formatting.hours(int(minutes))


@register.filter
def whole_hours(count) -> str:
    """A number of whole hours as "3 u" (empty for None or "")."""
    if count is None or count == "":
        return ""
    return formatting.whole_hours(int(count))


@register.filter
def money(amount) -> str:
    """A Decimal amount as "€ 86,69" (empty for None or "")."""
    if amount is None or amount == "":
        return ""
    return formatting.money(amount)


@register.filter
def percent(value) -> str:
    """A whole percentage as "42 %" ("–" for None)."""
    return formatting.percent(value)
