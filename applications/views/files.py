"""The application file as one PDF, for its psychologist and the coordinators of its network."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from applications import documents
from applications.access import get_application_file
from portal import access_log
from portal.models import AccessKind


@login_required
def application_file(request, pk: int):
    application = get_application_file(request.user, pk)
    access_log.record_view(
        request, AccessKind.APPLICATION_FILE, obj=application, psychologist=application.psychologist
    )
    response = HttpResponse(documents.application_pdf(application), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{documents.filename(application)}"'
    response["Cache-Control"] = "private, no-store"
    return response
