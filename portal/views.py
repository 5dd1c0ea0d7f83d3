"""Views every role shares: the home page that sends each user to their own start page,
the profile, the choice of how notifications are sent, and the language switch."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal import psychologist_search, readiness
from portal.forms import NotificationSettingsForm, ProfileForm, SearchForm
from portal.models import Role
from portal.navigation import home_url
from portal.permissions import current_psychologist, role_required
from portal.services import set_language as save_language
from portal.services import set_notification_delivery, update_profile


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


@role_required(Role.PSYCHOLOGIST, Role.COORDINATOR)
def notification_settings(request):
    """At once, one digest a day or no e-mail, for the user's non-urgent notifications."""
    initial = {"notification_delivery": request.user.notification_delivery}
    form = NotificationSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            set_notification_delivery(request.user, form.cleaned_data["notification_delivery"])
        except ValidationError as error:
            form.add_error("notification_delivery", error)
        else:
            messages.success(request, _("Uw keuze voor de meldingen is bewaard."))
            return redirect("notification_settings")
    return render(request, "portal/notification_settings.html", {"form": form})


@role_required(Role.NETWORK_STAFF, Role.COORDINATOR)
def psychologist_suggestions(request):
    """htmx: the <datalist> of at most 20 psychologists of the user's networks whose name
    or RIZIV number matches what was typed in a psychologist field (`?psychologist=`)."""
    term = SearchForm({"q": request.GET.get("psychologist", "")}).term()
    return render(
        request,
        "portal/_psychologist_suggestions.html",
        {"results": psychologist_search.suggestions(request.user, term)},
    )


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


@never_cache
def readyz(request):
    """Readiness probe: 200 "ready" when the database, Redis and a recent worker heartbeat
    all pass, else 503 "not ready"; one line per check (portal.readiness). Reads no session."""
    checks = readiness.run_checks()
    ready = all(check.passed for check in checks)
    lines = ["ready" if ready else "not ready"]
    lines += [f"{check.name}: {check.detail}" for check in checks]
    return HttpResponse(
        "\n".join(lines) + "\n",
        content_type="text/plain; charset=utf-8",
        status=200 if ready else 503,
    )


def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page links: the static file."""
    return redirect(static("favicon.ico"))
