"""Reopening a closed month for one psychologist (docs/month-closing.md): the form, and
the months reopened in the coordinator's networks."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from coordination.reopen_forms import ReopenMonthForm
from coordination.selectors.reopenings import reopenings_of
from coordination.views import page_of
from portal.models import Role
from portal.permissions import role_required
from registrations.closing_services import reopen_month

PAGE_SIZE = 25


@role_required(Role.COORDINATOR)
def reopenings(request):
    form = ReopenMonthForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            reopening = reopen_month(
                data["network"],
                data["psychologist"],
                data["month"],
                until=data["until"],
                reason=data["reason"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_refusals(error)
        else:
            messages.success(
                request,
                _("%(month)s is heropend voor %(psychologist)s tot en met %(until)s.")
                % {
                    "month": reopening.month.strftime("%m/%Y"),
                    "psychologist": reopening.psychologist.name,
                    "until": reopening.until.strftime("%d/%m/%Y"),
                },
            )
            return redirect("coordination:reopenings")
    context = {"form": form, "page_obj": page_of(request, reopenings_of(request.user), PAGE_SIZE)}
    return render(
        request, "coordination/reopenings.html", context, status=422 if form.errors else 200
    )
