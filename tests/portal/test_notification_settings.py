"""The page where a coordinator or a psychologist chooses how their non-urgent notifications
come: at once, one digest a day, or none; anything else is a form error."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from portal.models import Delivery, DigestItem, DigestKind, Role
from portal.services import set_notification_delivery
from tests.factories import CoordinatorFactory, PsychologistFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("notification_settings")


@pytest.fixture
def coordinator():
    return CoordinatorFactory()


def test_at_once_is_the_default_choice(coordinator):
    assert coordinator.notification_delivery == Delivery.IMMEDIATE


def test_the_page_shows_the_current_choice(client, coordinator):
    coordinator.notification_delivery = Delivery.DIGEST
    coordinator.save()
    client.force_login(coordinator)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["form"].initial["notification_delivery"] == Delivery.DIGEST


@pytest.mark.parametrize("delivery", Delivery.values)
def test_a_coordinator_saves_each_of_the_three_choices(client, coordinator, delivery):
    client.force_login(coordinator)
    response = client.post(URL, {"notification_delivery": delivery})
    assert response.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.notification_delivery == delivery


def test_a_psychologist_chooses_the_digest_for_their_non_urgent_mail(client):
    user = PsychologistFactory().user
    client.force_login(user)
    client.post(URL, {"notification_delivery": Delivery.DIGEST})
    user.refresh_from_db()
    assert user.notification_delivery == Delivery.DIGEST


@pytest.mark.parametrize("hostile", ["weekly", "", "digest' OR 1=1 --", "x" * 10_000, "\x00"])
def test_a_value_not_offered_is_a_form_error_and_changes_nothing(client, coordinator, hostile):
    client.force_login(coordinator)
    response = client.post(URL, {"notification_delivery": hostile})
    assert response.status_code == 200
    assert response.context["form"].errors["notification_delivery"]
    coordinator.refresh_from_db()
    assert coordinator.notification_delivery == Delivery.IMMEDIATE


def test_the_service_refuses_a_value_not_offered(coordinator):
    with pytest.raises(ValidationError) as refusal:
        set_notification_delivery(coordinator, "weekly")
    assert [error.code for error in refusal.value.error_list] == ["unknown_delivery"]


def test_choosing_none_drops_the_items_waiting_for_the_digest(coordinator):
    DigestItem.objects.create(
        user=coordinator, kind=DigestKind.APPLICATION_SUBMITTED, summary="Nieuwe aanvraag"
    )
    set_notification_delivery(coordinator, Delivery.NONE)
    assert not DigestItem.objects.exists()


def test_network_staff_have_no_notification_page(client):
    client.force_login(UserFactory(roles=[Role.NETWORK_STAFF]))
    assert client.get(URL).status_code == 403


def test_an_anonymous_visitor_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
