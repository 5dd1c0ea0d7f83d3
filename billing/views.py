"""Pages of network staff: billing runs, invoices, PDF and CSV exports."""

from django.shortcuts import render

from portal.models import Role
from portal.permissions import role_required


@role_required(Role.NETWORK_STAFF)
def runs(request):
    return render(request, "billing/runs.html")
