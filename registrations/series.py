"""A weekly series of presence activities (call 2) registered in one form: the dates of the
series, and registering them one by one through the single registration service.

* **Decision — each occurrence on its own**: every date is registered by
  `services.register_activity`, so every rule holds for it (window, future, overlap, the
  quota as used by the occurrences before it). A refused date is reported with the
  engine's reasons and the others are registered; nothing is skipped in silence.
* **The preview is the real thing, rolled back**: it registers the whole series inside a
  transaction and rolls it back, so what it says is exactly what confirming would do at
  that moment, with no second copy of the rules.
* A series runs from its first to its last date, every seven days from the first, and
  holds at most MAX_OCCURRENCES dates (a year of weeks).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from applications import engine
from applications.models import WorkForm
from applications.services import raise_if_refused
from registrations import services

MAX_OCCURRENCES = 53
WEEK = timedelta(days=7)


@dataclass
class Occurrence:
    """One date of a series: registered (or would be) when `refusals` is empty."""

    date: date
    refusals: list[str] = field(default_factory=list)
    registration_id: int | None = None

    @property
    def accepted(self) -> bool:
        return not self.refusals


def allows_series(allocation) -> bool:
    """A series is offered where the allocation's call has presence as a work form."""
    return any(wf.work_form == WorkForm.PRESENCE for wf in allocation.edition.work_forms.all())


def weekly_dates(first: date, last: date) -> list[date]:
    count = (last - first).days // 7 + 1 if last >= first else 0
    return [first + WEEK * n for n in range(count)]


def series_refusals(first: date, last: date) -> list[engine.Refusal]:
    if last < first:
        return [
            engine.Refusal(
                "series_end_before_start",
                _("De laatste datum ligt voor de eerste. Kies een laatste datum na de eerste."),
            )
        ]
    if len(weekly_dates(first, last)) > MAX_OCCURRENCES:
        return [
            engine.Refusal(
                "series_too_long",
                _(
                    "Een reeks telt hoogstens %(max)d weken. Kies een kortere periode of "
                    "registreer in twee reeksen."
                )
                % {"max": MAX_OCCURRENCES},
            )
        ]
    return []


def register_series(
    psychologist,
    allocation_id: int,
    data: dict,
    first: date,
    last: date,
    *,
    dry_run: bool,
    today=None,
) -> list[Occurrence]:
    """Register `data` (a presence activity without date) on every week from `first` to
    `last`; with `dry_run`, report what would happen and keep nothing."""
    # The texts are the same on every date: refused once, on their field.
    raise_if_refused(series_refusals(first, last) + services.text_refusals(data))
    if data.get("work_form") != WorkForm.PRESENCE:
        raise ValidationError(
            _("Een wekelijkse reeks is er voor presentie; registreer andere activiteiten apart."),
            code="series_presence_only",
        )
    outcomes = []
    with transaction.atomic():
        for day in weekly_dates(first, last):
            outcome = Occurrence(day)
            try:
                registration = services.register_activity(
                    psychologist, allocation_id, {**data, "date": day}, today=today
                )
            except ValidationError as error:
                outcome.refusals = error.messages
            else:
                outcome.registration_id = registration.pk
            outcomes.append(outcome)
        if dry_run:
            transaction.set_rollback(True)
    return outcomes
