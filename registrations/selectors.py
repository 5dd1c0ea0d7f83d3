"""Read queries on registrations: what is left on an allocation, a day's activities, and
the history of changes the psychologist sees on the edit page."""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext as _

from applications import engine
from applications.selectors import edition_rules, usage_of
from portal.dates import days_around
from registrations.models import MonthReopening, Registration


def remaining_minutes(allocation, on: date) -> int:
    """Minutes still registrable on `allocation` for an activity dated `on`."""
    return engine.remaining_minutes(allocation, usage_of(allocation), on)


def quota_effect(allocation, data: dict, exclude_id: int | None = None) -> dict:
    """What registering `data` does to the allocation's hours: the minutes it counts for
    (prep included), what is left before it, after it, and the shortfall when it does
    not fit (what an extra-hours request would have to add)."""
    rules = edition_rules(allocation.edition)
    counted = engine.counted_minutes(rules, data["work_form"], data["duration_minutes"])
    left = engine.remaining_minutes(allocation, usage_of(allocation, exclude_id), data["date"])
    return {
        "counted": counted,
        "prep": engine.prep_minutes(rules, data["work_form"]),
        "left_before": left,
        "left_after": max(0, left - counted),
        "missing": max(0, counted - left),
    }


def reopened_until(network_id: int, psychologist_id: int, day: date) -> date | None:
    """Until when a coordinator reopened the month of `day` for the psychologist, if so."""
    return (
        MonthReopening.objects.filter(
            network_id=network_id, psychologist_id=psychologist_id, month=day.replace(day=1)
        )
        .values_list("until", flat=True)
        .first()
    )


def activities_on(psychologist_id: int, day: date, exclude_id: int | None = None):
    """The psychologist's other activities that may overlap one dated `day`, as the engine's
    overlap check needs: that day and the days either side, since an activity (up to 24 h)
    may run past midnight."""
    qs = Registration.objects.counting().filter(
        psychologist_id=psychologist_id,
        date__range=days_around(day, 1),
    )
    if exclude_id:
        qs = qs.exclude(pk=exclude_id)
    return [
        engine.Activity(r.date, r.start_time, r.duration_minutes, r.work_form, r.attendees)
        for r in qs.only("date", "start_time", "duration_minutes", "work_form", "attendees")
    ]


@dataclass(frozen=True)
class Change:
    """One entry of a registration's history: when, by whom, and what it changed."""

    at: datetime
    by: str
    kind: str
    fields: list[tuple[str, object, object]]


HISTORY_SHOWN = 10


def changes_of(registration: Registration, limit: int = HISTORY_SHOWN) -> list[Change]:
    """The latest `limit` entries of the registration's history, newest first, each with
    the fields it changed (label, before, after) as the form shows them."""
    records = list(
        registration.history.select_related("history_user").order_by(
            "-history_date", "-history_id"
        )[: limit + 1]
    )
    changes = []
    for record, previous in zip(records, [*records[1:], None][: len(records)], strict=True):
        if len(changes) == limit:
            break
        fields = []
        if previous is not None:
            for change in record.diff_against(previous, included_fields=SHOWN_FIELDS).changes:
                field = Registration._meta.get_field(change.field)
                fields.append(
                    (field.verbose_name, _shown(field, change.old), _shown(field, change.new))
                )
        changes.append(
            Change(
                at=record.history_date,
                by=_name(record.history_user),
                kind=record.history_type,
                fields=fields,
            )
        )
    return changes


SHOWN_FIELDS = [
    "date",
    "start_time",
    "duration_minutes",
    "prep_minutes",
    "quota_minutes",
    "work_form",
    "attendees",
    "attendee_roles",
    "subject",
    "place",
    "client_consent",
]


def _shown(field, value):
    if value in ("", None):
        return "–"
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    return value


def _name(user) -> str:
    if user is None:
        return _("het portaal")
    return user.get_full_name() or user.username
