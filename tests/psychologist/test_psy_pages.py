"""Happy paths of the psychologist pages: overview, calls, allocation, extra hours, profile."""

from datetime import timedelta

import pytest
from django.urls import reverse

from applications.models import (
    ApplicationStatus,
    CooperationAgreement,
    ExtraHoursRequest,
    ExtraHoursStatus,
)
from tests.factories import ApplicationFactory, RegistrationFactory, call
from tests.psychologist.psy_helpers import make_allocation

pytestmark = pytest.mark.django_db


def test_overview_shows_allocation_usage_in_hours(psy_client, allocation):
    RegistrationFactory(allocation=allocation, duration_minutes=90, quota_minutes=90)
    response = psy_client.get(reverse("applications:overview"))
    assert response.status_code == 200
    assert "1 u 30 min gebruikt van 4 u · nog 2 u 30 min over" in response.content.decode()


def test_overview_shows_start_bonus_and_its_end(psy_client, psychologist, today):
    make_allocation(psychologist, 1, bonus_minutes=120, bonus_until=today + timedelta(days=100))
    content = psy_client.get(reverse("applications:overview")).content.decode()
    assert "Startbonus: 2 u extra" in content
    assert (today + timedelta(days=100)).strftime("%d/%m/%Y") in content


def test_overview_lists_changes_requested_under_needs_action(psy_client, psychologist):
    application = ApplicationFactory(
        psychologist=psychologist, status=ApplicationStatus.CHANGES_REQUESTED
    )
    content = psy_client.get(reverse("applications:overview")).content.decode()
    assert "Actie nodig" in content
    assert reverse("applications:application_edit", args=[application.pk]) in content


def test_overview_announces_agreement_evaluation_due_within_30_days(
    psy_client, call3_allocation, today
):
    CooperationAgreement.objects.filter(application=call3_allocation.application).update(
        next_evaluation_date=today + timedelta(days=20)
    )
    content = psy_client.get(reverse("applications:overview")).content.decode()
    assert "De evaluatie van uw samenwerkingsovereenkomst" in content


def test_overview_does_not_announce_an_evaluation_months_away(psy_client, call3_allocation, today):
    CooperationAgreement.objects.filter(application=call3_allocation.application).update(
        next_evaluation_date=today + timedelta(days=90)
    )
    content = psy_client.get(reverse("applications:overview")).content.decode()
    assert "De evaluatie van uw samenwerkingsovereenkomst" not in content


def test_overview_costs_the_same_queries_with_more_data(
    psy_client, psychologist, django_assert_max_num_queries
):
    def count():
        from django.core.cache import cache
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        cache.clear()  # both visits render everything afresh
        with CaptureQueriesContext(connection) as ctx:
            assert psy_client.get(reverse("applications:overview")).status_code == 200
        return len(ctx)

    make_allocation(psychologist, 1)
    baseline = count()
    for number in (1, 3, 4):
        allocation = make_allocation(psychologist, number)
        RegistrationFactory.create_batch(3, allocation=allocation, work_form="advice")
    ApplicationFactory.create_batch(3, psychologist=psychologist)
    assert count() == baseline


def test_calls_page_explains_all_four_calls(psy_client):
    content = psy_client.get(reverse("applications:calls")).content.decode()
    for number in (1, 2, 3, 4):
        assert reverse("applications:apply", args=[number]) in content
    assert "Wat is het niet?" in content
    assert "Wie beslist?" in content


def test_allocation_page_shows_usage_registrations_and_extra_requests(psy_client, allocation):
    RegistrationFactory(allocation=allocation, duration_minutes=60, subject="Overleg")
    ExtraHoursRequest.objects.create(
        allocation=allocation,
        requested_minutes=120,
        motivation="Meer overleg nodig",
        status=ExtraHoursStatus.APPROVED,
        granted_minutes=60,
    )
    response = psy_client.get(reverse("applications:allocation_detail", args=[allocation.pk]))
    content = response.content.decode()
    assert "1 u gebruikt van 4 u" in content
    assert "Toegekend" in content and "1 u toegekend" in content
    assert reverse("registrations:create", args=[allocation.pk]) in content


def test_extra_hours_request_is_stored_in_minutes(psy_client, allocation):
    response = psy_client.post(
        reverse("applications:extra_hours", args=[allocation.pk]),
        {"hours": "1.5", "motivation": "Extra overleg met het team"},
    )
    assert response.status_code == 302
    request = ExtraHoursRequest.objects.get(allocation=allocation)
    assert request.requested_minutes == 90
    assert request.status == ExtraHoursStatus.SUBMITTED


def test_extra_hours_request_without_motivation_is_a_form_error(psy_client, allocation):
    response = psy_client.post(
        reverse("applications:extra_hours", args=[allocation.pk]), {"hours": "2", "motivation": ""}
    )
    assert response.status_code == 200
    assert not ExtraHoursRequest.objects.exists()


def test_extra_hours_request_is_post_only(psy_client, allocation):
    response = psy_client.get(reverse("applications:extra_hours", args=[allocation.pk]))
    assert response.status_code == 405


def test_withdraw_sets_status_withdrawn(psy_client, psychologist):
    application = ApplicationFactory(psychologist=psychologist, call=call(4))
    response = psy_client.post(reverse("applications:application_withdraw", args=[application.pk]))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN


def test_application_detail_shows_status_and_decision_reason(psy_client, psychologist):
    application = ApplicationFactory(
        psychologist=psychologist,
        status=ApplicationStatus.CHANGES_REQUESTED,
        decision_reason="Voeg de startdatum op de vindplaats toe.",
    )
    content = psy_client.get(
        reverse("applications:application_detail", args=[application.pk])
    ).content.decode()
    assert "Aanpassing gevraagd" in content
    assert "Voeg de startdatum op de vindplaats toe." in content
    assert reverse("applications:application_edit", args=[application.pk]) in content


def test_overview_lists_my_invoices(psy_client, psychologist, network, today):
    from billing.services import runs

    start = today - timedelta(days=90)
    allocation = make_allocation(psychologist, 1, start=start)
    RegistrationFactory(allocation=allocation, date=start, duration_minutes=60)
    run = runs.run_billing(network, today)
    invoice = run.invoices.get()
    content = psy_client.get(reverse("applications:overview")).content.decode()
    assert invoice.number in content
    assert reverse("billing:my_invoices") in content
