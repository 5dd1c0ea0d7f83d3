"""No client identifier in the texts of a support request and what follows it
(portal.client_data): the public form and the intake service refuse a national register
number in the question; a worker's note, a declined proposal's reason and the feedback
comment are refused too; an e-mail address or phone number is only warned about."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from demand import links
from demand.forms import SupportRequestForm
from demand.models import RequestEventKind, RequestState, SupportRequest
from demand.services import intake, matching, working
from demand.services.feedback import give_feedback
from portal.client_data import field_of
from tests.demand.factories import SupportRequestFactory, register_psychologist
from tests.demand.posts import aalst_network, form_post
from tests.factories import CoordinatorFactory

pytestmark = pytest.mark.django_db
URL = reverse("demand:request_form")
QUESTION = "Hoe helpen we de cliënt met rijksregisternummer 85.07.30-033.28?"


def refused_fields(call) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as excinfo:
        call()
    return [(item.code, field_of(item)) for item in excinfo.value.error_list]


def test_the_intake_service_refuses_a_national_register_number_in_the_question():
    aalst_network()
    form = SupportRequestForm(form_post(question=QUESTION))
    assert form.is_valid()
    refusals = refused_fields(
        lambda: intake.submit_public(
            form.service_data(), language="nl-be", absolute_url=lambda path: path
        )
    )
    assert refusals == [("client_identifier", "question")]
    assert not SupportRequest.objects.exists()


def test_the_public_form_shows_the_refusal_on_the_question_and_keeps_it(client):
    aalst_network()
    response = client.post(URL, form_post(question=QUESTION))
    assert response.status_code == 200
    assert "rijksregisternummer" in str(response.context["form"].errors["question"])
    assert "85.07.30-033.28" in response.content.decode()
    assert not SupportRequest.objects.exists()


def test_the_live_check_refuses_a_national_register_number_before_sending(client):
    response = client.post(reverse("demand:request_check"), form_post(question=QUESTION))
    assert 'data-code="client_identifier"' in response.content.decode()


def test_the_live_check_warns_about_a_phone_number_in_the_question(client):
    response = client.post(
        reverse("demand:request_check"), form_post(question="Bel mevrouw op 0470 12 34 56.")
    )
    assert 'data-testid="request-warnings"' in response.content.decode()


def test_a_request_with_an_e_mail_address_in_the_question_is_sent_with_a_warning(client):
    aalst_network()
    response = client.post(URL, form_post(question="Antwoord graag aan team@linde.be."))
    assert response.status_code == 302
    assert SupportRequest.objects.exists()
    [warning] = get_messages(response.wsgi_request)
    assert "e-mailadres" in str(warning)


def test_a_workers_note_with_a_national_register_number_is_refused():
    support_request = SupportRequestFactory()
    worker = CoordinatorFactory(networks=[support_request.network])
    refusals = refused_fields(
        lambda: working.add_note(support_request, actor=worker, note="rrn 85073003328")
    )
    assert refusals == [("client_identifier", "note")]
    assert not support_request.events.filter(kind=RequestEventKind.NOTE).exists()


def test_the_request_page_shows_the_refused_note_on_its_field(client):
    support_request = SupportRequestFactory()
    client.force_login(CoordinatorFactory(networks=[support_request.network]))
    response = client.post(
        reverse("demand:add_note", args=[support_request.pk]), {"note-note": "rrn 85073003328"}
    )
    assert "rijksregisternummer" in str(response.context["note_form"].errors["note"])


def test_a_declined_proposals_reason_with_a_national_register_number_is_refused():
    support_request = SupportRequestFactory()
    coordinator = CoordinatorFactory(networks=[support_request.network])
    psychologist = register_psychologist(support_request.network)
    [proposal] = matching.propose(
        support_request,
        [psychologist.pk],
        actor=coordinator,
        today=timezone.localdate(),
        absolute_url=lambda path: path,
    )
    refusals = refused_fields(
        lambda: matching.decline_proposal(
            proposal, psychologist=psychologist, reason="Ken cliënt 85073003328"
        )
    )
    assert refusals == [("client_identifier", "reason")]


def test_a_feedback_comment_with_a_national_register_number_is_refused():
    done = SupportRequestFactory(state=RequestState.DONE)
    refusals = refused_fields(lambda: give_feedback(done, 4, "Goed voor 85.07.30-033.28"))
    assert refusals == [("client_identifier", "comment")]


def test_the_feedback_page_shows_the_refusal_on_the_comment(client):
    done = SupportRequestFactory(state=RequestState.DONE)
    response = client.post(
        reverse("demand:feedback", args=[links.token_for(done, "feedback")]),
        {"score": "4", "comment": "Goed voor 85.07.30-033.28"},
    )
    assert "rijksregisternummer" in str(response.context["form"].errors["comment"])
