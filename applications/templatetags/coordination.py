"""Template filters of the coordinator pages: minutes shown as Dutch hours."""

from django import template

from applications import engine

register = template.Library()


@register.filter
def as_hours(minutes) -> str:
    """Integer minutes as "3 u 30 min" (empty for None)."""
    if minutes is None or minutes == "":
        return ""
    return engine.hours(int(minutes))
