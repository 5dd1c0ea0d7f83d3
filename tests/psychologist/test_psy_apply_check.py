"""The application form shows the engine's refusals while typing, before anything is saved."""

import pytest
from django.urls import reverse

from applications.models import Application
from portal.models import FindplaceKind
from tests.factories import FindplaceFactory
from tests.psychologist.test_psy_apply import call1_data

pytestmark = pytest.mark.django_db


def check(client, number, data):
    data = {**data, "action": "draft"}
    return client.post(reverse("applications:apply_check", args=[number]), data)


def test_live_check_shows_education_not_open_before_submitting(psy_client, psychologist, today):
    school = FindplaceFactory(
        kind=FindplaceKind.SECONDARY_SCHOOL, network=psychologist.networks.first()
    )
    response = check(psy_client, 1, call1_data(school, today))
    assert response.status_code == 200
    assert 'data-code="education_not_open"' in response.content.decode()


def test_live_check_shows_a_proposed_school_as_not_yet_open(psy_client, findplace, today):
    data = call1_data(findplace, today)
    data |= {
        "findplace": "",
        "new_findplace_name": "Atheneum",
        "new_findplace_kind": FindplaceKind.CLB,
        "new_findplace_municipality": "Gent",
    }
    response = check(psy_client, 1, data)
    assert 'data-code="education_not_open"' in response.content.decode()


def test_live_check_is_empty_for_an_eligible_application(psy_client, findplace, today):
    response = check(psy_client, 1, call1_data(findplace, today))
    assert "data-code" not in response.content.decode()


def test_live_check_saves_nothing(psy_client, findplace, today):
    check(psy_client, 1, call1_data(findplace, today))
    assert not Application.objects.exists()


def test_live_check_with_garbage_answers_is_not_an_error(psy_client, findplace, today):
    response = check(psy_client, 2, {"weekly_individual_hours": "veel", "start_date": "31-02"})
    assert response.status_code == 200
