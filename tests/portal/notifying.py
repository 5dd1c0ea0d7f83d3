"""The three events the network's coordinators are told of, each made through its service
as a user makes it, and the outbox read per recipient (for the notification tests)."""

from django.urls import reverse
from post_office.models import Email

from applications import services
from applications.models import ApplicationStatus
from tests.factories import AllocationFactory, ApplicationFactory, PsychologistFactory

PORTAL = "https://portaal.example.be"


def absolute(path: str) -> str:
    return PORTAL + path


def _application(network, **fields):
    return ApplicationFactory(psychologist=PsychologistFactory(networks=[network]), **fields)


def submit(network) -> str:
    """A psychologist of `network` submits an application; the link coordinators get."""
    application = _application(network, status=ApplicationStatus.DRAFT)
    services.submit_application(
        application, actor=application.psychologist.user, absolute_url=absolute
    )
    return absolute(reverse("coordination:review", args=[application.pk]))


def partner_confirms(network) -> str:
    application = _application(network, partner_confirmed_at=None)
    services.record_partner_answer(application, accept=True, absolute_url=absolute)
    return absolute(reverse("coordination:review", args=[application.pk]))


def partner_declines(network) -> str:
    application = _application(network, partner_confirmed_at=None)
    services.record_partner_answer(application, accept=False, absolute_url=absolute)
    return absolute(reverse("coordination:review", args=[application.pk]))


def request_extra_hours(network) -> str:
    allocation = AllocationFactory(
        application=_application(network, status=ApplicationStatus.APPROVED)
    )
    request = services.request_extra_hours(
        allocation,
        actor=allocation.psychologist.user,
        minutes=120,
        motivation="Veel vragen van de vindplaats.",
        absolute_url=absolute,
    )
    return absolute(reverse("coordination:extra_hours_review", args=[request.pk]))


# name of the event → what makes it in a network (returns the link to act on).
EVENTS = {
    "submitted": submit,
    "partner_confirmed": partner_confirms,
    "partner_declined": partner_declines,
    "extra_hours_requested": request_extra_hours,
}


def mails_to(user) -> list[Email]:
    return [email for email in Email.objects.order_by("pk") if user.email in email.to]
