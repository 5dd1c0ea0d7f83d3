"""Invoice and credit-note PDFs with WeasyPrint from templates/billing/invoice_pdf.html:
rendering only. What the document holds and why: docs/invoice-document.md.

A4, in the psychologist's language (portal.languages.language_for: the invoice is theirs),
whoever asks for it; the DejaVu fonts are shipped in static/fonts (no system font lookup
needed). The CSS that is the same for every invoice is templates/billing/invoice_pdf.css,
parsed once per thread with its fonts (portal.pdf.typesetter), not once per PDF. The
footer comes from the INVOICE_FOOTER setting (default: the VAT exemption).
The itemised activities are cut into pages of ROWS_PER_PAGE here, so a page never holds
more than that, whatever the layout engine would have fitted.
"""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from billing.models import Invoice, InvoiceItem
from portal import pdf as typesetting
from portal.languages import language_for
from portal.pdf import css_string, page_counter_content

DEFAULT_FOOTER = "Vrijgesteld van btw – art. 44 §1 W.btw"
# Activities per page: the first page holds them under the parties and the totals, the
# next pages hold them alone; a bookkeeper counts and ticks them off page by page.
ROWS_PER_PAGE = 25
# The mark of an activity dated before the invoice's period (explained in a legend).
LATE_MARK = "*"
# The CSS that is the same for every invoice, parsed once per thread (portal.pdf).
STYLESHEET = "billing/invoice_pdf.css"


@dataclass(frozen=True)
class ActivityRow:
    """An itemised registration as printed: its number on the document and whether it was
    registered late (dated before the period, so billed in a later month's run)."""

    number: int
    item: InvoiceItem
    late: bool


def activity_pages(invoice: Invoice) -> list[list[ActivityRow]]:
    """The itemised registrations in chunks of ROWS_PER_PAGE (from the prefetched items).

    A credit note marks nothing late: it reverses, it bills nothing "now".
    """
    rows = [
        ActivityRow(
            number=index,
            item=item,
            late=not invoice.is_credit_note and item.registration.date < invoice.period_start,
        )
        for index, item in enumerate(invoice.items.all(), start=1)
    ]
    return [rows[start : start + ROWS_PER_PAGE] for start in range(0, len(rows), ROWS_PER_PAGE)]


def title(invoice: Invoice) -> str:
    """The document's title in the active language: "Factuur PAKT-2025-00042"."""
    kind = _("Creditnota") if invoice.is_credit_note else _("Factuur")
    return f"{kind} {invoice.number}"


def render_html(invoice: Invoice) -> str:
    with translation.override(language_for(invoice.psychologist.user)):
        pages = activity_pages(invoice)
        return render_to_string(
            "billing/invoice_pdf.html",
            {
                "invoice": invoice,
                "title": title(invoice),
                "lines": invoice.lines.all(),
                "pages": pages,
                "any_late": any(row.late for page in pages for row in page),
                "late_mark": LATE_MARK,
                "footer_content": css_string(
                    str(getattr(settings, "INVOICE_FOOTER", DEFAULT_FOOTER))
                ),
                "page_counter_content": page_counter_content(),
                # Repeated at the top of the next pages, so a loose page says whose it is.
                "running_title_content": css_string(title(invoice)),
            },
        )


def document(invoice: Invoice):
    """The laid-out WeasyPrint document (its pages and boxes), before it is written."""
    return typesetting.render(render_html(invoice), STYLESHEET)


def invoice_pdf(invoice: Invoice) -> bytes:
    """The PDF of one invoice (prefetch with `selectors.with_details` to save queries)."""
    return typesetting.write(document(invoice))


def filename(invoice: Invoice) -> str:
    return f"{invoice.number}.pdf"
