"""The registration form as it is filled in: dated today, durations in hours and minutes,
a live preview that speaks only about what was typed, and an over-quota refusal that
leads to the extra-hours form with the shortfall filled in."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from registrations.models import Registration
from tests.factories import RegistrationFactory
from tests.psychologist.psy_helpers import make_allocation
from tests.psychologist.test_psy_registrations import activity

pytestmark = pytest.mark.django_db


def preview(client, allocation, data):
    return client.post(reverse("registrations:preview", args=[allocation.pk]), data)


def test_a_new_registration_is_dated_today(psy_client, allocation, today):
    form = psy_client.get(reverse("registrations:create", args=[allocation.pk])).context["form"]

    assert form["date"].value() == today


def test_a_registration_on_an_ended_window_is_dated_its_last_day(psy_client, psychologist, today):
    allocation = make_allocation(psychologist, 1, start=today - timedelta(days=400))

    form = psy_client.get(reverse("registrations:create", args=[allocation.pk])).context["form"]

    assert form["date"].value() == allocation.window_end


@pytest.mark.parametrize("typed", ["1:30", "1 u 30", "1,5 u"])
def test_a_duration_typed_in_hours_and_minutes_is_saved_in_minutes(
    psy_client, allocation, today, typed
):
    response = psy_client.post(
        reverse("registrations:create", args=[allocation.pk]),
        activity(today, duration_minutes=typed),
    )

    assert response.status_code == 302
    assert Registration.objects.get().duration_minutes == 90


def test_a_duration_that_is_no_duration_says_how_to_type_it(psy_client, allocation, today):
    response = psy_client.post(
        reverse("registrations:create", args=[allocation.pk]),
        activity(today, duration_minutes="anderhalf uur"),
    )

    assert response.status_code == 200
    assert "1:30 of 1 u 30" in str(response.context["form"].errors["duration_minutes"])
    assert not Registration.objects.exists()


def test_the_edit_form_shows_the_duration_in_hours(psy_client, allocation):
    registration = RegistrationFactory(allocation=allocation, duration_minutes=90)

    response = psy_client.get(reverse("registrations:edit", args=[registration.pk]))

    assert 'value="1 u 30 min"' in response.content.decode()


def test_the_preview_says_nothing_before_anything_is_typed(psy_client, allocation, today):
    response = preview(psy_client, allocation, {"date": today.isoformat(), "work_form": ""})

    assert "Dit veld is verplicht" not in response.content.decode()
    assert response.context["problems"] == []


def test_the_preview_names_the_field_of_a_mistake_typed(psy_client, allocation, today):
    response = preview(psy_client, allocation, {"date": today.isoformat(), "attendees": "drie"})

    [problem] = response.context["problems"]
    assert problem.startswith("Aantal aanwezigen (eerstelijnsactoren): ")
    assert "Dit veld is verplicht" not in response.content.decode()


def test_the_preview_says_how_much_is_missing_over_quota(psy_client, allocation, today):
    RegistrationFactory(allocation=allocation, duration_minutes=200, quota_minutes=200)

    response = preview(psy_client, allocation, activity(today, duration_minutes="75"))

    assert response.context["missing"] == 35
    text = response.content.decode()
    assert "Tekort" in text and "35 min" in text
    assert 'data-testid="preview-left"' not in text
    url = reverse("applications:allocation_detail", args=[allocation.pk])
    assert f'href="{url}?extra=35#extra-hours"' in text


def test_an_activity_that_fits_shows_what_is_left_and_no_shortfall(psy_client, allocation, today):
    response = preview(psy_client, allocation, activity(today, duration_minutes="60"))

    assert response.context["missing"] == 0
    assert 'data-testid="preview-missing"' not in response.content.decode()


def test_over_quota_refusal_links_to_the_extra_hours_form_with_the_shortfall(
    psy_client, allocation, today
):
    RegistrationFactory(allocation=allocation, duration_minutes=240, quota_minutes=240)

    response = psy_client.post(
        reverse("registrations:create", args=[allocation.pk]),
        activity(today, duration_minutes="15", start_time="14:00"),
    )

    url = reverse("applications:allocation_detail", args=[allocation.pk])
    assert f'href="{url}?extra=15#extra-hours"' in response.content.decode()
    assert response.context["missing"] == 15


def test_editing_over_quota_counts_the_shortfall_without_the_registration_itself(
    psy_client, allocation, today
):
    registration = RegistrationFactory(allocation=allocation, duration_minutes=180)

    response = psy_client.post(
        reverse("registrations:edit", args=[registration.pk]),
        activity(today, date=registration.date.isoformat(), duration_minutes="4 u 20"),
    )

    assert response.context["missing"] == 20


def prefilled(client, allocation, value):
    url = reverse("applications:allocation_detail", args=[allocation.pk])
    response = client.get(url, {"extra": value})
    assert response.status_code == 200
    return response.context["extra_form"]["hours"].value()


def test_the_extra_hours_link_fills_in_the_shortfall_in_quarter_hours(psy_client, allocation):
    assert prefilled(psy_client, allocation, "35") == Decimal("0.75")
    assert prefilled(psy_client, allocation, "12000") == Decimal("200")  # the form's maximum


def test_an_extra_hours_link_fills_in_only_a_sane_shortfall(psy_client, allocation):
    hostile = ["abc", "-5", "0", "12001", "1e3", "9" * 40, "<script>"]

    assert [prefilled(psy_client, allocation, value) for value in hostile] == [None] * 7
    assert prefilled(psy_client, allocation, "1") == Decimal("0.25")
