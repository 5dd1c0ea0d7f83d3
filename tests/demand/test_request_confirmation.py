"""Confirming a public request from its e-mailed link, following and withdrawing it."""

import pytest
from django.core import signing
from django.urls import reverse
from post_office.models import Email

from demand import links
from demand.access import requests_worked_by
from demand.models import RequestState
from portal.models import Role
from tests.demand.factories import SupportRequestFactory
from tests.demand.posts import aalst_network
from tests.factories import CoordinatorFactory, UserFactory

pytestmark = pytest.mark.django_db


def new_request(**kwargs):
    return SupportRequestFactory(state=RequestState.NEW, confirmed_at=None, **kwargs)


def confirm_url(support_request, purpose="confirm"):
    return reverse("demand:confirm", args=[links.token_for(support_request, purpose)])


def test_the_confirm_link_confirms_once_and_mails_requester_and_network(client):
    network = aalst_network()
    coordinator = CoordinatorFactory(networks=[network], language="fr-be")
    service = UserFactory(roles=(Role.EXISTING_SERVICE,), networks=[network])
    UserFactory(roles=(Role.EXISTING_SERVICE,))  # of no network: not told
    support_request = new_request(network=network)
    assert client.get(confirm_url(support_request)).status_code == 200
    assert support_request.__class__.objects.get().state == RequestState.NEW
    client.post(confirm_url(support_request))
    support_request.refresh_from_db()
    assert support_request.state == RequestState.CONFIRMED
    assert support_request.confirmed_at is not None
    recipients = sorted(address for e in Email.objects.all() for address in e.to)
    assert recipients == sorted([support_request.email, coordinator.email, service.email])
    to_coordinator = Email.objects.get(to=[coordinator.email])
    assert '<html lang="fr-be">' in to_coordinator.html_message
    assert "/vraag/volg/" in Email.objects.get(to=[support_request.email]).message


def test_a_second_click_says_it_is_already_confirmed_and_mails_nothing(client):
    support_request = new_request()
    client.post(confirm_url(support_request))
    mails = Email.objects.count()
    response = client.post(confirm_url(support_request))
    assert "al bevestigd" in response.content.decode()
    assert Email.objects.count() == mails
    assert support_request.events.filter(to_state=RequestState.CONFIRMED).count() == 1


def test_a_request_no_network_covers_goes_to_every_coordinator(client):
    first, second = CoordinatorFactory(), CoordinatorFactory()
    UserFactory(roles=(Role.EXISTING_SERVICE,))
    support_request = new_request(network=None, postcode="1000")
    client.post(confirm_url(support_request))
    told = {address for e in Email.objects.exclude(to=[support_request.email]) for address in e.to}
    assert told == {first.email, second.email}


@pytest.mark.parametrize("purpose", ["follow", "feedback"])
def test_a_link_for_another_purpose_does_not_confirm(client, purpose):
    support_request = new_request()
    assert client.post(confirm_url(support_request, purpose)).status_code == 404
    support_request.refresh_from_db()
    assert support_request.state == RequestState.NEW


@pytest.mark.parametrize("token", ["garbage", signing.dumps({"r": 1, "p": "confirm"})])
def test_a_bad_or_foreign_token_is_not_found(client, token):
    assert client.get(reverse("demand:confirm", args=[token])).status_code == 404


def test_an_expired_confirm_link_is_not_found(client, monkeypatch):
    support_request = new_request()
    url = confirm_url(support_request)
    monkeypatch.setitem(links.MAX_AGE_DAYS, "confirm", -1)
    assert client.get(url).status_code == 404


def test_an_unconfirmed_request_is_shown_to_nobody():
    support_request = new_request()
    coordinator = CoordinatorFactory(networks=[support_request.network])
    assert not requests_worked_by(coordinator).exists()


def test_the_follow_page_shows_the_state_and_history_in_plain_words(client):
    support_request = new_request()
    client.post(confirm_url(support_request))
    response = client.get(
        reverse("demand:follow", args=[links.token_for(support_request, "follow")])
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Bevestigd" in page
    assert support_request.question in page


def test_the_requester_withdraws_from_the_follow_page(client):
    support_request = SupportRequestFactory()
    url = reverse("demand:follow", args=[links.token_for(support_request, "follow")])
    assert client.post(url).status_code == 302
    support_request.refresh_from_db()
    assert support_request.state == RequestState.WITHDRAWN
    assert support_request.events.get().to_state == RequestState.WITHDRAWN


def test_a_closed_request_cannot_be_withdrawn(client):
    support_request = SupportRequestFactory(state=RequestState.DONE)
    url = reverse("demand:follow", args=[links.token_for(support_request, "follow")])
    response = client.post(url)
    assert response.status_code == 400
    assert "al afgesloten" in response.content.decode()


def test_a_confirm_token_does_not_open_the_follow_page(client):
    support_request = SupportRequestFactory()
    url = reverse("demand:follow", args=[links.token_for(support_request, "confirm")])
    assert client.get(url).status_code == 404
