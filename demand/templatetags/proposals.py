"""The proposals waiting for a psychologist's answer, on their overview page.

A tag, not part of the overview's cached content: a new proposal does not change the
psychologist's data version, and `applications` may not import `demand` (the direction of
docs/architecture.md), so the overview page asks this tag at render time.
"""

from django import template

from demand.models import Proposal, ProposalState

register = template.Library()


@register.inclusion_tag("demand/_pending_proposals.html", takes_context=True)
def pending_proposals(context):
    user = context["request"].user
    pending = Proposal.objects.filter(
        psychologist__user=user, state=ProposalState.PENDING
    ).select_related("request")
    return {"proposals": list(pending.order_by("created_at", "pk")[:10])}
