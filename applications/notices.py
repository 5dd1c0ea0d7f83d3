"""What the network's local coordinators are told, so they need not watch the queue: a
submitted application, a partner's answer, an extra-hours request.

The services call these inside their transaction; each coordinator gets the e-mail at once,
in their daily digest or not, as they chose (portal.notifications.tell). Each e-mail links
the page where the coordinator acts; `absolute_url` (the view's request.build_absolute_uri)
makes that link whole, without it the `SITE_URL` setting does (portal.links).
"""

from django.urls import reverse

from portal.links import AbsoluteUrl, absolute
from portal.notifications import tell_coordinators


def _link(absolute_url: AbsoluteUrl | None, name: str, pk: int) -> str:
    return absolute(reverse(name, args=[pk]), absolute_url)


def application_submitted(application, absolute_url: AbsoluteUrl | None, *, resubmitted: bool):
    """A (re)submitted application waits for the coordinator's decision."""
    tell_coordinators(
        application.network_id,
        "coordinator_application_submitted",
        {
            "application": application,
            "resubmitted": resubmitted,
            "waiting_for_partner": application.edition.requires_partner_confirmation
            and application.partner_confirmed_at is None,
            "link": _link(absolute_url, "coordination:review", application.pk),
        },
        actor=application.psychologist.user,
    )


def partner_answered(application, absolute_url: AbsoluteUrl | None, *, accepted: bool):
    """The partner confirmed or declined: the application may be ready for a decision."""
    tell_coordinators(
        application.network_id,
        "coordinator_partner_answered",
        {
            "application": application,
            "accepted": accepted,
            "link": _link(absolute_url, "coordination:review", application.pk),
        },
    )


def extra_hours_requested(request, absolute_url: AbsoluteUrl | None, *, actor):
    """A psychologist asks for extra hours on an allocation: grant or refuse them."""
    allocation = request.allocation
    tell_coordinators(
        allocation.network_id,
        "coordinator_extra_hours_requested",
        {
            "extra_hours": request,
            "allocation": allocation,
            "link": _link(absolute_url, "coordination:extra_hours_review", request.pk),
        },
        actor=actor,
    )
