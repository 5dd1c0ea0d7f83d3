"""Registering faster: "register again" from an earlier registration, and the weekly
presence series page (preview, then register), with someone else's ids a 404 and bad
input a form error that keeps what was typed."""

from datetime import time, timedelta

import pytest
from django.urls import reverse

from registrations.models import Registration
from tests.factories import RegistrationFactory
from tests.psychologist.psy_helpers import make_allocation

pytestmark = pytest.mark.django_db


@pytest.fixture
def presence_allocation(psychologist, today):
    return make_allocation(psychologist, 2, start=today - timedelta(days=60))


def series_form(today, **extra) -> dict:
    first = today - timedelta(days=21)
    return {
        "first_date": first.isoformat(),
        "last_date": today.isoformat(),
        "start_time": "14:00",
        "duration_minutes": "2:00",
        "work_form": "presence",
        "attendees": "1",
        "attendee_roles": "bezoekers",
        "subject": "Aanwezig in de ontmoetingsruimte",
        **extra,
    }


def url(allocation) -> str:
    return reverse("registrations:series", args=[allocation.pk])


# --- Register again --------------------------------------------------------------------


def test_register_again_fills_in_everything_but_the_date(psy_client, call3_allocation, today):
    earlier = RegistrationFactory(
        allocation=call3_allocation,
        date=today - timedelta(days=10),
        start_time=time(15, 30),
        work_form="workshop",
        attendees=12,
        attendee_roles="leerkrachten",
        subject="Omgaan met stress",
        place="Sporthal",
    )
    response = psy_client.get(reverse("registrations:again", args=[earlier.pk]))
    initial = response.context["form"].initial
    assert {k: initial[k] for k in ("work_form", "attendees", "subject", "place")} == {
        "work_form": "workshop",
        "attendees": 12,
        "subject": "Omgaan met stress",
        "place": "Sporthal",
    }
    assert initial["start_time"] == time(15, 30)
    assert initial["date"] == today


def test_register_again_registers_a_new_activity_and_keeps_the_earlier_one(
    psy_client, allocation, today
):
    earlier = RegistrationFactory(allocation=allocation, date=today - timedelta(days=10))
    data = {
        "date": (today - timedelta(days=1)).isoformat(),
        "start_time": "10:00",
        "duration_minutes": "60",
        "work_form": "consultation",
        "attendees": "3",
        "attendee_roles": "huisartsen",
        "subject": "Overleg",
    }
    response = psy_client.post(reverse("registrations:again", args=[earlier.pk]), data)
    assert response.status_code == 302
    assert Registration.objects.filter(allocation=allocation).count() == 2


def test_register_again_from_someone_elses_registration_is_a_404(psy_client, other_psychologist):
    theirs = RegistrationFactory(allocation=make_allocation(other_psychologist, 1))
    assert psy_client.get(reverse("registrations:again", args=[theirs.pk])).status_code == 404


def test_the_list_and_the_edit_page_offer_register_again(psy_client, allocation):
    registration = RegistrationFactory(allocation=allocation)
    again = reverse("registrations:again", args=[registration.pk])
    assert again in psy_client.get(reverse("registrations:list")).content.decode()
    edit = psy_client.get(reverse("registrations:edit", args=[registration.pk]))
    assert again in edit.content.decode()


# --- Weekly series ---------------------------------------------------------------------


def test_the_create_page_of_a_presence_allocation_offers_the_series(
    psy_client, presence_allocation
):
    page = psy_client.get(reverse("registrations:create", args=[presence_allocation.pk]))
    assert url(presence_allocation) in page.content.decode()


def test_the_preview_lists_each_date_and_registers_nothing(psy_client, presence_allocation, today):
    response = psy_client.post(url(presence_allocation), series_form(today))
    assert [o.accepted for o in response.context["outcomes"]] == [True] * 4
    assert not Registration.objects.exists()


def test_registering_the_series_registers_every_accepted_date(
    psy_client, presence_allocation, today
):
    response = psy_client.post(url(presence_allocation), {**series_form(today), "registreren": "1"})
    assert response.status_code == 302
    assert Registration.objects.filter(work_form="presence").count() == 4


def test_a_refused_date_is_shown_with_its_reason_after_registering(
    psy_client, presence_allocation, today
):
    RegistrationFactory(
        allocation=presence_allocation, date=today - timedelta(days=14), start_time=time(14, 30)
    )
    response = psy_client.post(url(presence_allocation), {**series_form(today), "registreren": "1"})
    assert response.status_code == 200
    assert "andere activiteit" in response.content.decode()
    assert Registration.objects.filter(work_form="presence").count() == 3


def test_a_last_date_before_the_first_is_a_form_error_that_keeps_the_input(
    psy_client, presence_allocation, today
):
    data = series_form(today, last_date=(today - timedelta(days=30)).isoformat())
    response = psy_client.post(url(presence_allocation), data)
    assert "last_date" in response.context["form"].errors
    assert "Aanwezig in de ontmoetingsruimte" in response.content.decode()


@pytest.mark.parametrize("bad", ["", "2025-02-30", "x" * 500, "0000-01-01"])
def test_a_garbage_date_is_a_form_error(psy_client, presence_allocation, today, bad):
    response = psy_client.post(url(presence_allocation), series_form(today, first_date=bad))
    assert response.status_code == 200
    assert "first_date" in response.context["form"].errors


def test_a_series_over_a_year_is_refused(psy_client, presence_allocation, today):
    data = series_form(today, first_date=(today - timedelta(weeks=60)).isoformat())
    response = psy_client.post(url(presence_allocation), data)
    assert "hoogstens 53 weken" in str(response.context["form"].errors["last_date"])


def test_the_series_of_someone_elses_allocation_is_a_404(psy_client, other_psychologist):
    theirs = make_allocation(other_psychologist, 2)
    assert psy_client.get(url(theirs)).status_code == 404


def test_an_allocation_without_presence_has_no_series(psy_client, allocation):
    assert psy_client.get(url(allocation)).status_code == 404
