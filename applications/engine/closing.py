"""Month closing: until when the activities of a month may be registered, changed or
deleted, and from when its billing run may start (docs/month-closing.md).

* **Decision — the closing moment**: the activities of month M close at the end of day
  `closing_day` (a network setting, 1-28, default 10) of month M+1, in Belgian local time:
  on the 10th at 23:59 March is still open, on the 11th at 00:00 it is closed. The rule
  reads the local date (`today`), so the boundary is midnight in Brussels.
* A network without a closing day never closes its months.
* A coordinator may reopen a closed month for one psychologist until a day they choose
  (`reopened_until`): up to and including that day the month is open for them again.
* The billing run of a month is offered once it is closed, so it bills what the
  psychologists could still register.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.translation import gettext as _

from applications.engine.calls import Refusal
from portal.dates import add_months
from portal.formatting import month_name

# A coordinator reopens a month for at most this many days from today.
MAX_REOPEN_DAYS = 31


def month_of(day: date) -> date:
    """The first day of the month of `day` (how a month is named in storage)."""
    return day.replace(day=1)


def last_open_day(month: date, closing_day: int) -> date:
    """The last day on which the activities of `month` may still be registered (for the
    last month of the calendar, which has no next month: its last day)."""
    if month >= date.max.replace(day=1):
        return date.max
    return add_months(month_of(month), 1).replace(day=closing_day)


def is_closed(month: date, closing_day: int | None, today: date) -> bool:
    """Is `month` closed on `today` (None: the network's months never close)?"""
    return closing_day is not None and today > last_open_day(month, closing_day)


def latest_closed_month(closing_day: int | None, today: date) -> date:
    """The last month whose registrations are closed on `today` (without a closing day:
    the last month that is over)."""
    previous = add_months(month_of(today), -1)
    if closing_day is None or today > last_open_day(previous, closing_day):
        return previous
    return add_months(previous, -1)


def closing_refusals(
    activity_date: date, closing_day: int | None, today: date, *, reopened_until=None
) -> list[Refusal]:
    """Registering, changing or deleting an activity of a closed month is refused, unless
    a coordinator reopened that month for the psychologist up to at least today."""
    if not is_closed(activity_date, closing_day, today):
        return []
    if reopened_until is not None and today <= reopened_until:
        return []
    return [
        Refusal(
            "month_closed",
            _(
                "De registraties van %(month)s zijn afgesloten sinds %(closed)s: activiteiten "
                "van die maand kunt u niet meer registreren, wijzigen of verwijderen. Is er nog "
                "iets te registreren of te corrigeren? Vraag uw lokale coördinator om de maand "
                "voor u te heropenen."
            )
            % {
                "month": month_name(activity_date),
                "closed": (last_open_day(activity_date, closing_day) + timedelta(days=1)).strftime(
                    "%d/%m/%Y"
                ),
            },
        )
    ]


def run_refusals(period_end: date, closing_day: int | None, today: date) -> list[Refusal]:
    """The billing run of a month starts once its registrations are closed."""
    if closing_day is None or is_closed(period_end, closing_day, today):
        return []
    return [
        Refusal(
            "month_not_closed",
            _(
                "De registraties van %(month)s sluiten pas af na %(last)s: tot dan kunnen "
                "psychologen nog activiteiten van die maand registreren. Start de "
                "facturatierun vanaf de dag daarna."
            )
            % {
                "month": month_name(period_end),
                "last": last_open_day(period_end, closing_day).strftime("%d/%m/%Y"),
            },
        )
    ]


def reopen_refusals(month: date, closing_day: int | None, until: date | None, today: date):
    """A coordinator reopens a month that is closed, until a day from today up to
    MAX_REOPEN_DAYS later."""
    if not is_closed(month, closing_day, today):
        return [
            Refusal(
                "month_not_closed_yet",
                _(
                    "%(month)s is nog niet afgesloten: de psycholoog kan de activiteiten van die "
                    "maand nog zelf registreren."
                )
                % {"month": month_name(month).capitalize()},
            )
        ]
    if until is None or not today <= until <= today + timedelta(days=MAX_REOPEN_DAYS):
        return [
            Refusal(
                "reopen_until_out_of_range",
                _(
                    "Heropen de maand tot een dag van vandaag tot %(last)s (hoogstens %(days)d dagen)."
                )
                % {
                    "last": (today + timedelta(days=MAX_REOPEN_DAYS)).strftime("%d/%m/%Y"),
                    "days": MAX_REOPEN_DAYS,
                },
            )
        ]
    return []
