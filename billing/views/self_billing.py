"""The psychologist's self-billing page: each of their networks' terms, and accepting them.

The network comes from the URL and is looked up among the psychologist's own networks
(`billing.access`): another network's id is a 404. The acceptance is always the signed-in
psychologist's own; nothing posted can name someone else.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from billing import access
from billing.forms import AcceptTermsForm
from billing.readiness_selectors import own_readiness
from billing.self_billing import CONTEST_DAYS, SELF_BILLING_TERMS_VERSION
from billing.services.self_billing import accept_terms
from portal.models import Role
from portal.permissions import current_psychologist, role_required


@role_required(Role.PSYCHOLOGIST)
def self_billing(request):
    return _page(request, current_psychologist(request))


@require_POST
@role_required(Role.PSYCHOLOGIST)
def self_billing_accept(request, pk: int):
    psychologist = current_psychologist(request)
    network = access.get_self_billing_network(psychologist, pk)
    form = AcceptTermsForm(request.POST)
    if not form.is_valid():
        refusal = [_("Laad de pagina opnieuw en aanvaard de voorwaarden met de knop.")]
        return _page(request, psychologist, network.pk, refusal)
    try:
        acceptance, created = accept_terms(
            psychologist, network, version=form.cleaned_data["version"]
        )
    except ValidationError as error:
        return _page(request, psychologist, network.pk, error.messages)
    if created:
        messages.success(
            request,
            _("U aanvaardde de voorwaarden voor autofacturatie van %(network)s.")
            % {"network": network.name},
        )
    else:
        messages.info(
            request,
            _("U had deze voorwaarden al aanvaard op %(when)s; er verandert niets.")
            % {"when": f"{timezone.localtime(acceptance.accepted_at):%d/%m/%Y}"},
        )
    return redirect("billing:self_billing")


def _page(request, psychologist, refused_network=None, refused_messages=()):
    context = {
        "psychologist": psychologist,
        "readiness": own_readiness(psychologist),
        "version": SELF_BILLING_TERMS_VERSION,
        "contest_days": CONTEST_DAYS,
        "refused_network": refused_network,
        "refused_messages": list(refused_messages),
    }
    status = 422 if refused_network else 200
    return render(request, "billing/self_billing.html", context, status=status)
