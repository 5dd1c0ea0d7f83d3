"""The psychologist's proposal pages: own proposals only, contact only after accepting."""

import pytest
from django.urls import reverse

from demand.models import ProposalState, RequestState
from tests.demand.factories import ProposalFactory
from tests.factories import CoordinatorFactory, PsychologistFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal():
    return ProposalFactory(request__state=RequestState.PROPOSED)


def test_anonymous_users_are_sent_to_the_login(client, proposal):
    for url in (reverse("demand:proposals"), reverse("demand:proposal_detail", args=[proposal.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("login") in response.url


def test_someone_elses_proposal_is_not_found(client, proposal):
    client.force_login(PsychologistFactory().user)
    assert client.get(reverse("demand:proposal_detail", args=[proposal.pk])).status_code == 404
    response = client.post(reverse("demand:proposal_accept", args=[proposal.pk]))
    assert response.status_code == 404
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PENDING


def test_a_coordinator_is_refused_the_proposal_pages(client, proposal):
    client.force_login(CoordinatorFactory(networks=[proposal.request.network]))
    assert client.get(reverse("demand:proposals")).status_code == 403


def test_the_requesters_contact_is_hidden_until_accepted(client, proposal):
    client.force_login(proposal.psychologist.user)
    url = reverse("demand:proposal_detail", args=[proposal.pk])
    assert proposal.request.email not in client.get(url).content.decode()

    client.post(reverse("demand:proposal_accept", args=[proposal.pk]))

    assert proposal.request.email in client.get(url).content.decode()


def test_declining_without_a_reason_shows_the_form_again(client, proposal):
    client.force_login(proposal.psychologist.user)
    response = client.post(
        reverse("demand:proposal_decline", args=[proposal.pk]), {"decline-reason": ""}
    )
    assert response.status_code == 200
    assert "Geef kort de reden." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PENDING


def test_answering_twice_says_so(client, proposal):
    client.force_login(proposal.psychologist.user)
    client.post(reverse("demand:proposal_accept", args=[proposal.pk]))
    response = client.post(
        reverse("demand:proposal_decline", args=[proposal.pk]),
        {"decline-reason": "Toch niet."},
        follow=True,
    )
    assert "een tweede antwoord kan niet" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.ACCEPTED


def test_the_list_shows_own_proposals_only(client, proposal):
    other = ProposalFactory(request__state=RequestState.PROPOSED)
    client.force_login(proposal.psychologist.user)
    listed = list(client.get(reverse("demand:proposals")).context["proposals"])
    assert listed == [proposal]
    assert other not in listed


def test_the_overview_lists_the_proposals_waiting_for_an_answer(client, proposal):
    client.force_login(proposal.psychologist.user)
    content = client.get(reverse("applications:overview")).content.decode()
    assert reverse("demand:proposal_detail", args=[proposal.pk]) in content


def test_the_overview_leaves_out_an_answered_proposal(client, proposal):
    proposal.state = ProposalState.DECLINED
    proposal.save()
    client.force_login(proposal.psychologist.user)
    content = client.get(reverse("applications:overview")).content.decode()
    assert reverse("demand:proposal_detail", args=[proposal.pk]) not in content
