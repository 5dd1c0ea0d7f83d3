"""CSV export of a psychologist's (filtered) registrations: `;`-separated UTF-8 with a BOM.

The BOM and the semicolon make Excel with a Belgian locale open it correctly.
"""

import csv
import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

HEADER = (
    gettext_lazy("Datum"),
    gettext_lazy("Beginuur"),
    gettext_lazy("Oproep"),
    gettext_lazy("Vindplaats of partner"),
    gettext_lazy("Werkvorm"),
    gettext_lazy("Duur (minuten)"),
    gettext_lazy("Voorbereiding (minuten)"),
    gettext_lazy("Minuten op het quotum"),
    gettext_lazy("Aantal aanwezigen"),
    gettext_lazy("Functie/rol van de aanwezigen"),
    gettext_lazy("Onderwerp"),
    gettext_lazy("Plaats"),
    gettext_lazy("Gefactureerd"),
)


def _safe(value) -> str:
    """Text as a cell that a spreadsheet will not run as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def registrations_csv(registrations) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([str(h) for h in HEADER])
    yes, no = _("ja"), _("nee")
    for r in registrations:
        allocation = r.allocation
        where = (
            allocation.findplace.name
            if allocation.findplace
            else allocation.application.partner_name
        )
        writer.writerow(
            [
                r.date.strftime("%d/%m/%Y"),
                r.start_time.strftime("%H:%M"),
                allocation.call.number,
                _safe(where),
                r.get_work_form_display(),
                r.duration_minutes,
                r.prep_minutes,
                r.quota_minutes,
                r.attendees,
                _safe(r.attendee_roles),
                _safe(r.subject),
                _safe(r.place),
                yes if r.is_billed else no,
            ]
        )
    return buffer.getvalue()
