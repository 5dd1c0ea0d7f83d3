"""The link to hours: a call-3 or call-4 activity names the matched request it answers;
the first one makes the request done and asks its requester for feedback, once."""

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from post_office.models import Email

from demand.models import ProposalState, RequestEventKind, RequestState
from registrations import services
from registrations.forms import RegistrationForm
from tests.demand.factories import ProposalFactory, SupportRequestFactory
from tests.factories import NetworkFactory, PsychologistFactory
from tests.registrations.helpers import TODAY, allocation_of

pytestmark = pytest.mark.django_db


def absolute(path: str) -> str:
    return f"https://portaal.example{path}"


def workshop(day=date(2025, 3, 3), **extra):
    return {
        "date": day,
        "start_time": time(9, 0),
        "duration_minutes": 120,
        "work_form": "workshop",
        "attendees": 8,
        "attendee_roles": "huisartsen",
        "subject": "Emotieregulatie",
        **extra,
    }


def matched_request(psychologist, network=None, **fields):
    """A request in state MATCHED whose proposal to `psychologist` was accepted."""
    network = network or psychologist.networks.first()
    support_request = SupportRequestFactory(
        network=network, state=RequestState.MATCHED, language="fr-be", **fields
    )
    ProposalFactory(
        request=support_request, psychologist=psychologist, state=ProposalState.ACCEPTED
    )
    return support_request


def register(allocation, data):
    return services.register_activity(
        allocation.psychologist, allocation.pk, data, today=TODAY, absolute_url=absolute
    )


def codes(excinfo) -> set[str]:
    return {error.code for error in excinfo.value.error_list}


@pytest.fixture
def call4():
    return allocation_of(4)


def test_the_first_activity_on_a_request_makes_it_done_with_a_history_line(call4):
    support_request = matched_request(call4.psychologist)
    registration = register(call4, workshop(support_request=support_request))
    support_request.refresh_from_db()
    assert registration.support_request == support_request
    assert support_request.state == RequestState.DONE
    event = support_request.events.get(kind=RequestEventKind.ACTIVITY)
    assert (event.from_state, event.to_state) == (RequestState.MATCHED, RequestState.DONE)
    assert event.actor == call4.psychologist.user


def test_the_requester_gets_one_feedback_mail_in_the_request_language(call4):
    support_request = matched_request(call4.psychologist)
    register(call4, workshop(support_request=support_request))
    mail = Email.objects.get(to=[support_request.email])
    assert "https://portaal.example/vraag/feedback/" in mail.message
    assert '<html lang="fr-be">' in mail.html_message
    support_request.refresh_from_db()
    assert support_request.feedback_asked_at is not None


def test_the_feedback_mail_is_sent_once_even_after_a_second_registration(call4):
    support_request = matched_request(call4.psychologist)
    register(call4, workshop(support_request=support_request))
    register(call4, workshop(day=date(2025, 3, 10), support_request=support_request))
    assert Email.objects.filter(to=[support_request.email]).count() == 1
    assert support_request.events.filter(kind=RequestEventKind.ACTIVITY).count() == 2


def test_a_call3_activity_may_answer_a_request():
    allocation = allocation_of(3)
    support_request = matched_request(allocation.psychologist)
    register(allocation, workshop(work_form="advice", attendees=3, support_request=support_request))
    support_request.refresh_from_db()
    assert support_request.state == RequestState.DONE


def test_a_call2_allocation_cannot_link_a_request():
    allocation = allocation_of(2)
    support_request = matched_request(allocation.psychologist)
    data = workshop(work_form="presence", attendees=3, support_request=support_request)
    with pytest.raises(ValidationError) as excinfo:
        register(allocation, data)
    assert codes(excinfo) == {"request_not_for_this_call"}
    support_request.refresh_from_db()
    assert support_request.state == RequestState.MATCHED


