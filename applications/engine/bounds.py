"""The plausible range of every date and number people type, per purpose, defined once.

Part of the engine: pure functions, no queries. Services refuse a value outside its range
with the stable code below, so every entry point obeys it (forms, admin, tasks, scripts);
forms take their limits from here. The bounds, and why:

| value | earliest | latest | code |
|---|---|---|---|
| application or approval start date | 2024-01-01: the 2024-2026 convention starts, nothing earlier is Art. 8 | today + 366 days: nobody plans a mission further ahead | `start_out_of_range` |
| start of the offer at a findplace | 2000-01-01: an older start makes no difference (the bonus needs a start inside the window) | today + 2 years: the latest window ends a year after the latest start | `findplace_start_out_of_range` |
| next evaluation of an agreement | 2024-01-01 | today + 2 years | `evaluation_date_out_of_range` |
| registration | its allocation's window start (`outside_window`), so never before 2024 | today (`in_future`); both in the engine | |
| billing period end | the first rate's effective date: a run bills at the rate in force on its last day | yesterday when staff start a run (the month must be over), today for the monthly task and scripts: never a day to come | `period_before_first_rate`, `period_not_ended` |
| rate effective date | 2024-01-01: EUR 86.69 from then on | today + 2 years: rates are set at most a couple of years ahead | `rate_date_out_of_range` |
| hourly rate | EUR 0.01 | EUR 500.00: about six times the 2024 rate | `rate_out_of_range` |
| weekly hours of individual sessions (call 2) | 0 | 60 h: more is not a week's work | `weekly_hours_out_of_range` |
| group trajectories per year (call 2) | 0 | 100 | `group_trajectories_out_of_range` |
| extra hours asked on an allocation | 1 minute | 200 h: four times the largest yearly quota (48 h) | `extra_hours_out_of_range` |

Activities (at most 24 h, at most 999 attendees) are bounded in registrations.py with the
other registration rules.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils.translation import gettext as _

from applications.engine.calls import Refusal
from portal.dates import add_months
from portal.formatting import hours

CONVENTION_START = date(2024, 1, 1)
FINDPLACE_START_EARLIEST = date(2000, 1, 1)
START_DAYS_AHEAD = 366
MONTHS_AHEAD = 24
MIN_HOURLY_RATE = Decimal("0.01")
MAX_HOURLY_RATE = Decimal("500.00")
MAX_WEEKLY_INDIVIDUAL_MINUTES = 60 * 60
MAX_GROUP_TRAJECTORIES = 100
MAX_EXTRA_MINUTES = 200 * 60


@dataclass(frozen=True)
class DateRange:
    first: date
    last: date

    def __contains__(self, day: date) -> bool:
        return self.first <= day <= self.last


def start_dates(today: date) -> DateRange:
    return DateRange(CONVENTION_START, today + timedelta(days=START_DAYS_AHEAD))


def findplace_start_dates(today: date) -> DateRange:
    return DateRange(FINDPLACE_START_EARLIEST, add_months(today, MONTHS_AHEAD))


def evaluation_dates(today: date) -> DateRange:
    return DateRange(CONVENTION_START, add_months(today, MONTHS_AHEAD))


def rate_dates(today: date) -> DateRange:
    return DateRange(CONVENTION_START, add_months(today, MONTHS_AHEAD))


def _outside(day: date | None, allowed: DateRange, code: str, message: str) -> list[Refusal]:
    if day is None or day in allowed:
        return []
    first, last = (f"{d:%d/%m/%Y}" for d in (allowed.first, allowed.last))
    return [Refusal(code, message % {"first": first, "last": last})]


def start_date_refusals(start: date | None, today: date) -> list[Refusal]:
    """An application's start date, or the one a coordinator approves it from."""
    return _outside(
        start,
        start_dates(today),
        "start_out_of_range",
        _("Kies een startdatum tussen %(first)s en %(last)s."),
    )


def findplace_start_refusals(day: date | None, today: date) -> list[Refusal]:
    return _outside(
        day,
        findplace_start_dates(today),
        "findplace_start_out_of_range",
        _("Kies een startdatum op de vindplaats tussen %(first)s en %(last)s."),
    )


