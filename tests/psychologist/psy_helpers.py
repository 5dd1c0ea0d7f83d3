"""Builders shared by the psychologist tests (and their browser journeys)."""

from datetime import timedelta

from django.utils import timezone

from applications.models import ApplicationStatus
from tests.factories import AllocationFactory, ApplicationFactory, call

PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def make_allocation(psychologist, number=1, *, start=None, **fields):
    start = start or timezone.localdate() - timedelta(days=30)
    application = ApplicationFactory(
        psychologist=psychologist,
        network=psychologist.networks.first(),
        call=call(number),
        start_date=start,
        status=ApplicationStatus.APPROVED,
    )
    return AllocationFactory(application=application, **fields)
