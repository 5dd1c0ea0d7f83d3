"""What a psychologist reads: hours in the page's language, plurals, the start bonus
explained next to the granted hours, stored codes by their names."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tests.factories import ApplicationFactory, RegistrationFactory, call
from tests.psychologist.psy_helpers import make_allocation

pytestmark = pytest.mark.django_db


def in_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    return client


def test_english_pages_write_hours_with_h(psy_client, psychologist):
    allocation = make_allocation(psychologist, 3)

    content = in_english(psy_client).get(
        reverse("applications:allocation_detail", args=[allocation.pk])
    )
    text = content.content.decode()

    assert "48 h" in text
    assert "48 u" not in text


def granted(client, allocation) -> str:
    """The "Toegekend" entry of the allocation page."""
    response = client.get(reverse("applications:allocation_detail", args=[allocation.pk]))
    return response.content.decode().split('id="allocation-granted">')[1].split("</dd>")[0]


def test_allocation_page_says_the_difference_is_the_start_bonus_and_until_when(
    psy_client, psychologist, today
):
    allocation = make_allocation(
        psychologist, 1, bonus_minutes=120, bonus_until=today + timedelta(days=60)
    )

    granted_hours = granted(psy_client, allocation)
    without_bonus = granted(psy_client, make_allocation(psychologist, 3))

    until = (today + timedelta(days=60)).strftime("%d/%m/%Y")
    assert "4 u toegekend bij de goedkeuring" in granted_hours
    assert f"+ 2 u startbonus, enkel voor activiteiten vóór {until}" in granted_hours
    assert "= 6 u in totaal" in granted_hours
    assert without_bonus.strip() == "48 u"


def test_allocation_page_says_when_the_start_bonus_has_lapsed(psy_client, psychologist, today):
    allocation = make_allocation(psychologist, 1, bonus_minutes=120, bonus_until=today)

    assert "(verlopen:" in granted(psy_client, allocation)


def test_one_group_trajectory_is_written_in_the_singular(psy_client, psychologist):
    application = ApplicationFactory(
        psychologist=psychologist, call=call(2), group_trajectories=1, status="draft"
    )

    response = psy_client.get(reverse("applications:application_detail", args=[application.pk]))
    text = response.content.decode()

    assert "1 groepstraject per jaar" in text
    assert "1 groepstrajecten" not in text


def test_care_functions_are_shown_by_name(psy_client, psychologist):
    application = ApplicationFactory(psychologist=psychologist, care_functions="1,3")

    text = psy_client.get(
        reverse("applications:application_detail", args=[application.pk])
    ).content.decode()

    assert "Functie 1: gemeenschapsgerichte interventies; Functie 3:" in text
    assert "zorgfuncties 1,3" not in text


def test_invoices_on_an_english_overview_show_the_english_hour_unit_and_euro(
    psy_client, psychologist
):
    from billing.services.runs import run_billing

    allocation = make_allocation(psychologist, 1)
    RegistrationFactory(allocation=allocation, duration_minutes=60, quota_minutes=60)
    run_billing(psychologist.networks.first(), allocation.window_start + timedelta(days=20))

    text = in_english(psy_client).get(reverse("applications:overview")).content.decode()

    assert "1 h · €86.69" in text
