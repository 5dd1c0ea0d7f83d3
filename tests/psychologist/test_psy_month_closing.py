"""Month closing as the psychologist meets it: the live preview and the form say a closed
month is closed, on the date field; the correction of a credited registration is not."""

from datetime import timedelta

import pytest
from django.urls import reverse

from applications.engine import closing
from portal.dates import add_months
from tests.factories import RegistrationFactory
from tests.psychologist.psy_helpers import make_allocation

pytestmark = pytest.mark.django_db


@pytest.fixture
def allocation(psychologist, network, today):
    network.registration_closing_day = 10
    network.save()
    return make_allocation(psychologist, 1, start=today - timedelta(days=120))


def closed_day(today):
    """The 15th of a month that is closed today."""
    return add_months(closing.latest_closed_month(10, today), -1).replace(day=15)


def activity(day) -> dict:
    return {
        "date": day.isoformat(),
        "start_time": "10:00",
        "duration_minutes": "60",
        "work_form": "consultation",
        "attendees": "3",
        "attendee_roles": "huisartsen",
        "subject": "Overleg",
    }


def test_the_preview_says_the_month_is_closed(psy_client, allocation, today):
    url = reverse("registrations:preview", args=[allocation.pk])
    response = psy_client.post(url, activity(closed_day(today)))
    assert [r.code for r in response.context["refusals"]] == ["month_closed"]


def test_registering_in_a_closed_month_is_refused_on_the_date_field(psy_client, allocation, today):
    url = reverse("registrations:create", args=[allocation.pk])
    response = psy_client.post(url, activity(closed_day(today)))
    assert "afgesloten" in str(response.context["form"].errors["date"])


def test_the_preview_of_a_credited_registration_does_not_say_closed(psy_client, allocation, today):
    credited = RegistrationFactory(allocation=allocation, date=closed_day(today), is_credited=True)
    url = reverse("registrations:preview", args=[allocation.pk]) + f"?registratie={credited.pk}"
    response = psy_client.post(url, activity(closed_day(today)))
    assert "month_closed" not in [r.code for r in response.context["refusals"]]
