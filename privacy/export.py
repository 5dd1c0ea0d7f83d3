"""Everything the portal holds about one psychologist, as a ZIP they download from their
profile (the right of access, GDPR art. 15): the records as JSON (Django's serializer, the
exact stored values), the registrations and invoices also as the CSV a spreadsheet opens,
and the signed agreements they uploaded.

Only rows that are theirs: their account (without the password hash), profile,
applications with their audit trail, allocations, extra hours, agreements and
evaluations, reopened months, registrations, invoices and payments, self-billing terms,
proposals made to them (without the requester's data), notifications waiting in a
digest, and who viewed their data this year (the access log). Other people appear only as ids (who decided, who recorded).
"""

import io
import zipfile
from pathlib import PurePath

from django.core import serializers
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.models import (
    AgreementEvaluation,
    Allocation,
    Application,
    AuditEntry,
    CooperationAgreement,
    ExtraHoursRequest,
)
from billing.models import Invoice, InvoiceLine, InvoicePayment, SelfBillingAcceptance
from demand.models import Proposal
from portal.csv_export import csv_text
from portal.models import AccessLogEntry, DigestItem, Psychologist, User
from registrations.closing_models import MonthReopening
from registrations.exports import registrations_csv

USER_FIELDS = (
    "username",
    "first_name",
    "last_name",
    "email",
    "language",
    "notification_delivery",
    "date_joined",
    "last_login",
    "is_active",
)
PROPOSAL_FIELDS = (
    "request",
    "psychologist",
    "state",
    "created_at",
    "answered_at",
    "decline_reason",
)


def _records(psychologist: Psychologist) -> dict[str, tuple]:
    """The JSON files and what each holds: (queryset, fields or None for all)."""
    user = psychologist.user
    applications = Application.objects.filter(psychologist=psychologist)
    agreements = CooperationAgreement.objects.filter(application__psychologist=psychologist)
    invoices = Invoice.objects.filter(psychologist=psychologist)
    return {
        "account.json": (User.objects.filter(pk=user.pk), USER_FIELDS),
        "profile.json": (Psychologist.objects.filter(pk=psychologist.pk), None),
        "applications.json": (applications, None),
        "application_history.json": (AuditEntry.objects.filter(application__in=applications), None),
        "allocations.json": (Allocation.objects.filter(psychologist=psychologist), None),
        "extra_hours.json": (
            ExtraHoursRequest.objects.filter(allocation__psychologist=psychologist),
            None,
        ),
        "agreements.json": (agreements, None),
        "agreement_evaluations.json": (
            AgreementEvaluation.objects.filter(agreement__in=agreements),
            None,
        ),
        "reopened_months.json": (MonthReopening.objects.filter(psychologist=psychologist), None),
        "invoices.json": (invoices, None),
        "invoice_lines.json": (InvoiceLine.objects.filter(invoice__in=invoices), None),
        "payments.json": (InvoicePayment.objects.filter(invoice__in=invoices), None),
        "self_billing.json": (
            SelfBillingAcceptance.objects.filter(psychologist=psychologist),
            None,
        ),
        "proposals.json": (Proposal.objects.filter(psychologist=psychologist), PROPOSAL_FIELDS),
        "notifications.json": (DigestItem.objects.filter(user=user), None),
        "who_viewed_my_data.json": (
            AccessLogEntry.objects.filter(psychologist=psychologist),
            ("at", "user_label", "kind", "object_label"),
        ),
    }


def _invoices_csv(psychologist: Psychologist) -> str:
    header = (
        _("Nummer"),
        _("Soort"),
        _("Factuurdatum"),
        _("Begin periode"),
        _("Einde periode"),
        _("Netwerk"),
        _("Uren"),
        _("Bedrag (EUR)"),
        _("Betaald op"),
    )
    invoices = (
        Invoice.objects.filter(psychologist=psychologist)
        .select_related("network", "payment")
        .order_by("issue_date", "number")
    )
    rows = (
        (
            invoice.number,
            invoice.get_kind_display(),
            invoice.issue_date.strftime("%d/%m/%Y"),
            invoice.period_start.strftime("%d/%m/%Y"),
            invoice.period_end.strftime("%d/%m/%Y"),
            invoice.network.name,
            invoice.hours,
            invoice.amount,
            _paid_on(invoice),
        )
        for invoice in invoices
    )
    return csv_text(header, rows)


def _paid_on(invoice: Invoice) -> str:
    payment = getattr(invoice, "payment", None)
    return payment.paid_on.strftime("%d/%m/%Y") if payment else ""


def _uploads(psychologist: Psychologist):
    """(name in the ZIP, stored file) of every signed agreement they uploaded."""
    agreements = CooperationAgreement.objects.filter(application__psychologist=psychologist)
    evaluations = AgreementEvaluation.objects.filter(agreement__in=agreements)
    for row in [*agreements.exclude(signed_pdf=""), *evaluations.exclude(signed_pdf="")]:
        yield (
            f"files/{type(row).__name__.lower()}-{row.pk}-{PurePath(row.signed_pdf.name).name}",
            row.signed_pdf,
        )


def _readme(psychologist: Psychologist) -> str:
    return _(
        "Alle gegevens die het Art. 8-portaal over u bewaart, op %(moment)s.\n\n"
        "- De .json-bestanden bevatten de bewaarde gegevens zoals ze zijn opgeslagen "
        "(account, profiel, aanvragen en hun historiek, toewijzingen, extra uren, "
        "overeenkomsten en evaluaties, heropende maanden, facturen en betalingen, "
        "voorwaarden van autofacturatie, voorstellen en meldingen, en wie uw gegevens "
        "bekeek).\n"
        "- registrations.csv en invoices.csv openen in een rekenblad.\n"
        "- De map files bevat de ondertekende overeenkomsten die u opnam.\n\n"
        "Andere personen staan er alleen met hun nummer in, behalve wie uw gegevens "
        "bekeek. Meer over wat bewaard wordt en hoe lang: de pagina Privacy van het portaal."
    ) % {"moment": timezone.localtime().strftime("%d/%m/%Y %H:%M")}


def _json(queryset, fields) -> str:
    """The rows as the serializer writes them, their many-to-many fields (themes,
    networks) read in one query each instead of one per row."""
    many = [f.name for f in queryset.model._meta.many_to_many if not fields or f.name in fields]
    return serializers.serialize("json", queryset.prefetch_related(*many), indent=1, fields=fields)


def personal_data_zip(psychologist: Psychologist) -> bytes:
    """The ZIP of everything above, built in memory (a few hundred kB for years of work)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", _readme(psychologist))
        for name, (queryset, fields) in _records(psychologist).items():
            archive.writestr(name, _json(queryset, fields))
        registrations = psychologist.registrations.select_related(
            "allocation__call", "allocation__findplace", "allocation__application"
        ).order_by("date", "start_time")
        archive.writestr("registrations.csv", registrations_csv(registrations))
        archive.writestr("invoices.csv", _invoices_csv(psychologist))
        for name, stored in _uploads(psychologist):
            try:
                with stored.open("rb") as upload:
                    archive.writestr(name, upload.read())
            except OSError:
                archive.writestr(f"{name}.missing.txt", _("Dit bestand is niet meer aanwezig."))
    return buffer.getvalue()
