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
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from applications.access import get_own_allocation
from portal import access_log, client_data, formatting
from portal.csv_export import csv_response
from portal.forms import id_from
from portal.models import AccessKind, Role
from portal.permissions import current_psychologist, role_required
from registrations import services
from registrations.access import get_own_registration, own_registrations
from registrations.exports import registrations_csv
from registrations.filters import RegistrationFilter
from registrations.forms import RegistrationForm, SeriesForm, default_date
from registrations.selectors import changes_of, quota_effect, remaining_minutes
from registrations.series import allows_series, register_series

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
    name = "registraties.csv"
    access_log.record_view(
        request, AccessKind.REGISTRATIONS_CSV, psychologist=psychologist, label=name
    )
    return csv_response(registrations_csv(filterset.qs), name)


# --- Create, edit, delete --------------------------------------------------------------


@role_required(Role.PSYCHOLOGIST)
def create(request, allocation_id: int):
    psychologist = current_psychologist(request)
    allocation = get_own_allocation(psychologist, allocation_id, prefetch=WORK_FORMS)
    return _create_page(request, psychologist, allocation)


def _create_page(request, psychologist, allocation, initial=None):
    return _form_page(
        request,
        allocation,
        None,
        lambda data: services.register_activity(
            psychologist, allocation.pk, data, absolute_url=request.build_absolute_uri
        ),
        _("De activiteit is geregistreerd. Op deze toekenning blijft nog %(left)s over."),
        initial=initial,
    )


# What "register again" copies from an earlier registration: everything but the date, the
# client's consent (asked for each co-consult) and the request it answered (answered once).
AGAIN_FIELDS = (
    "start_time",
    "duration_minutes",
    "work_form",
    "attendees",
    "attendee_roles",
    "subject",
    "place",
)


@role_required(Role.PSYCHOLOGIST)
def again(request, pk: int):
    """The create form of an earlier registration's allocation, filled in with its fields."""
    psychologist = current_psychologist(request)
    earlier = get_own_registration(psychologist, pk)
    allocation = get_own_allocation(psychologist, earlier.allocation_id, prefetch=WORK_FORMS)
    initial = {name: getattr(earlier, name) for name in AGAIN_FIELDS}
    initial["date"] = default_date(allocation)
    return _create_page(request, psychologist, allocation, initial)


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


def _form_page(request, allocation, registration, save, success: str, *, initial=None):
    """The registration form: on a valid POST `save(data)` (a service), then back to the
    allocation with what is left; the service's refusals show on the form, input kept."""
    if registration:
        initial = {name: getattr(registration, name) for name in services.FIELDS}
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
            client_data.warn(request, services.text_warnings(form.cleaned_data))
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
            "allows_series": registration is None and allows_series(allocation),
        },
    )


@role_required(Role.PSYCHOLOGIST)
def series(request, allocation_id: int):
    """A weekly series of presence: preview each date, then register the accepted ones."""
    psychologist = current_psychologist(request)
    allocation = get_own_allocation(psychologist, allocation_id, prefetch=WORK_FORMS)
    if not allows_series(allocation):
        raise Http404
    form = SeriesForm(request.POST or None, allocation=allocation)
    outcomes = None
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in SERIES_DATES}
        dry_run = "registreren" not in request.POST
        try:
            outcomes = register_series(
                psychologist,
                allocation.pk,
                data,
                form.cleaned_data["first_date"],
                form.cleaned_data["last_date"],
                dry_run=dry_run,
            )
        except ValidationError as error:
            form.add_refusals(error)
        else:
            if not dry_run:
                _report_series(request, outcomes)
                client_data.warn(request, services.text_warnings(data))
                if all(outcome.accepted for outcome in outcomes):
                    return redirect("applications:allocation_detail", pk=allocation.pk)
    context = {
        "form": form,
        "allocation": allocation,
        "outcomes": outcomes,
        "confirmed": outcomes is not None and "registreren" in request.POST,
        "accepted": sum(o.accepted for o in outcomes or ()),
    }
    return render(request, "registrations/series.html", context)


SERIES_DATES = ("first_date", "last_date")


def _report_series(request, outcomes) -> None:
    done = sum(outcome.accepted for outcome in outcomes)
    refused = len(outcomes) - done
    messages.success(
        request,
        ngettext(
            "%(count)d activiteit van de reeks is geregistreerd.",
            "%(count)d activiteiten van de reeks zijn geregistreerd.",
            done,
        )
        % {"count": done},
    )
    if refused:
        messages.warning(
            request,
            ngettext(
                "%(count)d datum werd geweigerd; de reden staat bij de datum hieronder.",
                "%(count)d datums werden geweigerd; de reden staat bij elke datum hieronder.",
                refused,
            )
            % {"count": refused},
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
    exclude_id, correcting = None, False
    if "registratie" in request.GET:
        registration = get_own_registration(
            psychologist, id_from(request.GET["registratie"]), allocation=allocation
        )
        exclude_id, correcting = registration.pk, registration.awaits_correction
    form = RegistrationForm(request.POST, allocation=allocation, preview=True)
    valid = form.is_valid()
    context = {
        "form": form,
        "complete": False,
        "allocation": allocation,
        # The texts are judged as typed, before the rest is complete.
        "text_refusals": services.text_refusals(form.cleaned_data),
        "text_warnings": services.text_warnings(form.cleaned_data),
    }
    if valid:
        data = form.cleaned_data
        _rules, refusals = services.check_activity(
            allocation, data, exclude_id=exclude_id, correcting=correcting
        )
        context |= {"complete": True, "refusals": refusals}
        context |= quota_effect(allocation, data, exclude_id)
    else:
        context["problems"] = form.typed_problems()
    return render(request, "registrations/_preview.html", context)
