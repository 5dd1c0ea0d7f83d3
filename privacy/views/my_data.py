"""A psychologist's own data: the page that says what the ZIP holds, and the ZIP."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from portal.models import Role
from portal.permissions import current_psychologist, role_required
from privacy.export import personal_data_zip


@role_required(Role.PSYCHOLOGIST)
def my_data(request):
    return render(request, "privacy/my_data.html")


@never_cache
@role_required(Role.PSYCHOLOGIST)
def my_data_zip(request):
    """Built for this request only; nobody but the signed-in psychologist gets it."""
    psychologist = current_psychologist(request)
    response = HttpResponse(personal_data_zip(psychologist), content_type="application/zip")
    filename = f"art8-mijn-gegevens-{timezone.localdate():%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
