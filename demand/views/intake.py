"""The intake pages: the public request form and its live check, the confirmation and
follow pages behind the signed links (demand.links), and the on-behalf form.

The public pages need no account; the signed token is the only key to a request, and a
bad, foreign or expired one is a 404. The rules are decided by demand.services.intake.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.http import require_POST

from demand import links, throttle
from demand.access import networks_entered_for
from demand.forms import OnBehalfForm, SupportRequestForm
from demand.models import RequestEventKind
from demand.selectors.intake import request_for_requester
from demand.services import erasure, intake
from portal import client_data
from portal.models import Role
from portal.permissions import role_required

FORM_TEMPLATE = "demand/request_form.html"


def request_form(request):
    """The public form: sending it stores the request and e-mails the confirmation link."""
    form = SupportRequestForm(request.POST or None)
    if request.method == "POST":
        if throttle.ip_over_limit(request):
            return _limited(request)
        if form.is_bot:
            return redirect("demand:request_sent")
        if form.is_valid():
            if throttle.email_over_limit(request, form.cleaned_data["email"]):
                return _limited(request)
            try:
                intake.submit_public(
                    form.service_data(),
                    language=translation.get_language(),
                    absolute_url=request.build_absolute_uri,
                )
            except ValidationError as error:
                form.add_refusals(error)
            else:
                client_data.warn(request, intake.text_warnings(form.service_data()))
                return redirect("demand:request_sent")
    return render(request, FORM_TEMPLATE, _form_context(form, public=True))


@require_POST
def request_check(request):
    """htmx: the refusals the answers typed so far already get, and the warnings on their
    texts (an e-mail address or phone number), before sending."""
    data = SupportRequestForm(request.POST).preview_data()
    context = {
        "refusals": intake.preview(data),
        "warnings": intake.text_warnings(data),
        "live": True,
    }
    return render(request, "demand/_refusals.html", context)


def request_sent(request):
    return render(request, "demand/request_sent.html")


def confirm(request, token: str):
    """The link of the confirmation e-mail: GET shows a button (mail scanners open links),
    POST confirms; a second confirmation says it was already done."""
    support_request = links.request_for_token(token, "confirm")
    if request.method == "POST":
        newly = intake.confirm(support_request, absolute_url=request.build_absolute_uri)
        return render(request, "demand/confirmed.html", {"newly": newly})
    return render(
        request,
        "demand/confirm.html",
        {"support_request": support_request, "already": support_request.confirmed_at is not None},
    )


def follow(request, token: str):
    """The requester's own view of their request: its state, its history, withdrawing it,
    and erasing their contact data with it (docs/privacy.md)."""
    support_request = request_for_requester(links.request_for_token(token, "follow"))
    error = None
    if request.method == "POST":
        try:
            if request.POST.get("action") == "erase":
                erasure.withdraw_and_erase(support_request)
            else:
                intake.withdraw(support_request)
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            return redirect("demand:follow", token=token)
    events = [e for e in support_request.events.all() if e.kind != RequestEventKind.NOTE]
    context = {"support_request": support_request, "events": events, "error": error}
    return render(request, "demand/follow.html", context, status=400 if error else 200)


@role_required(Role.COORDINATOR, Role.EXISTING_SERVICE)
def on_behalf(request):
    """An existing service or coordinator enters a request they received (by phone)."""
    networks = networks_entered_for(request.user)
    form = OnBehalfForm(request.POST or None, networks=networks)
    if request.method == "POST" and form.is_valid():
        try:
            support_request = intake.create_on_behalf(
                request.user,
                form.cleaned_data["network"],
                form.service_data(),
                language=translation.get_language(),
                absolute_url=request.build_absolute_uri,
            )
        except ValidationError as error:
            form.add_refusals(error)
        else:
            client_data.warn(request, intake.text_warnings(form.service_data()))
            return redirect(intake.worker_url(support_request) or "demand:on_behalf_saved")
    return render(request, FORM_TEMPLATE, _form_context(form, public=False))


@role_required(Role.COORDINATOR, Role.EXISTING_SERVICE)
def on_behalf_saved(request):
    return render(request, "demand/on_behalf_saved.html")


def _form_context(form, *, public: bool) -> dict:
    return {"form": form, "public": public, "refusals": []}


def _limited(request):
    return render(request, "demand/limited.html", status=429)
