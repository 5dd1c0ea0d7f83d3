"""Erasing a support request's contact data: by its requester through the follow link, by
an administrator on request, or by the retention task 24 months after closing
(docs/privacy.md).

What goes is who asked and what they wrote (the free text may name people); what stays is
what the funnel counts: the state and its dates, the network, postcode, municipality, kind
of place, work form, themes, number of actors and the feedback score. The request's
history keeps its lines, without their notes, and gains one saying when it was erased.
"""

from django.db import transaction
from django.utils import timezone

from demand.models import Proposal, RequestEvent, RequestEventKind, RequestState, SupportRequest
from demand.services import history
from demand.services.working import withdraw_pending

# The texts of a request that may identify someone; all are emptied.
CONTACT_FIELDS = (
    "requester_name",
    "requester_role",
    "organisation",
    "email",
    "phone",
    "question",
    "closing_note",
    "feedback_comment",
)


def erase_contact_data(support_request: SupportRequest, *, actor=None) -> bool:
    """Empty the request's contact data and free texts; False when they were already gone."""
    with transaction.atomic():
        locked = SupportRequest.objects.select_for_update().get(pk=support_request.pk)
        if locked.erased_at is not None:
            return False
        _erase(locked, actor)
    return True


def withdraw_and_erase(support_request: SupportRequest) -> None:
    """The requester's own wish, from the follow link: an open request is withdrawn first
    (its pending proposals with it), then its contact data are erased."""
    with transaction.atomic():
        locked = SupportRequest.objects.select_for_update().get(pk=support_request.pk)
        if not locked.is_closed:
            withdraw_pending(locked)
            history.transition(locked, RequestState.WITHDRAWN)
        if locked.erased_at is None:
            _erase(locked, None)


def _erase(locked: SupportRequest, actor) -> None:
    for name in CONTACT_FIELDS:
        setattr(locked, name, "")
    locked.erased_at = timezone.now()
    locked.save(update_fields=[*CONTACT_FIELDS, "erased_at", "updated_at"])
    RequestEvent.objects.filter(request=locked).exclude(note="").update(note="")
    Proposal.objects.filter(request=locked).update(note="", decline_reason="")
    history.record(locked, RequestEventKind.ERASED, actor=actor)
