"""Pages of a psychologist (KPKO): overview, calls, applying, allocations, extra hours.

Every lookup goes through applications.access, so someone else's id is a 404. The
partner confirmation page is public: a signed link is its only key.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import select_template
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from applications import partner, services
from applications.access import (
    get_agreement_for_user,
    get_own_allocation,
    get_own_application,
    own_applications,
)
from applications.engine import evaluations
from applications.forms import ApplicationForm, ExtraHoursForm
from applications.models import ApplicationStatus, Call
from applications.overview import overview_html
from applications.selectors import (
    calls_open_to,
    edition_for_form,
    submission_refusals,
    usage_of,
    with_usage,
)
from portal import access_log, client_data, formatting
from portal.forms import SearchForm, add_refusals, date_from, id_from
from portal.models import AccessKind, Findplace, Role
from portal.permissions import current_psychologist, role_required

SEARCH_LIMIT = 20


# --- Overview --------------------------------------------------------------------------


@role_required(Role.PSYCHOLOGIST)
def overview(request):
    content = overview_html(current_psychologist(request), timezone.localdate())
    return render(request, "applications/psychologist/overview.html", {"content": content})


# --- Calls and applying ----------------------------------------------------------------


@role_required(Role.PSYCHOLOGIST)
def calls(request):
    psychologist = current_psychologist(request)
    today = timezone.localdate()
    offered = []
    for call in calls_open_to(psychologist):
        edition = edition_for_form(call, today)
        if edition is not None:
            offered.append((call, edition, explanation_template(call)))
    return render(request, "applications/psychologist/calls.html", {"calls": offered})


def explanation_template(call: Call):
    """The plain-Dutch explanation of a call: its own text if there is one, else generic."""
    return select_template(
        [
            f"applications/psychologist/calls/call_{call.code}.html",
            "applications/psychologist/calls/generic.html",
        ]
    )


@role_required(Role.PSYCHOLOGIST)
def apply(request, code: str):
    psychologist = current_psychologist(request)
    call = get_object_or_404(calls_open_to(psychologist), code=code)
    return _application_form(request, psychologist, call, None)


@role_required(Role.PSYCHOLOGIST)
def application_edit(request, pk: int):
    psychologist = current_psychologist(request)
    application = get_own_application(
        psychologist, pk, select=["agreement"], prefetch=["edition__work_forms", "themes"]
    )
    if application.status not in services.EDITABLE:
        messages.info(request, _("Deze aanvraag kan niet meer aangepast worden."))
        return redirect("applications:application_detail", pk=application.pk)
    return _application_form(request, psychologist, application.call, application)


def _application_form(request, psychologist, call, application):
    submitting = request.method == "POST" and request.POST.get("action") == "submit"
    edition = form_edition(call, request, application)
    if edition is None:
        raise Http404
    form = ApplicationForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        edition=edition,
        psychologist=psychologist,
        application=application,
        submitting=submitting,
    )
    refusals = []
    if request.method == "POST" and form.is_valid():
        try:
            application = services.save_draft(
                psychologist, call, form.service_data(), application=application, actor=request.user
            )
        except ValidationError as error:
            form.add_refusals(error)
        else:
            client_data.warn(request, services.answer_warnings(form.service_data()))
            if not submitting:
                messages.success(
                    request,
                    _("Uw concept is bewaard. U kunt het later afwerken en indienen."),
                )
                return redirect("applications:application_edit", pk=application.pk)
            try:
                services.submit_application(
                    application, actor=request.user, absolute_url=request.build_absolute_uri
                )
            except ValidationError as error:
                form.add_refusals(error)
            else:
                text = _("Uw aanvraag is ingediend bij de lokale coördinator.")
                if application.edition.requires_partner_confirmation:
                    text += " " + _("Uw partner kreeg een e-mail om de samenwerking te bevestigen.")
                messages.success(request, text)
                return redirect("applications:application_detail", pk=application.pk)
    elif application is not None and request.method != "POST":
        refusals = submission_refusals(application)
    if application is not None and application.pk:
        application = (
            own_applications(psychologist).select_related("agreement").get(pk=application.pk)
        )
    selected = _selected_findplace(form, psychologist)
    context = {
        "call": call,
        "edition": edition,
        "form": form,
        "selected_findplace": selected,
        "selected_findplaces": [selected] if selected else [],
        "application": application,
        "agreement": getattr(application, "agreement", None) if application else None,
        "refusals": refusals,
        "explanation": explanation_template(call),
        "action": (
            reverse("applications:application_edit", args=[application.pk])
            if application is not None
            else reverse("applications:apply", args=[call.code])
        ),
    }
    return render(request, "applications/psychologist/apply.html", context)


@require_POST
@role_required(Role.PSYCHOLOGIST)
def apply_check(request, code: str):
    """htmx: the refusals the engine already sees in the answers typed so far."""
    psychologist = current_psychologist(request)
    call = get_object_or_404(calls_open_to(psychologist), code=code)
    edition = form_edition(call, request, None)
    refusals = []
    if edition is not None:
        form = ApplicationForm(
            request.POST, edition=edition, psychologist=psychologist, application=None
        )
        if form.is_valid():
            refusals = services.preview_refusals(psychologist, call, form.service_data())
    return render(
        request, "applications/psychologist/_refusals.html", {"refusals": refusals, "live": True}
    )


def form_edition(call, request, application):
    """The edition whose questions the form asks: the one of the start date posted (or
    saved), else the one in force today; the service decides again on save."""
    day = None
    if request.method == "POST":
        day = date_from(request.POST.get("start_date"))
    if day is None and application is not None:
        day = application.start_date
    return edition_for_form(call, day or timezone.localdate())


def _selected_findplace(form, psychologist):
    """The findplace chosen on the form (posted or saved), if it is one of the user's networks."""
    if "findplace" not in form.fields:
        return None
    pk = id_from(form["findplace"].value())
    if pk is None:
        return None
    return Findplace.objects.filter(pk=pk, network__in=psychologist.networks.all()).first()


