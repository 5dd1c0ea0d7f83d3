"""The application form asks the engine's admission rules: the refusal shows at its field,
and the second application on one quota is refused with a way forward."""

from datetime import timedelta

import pytest
from django.urls import reverse

from applications.models import Application, ApplicationStatus
from tests.factories import ApplicationFactory, call
from tests.psychologist.test_psy_apply import call3_data, exclusions

pytestmark = pytest.mark.django_db


def call4_data(today, **extra):
    return {
        "portfolio": "Vormingen rond emotieregulatie.",
        "start_date": today.isoformat(),
        "action": "submit",
        **exclusions(),
        **extra,
    }


def field_codes(response, field) -> list[str]:
    return [error.code for error in response.context["form"].errors.as_data()[field]]


def test_call3_agreement_of_zero_minimum_hours_is_refused_at_its_field(psy_client, today):
    response = psy_client.post(
        reverse("applications:apply", args=[3]), call3_data(today, agreement_minimum_hours="0")
    )
    assert response.status_code == 200
    assert field_codes(response, "agreement_minimum_hours") == ["agreement_minimum_required"]
    assert not Application.objects.exists()


def test_call3_agreement_missing_its_terms_shows_each_at_its_field(psy_client, today):
    data = call3_data(today, agreement_periodicity="", agreement_contact_arrangement="")
    response = psy_client.post(reverse("applications:apply", args=[3]), data)
    assert field_codes(response, "agreement_periodicity") == ["agreement_periodicity_required"]
    assert field_codes(response, "agreement_contact_arrangement") == ["agreement_contact_required"]


def test_call3_draft_with_a_late_evaluation_is_refused_by_the_engine_rule(psy_client, today):
    late = today + timedelta(days=400)
    data = call3_data(today, agreement_next_evaluation_date=late.isoformat(), action="save")
    response = psy_client.post(reverse("applications:apply", args=[3]), data)
    assert "uiterlijk op" in str(response.context["form"].errors["agreement_next_evaluation_date"])


def test_call4_without_portfolio_is_refused_at_the_portfolio(psy_client, today):
    response = psy_client.post(
        reverse("applications:apply", args=[4]), call4_data(today, portfolio="")
    )
    assert field_codes(response, "portfolio") == ["portfolio_required"]


def test_second_call4_application_is_refused_and_kept_as_a_draft(psy_client, psychologist, today):
    first = ApplicationFactory(
        psychologist=psychologist, call=call(4), findplace=None, start_date=today
    )
    response = psy_client.post(reverse("applications:apply", args=[4]), call4_data(today))
    assert response.status_code == 200
    [error] = response.context["form"].non_field_errors().as_data()
    assert error.code == "pending_application_exists"
    assert today.strftime("%d/%m/%Y") in error.message
    second = Application.objects.exclude(pk=first.pk).get()
    assert second.status == ApplicationStatus.DRAFT


def test_draft_page_says_an_open_application_blocks_submitting(psy_client, psychologist, today):
    ApplicationFactory(psychologist=psychologist, call=call(4), findplace=None, start_date=today)
    draft = ApplicationFactory(
        psychologist=psychologist,
        call=call(4),
        findplace=None,
        start_date=today,
        status=ApplicationStatus.DRAFT,
    )
    response = psy_client.get(reverse("applications:application_detail", args=[draft.pk]))
    assert [r.code for r in response.context["refusals"]] == ["pending_application_exists"]
