"""Proposing psychologists of the register and their answers: accept matches the request
and mails both sides each other's contact; declines by everyone send it back to triage."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from post_office.models import Email

from demand.models import ProposalState, RequestEventKind, RequestState
from demand.services import matching
from tests.demand.factories import SupportRequestFactory, register_psychologist
from tests.factories import CoordinatorFactory, NetworkFactory, PsychologistFactory

pytestmark = pytest.mark.django_db


def codes(error: ValidationError) -> list[str]:
    return [item.code for item in error.error_list]


@pytest.fixture
def support_request():
    return SupportRequestFactory(phone="09 123 45 67")


@pytest.fixture
def coordinator(support_request):
    return CoordinatorFactory(networks=[support_request.network])


def propose(support_request, coordinator, *psychologists, note=""):
    return matching.propose(
        support_request,
        [p.pk for p in psychologists],
        actor=coordinator,
        note=note,
        today=timezone.localdate(),
        absolute_url=lambda path: f"https://portaal.example.org{path}",
    )


def test_proposing_creates_proposals_and_moves_the_request_to_proposed(
    support_request, coordinator
):
    first = register_psychologist(support_request.network)
    second = register_psychologist(support_request.network)

    proposals = propose(support_request, coordinator, first, second, note="Graag snel.")

    support_request.refresh_from_db()
    assert support_request.state == RequestState.PROPOSED
    assert {p.psychologist for p in proposals} == {first, second}
    assert {p.note for p in proposals} == {"Graag snel."}
    assert support_request.events.filter(kind=RequestEventKind.PROPOSED).count() == 2


def test_each_proposed_psychologist_gets_a_mail_with_the_link(support_request, coordinator):
    psychologist = register_psychologist(support_request.network)
    proposal = propose(support_request, coordinator, psychologist)[0]

    email = Email.objects.get()
    assert email.to == [psychologist.user.email]
    assert f"https://portaal.example.org/voorstellen/{proposal.pk}/" in email.message
    assert support_request.email not in email.message


def test_the_proposal_mail_is_in_the_psychologists_language(support_request, coordinator):
    psychologist = register_psychologist(support_request.network)
    psychologist.user.language = "fr-be"
    psychologist.user.save()
    propose(support_request, coordinator, psychologist)
    assert "Art. 8" in Email.objects.get().subject


def test_proposing_someone_twice_is_refused(support_request, coordinator):
    psychologist = register_psychologist(support_request.network)
    propose(support_request, coordinator, psychologist)
    with pytest.raises(ValidationError) as refused:
        propose(support_request, coordinator, psychologist)
    assert codes(refused.value) == ["already_proposed"]


def test_proposing_a_psychologist_outside_the_register_is_refused(support_request, coordinator):
    outside = PsychologistFactory(networks=[support_request.network])
    with pytest.raises(ValidationError) as refused:
        propose(support_request, coordinator, outside)
    assert codes(refused.value) == ["not_in_register"]
    assert not support_request.proposals.exists()


def test_proposing_a_psychologist_of_another_network_is_refused(support_request, coordinator):
    other = register_psychologist(NetworkFactory(code="ADS", name="GG ADS"))
    with pytest.raises(ValidationError) as refused:
        propose(support_request, coordinator, other)
    assert codes(refused.value) == ["not_in_register"]


def test_proposing_nobody_is_refused(support_request, coordinator):
    with pytest.raises(ValidationError) as refused:
        propose(support_request, coordinator)
    assert codes(refused.value) == ["no_psychologist_chosen"]


def test_accepting_matches_the_request_and_withdraws_the_others(support_request, coordinator):
    first = register_psychologist(support_request.network)
    second = register_psychologist(support_request.network)
    accepted, other = propose(support_request, coordinator, first, second)

    matching.accept_proposal(accepted, psychologist=first)

    support_request.refresh_from_db()
    other.refresh_from_db()
    accepted.refresh_from_db()
    assert support_request.state == RequestState.MATCHED
    assert support_request.matched_at is not None
    assert accepted.state == ProposalState.ACCEPTED
    assert other.state == ProposalState.WITHDRAWN


def test_on_accept_both_sides_get_each_others_contact(support_request, coordinator):
    psychologist = register_psychologist(support_request.network)
    proposal = propose(support_request, coordinator, psychologist)[0]
    Email.objects.all().delete()

    matching.accept_proposal(proposal, psychologist=psychologist)

    to_requester = Email.objects.get(to=[support_request.email])
    to_psychologist = Email.objects.get(to=[psychologist.user.email])
    assert psychologist.user.email in to_requester.message
    assert psychologist.name in to_requester.message
    for contact in (support_request.requester_name, support_request.organisation, "09 123 45 67"):
        assert contact in to_psychologist.message
    assert support_request.email in to_psychologist.message


def test_answering_twice_is_refused(support_request, coordinator):
    psychologist = register_psychologist(support_request.network)
    proposal = propose(support_request, coordinator, psychologist)[0]
    matching.accept_proposal(proposal, psychologist=psychologist)
    with pytest.raises(ValidationError) as refused:
        matching.decline_proposal(proposal, psychologist=psychologist, reason="Toch niet.")
    assert codes(refused.value) == ["proposal_answered"]


def test_someone_elses_proposal_cannot_be_answered(support_request, coordinator):
    psychologist = register_psychologist(support_request.network)
    proposal = propose(support_request, coordinator, psychologist)[0]
    with pytest.raises(ValidationError) as refused:
        matching.accept_proposal(proposal, psychologist=PsychologistFactory())
    assert codes(refused.value) == ["not_proposed_to_you"]


def test_declining_needs_a_reason(support_request, coordinator):
    psychologist = register_psychologist(support_request.network)
    proposal = propose(support_request, coordinator, psychologist)[0]
    with pytest.raises(ValidationError) as refused:
        matching.decline_proposal(proposal, psychologist=psychologist, reason="  ")
    assert codes(refused.value) == ["reason_required"]


def test_one_decline_of_two_keeps_the_request_proposed(support_request, coordinator):
    first = register_psychologist(support_request.network)
    second = register_psychologist(support_request.network)
    declined, _other = propose(support_request, coordinator, first, second)

    matching.decline_proposal(declined, psychologist=first, reason="Geen tijd.")

    support_request.refresh_from_db()
    declined.refresh_from_db()
    assert support_request.state == RequestState.PROPOSED
    assert (declined.state, declined.decline_reason) == (ProposalState.DECLINED, "Geen tijd.")


def test_when_everyone_declines_the_request_goes_back_in_triage(support_request, coordinator):
    first = register_psychologist(support_request.network)
    second = register_psychologist(support_request.network)
    one, two = propose(support_request, coordinator, first, second)

    matching.decline_proposal(one, psychologist=first, reason="Geen tijd.")
    matching.decline_proposal(two, psychologist=second, reason="Buiten mijn thema.")

    support_request.refresh_from_db()
    last = support_request.events.last()
    assert support_request.state == RequestState.IN_TRIAGE
    assert (last.kind, last.from_state, last.note) == (
        RequestEventKind.DECLINED,
        RequestState.PROPOSED,
        f"{second.name}: Buiten mijn thema.",
    )


def test_a_withdrawn_request_cannot_be_accepted(support_request, coordinator):
    psychologist = register_psychologist(support_request.network)
    proposal = propose(support_request, coordinator, psychologist)[0]
    support_request.refresh_from_db()
    support_request.state = RequestState.WITHDRAWN
    support_request.save()
    with pytest.raises(ValidationError) as refused:
        matching.accept_proposal(proposal, psychologist=psychologist)
    assert codes(refused.value) == ["request_closed"]
