"""CSV export of a run's invoice lines for the network's accounting or billing tool.

Belgian Excel opens it with a double click: semicolon-separated, UTF-8 with a byte-order
mark (so "é" and "–" survive), decimal comma in amounts, dates as YYYY-MM-DD (which Excel
and every import tool read without guessing the day/month order). One row per line.
"""

import csv
import io

from billing.models import BillingRun
from billing.selectors import run_lines
from portal.formatting import decimal_comma

HEADER = [
    "nummer",
    "datum",
    "netwerk",
    "psycholoog",
    "RIZIV-nummer",
    "pseudocode",
    "uren",
    "eenheidsprijs",
    "bedrag",
]
BOM = "\ufeff"


def run_csv(run: BillingRun) -> str:
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    for line in run_lines(run):
        invoice = line.invoice
        writer.writerow(
            [
                invoice.number,
                invoice.issue_date.isoformat(),
                invoice.network.name,
                invoice.payee_name,
                invoice.payee_riziv_number,
                line.pseudocode,
                line.hours,
                decimal_comma(line.unit_price),
                decimal_comma(line.amount),
            ]
        )
    return buffer.getvalue()


def filename(run: BillingRun) -> str:
    return f"facturatie-{run.network.code}-{run.period_end:%Y-%m}.csv"
