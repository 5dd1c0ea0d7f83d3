"""The request page and its actions: another network's request is not found, each action
goes through its service and is in the history."""

import pytest
from django.urls import reverse
from post_office.models import Email

from demand.models import RequestEventKind, RequestState
from tests.demand.factories import SupportRequestFactory, register_psychologist
from tests.factories import CoordinatorFactory, NetworkFactory, PsychologistFactory

pytestmark = pytest.mark.django_db
ACTIONS = ["take_in_triage", "add_note", "answer_otherwise", "not_eligible", "propose"]


@pytest.fixture
def support_request():
    return SupportRequestFactory()


@pytest.fixture
def worker_client(client, support_request):
    client.force_login(CoordinatorFactory(networks=[support_request.network]))
    return client


def url(name, support_request):
    return reverse(f"demand:{name}", args=[support_request.pk])


def test_the_page_shows_the_request_and_its_candidates(worker_client, support_request):
    candidate = register_psychologist(support_request.network)
    content = worker_client.get(url("request_detail", support_request)).content.decode()
    assert support_request.question in content
    assert candidate.name in content


def test_another_networks_request_is_not_found(client, support_request):
    client.force_login(CoordinatorFactory(networks=[NetworkFactory(code="ADS", name="GG ADS")]))
    assert client.get(url("request_detail", support_request)).status_code == 404
    for action in ACTIONS:
        assert client.post(url(action, support_request), {}).status_code == 404, action
    support_request.refresh_from_db()
    assert support_request.state == RequestState.CONFIRMED


def test_anonymous_users_are_sent_to_the_login(client, support_request):
    for name in ["request_detail", *ACTIONS]:
        response = (
            client.post(url(name, support_request))
            if name != "request_detail"
            else (client.get(url(name, support_request)))
        )
        assert response.status_code == 302, name
        assert reverse("login") in response.url


def test_a_proposed_psychologist_is_refused_the_workers_page(client, support_request):
    client.force_login(PsychologistFactory().user)
    assert client.get(url("request_detail", support_request)).status_code == 403


def test_a_note_from_the_page_is_in_the_history(worker_client, support_request):
    worker_client.post(url("add_note", support_request), {"note-note": "Gebeld."})
    assert support_request.events.get(kind=RequestEventKind.NOTE).note == "Gebeld."


def test_an_empty_answer_otherwise_shows_the_form_again(worker_client, support_request):
    response = worker_client.post(url("answer_otherwise", support_request), {"otherwise-note": ""})
    assert response.status_code == 200
    support_request.refresh_from_db()
    assert support_request.state == RequestState.CONFIRMED


def test_proposing_from_the_page_mails_the_psychologist(worker_client, support_request):
    candidate = register_psychologist(support_request.network)
    worker_client.post(url("propose", support_request), {"propose-psychologists": [candidate.pk]})
    support_request.refresh_from_db()
    assert support_request.state == RequestState.PROPOSED
    assert Email.objects.get().to == [candidate.user.email]


def test_proposing_a_foreign_psychologist_id_is_a_form_error(worker_client, support_request):
    outsider = PsychologistFactory()
    response = worker_client.post(
        url("propose", support_request), {"propose-psychologists": [outsider.pk, "x"]}
    )
    assert response.status_code == 200
    assert not support_request.proposals.exists()
