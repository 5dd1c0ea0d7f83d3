"""The proposals on the overview are cached, and every change of a proposal or its request
shows on the next visit; the cache holds nothing of the requester's contact."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from demand import pending_cache
from demand.models import RequestState
from demand.services import erasure, matching, working
from tests.demand.factories import ProposalFactory
from tests.psychologist.test_overview_cache import sql_of

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("applications:overview")


@pytest.fixture
def proposal():
    return ProposalFactory(request__state=RequestState.PROPOSED, request__organisation="CAW Oost")


@pytest.fixture
def signed_in(client, proposal):
    client.force_login(proposal.psychologist.user)
    client.get(OVERVIEW)
    return client


def link(proposal) -> str:
    return reverse("demand:proposal_detail", args=[proposal.pk])


def test_a_second_visit_of_the_overview_reads_no_proposals(signed_in):
    assert "demand_proposal" not in sql_of(signed_in, OVERVIEW)


def test_a_new_proposal_shows_on_the_next_visit(
    signed_in, proposal, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        newer = ProposalFactory(psychologist=proposal.psychologist)

    assert link(newer) in signed_in.get(OVERVIEW).content.decode()


def test_a_declined_proposal_leaves_the_next_visit(
    signed_in, proposal, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        matching.decline_proposal(proposal, psychologist=proposal.psychologist, reason="Volzet")

    assert link(proposal) not in signed_in.get(OVERVIEW).content.decode()


def test_a_proposal_withdrawn_in_bulk_leaves_the_next_visit(
    signed_in, proposal, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        working.withdraw_pending(proposal.request)

    assert link(proposal) not in signed_in.get(OVERVIEW).content.decode()


def test_an_erased_organisation_leaves_the_next_visit(
    signed_in, proposal, django_capture_on_commit_callbacks
):
    assert "CAW Oost" in signed_in.get(OVERVIEW).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        erasure.erase_contact_data(proposal.request)

    assert "CAW Oost" not in signed_in.get(OVERVIEW).content.decode()


def test_the_cached_list_holds_no_contact_data_of_the_requester(signed_in, proposal):
    key = f"pending-proposals:{proposal.psychologist.user.pk}:{pending_cache.PENDING.current()}"
    cached = repr(cache.get(key))

    assert "CAW Oost" in cached
    assert proposal.request.email not in cached
    assert proposal.request.requester_name not in cached


def test_another_psychologist_never_gets_my_cached_proposals(client, signed_in, proposal):
    other = ProposalFactory(request__state=RequestState.PROPOSED)
    client.force_login(other.psychologist.user)

    content = client.get(OVERVIEW).content.decode()

    assert link(other) in content and link(proposal) not in content