@role_required(Role.PSYCHOLOGIST)
def findplace_search(request):
    """htmx: the findplaces of the psychologist's networks matching a name or municipality."""
    psychologist = current_psychologist(request)
    query = SearchForm(request.GET).term()
    results = []
    if len(query) >= 2:
        results = list(
            Findplace.objects.filter(network__in=psychologist.networks.all())
            .filter(Q(name__icontains=query) | Q(municipality__icontains=query))
            .order_by("name")[:SEARCH_LIMIT]
        )
    return render(
        request,
        "applications/psychologist/_findplace_options.html",
        {"results": results, "query": query, "selected": request.GET.get("findplace", "")},
    )


@role_required(Role.PSYCHOLOGIST)
def application_detail(request, pk: int):
    psychologist = current_psychologist(request)
    application = get_own_application(
        psychologist, pk, select=["agreement", "allocation"], prefetch=["themes"]
    )
    context = {
        "application": application,
        "call": application.call,
        "edition": application.edition,
        "agreement": getattr(application, "agreement", None),
        "allocation": getattr(application, "allocation", None),
        "editable": application.status in services.EDITABLE,
        "deletable": application.status == ApplicationStatus.DRAFT,
        "withdrawable": application.status
        not in (ApplicationStatus.DRAFT, ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN),
        "refusals": submission_refusals(application)
        if application.status in services.EDITABLE
        else [],
    }
    return render(request, "applications/psychologist/application_detail.html", context)


