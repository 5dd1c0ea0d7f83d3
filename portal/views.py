"""Views every role shares: the home page that sends each user to their own start page,
the profile, and the language switch."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.http import require_POST

from portal.forms import ProfileForm
from portal.models import Role
from portal.navigation import home_url
from portal.permissions import current_psychologist, role_required
from portal.services import set_language as save_language
from portal.services import update_profile


@login_required
def home(request):
    url = home_url(request.user)
    if url:
        return redirect(url)
    return render(request, "portal/home.html")


@role_required(Role.PSYCHOLOGIST)
def profile(request):
    """A psychologist's own profile: name, RIZIV number, enterprise number, address, IBAN and
    BIC (on their invoices), employer, themes; and what their invoices still miss."""
    psychologist = current_psychologist(request)
    form = ProfileForm(request.POST or None, psychologist=psychologist)
    if request.method == "POST" and form.is_valid():
        try:
            update_profile(psychologist, form.cleaned_data)
        except ValidationError as error:
            form.add_refusals(error)
        else:
            # The rest of this response (message, language cookie) in the language chosen.
            request.user.refresh_from_db(fields=["language"])
            translation.activate(request.user.language)
            messages.success(request, _("Uw profiel is bewaard."))
            return redirect("profile")
    return render(request, "portal/profile.html", {"form": form})


@require_POST
def set_language(request):
    """The language switch: Django's own view (cookie, redirect to `next`), and for a
    signed-in user also their preferred language, kept for every later session."""
    response = i18n.set_language(request)
    if request.user.is_authenticated:
        save_language(request.user, request.POST.get("language", ""))
    return response


def healthz(request):
    """Liveness probe, and the throughput floor of the benchmarks: no database, no session."""
    return HttpResponse("ok", content_type="text/plain")


def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page links: the static file."""
    return redirect(static("favicon.ico"))
