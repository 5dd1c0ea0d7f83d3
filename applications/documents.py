"""The application file as one PDF (docs/application-pdf.md): what the psychologist
answered, the partner's answer, the cooperation agreement, the allocation and the audit
trail, rendered with WeasyPrint in the reader's language, followed by the pages of the
signed agreement they uploaded.

An uploaded agreement that cannot be read as a PDF (damaged, encrypted) does not fail the
download: the file says so where its pages would have been.
"""

import io

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.models import Allocation, Application, AuditEntry, CooperationAgreement
from portal import formatting
from portal.pdf import css_string, fonts_url, page_counter_content


def title(application: Application) -> str:
    return _("Aanvraag oproep %(number)s van %(name)s") % {
        "number": application.call.number,
        "name": application.psychologist.name,
    }


def filename(application: Application) -> str:
    return f"aanvraag-{application.pk}-oproep-{application.call.number}.pdf"


def _signed_pages(agreement: CooperationAgreement | None):
    """The PdfReader of the uploaded signed agreement; None without one; False when it
    cannot be read."""
    if agreement is None or not agreement.signed_pdf:
        return None
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        with agreement.signed_pdf.open("rb") as upload:
            reader = PdfReader(io.BytesIO(upload.read()))
            if reader.is_encrypted:
                return False
            len(reader.pages)  # parses the page tree: a damaged file fails here
            return reader
    except (OSError, ValueError, PyPdfError):
        return False


def render_html(application: Application, *, agreement, signed_readable) -> str:
    allocation = Allocation.objects.filter(application=application).first()
    return render_to_string(
        "applications/application_pdf.html",
        {
            "application": application,
            "call": application.call,
            "edition": application.edition,
            "themes": list(application.themes.all()),
            "requested_hours": formatting.hours(application.requested_minutes),
            "partner_status": application.partner_answer,
            "agreement": agreement,
            "evaluations": list(agreement.evaluations.all()) if agreement else [],
            "signed_readable": signed_readable,
            "allocation": allocation,
            "audit": AuditEntry.objects.filter(application=application).select_related("actor"),
            "title": title(application),
            "made_at": timezone.localtime(),
            "fonts_url": fonts_url(),
            "page_counter_content": page_counter_content(),
            "running_title_content": css_string(title(application)),
        },
    )


def application_pdf(application: Application) -> bytes:
    """The whole application file, as bytes of one PDF."""
    from pypdf import PdfReader, PdfWriter
    from weasyprint import HTML  # heavy import: only when a PDF is made

    agreement = CooperationAgreement.objects.filter(application=application).first()
    signed = _signed_pages(agreement)
    html = render_html(application, agreement=agreement, signed_readable=signed is not False)
    summary = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    if not signed:
        return summary
    from pypdf.errors import PyPdfError

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(summary)))
    try:
        writer.append(signed)
    except (PyPdfError, ValueError, KeyError):
        # Its page tree read, but a page of it does not: say so instead of its pages.
        html = render_html(application, agreement=agreement, signed_readable=False)
        return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