@require_POST
@role_required(Role.PSYCHOLOGIST)
def application_withdraw(request, pk: int):
    psychologist = current_psychologist(request)
    application = get_own_application(psychologist, pk)
    try:
        services.withdraw_application(application, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Uw aanvraag is ingetrokken."))
    return redirect("applications:application_detail", pk=application.pk)


@role_required(Role.PSYCHOLOGIST)
def application_delete(request, pk: int):
    """A draft of one's own: GET asks for confirmation, POST deletes it."""
    psychologist = current_psychologist(request)
    application = get_own_application(psychologist, pk)
    if application.status != ApplicationStatus.DRAFT:
        messages.info(request, _("Enkel een concept kan verwijderd worden."))
        return redirect("applications:application_detail", pk=application.pk)
    if request.method == "POST":
        try:
            services.delete_draft(application, actor=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("applications:application_detail", pk=application.pk)
        messages.success(request, _("Het concept is verwijderd."))
        return redirect("applications:overview")
    return render(
        request,
        "applications/psychologist/application_delete.html",
        {"application": application, "refusals": submission_refusals(application)},
    )


@role_required(Role.PSYCHOLOGIST, Role.COORDINATOR)
def agreement_pdf(request, pk: int):
    """The signed agreement: only for its psychologist and the coordinators of its network."""
    agreement = get_agreement_for_user(request.user, pk)
    application = agreement.application
    if not agreement.signed_pdf:
        raise Http404
    access_log.record_view(
        request, AccessKind.AGREEMENT_PDF, obj=agreement, psychologist=application.psychologist
    )
    response = FileResponse(
        agreement.signed_pdf.open("rb"),
        content_type="application/pdf",
        filename=f"samenwerkingsovereenkomst-{application.pk}.pdf",
    )
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


# --- Allocations and extra hours -------------------------------------------------------


def _allocation_page(request, psychologist, allocation, extra_form):
    today = timezone.localdate()
    with_usage(allocation, today=today, usage=usage_of(allocation))
    registrations = allocation.registrations.order_by("-date", "-start_time", "-pk")
    agreement = getattr(allocation.application, "agreement", None)
    context = {
        "agreement": agreement,
        "evaluation_overdue": bool(agreement)
        and evaluations.is_overdue(agreement.next_evaluation_date, today),
        "evaluation_blocked_since": agreement
        and evaluations.blocked_since(agreement.next_evaluation_date),
        "allocation": allocation,
        "registrations": registrations,
        "extra_requests": allocation.extra_hours_requests.order_by("-created_at"),
        "extra_form": extra_form,
        "today": today,
    }
    return render(request, "applications/psychologist/allocation_detail.html", context)


# An extra-hours link (from a refused registration) fills in the shortfall, up to this.
EXTRA_PREFILL_MAX_MINUTES = 200 * 60


@role_required(Role.PSYCHOLOGIST)
def allocation_detail(request, pk: int):
    psychologist = current_psychologist(request)
    allocation = get_own_allocation(psychologist, pk)
    initial = {}
    missing = request.GET.get("extra", "")
    if missing.isdigit() and 0 < int(missing) <= EXTRA_PREFILL_MAX_MINUTES:
        initial["hours"] = formatting.quarter_hours(int(missing))
    return _allocation_page(request, psychologist, allocation, ExtraHoursForm(initial=initial))


@require_POST
@role_required(Role.PSYCHOLOGIST)
def extra_hours(request, pk: int):
    psychologist = current_psychologist(request)
    allocation = get_own_allocation(psychologist, pk)
    form = ExtraHoursForm(request.POST)
    if form.is_valid():
        try:
            services.request_extra_hours(
                allocation,
                actor=request.user,
                minutes=form.cleaned_data["hours"],
                motivation=form.cleaned_data["motivation"],
                absolute_url=request.build_absolute_uri,
            )
        except ValidationError as error:
            add_refusals(form, error)
        else:
            messages.success(
                request,
                _("Uw aanvraag voor %(hours)s extra is doorgestuurd naar uw lokale coördinator.")
                % {"hours": formatting.hours(form.cleaned_data["hours"])},
            )
            client_data.warn(
                request, services.extra_hours_warnings(form.cleaned_data["motivation"])
            )
            return redirect("applications:allocation_detail", pk=allocation.pk)
    return _allocation_page(request, psychologist, allocation, form)


# --- Partner confirmation (public, signed link) ----------------------------------------


def partner_confirmation(request, token: str):
    """The partner confirms or declines the cooperation; no account needed."""
    try:
        application = partner.application_for_token(token)
    except partner.InvalidPartnerLink:
        return render(request, "applications/psychologist/partner_invalid.html", status=400)
    error = None
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer not in ("confirm", "decline"):
            error = _("Kies of u de samenwerking bevestigt of weigert.")
        else:
            try:
                application = services.record_partner_answer(
                    application,
                    accept=answer == "confirm",
                    absolute_url=request.build_absolute_uri,
                )
            except ValidationError as refusal:
                error = " ".join(refusal.messages)
            else:
                return redirect("applications:partner", token=token)
    context = {
        "application": application,
        "agreement": getattr(application, "agreement", None),
        "error": error,
        "hours": formatting.hours(application.requested_minutes),
        "closed": application.status in (ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN),
    }
    return render(
        request,
        "applications/psychologist/partner.html",
        context,
        status=400 if error else 200,
    )
