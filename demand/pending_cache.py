"""The proposals waiting for a psychologist's answer, read through the shared cache
(issue 17: the overview /mijn/ is cached, but this list cost a query on every visit).

The list is kept per user under the PENDING token, drawn anew after every committed save
or delete of a proposal or a support request (its organisation and municipality are
shown; an erasure saves the request) and after the bulk withdrawal of a settled request's
proposals, so an answer, a withdrawal or an erasure shows at once. Only what the list
shows is cached, none of the requester's contact data.
"""

from dataclasses import dataclass
from datetime import datetime

from demand.models import Proposal, ProposalState, SupportRequest
from portal.cache import get_or_render
from portal.cache_versions import CacheVersion

PENDING = CacheVersion("pending-proposals")
CACHE_SECONDS = 24 * 3600
SHOWN = 10


@dataclass(frozen=True)
class PendingProposal:
    pk: int
    organisation: str
    municipality: str
    created_at: datetime


def pending_proposals(user) -> list[PendingProposal]:
    """The first SHOWN proposals waiting for `user`'s answer, oldest first."""
    key = f"pending-proposals:{user.pk}:{PENDING.current()}"
    return get_or_render(key, lambda: _read(user), CACHE_SECONDS)


def _read(user) -> list[PendingProposal]:
    pending = Proposal.objects.filter(psychologist__user=user, state=ProposalState.PENDING)
    rows = pending.order_by("created_at", "pk").values_list(
        "pk", "request__organisation", "request__municipality", "created_at"
    )
    return [PendingProposal(*row) for row in rows[:SHOWN]]


def follow() -> None:
    PENDING.follow(Proposal)
    PENDING.follow(SupportRequest)
