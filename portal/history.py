"""The audit trail of a network's settings as its pages show it: who changed what, when.

Every change to a network, its postcodes, its existing services (and, in billing, its
rates) leaves a row in the model's django-simple-history table with the user. These
selectors turn the latest rows into `Change`s: when, by whom, what (a subject such as
"Bestaande werking Crosslink"), created / changed / removed, and the fields it changed.
"""

from dataclasses import dataclass
from datetime import datetime
from itertools import chain

from django.utils.translation import gettext as _

from portal.models import ExistingService, Language, Network, PostcodeRange

SHOWN = 20


@dataclass(frozen=True)
class Change:
    at: datetime
    by: str
    kind: str  # "+" created, "~" changed, "-" removed
    subject: str
    fields: list[tuple[str, object, object]]

    @property
    def kind_label(self) -> str:
        return {"+": _("toegevoegd"), "~": _("gewijzigd"), "-": _("verwijderd")}[self.kind]


def changes_of(records, subject_of, limit: int = SHOWN) -> list[Change]:
    """The latest `limit` rows of a history queryset as Changes, newest first; a change
    lists the fields that differ from the object's row before it."""
    rows = list(
        records.select_related("history_user").order_by("-history_date", "-history_id")[:limit]
    )
    older_of, seen = {}, {}
    for row in rows:  # newest first: the next row of the same object is the one before it
        if row.id in seen:
            older_of[seen[row.id].history_id] = row
        seen[row.id] = row
    changes = []
    for row in rows:
        fields = []
        if row.history_type == "~":
            before = older_of.get(row.history_id) or row.prev_record
            if before is not None:
                fields = [_field(row, change) for change in row.diff_against(before).changes]
        changes.append(
            Change(
                row.history_date, _name(row.history_user), row.history_type, subject_of(row), fields
            )
        )
    return changes


def changes_of_network(network: Network, limit: int = SHOWN) -> list[Change]:
    """The latest changes to the network's settings, postcodes and existing services."""
    settings = changes_of(network.history.all(), lambda row: _("Instellingen"), limit)
    ranges = changes_of(
        PostcodeRange.history.filter(network_id=network.pk),
        lambda row: _("Postcodes %(first)s-%(last)s") % {"first": row.first, "last": row.last},
        limit,
    )
    services = changes_of(
        ExistingService.history.filter(network_id=network.pk),
        lambda row: _("Bestaande werking %(name)s") % {"name": row.name},
        limit,
    )
    merged = sorted(chain(settings, ranges, services), key=lambda c: c.at, reverse=True)
    return merged[:limit]


def _field(row, change) -> tuple[str, object, object]:
    field = row.instance_type._meta.get_field(change.field)
    return (field.verbose_name, _shown(field, change.old), _shown(field, change.new))


def _shown(field, value):
    if value in ("", None, []):
        return "–"
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if field.name == "languages" and isinstance(value, list):
        labels = dict(Language.choices)
        return ", ".join(str(labels.get(code, code)) for code in value)
    if field.is_relation:
        return value
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    return value


def _name(user) -> str:
    if user is None:
        return _("het portaal")
    return user.get_full_name() or user.username
