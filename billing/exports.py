"""CSV export of a run's invoice lines for the network's accounting or billing tool.

Belgian Excel opens it with a double click: portal.csv_export writes it semicolon-separated,
UTF-8 with a byte-order mark (so "é" and "–" survive), amounts as numbers with a decimal
comma, and neutralises text that a spreadsheet would run as a formula (a payee name is
typed by people). Dates are YYYY-MM-DD (which Excel and every import tool read without
guessing the day/month order). One row per line.
"""

from billing.models import BillingRun
from billing.selectors import run_lines
from portal.csv_export import csv_text

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


def run_csv(run: BillingRun) -> str:
    return csv_text(
        HEADER,
        (
            [
                line.invoice.number,
                line.invoice.issue_date.isoformat(),
                line.invoice.network.name,
                line.invoice.payee_name,
                line.invoice.payee_riziv_number,
                line.pseudocode,
                line.hours,
                line.unit_price,
                line.amount,
            ]
            for line in run_lines(run)
        ),
    )


def filename(run: BillingRun) -> str:
    return f"facturatie-{run.network.code}-{run.period_end:%Y-%m}.csv"