def test_a_request_matched_to_another_psychologist_is_refused(call4):
    support_request = matched_request(PsychologistFactory())
    with pytest.raises(ValidationError) as excinfo:
        register(call4, workshop(support_request=support_request))
    assert codes(excinfo) == {"request_not_matched_to_you"}
    assert not Email.objects.exists()


def test_a_proposal_not_accepted_does_not_link(call4):
    support_request = matched_request(call4.psychologist)
    support_request.proposals.update(state=ProposalState.PENDING)
    with pytest.raises(ValidationError) as excinfo:
        register(call4, workshop(support_request=support_request))
    assert codes(excinfo) == {"request_not_matched_to_you"}


def test_a_request_not_matched_yet_is_refused(call4):
    support_request = matched_request(call4.psychologist)
    support_request.state = RequestState.PROPOSED
    support_request.save()
    with pytest.raises(ValidationError) as excinfo:
        register(call4, workshop(support_request=support_request))
    assert codes(excinfo) == {"request_not_matched_to_you"}


def test_a_request_of_another_network_is_refused(call4):
    other = NetworkFactory(code="ADS", name="GG ADS")
    support_request = matched_request(call4.psychologist, network=other)
    with pytest.raises(ValidationError) as excinfo:
        register(call4, workshop(support_request=support_request))
    assert codes(excinfo) == {"request_not_matched_to_you"}


def test_a_request_can_be_linked_when_the_registration_is_changed(call4):
    support_request = matched_request(call4.psychologist)
    registration = register(call4, workshop())
    services.update_registration(
        registration, {"support_request": support_request}, today=TODAY, absolute_url=absolute
    )
    support_request.refresh_from_db()
    assert support_request.state == RequestState.DONE
    assert Email.objects.filter(to=[support_request.email]).count() == 1


def test_changing_a_linked_registration_otherwise_asks_nothing_again(call4):
    support_request = matched_request(call4.psychologist)
    registration = register(call4, workshop(support_request=support_request))
    services.update_registration(registration, {"attendees": 9}, today=TODAY)
    assert Email.objects.filter(to=[support_request.email]).count() == 1
    assert support_request.events.filter(kind=RequestEventKind.ACTIVITY).count() == 1


def test_the_form_offers_only_the_psychologists_matched_requests(call4):
    mine = matched_request(call4.psychologist)
    matched_request(PsychologistFactory())
    form = RegistrationForm(allocation=call4)
    assert list(form.fields["support_request"].queryset) == [mine]


def test_the_form_asks_no_request_for_a_call2_allocation():
    allocation = allocation_of(2)
    matched_request(allocation.psychologist)
    assert "support_request" not in RegistrationForm(allocation=allocation).fields


def test_a_foreign_request_id_posted_to_the_form_is_a_form_error(client, call4):
    matched_request(call4.psychologist)
    foreign = matched_request(PsychologistFactory())
    client.force_login(call4.psychologist.user)
    data = workshop(support_request=foreign.pk, date="2025-03-03", start_time="09:00")
    response = client.post(reverse("registrations:create", args=[call4.pk]), data)
    assert response.status_code == 200
    assert "support_request" in response.context["form"].errors
    foreign.refresh_from_db()
    assert foreign.state == RequestState.MATCHED


@pytest.mark.parametrize("value", ["abc", "-1", "99999999999999999999", "1' OR '1'='1", "\x00"])
def test_hostile_request_values_never_give_a_server_error(client, call4, value):
    matched_request(call4.psychologist)
    client.force_login(call4.psychologist.user)
    data = workshop(support_request=value, date="2025-03-03", start_time="09:00")
    response = client.post(reverse("registrations:create", args=[call4.pk]), data)
    assert response.status_code == 200
    assert "support_request" in response.context["form"].errors


def test_an_erased_request_is_done_without_a_feedback_mail(call4):
    support_request = matched_request(call4.psychologist, email="")
    register(call4, workshop(support_request=support_request))
    support_request.refresh_from_db()
    assert support_request.state == RequestState.DONE
    assert not Email.objects.exists()
    assert support_request.feedback_asked_at is None
