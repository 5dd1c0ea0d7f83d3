"""Helpers of the invoice PDF tests: complete parties, invoices of n activities, and the
PDF read back as text (pypdf) or as laid-out boxes (WeasyPrint's rendered document)."""

import io
from datetime import date, time, timedelta

from pypdf import PdfReader

from billing import pdf
from billing.models import Invoice
from billing.selectors import with_details
from billing.services import runs
from tests.factories import AllocationFactory, PsychologistFactory, RegistrationFactory

MARCH = date(2025, 3, 31)
ISSUE_DAY = date(2025, 4, 1)
NETWORK_ENTERPRISE_NUMBER = "0123456749"
PSYCHOLOGIST_ENTERPRISE_NUMBER = "0812345702"
IBAN = "BE68539007547034"
BIC = "GKCCBEBB"


def complete_network(network, **fields):
    """`network` with the address and enterprise number an invoice names."""
    values = {
        "street": "Kortrijksesteenweg 1",
        "postal_code": "9000",
        "municipality": "Gent",
        "enterprise_number": NETWORK_ENTERPRISE_NUMBER,
        **fields,
    }
    for name, value in values.items():
        setattr(network, name, value)
    network.save()
    return network


def complete_psychologist(network, *, user=None, **fields):
    """A psychologist of `network` with everything an invoice names about its issuer."""
    values = {
        "street": "Veldstraat 10",
        "postal_code": "9000",
        "municipality": "Gent",
        "enterprise_number": PSYCHOLOGIST_ENTERPRISE_NUMBER,
        "iban": IBAN,
        "bic": BIC,
        **fields,
    }
    extra = {f"user__{name}": value for name, value in (user or {}).items()}
    return PsychologistFactory(networks=[network], **values, **extra)


def register_activities(allocation, count: int, *, first_day=date(2025, 3, 1), minutes=60):
    """`count` activities of `minutes`, three a day (9:00, 11:00, 14:00), from `first_day`."""
    return [
        RegistrationFactory(
            allocation=allocation,
            date=first_day + timedelta(days=index // 3),
            start_time=time((9, 11, 14)[index % 3], 0),
            duration_minutes=minutes,
            quota_minutes=minutes,
        )
        for index in range(count)
    ]


def allocation_of(psychologist, network):
    return AllocationFactory(application__psychologist=psychologist, application__network=network)


def issue_march_invoice(network) -> Invoice:
    """Run March's billing (issued on 1 April) and return the one invoice, with details."""
    run = runs.run_billing(network, MARCH, issue_date=ISSUE_DAY)
    return loaded(Invoice.objects.get(run=run))


def loaded(invoice: Invoice) -> Invoice:
    """The document as the PDF view loads it (billing.access: with_details)."""
    return with_details(
        Invoice.objects.select_related("psychologist__user", "credited_invoice")
    ).get(pk=invoice.pk)


def pdf_pages_text(invoice: Invoice) -> list[str]:
    """The text of each page of the invoice's PDF, whitespace collapsed (a sentence that
    wraps reads as one line)."""
    reader = PdfReader(io.BytesIO(pdf.invoice_pdf(invoice)))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def pdf_text(invoice: Invoice) -> str:
    return " ".join(pdf_pages_text(invoice))
