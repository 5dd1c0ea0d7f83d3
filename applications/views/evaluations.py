"""The evaluations of a call-3 cooperation agreement: their history and the form that
records the next one, for the network's coordinator and for the psychologist."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from applications import services
from applications.access import get_agreement_for_user
from applications.engine import evaluations
from applications.forms.evaluation import EvaluationForm
from portal import client_data


@login_required
def agreement_evaluations(request, application_pk: int):
    agreement = get_agreement_for_user(request.user, application_pk)
    form = EvaluationForm()
    if request.method == "POST":
        form = EvaluationForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.record_evaluation(agreement, actor=request.user, data=form.cleaned_data)
            except ValidationError as error:
                form.add_refusals(error)
            else:
                messages.success(
                    request,
                    _("De evaluatie is geregistreerd. De volgende evaluatie is gepland op %(day)s.")
                    % {"day": form.cleaned_data["next_evaluation_date"].strftime("%d/%m/%Y")},
                )
                client_data.warn(request, services.evaluation_warnings(form.cleaned_data))
                return redirect("applications:agreement_evaluations", application_pk)
    today = timezone.localdate()
    application = agreement.application
    context = {
        "agreement": agreement,
        "application": application,
        "allocation": getattr(application, "allocation", None),
        "evaluations": agreement.evaluations.select_related("recorded_by"),
        "overdue": evaluations.is_overdue(agreement.next_evaluation_date, today),
        "blocked_since": evaluations.blocked_since(agreement.next_evaluation_date),
        "form": form,
    }
    return render(request, "applications/agreement_evaluations.html", context)
