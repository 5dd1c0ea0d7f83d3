"""The overview is cached per version of the psychologist's data: fast, never stale, never
someone else's."""

from datetime import time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from applications import services as application_services
from applications.models import ApplicationStatus, CooperationAgreement, ExtraHoursRequest
from applications.overview import overview_html
from billing.services.runs import run_billing
from portal.models import Psychologist
from registrations import services as registration_services
from tests.factories import ApplicationFactory, RegistrationFactory
from tests.psychologist.psy_helpers import make_allocation

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("applications:overview")


def version(psychologist) -> int:
    psychologist.refresh_from_db(fields=["data_version"])
    return psychologist.data_version


def sql_of(client, url) -> str:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return " ".join(q["sql"] for q in queries.captured_queries)


def test_a_second_visit_reads_no_allocations_or_registrations(psy_client, allocation):
    psy_client.get(OVERVIEW)
    sql = sql_of(psy_client, OVERVIEW)
    assert "registrations_registration" not in sql
    assert "applications_allocation" not in sql


def test_a_second_visit_costs_session_user_with_profile_and_roles(psy_client, allocation):
    psy_client.get(OVERVIEW)
    with CaptureQueriesContext(connection) as queries:
        psy_client.get(OVERVIEW)
    statements = [q["sql"] for q in queries.captured_queries]
    assert len(statements) == 3
    assert "django_session" in statements[0]
    assert "portal_user" in statements[1] and "portal_psychologist" in statements[1]
    assert "auth_group" in statements[2]


def test_registering_an_activity_shows_on_a_cached_overview(psy_client, allocation, today):
    psy_client.get(OVERVIEW)
    registration_services.register_activity(
        allocation.psychologist,
        allocation.pk,
        {
            "date": today,
            "start_time": time(10, 0),
            "duration_minutes": 90,
            "work_form": "consultation",
            "attendees": 2,
            "attendee_roles": "huisartsen",
            "subject": "Overleg",
        },
    )
    content = psy_client.get(OVERVIEW).content.decode()
    assert "1 u 30 min gebruikt van 4 u" in content


def test_deleting_a_registration_shows_on_a_cached_overview(psy_client, allocation):
    registration = RegistrationFactory(allocation=allocation, duration_minutes=90, quota_minutes=90)
    psy_client.get(OVERVIEW)
    registration_services.delete_registration(registration)
    assert "0 min gebruikt van 4 u" in psy_client.get(OVERVIEW).content.decode()


def test_withdrawing_shows_on_a_cached_overview(psy_client, psychologist):
    application = ApplicationFactory(psychologist=psychologist)
    assert "Ingediend" in psy_client.get(OVERVIEW).content.decode()
    application_services.withdraw_application(application, actor=psychologist.user)
    assert "Geen lopende aanvragen." in psy_client.get(OVERVIEW).content.decode()


def test_another_psychologist_never_gets_my_cached_overview(
    client, psychologist, other_psychologist
):
    make_allocation(psychologist, 1, granted_minutes=240)
    make_allocation(other_psychologist, 3)
    client.force_login(psychologist.user)
    mine = client.get(OVERVIEW).content.decode()
    client.force_login(other_psychologist.user)
    theirs = client.get(OVERVIEW).content.decode()
    assert "Oproep 1" in mine and "Oproep 1" not in theirs
    assert "Oproep 3" in theirs


def test_the_cached_overview_follows_the_language(psy_client, allocation):
    psy_client.get(OVERVIEW)
    psy_client.post(reverse("set_language"), {"language": "en", "next": OVERVIEW})
    content = psy_client.get(OVERVIEW).content.decode()
    assert "My overview" in content and "Mijn overzicht" not in content


def test_the_cached_overview_follows_the_day(call3_allocation, today):
    CooperationAgreement.objects.filter(application=call3_allocation.application).update(
        next_evaluation_date=today + timedelta(days=31)
    )
    psychologist = call3_allocation.psychologist
    with translation.override("nl-be"):
        assert "De evaluatie" not in overview_html(psychologist, today)
        assert "De evaluatie" in overview_html(psychologist, today + timedelta(days=1))


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda a: ApplicationFactory(psychologist=a.psychologist), id="application"),
        pytest.param(lambda a: a.save(), id="allocation"),
        pytest.param(
            lambda a: CooperationAgreement.objects.get(application=a.application).save(),
            id="agreement",
        ),
        pytest.param(
            lambda a: ExtraHoursRequest.objects.create(
                allocation=a, requested_minutes=60, motivation="x"
            ),
            id="extra-hours-request",
        ),
        pytest.param(lambda a: RegistrationFactory(allocation=a), id="registration"),
        pytest.param(
            lambda a: RegistrationFactory(allocation=a).delete(), id="registration-deleted"
        ),
    ],
)
def test_every_change_the_overview_shows_raises_the_data_version(call3_allocation, change):
    before = version(call3_allocation.psychologist)
    change(call3_allocation)
    assert version(call3_allocation.psychologist) > before


def test_a_billing_run_raises_the_version_of_each_invoiced_psychologist(allocation, today):
    RegistrationFactory(allocation=allocation, date=today, duration_minutes=60)
    before = version(allocation.psychologist)
    run_billing(allocation.network, today)
    assert allocation.psychologist.invoices.exists()
    assert version(allocation.psychologist) > before


def test_a_change_for_another_psychologist_leaves_my_version(allocation, other_psychologist):
    before = version(allocation.psychologist)
    make_allocation(other_psychologist, 1)
    assert version(allocation.psychologist) == before


def test_an_approved_application_status_stays_off_the_open_list(psy_client, psychologist):
    application = ApplicationFactory(psychologist=psychologist)
    psy_client.get(OVERVIEW)
    application.status = ApplicationStatus.APPROVED
    application.save()
    assert "Geen lopende aanvragen." in psy_client.get(OVERVIEW).content.decode()


def test_the_overview_renders_when_the_cache_is_down(psy_client, allocation, settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    response = psy_client.get(OVERVIEW)
    assert response.status_code == 200
    assert "0 min gebruikt van 4 u" in response.content.decode()
    assert "Cache unavailable" in caplog.text


def test_saving_a_profile_loaded_before_a_change_keeps_the_raised_version(allocation):
    stale = Psychologist.objects.get(pk=allocation.psychologist_id)
    RegistrationFactory(allocation=allocation)
    raised = version(allocation.psychologist)
    stale.iban = "BE68539007547034"
    stale.save()
    assert version(allocation.psychologist) == raised
