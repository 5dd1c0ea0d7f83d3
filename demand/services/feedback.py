"""The requester's one answer to the feedback question: was the support useful (1–5)?

Saved once: a second answer changes nothing (the page thanks them and says so). The score,
the comment's length and a client identifier in it (portal.client_data, refused on the
field "comment") are checked here too, whatever page or script sends them. No warning on
an e-mail address or phone: the answer is given once, a warning after it changes nothing.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from demand.models import RequestEventKind, SupportRequest
from demand.services import history
from portal import client_data
from portal.validators import too_long

MIN_SCORE, MAX_SCORE = 1, 5


def give_feedback(support_request: SupportRequest, score: int, comment: str = "") -> bool:
    """Store the requester's answer; False (and nothing changes) when they answered before."""
    if isinstance(score, bool) or not isinstance(score, int) or not MIN_SCORE <= score <= MAX_SCORE:
        raise ValidationError(
            _("Kies een score van 1 (helemaal niet nuttig) tot 5 (heel nuttig)."),
            code="feedback_score_out_of_range",
        )
    comment = (comment or "").strip()
    errors = too_long(SupportRequest, {"feedback_comment": comment})
    label = SupportRequest._meta.get_field("feedback_comment").verbose_name
    errors += client_data.client_identifier_errors({"comment": comment}, {"comment": label})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        support_request = SupportRequest.objects.select_for_update().get(pk=support_request.pk)
        if support_request.feedback_at is not None:
            return False
        support_request.feedback_score = score
        support_request.feedback_comment = comment
        support_request.feedback_at = timezone.now()
        support_request.save(
            update_fields=["feedback_score", "feedback_comment", "feedback_at", "updated_at"]
        )
        history.record(support_request, RequestEventKind.FEEDBACK)
    return True
