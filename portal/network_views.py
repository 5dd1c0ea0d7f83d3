"""Pages of network staff for the networks they follow: their settings (address, enterprise
number, bank account, invoice prefix, payment term, postcodes, languages, education) and
their existing services, each with the history of its changes.

Every lookup goes through `portal.access`: another network's id is a 404. Every change goes
through `portal.network_settings`, which refuses the same on its own.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal import access, history
from portal.models import Role
from portal.network_forms import ExistingServiceForm, NetworkSettingsForm
from portal.network_settings import (
    delete_existing_service,
    save_existing_service,
    update_network_settings,
)
from portal.permissions import role_required


@role_required(Role.NETWORK_STAFF)
def network_list(request):
    networks = access.networks_managed_by(request.user).prefetch_related(
        "postcode_ranges", "existing_services"
    )
    return render(request, "portal/networks.html", {"networks": networks})


@role_required(Role.NETWORK_STAFF)
def network_settings(request, pk: int):
    network = access.get_network_for_staff(request.user, pk)
    form = NetworkSettingsForm(request.POST or None, network=network)
    if request.method == "POST" and form.is_valid():
        try:
            update_network_settings(network, form.cleaned_data, actor=request.user)
        except ValidationError as error:
            form.add_refusals(error)
        else:
            messages.success(request, _("De instellingen van het netwerk zijn bewaard."))
            return redirect("network_settings", pk=network.pk)
    context = {
        "network": network,
        "form": form,
        "services": network.existing_services.all(),
        "changes": history.changes_of_network(network),
    }
    return render(
        request, "portal/network_settings.html", context, status=422 if form.errors else 200
    )


@role_required(Role.NETWORK_STAFF)
def existing_service_add(request, pk: int):
    network = access.get_network_for_staff(request.user, pk)
    return _service_form(request, network, None)


@role_required(Role.NETWORK_STAFF)
def existing_service_edit(request, pk: int, service_pk: int):
    service = access.get_existing_service_for_staff(request.user, pk, service_pk)
    return _service_form(request, service.network, service)


def _service_form(request, network, service):
    form = ExistingServiceForm(request.POST or None, service=service)
    if request.method == "POST" and form.is_valid():
        try:
            save_existing_service(network, form.cleaned_data, actor=request.user, service=service)
        except ValidationError as error:
            form.add_refusals(error)
        else:
            messages.success(request, _("De bestaande werking is bewaard."))
            return redirect("network_settings", pk=network.pk)
    return render(
        request,
        "portal/existing_service_form.html",
        {"network": network, "service": service, "form": form},
        status=422 if form.errors else 200,
    )


@role_required(Role.NETWORK_STAFF)
def existing_service_delete(request, pk: int, service_pk: int):
    service = access.get_existing_service_for_staff(request.user, pk, service_pk)
    if request.method == "POST":
        delete_existing_service(service, actor=request.user)
        messages.success(request, _("De werking %(name)s is verwijderd.") % {"name": service.name})
        return redirect("network_settings", pk=service.network_id)
    return render(request, "portal/existing_service_delete.html", {"service": service})
