"""The coordinator's page to reopen a closed month for one psychologist: only their own
networks' psychologists, refusals on their field with the input kept, never a 500."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.engine import closing
from portal.dates import add_months
from registrations.models import MonthReopening
from tests.factories import PsychologistFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("coordination:reopenings")


@pytest.fixture(autouse=True)
def closes_on_the_10th(network):
    network.registration_closing_day = 10
    network.save()


def closed_month() -> str:
    """A month that is closed today, as the month field takes it."""
    return f"{add_months(closing.latest_closed_month(10, timezone.localdate()), -1):%Y-%m}"


def form(network, psychologist, **extra) -> dict:
    return {
        "network": network.pk,
        "psychologist": psychologist.riziv_number,
        "month": closed_month(),
        "until": (timezone.localdate() + timedelta(days=7)).isoformat(),
        "reason": "Vergeten workshop",
        **extra,
    }


def test_the_coordinator_reopens_a_month_and_sees_it_listed(coordinator_client, network):
    psychologist = PsychologistFactory(networks=[network])
    response = coordinator_client.post(URL, form(network, psychologist), follow=True)
    assert "is heropend voor" in response.content.decode()
    reopening = MonthReopening.objects.get()
    assert reopening.psychologist == psychologist
    assert "Vergeten workshop" in response.content.decode()


def test_the_follow_up_page_links_the_reopening_page(coordinator_client):
    assert URL in coordinator_client.get(reverse("coordination:follow_up")).content.decode()


def test_a_psychologist_of_another_network_cannot_be_chosen(
    coordinator_client, network, other_network
):
    stranger = PsychologistFactory(networks=[other_network])
    response = coordinator_client.post(URL, form(network, stranger))
    assert response.status_code == 422
    assert "psychologist" in response.context["form"].errors
    assert not MonthReopening.objects.exists()


def test_another_networks_month_cannot_be_reopened(coordinator_client, network, other_network):
    psychologist = PsychologistFactory(networks=[network, other_network])
    response = coordinator_client.post(URL, form(other_network, psychologist))
    assert "network" in response.context["form"].errors


def test_an_open_month_is_refused_on_the_month_field_with_the_input_kept(
    coordinator_client, network
):
    psychologist = PsychologistFactory(networks=[network])
    this_month = f"{timezone.localdate():%Y-%m}"
    response = coordinator_client.post(URL, form(network, psychologist, month=this_month))
    assert "nog niet afgesloten" in str(response.context["form"].errors["month"])
    assert "Vergeten workshop" in response.content.decode()


@pytest.mark.parametrize("bad", ["", "2025-13", "x" * 200, "99999-01"])
def test_a_garbage_month_is_a_form_error(coordinator_client, network, bad):
    psychologist = PsychologistFactory(networks=[network])
    response = coordinator_client.post(URL, form(network, psychologist, month=bad))
    assert response.status_code == 422


def test_a_psychologist_may_not_open_the_page(client, network):
    client.force_login(PsychologistFactory(networks=[network]).user)
    assert client.get(URL).status_code == 403


def test_the_form_offers_no_option_per_psychologist(coordinator_client, network):
    before = coordinator_client.get(URL).content.decode().count("<option")
    PsychologistFactory.create_batch(50, networks=[network])
    assert coordinator_client.get(URL).content.decode().count("<option") == before


def test_a_name_that_matches_one_psychologist_chooses_them(coordinator_client, network):
    psychologist = PsychologistFactory(
        networks=[network], user=UserFactory(first_name="Mieke", last_name="Wouters")
    )
    PsychologistFactory(networks=[network], user=UserFactory(first_name="Jan", last_name="Claes"))
    coordinator_client.post(URL, {**form(network, psychologist), "psychologist": "mieke wout"})
    assert MonthReopening.objects.get().psychologist == psychologist


def test_a_name_that_matches_two_psychologists_is_refused_on_the_field(coordinator_client, network):
    first = PsychologistFactory(networks=[network], user=UserFactory(last_name="Wouters"))
    PsychologistFactory(networks=[network], user=UserFactory(last_name="Wouters"))
    response = coordinator_client.post(URL, {**form(network, first), "psychologist": "wouters"})
    assert response.status_code == 422
    assert response.context["form"].has_error("psychologist", "psychologist_ambiguous")


def test_another_networks_riziv_number_is_not_found(coordinator_client, network, other_network):
    stranger = PsychologistFactory(networks=[other_network])
    response = coordinator_client.post(URL, form(network, stranger))
    assert response.context["form"].has_error("psychologist", "psychologist_not_found")
    assert stranger.name not in response.content.decode()
