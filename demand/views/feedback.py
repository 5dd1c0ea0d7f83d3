"""The feedback page behind the signed link of the feedback e-mail (purpose "feedback").

No account: the token is the only key, and a bad, foreign or expired one is a 404. The
answer is saved once by demand.services.feedback; a second one changes nothing.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import render

from demand import links
from demand.forms import FeedbackForm
from demand.services import feedback
from portal.forms import add_refusals


def feedback_page(request, token: str):
    support_request = links.request_for_token(token, "feedback")
    if support_request.feedback_at is not None:
        return render(request, "demand/feedback_thanks.html", {"already": True})
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            newly = feedback.give_feedback(
                support_request, form.cleaned_data["score"], form.cleaned_data["comment"]
            )
        except ValidationError as error:
            add_refusals(form, error)
        else:
            return render(request, "demand/feedback_thanks.html", {"already": not newly})
    context = {"support_request": support_request, "form": form}
    return render(request, "demand/feedback.html", context)
