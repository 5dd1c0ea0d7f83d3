"""Invoice PDFs with WeasyPrint from templates/billing/invoice_pdf.html, and a run's ZIP.

A4, Dutch, with the DejaVu fonts shipped in static/fonts (no system font lookup needed);
the footer comes from the INVOICE_FOOTER setting (default: the VAT exemption).
"""

import zipfile
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify

from billing.models import BillingRun, Invoice
from billing.selectors import run_invoices, with_details

DEFAULT_FOOTER = "Vrijgesteld van btw – art. 44 §1 W.btw"


def fonts_url() -> str:
    return (Path(settings.BASE_DIR) / "static" / "fonts").resolve().as_uri() + "/"


def render_html(invoice: Invoice) -> str:
    with translation.override("nl-be"):
        return render_to_string(
            "billing/invoice_pdf.html",
            {
                "invoice": invoice,
                "lines": invoice.lines.all(),
                "items": invoice.items.all(),
                "fonts_url": fonts_url(),
                "footer": getattr(settings, "INVOICE_FOOTER", DEFAULT_FOOTER),
            },
        )


def invoice_pdf(invoice: Invoice) -> bytes:
    """The PDF of one invoice (prefetch with `selectors.with_details` to save queries)."""
    from weasyprint import HTML  # heavy import: only when a PDF is made

    return HTML(string=render_html(invoice), base_url=str(settings.BASE_DIR)).write_pdf()


def filename(invoice: Invoice) -> str:
    return f"{invoice.number}.pdf"


def write_run_zip(run: BillingRun) -> str:
    """Write every PDF of a run into MEDIA_ROOT/billing/; returns the path relative to it."""
    folder = Path(settings.MEDIA_ROOT) / "billing"
    folder.mkdir(parents=True, exist_ok=True)
    relative = f"billing/{slugify(run.network.code)}-{run.period_end:%Y-%m}-run{run.pk}.zip"
    target = Path(settings.MEDIA_ROOT) / relative
    partial = target.with_suffix(".zip.part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for invoice in with_details(run_invoices(run)):
            archive.writestr(filename(invoice), invoice_pdf(invoice))
    partial.replace(target)  # atomic: a download never sees half a ZIP
    return relative
