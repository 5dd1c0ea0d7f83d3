"""Pages of a network's staff for its calls: the editions in force and scheduled, a new
edition from a template, a new call from another network's edition, an unused edition
corrected, each with the history of its changes.

Every lookup goes through applications.access (another network's id is a 404); every
change goes through applications.services.edition_changes, which refuses on its own.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from applications import access
from applications.forms.edition import EditionForm, NewCallForm
from applications.models import CallEdition
from applications.services import edition_changes
from portal import history
from portal.forms import id_from
from portal.models import Role
from portal.permissions import role_required

SHOWN = 50


@role_required(Role.NETWORK_STAFF)
def call_list(request, network_pk: int):
    network, calls = access.calls_for_staff(request.user, network_pk)
    calls = calls.prefetch_related("editions", "networks")
    templates = (
        CallEdition.objects.select_related("call")
        .prefetch_related("call__networks")
        .order_by("call__number", "call_id", "-valid_from")
    )
    context = {
        "network": network,
        "calls": calls,
        "templates": templates,
        "today": timezone.localdate(),
    }
    return render(request, "applications/editions/calls.html", context)


@role_required(Role.NETWORK_STAFF)
def edition_new(request, network_pk: int, call_pk: int):
    network, call = access.get_call_for_staff(request.user, network_pk, call_pk)
    template = access.template_edition(id_from(request.GET.get("sjabloon"))) or (
        call.editions.order_by("-valid_from").first()
    )
    form = EditionForm(
        request.POST or None,
        template=template,
        initial={"valid_from": None, "valid_until": None, "notes": ""},
    )
    if request.method == "POST" and form.is_valid():
        try:
            edition = edition_changes.schedule_edition(
                call, form.values(), form.work_forms(), actor=request.user
            )
        except ValidationError as error:
            form.add_refusals(error)
        else:
            messages.success(request, _("De nieuwe editie is ingepland."))
            return redirect("applications:edition_detail", network_pk=network.pk, pk=edition.pk)
    context = {"network": network, "call": call, "form": form, "template": template}
    return render(
        request,
        "applications/editions/edition_form.html",
        context,
        status=422 if form.errors else 200,
    )


@role_required(Role.NETWORK_STAFF)
def call_new(request, network_pk: int):
    network, _calls = access.calls_for_staff(request.user, network_pk)
    template = access.template_edition(id_from(request.GET.get("sjabloon")))
    call_form = NewCallForm(request.POST or None, prefix="call")
    form = EditionForm(
        request.POST or None, template=template, initial={"valid_until": None, "notes": ""}
    )
    if request.method == "POST" and call_form.is_valid() and form.is_valid():
        try:
            edition = edition_changes.create_call(
                network,
                **call_form.cleaned_data,
                values=form.values(),
                work_forms=form.work_forms(),
                actor=request.user,
            )
        except ValidationError as error:
            form.add_refusals(error)
        else:
            messages.success(request, _("De oproep en haar eerste editie zijn bewaard."))
            return redirect("applications:edition_detail", network_pk=network.pk, pk=edition.pk)
    context = {"network": network, "call_form": call_form, "form": form, "template": template}
    failed = form.errors or call_form.errors
    return render(
        request, "applications/editions/edition_form.html", context, status=422 if failed else 200
    )


@role_required(Role.NETWORK_STAFF)
def edition_detail(request, network_pk: int, pk: int):
    network, edition = access.get_edition_for_staff(request.user, network_pk, pk)
    in_use = edition.allocations.exists()
    form = None if in_use else EditionForm(request.POST or None, instance=edition, template=edition)
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            edition_changes.update_edition(
                edition, form.values(), form.work_forms(), actor=request.user
            )
        except ValidationError as error:
            form.add_refusals(error)
        else:
            messages.success(request, _("De editie is bewaard."))
            return redirect("applications:edition_detail", network_pk=network.pk, pk=edition.pk)
    context = {
        "network": network,
        "edition": edition,
        "call": edition.call,
        "form": form,
        "in_use": in_use,
        "changes": history.changes_of(edition.history.all(), lambda row: _("Editie"), SHOWN),
    }
    failed = form is not None and form.errors
    return render(
        request, "applications/editions/edition_detail.html", context, status=422 if failed else 200
    )
