"""The inbox of a network's workers (coordinators, existing services) and the request
page with its actions. Every lookup goes through demand.access: another network's request
is not found (404); each action is one service call, its refusal shown on the page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from demand import forms
from demand.access import get_request_for_worker, requests_worked_by
from demand.filters import CandidateFilter, InboxFilter
from demand.selectors import working as selectors
from demand.services import matching, working
from portal import client_data
from portal.forms import add_refusals
from portal.models import Role
from portal.permissions import role_required

INBOX_PAGE_SIZE = 25
WORKERS = (Role.COORDINATOR, Role.EXISTING_SERVICE)


@role_required(*WORKERS)
def inbox(request):
    worked = requests_worked_by(request.user)
    inbox_filter = InboxFilter(request.GET or None, queryset=selectors.inbox_rows(worked))
    page_obj = Paginator(inbox_filter.qs, INBOX_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "demand/inbox.html",
        {
            "filter": inbox_filter,
            "page_obj": page_obj,
            "state_counts": selectors.state_counts(worked),
        },
    )


def _page(request, support_request, **replaced):
    candidates = selectors.candidates(support_request, timezone.localdate())
    context = {
        "support_request": support_request,
        "themes": list(support_request.themes.all()),
        "proposals": list(support_request.proposals.select_related("psychologist__user")),
        "events": list(support_request.events.select_related("actor")),
        "candidates": candidates,
        "note_form": forms.NoteForm(prefix="note"),
        "otherwise_form": forms.AnswerOtherwiseForm(prefix="otherwise"),
        "not_eligible_form": forms.NotEligibleForm(prefix="not_eligible"),
        "propose_form": forms.ProposeForm(prefix="propose", candidates=candidates),
        **replaced,
    }
    return render(request, "demand/request_detail.html", context)


@role_required(*WORKERS)
def request_detail(request, pk):
    return _page(request, get_request_for_worker(request.user, pk))


def _act(request, pk, form_class, prefix, act, success):
    """One action of the request page: parse, call the service, back to the page."""
    support_request = get_request_for_worker(request.user, pk)
    kwargs = {}
    if form_class is forms.ProposeForm:
        kwargs["candidates"] = selectors.candidates(support_request, timezone.localdate())
    form = form_class(request.POST, prefix=prefix, **kwargs) if form_class else None
    if form is not None and not form.is_valid():
        return _page(request, support_request, **{f"{prefix}_form": form})
    try:
        act(support_request, form.cleaned_data if form else {})
    except ValidationError as error:
        if form is None:
            for message in error.messages:
                messages.error(request, message)
            return redirect("demand:request_detail", pk)
        add_refusals(form, error)
        support_request.refresh_from_db()
        return _page(request, support_request, **{f"{prefix}_form": form})
    messages.success(request, success)
    client_data.warn(request, working.text_warnings(form.cleaned_data if form else {}))
    return redirect("demand:request_detail", pk)


@role_required(*WORKERS)
@require_POST
def take_in_triage(request, pk):
    return _act(
        request,
        pk,
        None,
        "",
        lambda sr, data: working.take_in_triage(sr, actor=request.user),
        _("U heeft de vraag in behandeling genomen."),
    )


@role_required(*WORKERS)
@require_POST
def add_note(request, pk):
    return _act(
        request,
        pk,
        forms.NoteForm,
        "note",
        lambda sr, data: working.add_note(sr, actor=request.user, note=data["note"]),
        _("De notitie staat in de geschiedenis."),
    )


@role_required(*WORKERS)
@require_POST
def answer_otherwise(request, pk):
    return _act(
        request,
        pk,
        forms.AnswerOtherwiseForm,
        "otherwise",
        lambda sr, data: working.answer_otherwise(sr, actor=request.user, note=data["note"]),
        _("De vraag is afgesloten als anders beantwoord."),
    )


@role_required(*WORKERS)
@require_POST
def close_not_eligible(request, pk):
    return _act(
        request,
        pk,
        forms.NotEligibleForm,
        "not_eligible",
        lambda sr, data: working.close_not_eligible(sr, actor=request.user, reason=data["reason"]),
        _("De vraag is afgesloten: ze komt niet in aanmerking."),
    )


@role_required(*WORKERS)
@require_POST
def propose(request, pk):
    return _act(
        request,
        pk,
        forms.ProposeForm,
        "propose",
        lambda sr, data: matching.propose(
            sr,
            data["psychologists"],
            actor=request.user,
            note=data["note"],
            today=timezone.localdate(),
            absolute_url=request.build_absolute_uri,
        ),
        _("De gekozen psychologen zijn voorgesteld en krijgen een e-mail."),
    )


@role_required(*WORKERS)
def search(request, pk):
    """The register of the request's network, narrowed by themes, municipality, language;
    the chosen ones are proposed through the request page's propose action."""
    support_request = get_request_for_worker(request.user, pk)
    candidate_filter = CandidateFilter(request.GET or None)
    rows = selectors.candidates(
        support_request,
        timezone.localdate(),
        narrow=lambda qs: (
            candidate_filter.filter_queryset(qs) if candidate_filter.is_valid() else qs
        ),
    )
    return render(
        request,
        "demand/search.html",
        {
            "support_request": support_request,
            "filter": candidate_filter,
            "candidates": rows,
            "propose_form": forms.ProposeForm(prefix="propose", candidates=rows),
        },
    )
