"""The invoices of the load's history (`benchmarks.loadgen`): what the billing runs of every
month before the previous one issued, as `billing.services.batches` and
`billing.services.credit_notes` would have, written in bulk.

Per psychologist the months are replayed in order with the real arithmetic
(`billing.arithmetic`): a run bills the pool of unbilled minutes plus the carry when it
makes a whole hour (otherwise the registrations wait for the next run), and itemises
every registration it took. 0.5 % of the registrations are credited ten days after their
invoice (a credit note in the same gapless series, naming the invoice and reversing the
fewest whole hours); half of them are then withdrawn, the other half corrected and billed
again in round 2 by the next run that makes an hour. Numbers run per network and year in
issue order, ids in the same order, so the latest document carries the minutes exactly
as in `billing.services.documents`. Most invoices older than two months are paid.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import connection

from benchmarks.loadgen import copy_rows, month_index, reserve_ids
from benchmarks.loadgen_history import stamp
from billing import structured_communication
from billing.arithmetic import bill_pool, credit_pool, line_amount
from billing.models import (
    PSEUDOCODE,
    PSEUDOCODE_DESCRIPTION,
    BillingRun,
    Invoice,
    InvoiceItem,
    InvoiceKind,
    InvoiceLine,
    InvoicePayment,
    InvoiceSequence,
    Rate,
    RunStatus,
)
from billing.services.documents import parties
from portal.dates import add_months
from registrations.models import Registration

CREDIT_DELAY = timedelta(days=10)
CREDIT_REASON = "Registratie gecorrigeerd (synthetische data)."
PAID_AFTER = timedelta(days=61)


@dataclass
class Document:
    key: int
    network_id: int
    psychologist_id: int
    month: int  # the run's period, as a month of the history
    issue_date: object
    hours: int
    carried_in: int
    carried_out: int
    credited: "Document | None" = None
    pk: int = 0
    number: str = ""

    @property
    def kind(self) -> str:
        return InvoiceKind.CREDIT_NOTE if self.credited else InvoiceKind.INVOICE


@dataclass
class Billing:
    history_start: object
    billed_through: dict = field(default_factory=dict)  # psychologist -> last billed month
    overrides: dict = field(default_factory=dict)  # registration index -> flags
    documents: list = field(default_factory=list)
    covered: list = field(default_factory=list)  # (invoice, psychologist, month): round 1
    items: list = field(default_factory=list)  # (document, registration index, round)
    last_month: int = -1
    first_registration_id: int = 0


def month_start(gen, month: int):
    return add_months(gen.history_start.replace(day=1), month)


def run_issue_date(gen, month: int):
    """Runs are started on the third day of the month after their period."""
    return month_start(gen, month + 1) + timedelta(days=2)


def create_invoices(gen, directory, registrations) -> "Billing":
    out = Billing(
        gen.history_start,
        last_month=month_index(gen.history_start, gen.today) - 2,
        first_registration_id=registrations.first_id,
    )
    for psychologist in directory.psychologists:
        _replay(gen, out, psychologist, registrations)
    return out


def _replay(gen, out: Billing, psychologist, registrations) -> None:
    """The documents of one psychologist, month by month, as the runs issued them."""
    pk, network_id = psychologist.pk, psychologist.network.pk
    credited = {}
    for month, index in registrations.credited.get(pk, ()):
        credited.setdefault(month, []).append(index)
    carry, pending, rebilled, scheduled, through = 0, 0, [], [], -1

    def document(month, day, hours, carried_in, carried_out, of=None):
        doc = Document(
            len(out.documents), network_id, pk, month, day, hours, carried_in, carried_out
        )
        doc.credited = of
        out.documents.append(doc)
        return doc

    def credit(index, invoice):
        nonlocal carry, pending
        row = registrations.rows[index]
        minutes = row[4] + row[5]
        billing = credit_pool(carry, minutes)
        day = invoice.issue_date + CREDIT_DELAY
        note = document(invoice.month, day, -billing.hours, carry, billing.carried_out, invoice)
        out.items.append((note, index, 1, row[4], row[5]))
        carry = billing.carried_out
        if index % 2:
            out.overrides[index] = (True, True, 1)  # withdrawn
        else:
            out.overrides[index] = (False, False, 2)  # corrected, waits for the next run
            pending += minutes
            rebilled.append(index)

    for month in range(out.last_month + 1):
        for index, invoice in scheduled:
            credit(index, invoice)
        scheduled = []
        pending += registrations.minutes.get((pk, month), 0)
        billing = bill_pool(carry, pending)
        if not billing.hours:
            continue
        invoice = document(
            month, run_issue_date(gen, month), billing.hours, carry, billing.carried_out
        )
        for covered in range(through + 1, month + 1):
            out.covered.append((invoice, pk, covered))
            scheduled += [(index, invoice) for index in credited.get(covered, ())]
        for index in rebilled:
            row = registrations.rows[index]
            out.items.append((invoice, index, 2, row[4], row[5]))
            out.overrides[index] = (True, False, 2)
        carry, pending, rebilled, through = billing.carried_out, 0, [], month
    for index, invoice in scheduled:
        credit(index, invoice)
    out.billed_through[pk] = through


def write_documents(gen, directory, billing: Billing) -> dict:
    """Number, then COPY the runs, documents, lines, items, payments and sequences."""
    networks = {n.pk: n for n in directory.networks}
    documents = sorted(
        billing.documents, key=lambda d: (d.issue_date, d.network_id, d.psychologist_id, d.key)
    )
    first = reserve_ids(Invoice, len(documents))
    sequences = {}
    for offset, doc in enumerate(documents):
        doc.pk = first + offset
        series = (doc.network_id, doc.issue_date.year)
        sequences[series] = sequences.get(series, 0) + 1
        prefix = networks[doc.network_id].number_prefix
        doc.number = f"{prefix}-{doc.issue_date.year}-{sequences[series]:05d}"
    prices = {
        month: Rate.objects.in_force_on(
            add_months(month_start(gen, month), 1) - timedelta(1)
        ).hourly_rate
        for month in range(billing.last_month + 1)
    }
    runs = _write_runs(gen, directory, billing, prices)
    psychologists = {p.pk: p for p in directory.psychologists}
    party_of = {pk: parties(p.network, p) for pk, p in psychologists.items()}
    rows = []
    for doc in documents:
        network = networks[doc.network_id]
        price = prices[doc.month]
        amount = line_amount(abs(doc.hours), price) * (-1 if doc.credited else 1)
        party = party_of[doc.psychologist_id]
        period = month_start(gen, doc.month)
        rows.append(
            (doc.pk, doc.network_id, doc.psychologist_id)
            + (None if doc.credited else runs[(doc.network_id, doc.month)], doc.number, doc.kind)
            + (doc.issue_date, period, add_months(period, 1) - timedelta(1), doc.hours, price)
            + (amount, doc.carried_in, doc.carried_out)
            + (doc.credited.pk if doc.credited else None, CREDIT_REASON if doc.credited else "")
            + (None if doc.credited else doc.issue_date + timedelta(network.payment_term_days),)
            + (structured_communication.for_document(doc.network_id, doc.number),)
            + tuple(party[name] for name in PARTY_FIELDS)
            + (directory.staff.pk, stamp(doc.issue_date, 7))
        )
    copy_rows(Invoice, INVOICE_COLUMNS, rows)
    copy_rows(
        InvoiceLine,
        ("invoice_id", "pseudocode", "description", "hours", "unit_price", "amount"),
        ((row[0], PSEUDOCODE, PSEUDOCODE_DESCRIPTION, row[9], row[10], row[11]) for row in rows),
    )
    items = _write_items(billing)
    payments = _write_payments(gen, directory, documents)
    InvoiceSequence.objects.bulk_create(
        InvoiceSequence(
            network_id=network_id,
            year=year,
            prefix=networks[network_id].number_prefix,
            last_number=last,
        )
        for (network_id, year), last in sequences.items()
    )
    credit_notes = sum(1 for doc in documents if doc.credited)
    return {
        "billing runs": len(runs),
        "invoices": len(documents) - credit_notes,
        "credit notes": credit_notes,
        "invoice items": items,
        "payments": payments,
    }


PARTY_FIELDS = (
    "payer_name",
    "payer_address",
    "payer_company_number",
    "payee_name",
    "payee_riziv_number",
    "payee_address",
    "payee_iban",
    "payee_bic",
    "payee_enterprise_number",
)
INVOICE_COLUMNS = (
    ("id", "network_id", "psychologist_id", "run_id", "number", "kind", "issue_date")
    + ("period_start", "period_end", "hours", "unit_price", "amount", "minutes_carried_in")
    + ("minutes_carried_out", "credited_invoice_id", "reason", "due_date")
    + ("structured_communication",)
    + PARTY_FIELDS
    + ("created_by_id", "created_at")
)


def _write_runs(gen, directory, billing: Billing, prices) -> dict:
    """A done run per network and billed month, with its totals; returns their ids."""
    totals = {}
    for doc in billing.documents:
        if not doc.credited:
            count, hours = totals.get((doc.network_id, doc.month), (0, 0))
            totals[(doc.network_id, doc.month)] = (count + 1, hours + doc.hours)
    keys = [(n.pk, month) for n in directory.networks for month in range(billing.last_month + 1)]
    first = reserve_ids(BillingRun, len(keys))
    rows = []
    for offset, (network_id, month) in enumerate(keys):
        count, hours = totals.get((network_id, month), (0, 0))
        period, issued = month_start(gen, month), run_issue_date(gen, month)
        rows.append(
            (first + offset, network_id, period, add_months(period, 1) - timedelta(1), issued)
            + (RunStatus.DONE, count, hours, line_amount(hours, prices[month]), count, count)
            + ("", "", "", 0, 0, None, directory.staff.pk, stamp(issued, 6), stamp(issued, 6))
            + (stamp(issued, 6), stamp(issued, 7), False)
        )
    copy_rows(
        BillingRun,
        ("id", "network_id", "period_start", "period_end", "issue_date", "status")
        + ("invoice_count", "total_hours", "total_amount", "progress_done", "progress_total")
        + ("error", "zip_path", "zip_status", "zip_done", "zip_total", "zip_requested_at")
        + ("started_by_id", "created_at", "queued_at", "started_at", "finished_at", "retrying"),
        rows,
    )
    return {key: first + offset for offset, key in enumerate(keys)}


def _write_items(billing: Billing) -> int:
    """Round 1 in one INSERT … SELECT over the months each invoice covered (per invoice in
    date order, as a run writes them); credit notes and round 2 by COPY."""
    item, registration = InvoiceItem._meta.db_table, Registration._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE load_covered (invoice_id bigint, psychologist_id bigint, "
            "month date) ON COMMIT DROP"
        )
        with cursor.cursor.copy("COPY load_covered FROM STDIN") as copy:
            for invoice, psychologist_id, month in billing.covered:
                copy.write_row((invoice.pk, psychologist_id, _month_date(billing, month)))
        # Statistics of the tables just filled, so the join and the deferred foreign-key
        # checks of the items are planned for their real size (benchmarks/README.md).
        for table in ("load_covered", registration, Invoice._meta.db_table):
            cursor.execute(f"ANALYZE {table}")
        cursor.execute(
            f"INSERT INTO {item} (invoice_id, registration_id, kind, round, minutes, prep_minutes) "
            f"SELECT c.invoice_id, r.id, %s, 1, r.duration_minutes, r.prep_minutes "
            f"FROM {registration} r JOIN load_covered c ON c.psychologist_id = r.psychologist_id "
            f"AND c.month = date_trunc('month', r.date)::date "
            f"ORDER BY c.invoice_id, r.date, r.start_time, r.id",
            [InvoiceKind.INVOICE.value],
        )
        count = cursor.rowcount
    count += copy_rows(
        InvoiceItem,
        ("invoice_id", "registration_id", "kind", "round", "minutes", "prep_minutes"),
        (
            (doc.pk, billing.first_registration_id + index, doc.kind, round_, minutes, prep)
            for doc, index, round_, minutes, prep in sorted(
                billing.items, key=lambda item: (item[0].pk, item[1])
            )
        ),
    )
    return count


def _month_date(billing: Billing, month: int):
    return add_months(billing.history_start.replace(day=1), month)


def _write_payments(gen, directory, documents) -> int:
    """Every invoice issued more than two months ago is paid, but for one in 30."""
    rand, rows = gen.random, []
    for doc in documents:
        if doc.credited or doc.issue_date > gen.today - PAID_AFTER or rand.random() < 1 / 30:
            continue
        paid = min(gen.today, doc.issue_date + timedelta(days=rand.randint(5, 40)))
        rows.append((doc.pk, paid, directory.staff.pk, stamp(paid, 15)))
    return copy_rows(
        InvoicePayment, ("invoice_id", "paid_on", "recorded_by_id", "recorded_at"), rows
    )
