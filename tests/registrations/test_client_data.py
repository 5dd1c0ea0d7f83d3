"""No client identifier in a registration's texts (portal.client_data), whoever registers:
a valid national register number is refused by the service, on create, change and a
weekly series; an invalid or ordinary number is not; e-mail and phone only warn."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from portal.client_data import field_of
from registrations import services
from registrations.models import Registration
from registrations.series import register_series
from tests.factories import RegistrationFactory
from tests.registrations.helpers import HOUR, TODAY, activity, allocation_of, register

pytestmark = pytest.mark.django_db

NATIONAL_NUMBER = "85.07.30-033.28"


def refusal(allocation, data) -> ValidationError:
    with pytest.raises(ValidationError) as excinfo:
        register(allocation, data)
    return excinfo.value


def test_a_national_register_number_in_the_subject_is_refused_by_the_service():
    allocation = allocation_of(1)
    error = refusal(allocation, activity(subject=f"Overleg over {NATIONAL_NUMBER}"))
    assert [(e.code, field_of(e)) for e in error.error_list] == [("client_identifier", "subject")]
    assert not Registration.objects.exists()


def test_a_national_register_number_in_the_place_is_refused():
    error = refusal(allocation_of(1), activity(place="Thuis bij 85073003328"))
    assert [field_of(e) for e in error.error_list] == ["place"]


def test_a_national_register_number_of_someone_born_after_2000_is_refused():
    error = refusal(allocation_of(1), activity(subject="Casus 05031512367"))
    assert [e.code for e in error.error_list] == ["client_identifier"]


def test_a_number_with_wrong_check_digits_in_the_subject_is_registered():
    assert register(allocation_of(1), activity(subject="Dossier 85.07.30-033.27")).pk


def test_a_riziv_number_in_the_subject_is_registered():
    assert register(allocation_of(1), activity(subject="Met collega RIZIV 1-23456-78-901")).pk


def test_changing_a_subject_to_hold_a_national_register_number_is_refused():
    registration = RegistrationFactory(allocation=allocation_of(1))
    with pytest.raises(ValidationError) as excinfo:
        services.update_registration(
            registration, {"subject": f"Casus {NATIONAL_NUMBER}"}, today=TODAY
        )
    assert [e.code for e in excinfo.value.error_list] == ["client_identifier"]


def test_a_weekly_series_with_a_national_register_number_is_refused_once_as_a_whole():
    allocation = allocation_of(2, granted_minutes=18 * HOUR)
    data = activity("presence", 2 * HOUR, attendees=1, subject=f"Presentie {NATIONAL_NUMBER}")
    first = data.pop("date")
    with pytest.raises(ValidationError) as excinfo:
        register_series(
            allocation.psychologist,
            allocation.pk,
            data,
            first,
            first + timedelta(days=14),
            dry_run=False,
            today=TODAY,
        )
    assert [field_of(e) for e in excinfo.value.error_list] == ["subject"]
    assert not Registration.objects.exists()


def test_an_e_mail_address_and_phone_in_the_subject_still_register():
    data = activity(subject="Afspraak via info@ocmw.be of 09 123 45 67")
    assert register(allocation_of(1), data).pk
    assert len(services.text_warnings(data)) == 2
