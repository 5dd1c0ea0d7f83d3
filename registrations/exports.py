"""CSV export of a psychologist's (filtered) registrations, written by portal.csv_export
(semicolons, UTF-8 with a BOM, formula-leading text neutralised)."""

from django.utils.translation import gettext_lazy

from applications.models import WorkForm
from portal.csv_export import csv_text

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


def _row(registration, work_forms: dict) -> list:
    allocation = registration.allocation
    where = (
        allocation.findplace.name if allocation.findplace else allocation.application.partner_name
    )
    return [
        registration.date.strftime("%d/%m/%Y"),
        registration.start_time.strftime("%H:%M"),
        allocation.call.number,
        where,
        work_forms.get(registration.work_form, registration.work_form),
        registration.duration_minutes,
        registration.prep_minutes,
        registration.quota_minutes,
        registration.attendees,
        registration.attendee_roles,
        registration.subject,
        registration.place,
        registration.billing_status,
    ]


def registrations_csv(registrations) -> str:
    # The labels translated once, not per row: get_work_form_display() rebuilds the whole
    # choice list for every call (a quarter of the time of a year's export).
    work_forms = {value: str(label) for value, label in WorkForm.choices}
    return csv_text(HEADER, (_row(r, work_forms) for r in registrations))
