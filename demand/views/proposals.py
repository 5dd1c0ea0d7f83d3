"""A psychologist's proposals: the list, one proposal with its request, accept or decline.

A proposal of someone else is not found (404). The requester's contact is shown only once
the proposal is accepted.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from demand.forms import DeclineForm
from demand.models import Proposal, ProposalState
from demand.services import matching, working
from portal import client_data
from portal.forms import add_refusals
from portal.models import Role
from portal.permissions import current_psychologist, role_required


def _own_proposal(request, pk) -> Proposal:
    return get_object_or_404(
        Proposal.objects.select_related("request__network").prefetch_related("request__themes"),
        pk=pk,
        psychologist=current_psychologist(request),
    )


@role_required(Role.PSYCHOLOGIST)
def proposal_list(request):
    proposals = (
        Proposal.objects.filter(psychologist=current_psychologist(request))
        .select_related("request__network")
        .order_by("-created_at", "-pk")
    )
    return render(request, "demand/proposals.html", {"proposals": proposals})


def _page(request, proposal, decline_form=None):
    return render(
        request,
        "demand/proposal_detail.html",
        {
            "proposal": proposal,
            "support_request": proposal.request,
            "pending": proposal.state == ProposalState.PENDING,
            "accepted": proposal.state == ProposalState.ACCEPTED,
            "decline_form": decline_form or DeclineForm(prefix="decline"),
        },
    )


@role_required(Role.PSYCHOLOGIST)
def proposal_detail(request, pk):
    return _page(request, _own_proposal(request, pk))


def _answer(request, proposal, answer, success: str, form=None):
    """Run the answer; a refusal (answered already, withdrawn) is shown on the page, one of
    the reason's text (a client identifier) on the form, with the reason kept."""
    try:
        answer()
    except ValidationError as error:
        if form is not None and any(client_data.field_of(e) for e in error.error_list):
            add_refusals(form, error)
            return _page(request, proposal, form)
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
        if form is not None:
            client_data.warn(request, working.text_warnings(form.cleaned_data))
    return redirect("demand:proposal_detail", proposal.pk)


@role_required(Role.PSYCHOLOGIST)
@require_POST
def proposal_accept(request, pk):
    proposal = _own_proposal(request, pk)
    return _answer(
        request,
        proposal,
        lambda: matching.accept_proposal(proposal, psychologist=current_psychologist(request)),
        _("U heeft het voorstel aanvaard. U en de aanvrager krijgen elkaars gegevens per e-mail."),
    )


@role_required(Role.PSYCHOLOGIST)
@require_POST
def proposal_decline(request, pk):
    proposal = _own_proposal(request, pk)
    form = DeclineForm(request.POST, prefix="decline")
    if not form.is_valid():
        return _page(request, proposal, form)
    return _answer(
        request,
        proposal,
        lambda: matching.decline_proposal(
            proposal, psychologist=current_psychologist(request), reason=form.cleaned_data["reason"]
        ),
        _("U heeft het voorstel afgewezen. Het netwerk zoekt verder."),
        form,
    )
