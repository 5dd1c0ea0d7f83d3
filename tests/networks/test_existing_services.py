"""Existing services of a network: staff of that network add, change and remove them
through portal.network_settings; each needs a name of its own, what it does and a way to
reach it, and every change is in the history with who made it."""

import pytest
from django.core.exceptions import ValidationError

from portal.models import ExistingService
from portal.network_settings import delete_existing_service, save_existing_service
from tests.factories import ExistingServiceFactory

pytestmark = pytest.mark.django_db


def service_data(**changes) -> dict:
    return {
        "name": "Crosslink",
        "description": "Ondersteunt partners uit de jeugdhulp met vragen over jongeren.",
        "email": "crosslink@example.org",
        "phone": "055 12 34 56",
        "website": "https://example.org/crosslink",
        "municipality": "Oudenaarde",
        **changes,
    }


def refused(network, actor, service=None, **changes) -> set[str]:
    with pytest.raises(ValidationError) as excinfo:
        save_existing_service(network, service_data(**changes), actor=actor, service=service)
    return {error.code for error in excinfo.value.error_list}


def test_staff_add_an_existing_service_to_their_network(network, staff):
    service = save_existing_service(network, service_data(), actor=staff)

    assert (service.network, service.name, service.phone) == (network, "Crosslink", "055 12 34 56")
    assert service.history.get().history_user == staff


def test_staff_of_another_network_cannot_add_one(network, other_staff):
    assert refused(network, other_staff) == {"network_not_followed"}
    assert not ExistingService.objects.exists()


def test_staff_of_another_network_cannot_change_or_remove_one(network, other_staff):
    service = ExistingServiceFactory(network=network)

    assert refused(network, other_staff, service=service) == {"network_not_followed"}
    with pytest.raises(ValidationError) as excinfo:
        delete_existing_service(service, actor=other_staff)
    assert excinfo.value.code == "network_not_followed"
    assert ExistingService.objects.filter(pk=service.pk).exists()


def test_a_service_of_another_network_cannot_be_changed_through_this_one(
    network, staff, other_network
):
    service = ExistingServiceFactory(network=other_network)
    assert refused(network, staff, service=service) == {"service_of_other_network"}


def test_a_service_needs_an_email_or_a_phone(network, staff):
    assert refused(network, staff, email="", phone="") == {"contact_required"}


def test_a_phone_alone_is_enough(network, staff):
    service = save_existing_service(network, service_data(email="", website=""), actor=staff)
    assert service.email == ""


def test_a_service_needs_a_name_and_what_it_does(network, staff):
    assert refused(network, staff, name=" ", description="") == {
        "name_required",
        "description_required",
    }


def test_two_services_of_a_network_with_the_same_name_are_refused(network, staff):
    ExistingServiceFactory(network=network, name="Crosslink")
    assert refused(network, staff, name="crosslink") == {"existing_service_exists"}


def test_another_network_may_have_a_service_of_the_same_name(network, staff, other_network):
    ExistingServiceFactory(network=other_network, name="Crosslink")
    assert save_existing_service(network, service_data(), actor=staff).network == network


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("email", "geen-adres", "invalid_email"),
        ("website", "javascript:alert(1)", "invalid_website"),
        ("phone", "bel ons", "invalid_phone"),
        ("description", "x" * 2001, "text_too_long"),
        ("name", "n" * 161, "text_too_long"),
    ],
)
def test_invalid_contact_details_and_overlong_text_are_refused(network, staff, field, value, code):
    assert code in refused(network, staff, **{field: value})


def test_a_change_and_a_removal_are_in_the_history_with_their_user(network, staff):
    service = save_existing_service(network, service_data(), actor=staff)
    save_existing_service(network, service_data(phone="055 99 99 99"), actor=staff, service=service)
    delete_existing_service(service, actor=staff)

    rows = ExistingService.history.filter(id=service.pk).order_by("history_id")
    assert [(row.history_type, row.phone, row.history_user) for row in rows] == [
        ("+", "055 12 34 56", staff),
        ("~", "055 99 99 99", staff),
        ("-", "055 99 99 99", staff),
    ]
    assert not ExistingService.objects.filter(pk=service.pk).exists()
