"""Factories of the demand side: support requests and proposals (factory_boy)."""

from datetime import timedelta

import factory
from django.utils import timezone

from applications.models import ApplicationStatus
from demand.models import Proposal, RequestState, SupportRequest
from portal.models import FindplaceKind
from tests.factories import (
    AllocationFactory,
    ApplicationFactory,
    NetworkFactory,
    PsychologistFactory,
    call,
)


class SupportRequestFactory(factory.django.DjangoModelFactory):
    """A confirmed request of a GP practice in Gent for the network Het PAKT."""

    class Meta:
        model = SupportRequest

    network = factory.SubFactory(NetworkFactory, code="PAKT", name="Het PAKT")
    state = RequestState.CONFIRMED
    requester_name = "Els De Smet"
    requester_role = "Huisarts"
    organisation = factory.Sequence(lambda n: f"Huisartsenpraktijk {n}")
    email = factory.Sequence(lambda n: f"vrager{n}@example.org")
    postcode = "9000"
    municipality = "Gent"
    place_kind = FindplaceKind.GP_PRACTICE
    question = "Hoe gaan we om met patiënten die vastlopen in piekeren?"
    work_form = "workshop"
    expected_attendees = 8
    in_direct_contact = True
    confirmed_at = factory.LazyFunction(timezone.now)


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    request = factory.SubFactory(SupportRequestFactory)
    psychologist = factory.SubFactory(PsychologistFactory)


def register_psychologist(network, **fields):
    """A psychologist of `network` in the call-4 register (an approved, running allocation)."""
    psychologist = PsychologistFactory(networks=[network], **fields)
    application = ApplicationFactory(
        psychologist=psychologist,
        network=network,
        call=call(4),
        findplace=None,
        status=ApplicationStatus.APPROVED,
        start_date=timezone.localdate() - timedelta(days=10),
    )
    AllocationFactory(application=application)
    return psychologist
