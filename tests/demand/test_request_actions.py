"""What a network's worker does with a request: triage, notes, answered otherwise, not
eligible; every change in the history, every refusal with its code."""

import pytest
from django.core.exceptions import ValidationError
from post_office.models import Email

from demand.models import ProposalState, RequestEventKind, RequestState
from demand.services import working
from tests.demand.factories import ProposalFactory, SupportRequestFactory
from tests.factories import CoordinatorFactory, NetworkFactory, UserFactory

pytestmark = pytest.mark.django_db


def codes(error: ValidationError) -> list[str]:
    return [item.code for item in error.error_list]


@pytest.fixture
def support_request():
    return SupportRequestFactory()


@pytest.fixture
def coordinator(support_request):
    return CoordinatorFactory(networks=[support_request.network])


def test_taking_a_confirmed_request_in_triage_records_the_change(support_request, coordinator):
    working.take_in_triage(support_request, actor=coordinator)

    support_request.refresh_from_db()
    event = support_request.events.get()
    assert support_request.state == RequestState.IN_TRIAGE
    assert (event.from_state, event.to_state, event.actor) == (
        RequestState.CONFIRMED,
        RequestState.IN_TRIAGE,
        coordinator,
    )


def test_taking_a_request_in_triage_twice_is_refused(support_request, coordinator):
    working.take_in_triage(support_request, actor=coordinator)
    with pytest.raises(ValidationError) as refused:
        working.take_in_triage(support_request, actor=coordinator)
    assert codes(refused.value) == ["already_in_triage"]


def test_a_worker_of_another_network_is_refused(support_request):
    other = CoordinatorFactory(networks=[NetworkFactory(code="ADS", name="GG ADS")])
    with pytest.raises(ValidationError) as refused:
        working.add_note(support_request, actor=other, note="Gebeld.")
    assert codes(refused.value) == ["not_worker_of_request"]


def test_an_existing_service_of_the_network_works_its_requests(support_request):
    service = UserFactory(roles=("existing_service",))
    service.networks.add(support_request.network)
    working.add_note(support_request, actor=service, note="Teruggebeld.")
    assert support_request.events.filter(kind=RequestEventKind.NOTE).exists()


def test_an_unconfirmed_request_cannot_be_worked(coordinator):
    new = SupportRequestFactory(state=RequestState.NEW, confirmed_at=None)
    with pytest.raises(ValidationError) as refused:
        working.add_note(new, actor=coordinator, note="Gebeld.")
    assert codes(refused.value) == ["request_not_confirmed"]


def test_a_note_takes_a_confirmed_request_in_triage_and_is_in_the_history(
    support_request, coordinator
):
    working.add_note(support_request, actor=coordinator, note="  Aanvrager gebeld.  ")

    support_request.refresh_from_db()
    assert support_request.state == RequestState.IN_TRIAGE
    assert support_request.events.get(kind=RequestEventKind.NOTE).note == "Aanvrager gebeld."


@pytest.mark.parametrize("note", ["", "   \n "])
def test_an_empty_note_is_refused(support_request, coordinator, note):
    with pytest.raises(ValidationError) as refused:
        working.add_note(support_request, actor=coordinator, note=note)
    assert codes(refused.value) == ["note_required"]
    assert not support_request.events.exists()


def test_answered_otherwise_closes_with_the_note(support_request, coordinator):
    working.answer_otherwise(support_request, actor=coordinator, note="Doorverwezen naar het CAW.")

    support_request.refresh_from_db()
    assert support_request.state == RequestState.ANSWERED_OTHERWISE
    assert support_request.closing_note == "Doorverwezen naar het CAW."
    assert support_request.closed_at is not None
    assert [e.to_state for e in support_request.events.all()] == [
        RequestState.IN_TRIAGE,
        RequestState.ANSWERED_OTHERWISE,
    ]


def test_answered_otherwise_needs_a_note(support_request, coordinator):
    with pytest.raises(ValidationError) as refused:
        working.answer_otherwise(support_request, actor=coordinator, note=" ")
    assert codes(refused.value) == ["note_required"]


def test_not_eligible_needs_a_reason(support_request, coordinator):
    with pytest.raises(ValidationError) as refused:
        working.close_not_eligible(support_request, actor=coordinator, reason="")
    assert codes(refused.value) == ["reason_required"]


def test_closing_as_not_eligible_withdraws_the_waiting_proposals(support_request, coordinator):
    support_request.state = RequestState.PROPOSED
    support_request.save()
    proposal = ProposalFactory(request=support_request)

    working.close_not_eligible(support_request, actor=coordinator, reason="Over cliënten.")

    proposal.refresh_from_db()
    support_request.refresh_from_db()
    assert support_request.state == RequestState.NOT_ELIGIBLE
    assert proposal.state == ProposalState.WITHDRAWN


def test_a_closed_request_is_not_closed_again(support_request, coordinator):
    working.close_not_eligible(support_request, actor=coordinator, reason="School.")
    with pytest.raises(ValidationError) as refused:
        working.answer_otherwise(support_request, actor=coordinator, note="CAW.")
    assert codes(refused.value) == ["request_closed"]


def test_a_matched_request_is_not_answered_otherwise(support_request, coordinator):
    support_request.state = RequestState.MATCHED
    support_request.save()
    with pytest.raises(ValidationError) as refused:
        working.answer_otherwise(support_request, actor=coordinator, note="CAW.")
    assert codes(refused.value) == ["already_matched"]


def test_working_a_request_sends_no_mail(support_request, coordinator):
    working.answer_otherwise(support_request, actor=coordinator, note="CAW.")
    assert not Email.objects.exists()
