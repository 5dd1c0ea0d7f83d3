"""Pages where a psychologist registers and follows up performed activities.

Every lookup goes through the access helpers (registrations.access for registrations,
applications.access for allocations), so someone else's id is a 404.
Rules come from registrations.services (which asks the engine); the live preview uses
the same check without saving.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from applications.access import get_own_allocation
from portal import formatting
from portal.csv_export import csv_response
from portal.forms import id_from
from portal.models import Role
from portal.permissions import current_psychologist, role_required
from registrations import services
from registrations.access import get_own_registration, own_registrations
from registrations.exports import registrations_csv
from registrations.filters import RegistrationFilter
from registrations.forms import RegistrationForm
from registrations.selectors import changes_of, quota_effect, remaining_minutes

PAGE_SIZE = 25
# The registration form offers the work forms of the allocation's call.
WORK_FORMS = ["edition__work_forms"]


def _left_after_today(allocation) -> int:
    today = timezone.localdate()
    on = min(max(today, allocation.window_start), allocation.window_end)
    return remaining_minutes(allocation, on)


# --- List and export -------------------------------------------------------------------


def _filtered(request, psychologist):
    queryset = own_registrations(psychologist).order_by("-date", "-start_time", "-pk")
    return RegistrationFilter(request.GET or None, queryset=queryset, request=request)


@role_required(Role.PSYCHOLOGIST)
def registration_list(request):
    psychologist = current_psychologist(request)
    filterset = _filtered(request, psychologist)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "registrations/list.html",
        {"filter": filterset, "page_obj": page, "registrations": page.object_list},
    )


@role_required(Role.PSYCHOLOGIST)
def export(request):
    psychologist = current_psychologist(request)
    filterset = _filtered(request, psychologist)
    if filterset.is_bound and not filterset.is_valid():
        if "allocation" in filterset.errors:
            raise Http404  # someone else's allocation: as if it did not exist
        return HttpResponseBadRequest(_("Ongeldige filter; pas de filters aan en probeer opnieuw."))
    return csv_response(registrations_csv(filterset.qs), "registraties.csv")


# --- Create, edit, delete --------------------------------------------------------------


@role_required(Role.PSYCHOLOGIST)
def create(request, allocation_id: int):
    psychologist = current_psychologist(request)
    allocation = get_own_allocation(psychologist, allocation_id, prefetch=WORK_FORMS)
    return _form_page(
        request,
        allocation,
        None,
        lambda data: services.register_activity(
            psychologist, allocation.pk, data, absolute_url=request.build_absolute_uri
        ),
        _("De activiteit is geregistreerd. Op deze toekenning blijft nog %(left)s over."),
    )


@role_required(Role.PSYCHOLOGIST)
def edit(request, pk: int):
    psychologist = current_psychologist(request)
    registration = get_own_registration(psychologist, pk)
    allocation = get_own_allocation(psychologist, registration.allocation_id, prefetch=WORK_FORMS)
    if registration.is_billed:
        return render(
            request,
            "registrations/detail.html",
            {"registration": registration, "allocation": allocation},
        )
    if registration.awaits_correction:
        success = _(
            "De registratie is gecorrigeerd en opnieuw ingediend; de volgende facturatierun "
            "factureert ze. Op deze toekenning blijft nog %(left)s over."
        )
    else:
        success = _("De registratie is aangepast. Op deze toekenning blijft nog %(left)s over.")
    return _form_page(
        request,
        allocation,
        registration,
        lambda data: services.update_registration(
            registration, data, absolute_url=request.build_absolute_uri
        ),
        success,
    )


def _form_page(request, allocation, registration, save, success: str):
    """The registration form: on a valid POST `save(data)` (a service), then back to the
    allocation with what is left; the service's refusals show on the form, input kept."""
    initial = (
        {name: getattr(registration, name) for name in services.FIELDS} if registration else None
    )
    form = RegistrationForm(request.POST or None, allocation=allocation, initial=initial)
    missing = 0
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            if "quota_exceeded" in {item.code for item in error.error_list}:
                exclude_id = registration.pk if registration else None
                missing = quota_effect(allocation, form.cleaned_data, exclude_id)["missing"]
            form.add_refusals(error)
        else:
            left = formatting.hours(_left_after_today(allocation))
            messages.success(request, success % {"left": left})
            return redirect("applications:allocation_detail", pk=allocation.pk)
    return render(
        request,
        "registrations/form.html",
        {
            "form": form,
            "allocation": allocation,
            "registration": registration,
            "changes": changes_of(registration) if registration else [],
            "missing": missing,
        },
    )


@role_required(Role.PSYCHOLOGIST)
def delete(request, pk: int):
    psychologist = current_psychologist(request)
    registration = get_own_registration(psychologist, pk)
    if registration.is_billed:
        return render(
            request,
            "registrations/detail.html",
            {"registration": registration, "allocation": registration.allocation},
        )
    if request.method == "POST":
        try:
            deleted = services.delete_registration(registration)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("registrations:edit", pk=registration.pk)
        if deleted:
            messages.success(request, _("De registratie is verwijderd."))
        else:
            messages.success(
                request,
                _(
                    "De registratie is ingetrokken: ze blijft op haar factuur en creditnota "
                    "staan, maar telt niet meer mee en wordt niet meer gefactureerd."
                ),
            )
        return redirect("applications:allocation_detail", pk=registration.allocation_id)
    # A registration an invoice itemises is withdrawn, not deleted (services).
    withdraws = registration.invoice_items.exists()
    return render(
        request, "registrations/delete.html", {"registration": registration, "withdraws": withdraws}
    )


# --- Live preview (htmx) ---------------------------------------------------------------


@require_POST
@role_required(Role.PSYCHOLOGIST)
def preview(request, allocation_id: int):
    """What the typed activity would use and leave, and the rules it breaks; saves nothing."""
    psychologist = current_psychologist(request)
    allocation = get_own_allocation(psychologist, allocation_id, prefetch=WORK_FORMS)
    exclude_id = None
    if "registratie" in request.GET:
        exclude_id = get_own_registration(
            psychologist, id_from(request.GET["registratie"]), allocation=allocation
        ).pk
    form = RegistrationForm(request.POST, allocation=allocation, preview=True)
    context = {"form": form, "complete": False, "allocation": allocation}
    if form.is_valid():
        data = form.cleaned_data
        _rules, refusals = services.check_activity(allocation, data, exclude_id=exclude_id)
        context |= {"complete": True, "refusals": refusals}
        context |= quota_effect(allocation, data, exclude_id)
    else:
        context["problems"] = form.typed_problems()
    return render(request, "registrations/_preview.html", context)
