"""Template filters of the psychologist pages: minutes as Dutch hours, progress bar text."""

from django import template

from applications import engine

register = template.Library()


@register.filter
def hours(minutes) -> str:
    """Integer minutes as "3 u 30 min" (empty for None)."""
    if minutes is None or minutes == "":
        return ""
    return engine.hours(int(minutes))
