"""Pages where a psychologist registers and follows up performed activities."""

from django.shortcuts import render

from portal.models import Role
from portal.permissions import role_required


@role_required(Role.PSYCHOLOGIST)
def registration_list(request):
    return render(request, "registrations/list.html")
