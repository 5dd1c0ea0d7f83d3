"""Pages of local coordinators and existing services, one module per page family.

Every lookup goes through applications.access (someone else's network → 404); decisions
are POST-only and go through one service call each.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect

from coordination.forms import add_service_errors


def page_of(request, queryset, size: int, param: str = "page"):
    """The page of `queryset` the request asks for (?page=, or `param` on a page with two
    paged tables), `size` rows a page."""
    return Paginator(queryset, size).get_page(request.GET.get(param))


def run_decision(request, form, decide, success: str, done_url: str, page):
    """Run one decision: parse the form, call the service, then go to `done_url`; on a
    refusal, `page(form)` shows the page again with the errors and the input kept."""
    if form.is_valid():
        try:
            decide(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(done_url)
    return page(form)
