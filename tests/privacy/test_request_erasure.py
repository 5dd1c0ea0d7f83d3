"""A requester erases their support request through its follow link; an administrator
erases one on request. Either way the contact data go and the funnel still counts it."""

import pytest
from django.urls import reverse

from coordination.selectors.funnel import funnel
from demand import links
from demand.models import RequestEventKind, RequestState, SupportRequest
from demand.services.erasure import erase_contact_data
from tests.demand.factories import ProposalFactory, SupportRequestFactory
from tests.factories import CoordinatorFactory, NetworkFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    return NetworkFactory(code="PAKT", name="Het PAKT")


@pytest.fixture
def support_request(network):
    return SupportRequestFactory(
        network=network, phone="0470123456", requester_name="Els De Smet", email="els@example.org"
    )


def follow_url(support_request) -> str:
    return reverse("demand:follow", args=[links.token_for(support_request, "follow")])


def received(network) -> int:
    coordinator = CoordinatorFactory(networks=[network])
    (item,) = funnel(coordinator, support_request_year())
    return sum(stage.received for stage in item.months.values())


def support_request_year() -> int:
    return SupportRequest.objects.first().confirmed_at.year


def test_the_follow_link_withdraws_and_erases_an_open_request(client, support_request):
    response = client.post(follow_url(support_request), {"action": "erase"})
    assert response.status_code == 302
    support_request.refresh_from_db()
    assert support_request.state == RequestState.WITHDRAWN
    assert support_request.erased_at is not None
    assert (support_request.requester_name, support_request.email, support_request.phone) == (
        "",
        "",
        "",
    )
    assert support_request.question == ""


def test_an_erased_request_keeps_its_funnel_count(client, support_request, network):
    before = received(network)
    client.post(follow_url(support_request), {"action": "erase"})
    assert received(network) == before == 1


def test_an_erased_request_keeps_what_the_funnel_counts(client, support_request):
    client.post(follow_url(support_request), {"action": "erase"})
    support_request.refresh_from_db()
    assert (support_request.postcode, support_request.municipality) == ("9000", "Gent")
    assert support_request.place_kind and support_request.work_form
    assert support_request.confirmed_at is not None and support_request.closed_at is not None


def test_the_follow_page_says_the_contact_data_are_erased(client, support_request):
    client.post(follow_url(support_request), {"action": "erase"})
    page = client.get(follow_url(support_request)).content.decode()
    assert "zijn gewist op" in page
    assert "Els De Smet" not in page


def test_a_closed_request_can_still_be_erased_through_its_link(client, support_request):
    client.post(follow_url(support_request), {"action": "withdraw"})
    client.post(follow_url(support_request), {"action": "erase"})
    support_request.refresh_from_db()
    assert support_request.erased_at is not None


def test_withdrawing_alone_keeps_the_contact_data(client, support_request):
    client.post(follow_url(support_request), {"action": "withdraw"})
    support_request.refresh_from_db()
    assert support_request.state == RequestState.WITHDRAWN
    assert support_request.email == "els@example.org"


def test_erasing_empties_the_notes_of_its_history_and_proposals(support_request):
    support_request.events.create(kind=RequestEventKind.NOTE, note="Belde met Els op 0470123456")
    proposal = ProposalFactory(request=support_request, note="Els verwacht uw telefoon")
    erase_contact_data(support_request)
    assert not support_request.events.exclude(note="").exists()
    proposal.refresh_from_db()
    assert proposal.note == ""
    assert support_request.events.filter(kind=RequestEventKind.ERASED).count() == 1


def test_erasing_twice_records_it_once(support_request):
    assert erase_contact_data(support_request) is True
    assert erase_contact_data(support_request) is False
    assert support_request.events.filter(kind=RequestEventKind.ERASED).count() == 1


def test_an_administrator_erases_a_request_from_the_admin(client, support_request):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:demand_supportrequest_changelist")
    response = client.post(
        url, {"action": "erase_contact_data", "_selected_action": [support_request.pk]}
    )
    assert response.status_code == 302
    support_request.refresh_from_db()
    assert support_request.erased_at is not None
    assert support_request.state == RequestState.CONFIRMED


def test_the_admin_finds_a_request_by_the_requesters_email(client, support_request):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:demand_supportrequest_changelist")
    page = client.get(url, {"q": "els@example.org"}).content.decode()
    assert support_request.organisation in page
