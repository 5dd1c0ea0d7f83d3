"""The network staff's call pages (applications/views/editions.py): what they show, what
they refuse, and to whom."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import CallEdition
from tests.factories import (
    AllocationFactory,
    NetworkFactory,
    PsychologistFactory,
    StaffFactory,
    call,
    edition,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    return NetworkFactory(code="PAKT", name="Het PAKT")


@pytest.fixture
def staff_client(client, network):
    staff = StaffFactory(networks=[network])
    client.force_login(staff)
    return client


def posted(source, **changes) -> dict:
    """What the edition form posts for `source` with `changes` (field names of the form)."""
    data = {
        "valid_from": "",
        "valid_until": "",
        "notes": "",
        "quota_minutes": source.quota_minutes,
        "quota_basis": source.quota_basis,
        "window_months": source.window_months,
        "start_bonus_minutes": source.start_bonus_minutes,
        "start_bonus_months": source.start_bonus_months,
        "exception_quota_minutes": source.exception_quota_minutes,
        "min_weekly_individual_minutes": 0,
        "min_group_trajectories": 0,
    }
    for name in (
        "requires_findplace",
        "requires_structural_offer",
        "requires_partner_confirmation",
    ):
        if getattr(source, name):
            data[name] = "on"
    for wf in source.work_forms.all():
        data[f"wf_{wf.work_form}"] = "on"
        data[f"wf_{wf.work_form}_min_attendees"] = wf.min_attendees
        for name in ("min_minutes", "max_minutes", "prep_minutes"):
            value = getattr(wf, name)
            data[f"wf_{wf.work_form}_{name}"] = "" if value is None else value
    data.update(changes)
    return data


def test_the_call_list_shows_the_networks_calls_with_their_editions(staff_client, network):
    content = staff_client.get(reverse("applications:call_list", args=[network.pk])).content
    assert call(1).name.encode() in content
    assert b"01/04/2024" in content


def test_staff_schedule_a_new_edition_from_the_form(staff_client, network):
    start = timezone.localdate() + timedelta(days=30)
    url = reverse("applications:edition_new", args=[network.pk, call(1).pk])
    response = staff_client.post(
        url, posted(edition(1), valid_from=start.isoformat(), quota_minutes=360)
    )
    assert response.status_code == 302
    new = CallEdition.objects.get(call=call(1), valid_from=start)
    assert (new.quota_minutes, new.work_forms.count()) == (360, 1)


def test_an_overlapping_edition_is_refused_with_the_rule_and_keeps_the_input(staff_client, network):
    url = reverse("applications:edition_new", args=[network.pk, call(1).pk])
    response = staff_client.post(
        url, posted(edition(1), valid_from="2024-04-01", notes="Mijn tekst")
    )
    assert response.status_code == 422
    assert "Twee edities mogen niet op dezelfde dag gelden" in response.content.decode()
    assert "Mijn tekst" in response.content.decode()


def test_hostile_numbers_on_the_edition_form_are_form_errors(staff_client, network):
    url = reverse("applications:edition_new", args=[network.pk, call(1).pk])
    data = posted(
        edition(1), valid_from="9999-99-99", quota_minutes="-1", wf_consultation_max_minutes="1e99"
    )
    assert staff_client.post(url, data).status_code == 422


def test_an_edition_with_granted_hours_shows_no_edit_form(staff_client, network):
    AllocationFactory(application__network=network)
    url = reverse("applications:edition_detail", args=[network.pk, edition(1).pk])
    response = staff_client.get(url)
    assert b"veranderen niet meer" in response.content
    assert (
        staff_client.post(
            url, posted(edition(1), valid_from="2024-04-01", quota_minutes=1)
        ).status_code
        == 200
    )
    assert edition(1).quota_minutes == 240


def test_another_networks_call_pages_are_not_found(staff_client):
    other = NetworkFactory(code="BRU", name="Bruxelles", calls=[])
    assert staff_client.get(reverse("applications:call_list", args=[other.pk])).status_code == 404
    url = reverse("applications:edition_detail", args=[other.pk, edition(1).pk])
    assert staff_client.get(url).status_code == 404


def test_a_new_call_from_a_template_is_created_for_the_staffs_network_only(client):
    brussels = NetworkFactory(code="BRU", name="Bruxelles", calls=[])
    staff = StaffFactory(networks=[brussels])
    client.force_login(staff)
    url = reverse("applications:call_new", args=[brussels.pk]) + f"?sjabloon={edition(1).pk}"
    data = posted(
        edition(1),
        valid_from=timezone.localdate().isoformat(),
        quota_minutes=360,
        start_bonus_minutes=0,
        start_bonus_months=0,
    )
    data.update({"call-number": 1, "call-code": "bru-1", "call-name": "Concertation"})
    assert client.post(url, data).status_code == 302
    created = CallEdition.objects.get(call__code="bru-1")
    assert list(created.call.networks.all()) == [brussels]


def test_a_psychologist_cannot_open_the_call_pages(client, network):
    psychologist = PsychologistFactory(networks=[network])
    client.force_login(psychologist.user)
    response = client.get(reverse("applications:call_list", args=[network.pk]))
    assert response.status_code in (403, 404)


def test_a_quota_of_zero_is_refused_with_the_rule_and_what_to_do(staff_client, network):
    url = reverse("applications:edition_new", args=[network.pk, call(1).pk])
    start = (timezone.localdate() + timedelta(days=30)).isoformat()
    response = staff_client.post(url, posted(edition(1), valid_from=start, quota_minutes=0))
    assert response.status_code == 422
    assert "Vul het quotum in minuten in" in response.content.decode()
