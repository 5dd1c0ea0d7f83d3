"""Calendar arithmetic the rules need: months added the way people count them, and days
added without running off the ends of the calendar (year 1 and year 9999)."""

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    """`day` plus whole months; the 31st becomes the last day of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def days_around(day: date, days: int) -> tuple[date, date]:
    """The days from `days` before `day` to `days` after it, cut off at the calendar's ends
    (a date typed as 31/12/9999 has no next day)."""
    ordinal = day.toordinal()
    first = max(ordinal - days, date.min.toordinal())
    last = min(ordinal + days, date.max.toordinal())
    return date.fromordinal(first), date.fromordinal(last)