def evaluation_date_refusals(day: date | None, today: date) -> list[Refusal]:
    return _outside(
        day,
        evaluation_dates(today),
        "evaluation_date_out_of_range",
        _("Kies een datum voor de volgende evaluatie tussen %(first)s en %(last)s."),
    )


def application_refusals(answers: dict, today: date) -> list[Refusal]:
    """The dates and numbers of an application's answers (keys as services.save_draft
    takes them; absent keys are not checked)."""
    agreement = answers.get("agreement") or {}
    refusals = start_date_refusals(answers.get("start_date"), today)
    refusals += findplace_start_refusals(answers.get("findplace_start_date"), today)
    refusals += evaluation_date_refusals(agreement.get("next_evaluation_date"), today)
    weekly = answers.get("weekly_individual_minutes", 0)
    if not 0 <= weekly <= MAX_WEEKLY_INDIVIDUAL_MINUTES:
        refusals.append(
            Refusal(
                "weekly_hours_out_of_range",
                _("Geef tussen 0 en %(max)s individuele sessies per week op.")
                % {"max": hours(MAX_WEEKLY_INDIVIDUAL_MINUTES)},
            )
        )
    groups = answers.get("group_trajectories", 0)
    if not 0 <= groups <= MAX_GROUP_TRAJECTORIES:
        refusals.append(
            Refusal(
                "group_trajectories_out_of_range",
                _("Geef tussen 0 en %(max)d groepstrajecten per jaar op.")
                % {"max": MAX_GROUP_TRAJECTORIES},
            )
        )
    return refusals


def requested_minutes_refusals(requested: int, most: int) -> list[Refusal]:
    """Hours asked in an application: more than nothing, at most the call's largest quota."""
    if 0 < requested <= most:
        return []
    return [
        Refusal(
            "requested_out_of_range",
            _("Vraag tussen 1 minuut en %(max)s per 12 maanden aan.") % {"max": hours(most)},
        )
    ]


def extra_minutes_refusals(minutes: int) -> list[Refusal]:
    if 0 < minutes <= MAX_EXTRA_MINUTES:
        return []
    return [
        Refusal(
            "extra_hours_out_of_range",
            _("Vraag tussen 1 minuut en %(max)s extra uren aan.")
            % {"max": hours(MAX_EXTRA_MINUTES)},
        )
    ]


def period_over_refusals(period_end: date, last: date) -> list[Refusal]:
    """A billing period must be over: end on or before `last` (yesterday when staff start
    a run; today for the monthly task and scripts, so never a day still to come)."""
    if period_end <= last:
        return []
    return [
        Refusal(
            "period_not_ended",
            _("Deze maand is nog niet voorbij; factureer ze na de laatste dag."),
        )
    ]


def period_end_refusals(period_end: date, first_rate_from: date) -> list[Refusal]:
    """A billing period must end on or after the day the first rate applies."""
    if period_end >= first_rate_from:
        return []
    return [
        Refusal(
            "period_before_first_rate",
            _(
                "Er is pas een uurtarief vanaf %(first)s. Kies een periode die op of na die "
                "datum eindigt."
            )
            % {"first": f"{first_rate_from:%d/%m/%Y}"},
        )
    ]


def rate_refusals(effective_from: date, hourly_rate: Decimal, today: date) -> list[Refusal]:
    refusals = _outside(
        effective_from,
        rate_dates(today),
        "rate_date_out_of_range",
        _(
            "Kies een datum tussen %(first)s en %(last)s: tarieven gelden vanaf de conventie "
            "van 2024 en worden hoogstens twee jaar vooruit vastgelegd."
        ),
    )
    if not MIN_HOURLY_RATE <= hourly_rate <= MAX_HOURLY_RATE:
        refusals.append(
            Refusal(
                "rate_out_of_range",
                _("Geef een uurtarief tussen EUR %(min)s en EUR %(max)s.")
                % {"min": MIN_HOURLY_RATE, "max": MAX_HOURLY_RATE},
            )
        )
    return refusals
