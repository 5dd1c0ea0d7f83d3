"""The one CSV writer of the portal: every export goes through it, so no cell can run as a
formula when the file is opened in a spreadsheet (CSV injection).

Files are `;`-separated UTF-8 with a byte-order mark and CRLF line ends, which Excel with a
Belgian locale opens with a double click. Text that starts with a character a spreadsheet
reads as a formula (= + - @, a tab or a carriage return, also after leading spaces) gets a
leading apostrophe, so it shows as typed. Numbers the code itself writes (int, Decimal)
are never text: they stay numbers, a Decimal with a decimal comma (a credit note's -86,69).
"""

import csv
import io
from collections.abc import Iterable
from decimal import Decimal

from django.http import HttpResponse

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value) -> str:
    """One value as the text of its cell."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    if text[:1] in FORMULA_START or text.lstrip()[:1] in FORMULA_START:
        return "'" + text
    return text


def csv_text(header: Iterable, rows: Iterable[Iterable]) -> str:
    """The whole file: BOM, the header row and every row, each cell through `cell`."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([cell(value) for value in header])
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return buffer.getvalue()


def csv_response(text: str, filename: str) -> HttpResponse:
    """A download of `text` (from `csv_text`) named `filename`."""
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
