"""Invoice PDFs with WeasyPrint from templates/billing/invoice_pdf.html: rendering only.

A4, in the psychologist's language (portal.languages.language_for: the invoice is theirs),
whoever asks for it; the DejaVu fonts are shipped in static/fonts (no system font lookup
needed); the footer comes from the INVOICE_FOOTER setting (default: the VAT exemption).
"""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from billing.models import Invoice
from portal.languages import language_for

DEFAULT_FOOTER = "Vrijgesteld van btw – art. 44 §1 W.btw"


def fonts_url() -> str:
    return (Path(settings.BASE_DIR) / "static" / "fonts").resolve().as_uri() + "/"


def render_html(invoice: Invoice) -> str:
    with translation.override(language_for(invoice.psychologist.user)):
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
