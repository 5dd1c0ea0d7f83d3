"""Synthetic national-scale data with three years of history, respecting every rule,
deterministic for a seed.

Scale 1 is what all 32 Belgian networks would bring: 6,000 psychologists, 3,000
findplaces, 27,500 allocations a year and 3,000,000 registrations over the last 36
months (about 1,000,000 in the last 365 days), with everything a real history leaves:
the invoices, lines and items of every billed month (credit notes and payments among
them), the billing runs, the audit trail of every application, the evaluations of the
cooperation agreements, support requests of the demand side and the access log.

The parts: `loadgen_directory` (networks, findplaces, psychologists, staff),
`loadgen_activity` (applications, allocations, registrations), `loadgen_billing`
(invoices and credit notes) and `loadgen_history` (audit, evaluations, support requests,
access log). Rows are written in bulk: COPY on PostgreSQL (which the benchmarks need),
ids reserved from the table's sequence where rows must refer to each other before they
are written.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection, transaction

from applications.models import OOST_VLAANDEREN_CALL_CODES, Call, CallEdition, EditionWorkForm
from billing.models import Rate
from portal.dates import add_months
from portal.models import Network

LOAD_PREFIX = "load-"
HISTORY_MONTHS = 36


@dataclass(frozen=True)
class Scale:
    networks: int
    psychologists: int
    findplaces: int
    # Allocations that start in a year (windows of 12 months: about as many run at once).
    yearly_allocations: int
    # Registrations over the HISTORY_MONTHS (a third of them in the last 365 days).
    registrations: int

    @classmethod
    def of(cls, factor: float) -> "Scale":
        return cls(
            networks=32 if factor >= 1 else max(3, round(32 * factor)),
            psychologists=max(8, round(6000 * factor)),
            findplaces=max(12, round(3000 * factor)),
            yearly_allocations=max(20, round(27_500 * factor)),
            registrations=max(600, round(3_000_000 * factor)),
        )


class LoadGenerator:
    def __init__(self, scale: Scale, seed: int = 2026, today: date | None = None, log=print):
        self.scale = scale
        self.random = random.Random(seed)
        self.today = today or date.today()
        self.log = log
        # The first day of the history: registrations, invoices and requests start here.
        self.history_start = add_months(self.today, -HISTORY_MONTHS)
        # Allocations running on that day started up to a year earlier.
        self.first_start = add_months(self.history_start, -12)
        self.calls = {
            call.number: call for call in Call.objects.filter(code__in=OOST_VLAANDEREN_CALL_CODES)
        }

    def run(self) -> dict:
        from benchmarks import loadgen_activity, loadgen_billing, loadgen_directory, loadgen_history

        if connection.vendor != "postgresql":
            raise RuntimeError("The load generator needs PostgreSQL.")
        if Network.objects.filter(code__startswith=LOAD_PREFIX).exists():
            raise RuntimeError("Load data already present: use a fresh database.")
        counts = {}
        with transaction.atomic():
            checked = _defer_foreign_keys_to_one_check()
            self.editions = self._editions()
            self._rates()
            directory = loadgen_directory.create(self)
            counts.update(directory.counts())
            allocations = loadgen_activity.create_allocations(self, directory)
            counts["allocations"] = len(allocations)
            counts.update(
                loadgen_history.create_audit_and_evaluations(self, directory, allocations)
            )
            requests = loadgen_history.create_support_requests(self, directory)
            counts["support requests"] = len(requests.ids)
            registrations = loadgen_activity.create_registrations(self, allocations, requests)
            billing = loadgen_billing.create_invoices(self, directory, registrations)
            loadgen_activity.write_registrations(registrations, billing)
            counts["registrations"] = len(registrations.rows)
            counts.update(loadgen_billing.write_documents(self, directory, billing))
            counts["access log entries"] = loadgen_history.create_access_log(self, directory)
            if checked:
                _check_foreign_keys()
        return counts

    def edition_on(self, number: int, day: date) -> CallEdition:
        """The edition of call `number` in force on `day` (the load's pilot edition first)."""
        for edition in self.editions[number]:
            if edition.covers(day):
                return edition
        raise RuntimeError(f"No edition of call {number} on {day}.")

    def _editions(self) -> dict[int, list[CallEdition]]:
        """Every call's editions; when the history starts before the first one, a pilot
        edition with the same rules covers the time before it (the portal's real first
        edition starts on 2024-04-01)."""
        editions = {}
        for number, call in self.calls.items():
            existing = list(call.editions.order_by("valid_from").prefetch_related("work_forms"))
            first = existing[0]
            if self.first_start < first.valid_from:
                pilot = CallEdition.objects.get(pk=first.pk)
                forms = list(first.work_forms.all())
                pilot.pk = None
                pilot.valid_from = self.first_start
                pilot.valid_until = first.valid_from - timedelta(days=1)
                pilot.notes = "Pilot (synthetische data van de benchmark)."
                pilot.save()
                for form in forms:
                    form.pk = None
                    form.edition = pilot
                EditionWorkForm.objects.bulk_create(forms)
                existing.insert(0, pilot)
            editions[number] = existing
        return editions

    def _rates(self) -> None:
        """The shared rate from the first billed month on, when the seeded one starts later."""
        first = Rate.objects.filter(network__isnull=True).order_by("effective_from").first()
        month = self.history_start.replace(day=1)
        if first is not None and month < first.effective_from:
            Rate.objects.create(effective_from=month, hourly_rate=first.hourly_rate)


def _defer_foreign_keys_to_one_check() -> bool:
    """Skip the per-row foreign-key triggers for this transaction (a superuser only), as a
    restore does: `_check_foreign_keys` then checks every reference with one anti-join per
    foreign key, instead of ten million single-row checks at the commit."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('is_superuser') = 'on'")
        if not cursor.fetchone()[0]:
            return False
        cursor.execute("SET LOCAL session_replication_role = replica")
    return True


def _check_foreign_keys() -> None:
    """Every foreign key of every table points at an existing row (raises otherwise)."""
    from django.apps import apps

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = origin")
        for model in apps.get_models(include_auto_created=True):
            if model._meta.proxy or not model._meta.managed:
                continue
            for field in model._meta.concrete_fields:
                if not field.is_relation or not field.db_constraint:
                    continue
                target = field.target_field
                cursor.execute(
                    f"SELECT 1 FROM {model._meta.db_table} c WHERE c.{field.column} IS NOT NULL "
                    f"AND NOT EXISTS (SELECT 1 FROM {target.model._meta.db_table} p "
                    f"WHERE p.{target.column} = c.{field.column}) LIMIT 1"
                )
                if cursor.fetchone():
                    raise RuntimeError(f"{model._meta.label}.{field.name} points at no row.")


def reserve_ids(model, count: int) -> int:
    """The first of `count` consecutive ids taken from the table's sequence (COPY then
    writes them explicitly: rows can point at each other before they are written)."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), nextval(pg_get_serial_sequence(%s, "
            "'id')) + %s) - %s",
            [table, table, max(count, 1) - 1, max(count, 1) - 1],
        )
        return cursor.fetchone()[0]


def copy_rows(model, columns, rows) -> int:
    """COPY `rows` (tuples in the order of `columns`, the fields' attnames) into the table."""
    table = model._meta.db_table
    names = ", ".join(model._meta.get_field(name).column for name in columns)
    count = 0
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def copy_objects(model, rows: list[dict]) -> int:
    """COPY rows given as {attname: value}; every other column takes its field's default."""
    fields = [
        f for f in model._meta.concrete_fields if not f.primary_key or rows and f.attname in rows[0]
    ]
    columns = [f.attname for f in fields]
    defaults = {f.attname: f.get_default() for f in fields}
    return copy_rows(
        model, columns, (tuple(row.get(name, defaults[name]) for name in columns) for row in rows)
    )


def month_index(start: date, day: date) -> int:
    """Calendar months from `start`'s month to `day`'s month."""
    return (day.year - start.year) * 12 + day.month - start.month
