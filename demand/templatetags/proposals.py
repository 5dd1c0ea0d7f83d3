"""The proposals waiting for a psychologist's answer, on their overview page.

A tag, not part of the overview's cached content: `applications` may not import `demand`
(the direction of docs/architecture.md), so the overview page asks this tag at render
time; the list itself is cached (demand.pending_cache).
"""

from django import template

from demand import pending_cache

register = template.Library()


@register.inclusion_tag("demand/_pending_proposals.html", takes_context=True)
def pending_proposals(context):
    return {"proposals": pending_cache.pending_proposals(context["request"].user)}
