"""Follow-up: allocations ending soon, due call-3 evaluations, little use halfway, and the
daily evaluation reminder (exactly once per agreement per day)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from applications import services
from applications.models import ApplicationStatus, CooperationAgreement
from applications.tasks import send_evaluation_reminders
from portal.dates import add_months
from tests.coordination.conftest import make_allocation, make_application
from tests.factories import AllocationFactory, CoordinatorFactory, RegistrationFactory, call

FOLLOW_UP = reverse("coordination:follow_up")


def today():
    return timezone.localdate()


def make_agreement(network, *, start=None, next_evaluation=None):
    """An approved call-3 application with its allocation and cooperation agreement."""
    start = start or today() - timedelta(days=30)
    application = make_application(
        network,
        call=call(3),
        findplace=None,
        status=ApplicationStatus.APPROVED,
        start_date=start,
        partner_name="OCMW Aalst",
        portfolio="Ervaring met intervisie.",
        agreement__next_evaluation_date=next_evaluation,
    )
    AllocationFactory(application=application)
    return application.agreement


def test_follow_up_lists_allocations_ending_within_60_days(coordinator_client, network):
    ending = make_allocation(network, start=today() - timedelta(days=330))
    make_allocation(network, start=today() - timedelta(days=200))  # ends in ~165 days
    response = coordinator_client.get(FOLLOW_UP)
    assert [a.pk for a in response.context["ending"]] == [ending.pk]


def test_follow_up_lists_agreements_whose_evaluation_is_due(coordinator_client, network):
    due = make_agreement(network, next_evaluation=today() + timedelta(days=20))
    make_agreement(network, next_evaluation=today() + timedelta(days=60))
    response = coordinator_client.get(FOLLOW_UP)
    assert [a.pk for a in response.context["evaluations"]] == [due.pk]


def test_agreement_without_evaluation_is_due_after_eleven_months(coordinator_client, network):
    due = make_agreement(network, start=add_months(today(), -11) - timedelta(days=1))
    make_agreement(network, start=add_months(today(), -10))
    response = coordinator_client.get(FOLLOW_UP)
    assert [a.pk for a in response.context["evaluations"]] == [due.pk]


def test_follow_up_lists_allocations_with_little_use_halfway(coordinator_client, network):
    start = today() - timedelta(days=200)  # past the middle of a 12-month window
    idle = make_allocation(network, start=start)  # 240 min granted
    RegistrationFactory(allocation=idle, date=start, duration_minutes=45)  # 19 %
    busy = make_allocation(network, start=start)
    RegistrationFactory(allocation=busy, date=start, duration_minutes=60)  # 25 %: enough
    response = coordinator_client.get(FOLLOW_UP)
    assert [a.pk for a in response.context["low_use"]] == [idle.pk]


def test_little_use_is_not_flagged_before_the_middle(coordinator_client, network):
    make_allocation(network, start=today() - timedelta(days=100))
    assert list(coordinator_client.get(FOLLOW_UP).context["low_use"]) == []


def window(days_behind, days_ahead):
    return {
        "window_start": today() - timedelta(days=days_behind),
        "window_end": today() + timedelta(days=days_ahead),
    }


def test_little_use_is_not_flagged_on_the_middle_day(coordinator_client, network):
    make_allocation(network, start=today() - timedelta(days=10), **window(10, 10))
    assert list(coordinator_client.get(FOLLOW_UP).context["low_use"]) == []


def test_little_use_is_flagged_the_day_after_the_middle(coordinator_client, network):
    even = make_allocation(network, start=today() - timedelta(days=11), **window(11, 10))
    odd = make_allocation(network, start=today() - timedelta(days=10), **window(10, 9))
    low_use = coordinator_client.get(FOLLOW_UP).context["low_use"]
    assert sorted(a.pk for a in low_use) == sorted([even.pk, odd.pk])


def test_little_use_counts_no_credited_registration(coordinator_client, network):
    start = today() - timedelta(days=200)
    allocation = make_allocation(network, start=start)
    RegistrationFactory(allocation=allocation, date=start, duration_minutes=120, is_credited=True)
    assert [a.pk for a in coordinator_client.get(FOLLOW_UP).context["low_use"]] == [allocation.pk]


def test_each_follow_up_table_pages_on_its_own(coordinator_client, network, monkeypatch):
    monkeypatch.setattr("coordination.views.follow_up.PAGE_SIZE", 2)
    start = today() - timedelta(days=330)  # ending within 60 days, and little used
    allocations = [make_allocation(network, start=start) for _ in range(3)]
    response = coordinator_client.get(FOLLOW_UP, {"ending": 2})
    assert [a.pk for a in response.context["ending"]] == [allocations[2].pk]
    assert len(response.context["low_use"]) == 2
    assert 'href="?ending=2&amp;low_use=2"' in response.content.decode()


@pytest.mark.parametrize("number", ["9" * 30, "-1", "x'; --", "2.5"])
def test_a_hostile_page_number_shows_a_page_of_each_table(coordinator_client, network, number):
    make_allocation(network, start=today() - timedelta(days=330))
    response = coordinator_client.get(FOLLOW_UP, {"ending": number, "evaluations": number})
    assert response.status_code == 200
    assert len(response.context["ending"]) == 1


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_reminder_job_sends_one_reminder_per_due_agreement_even_when_run_twice(
    network, coordinator, django_capture_on_commit_callbacks
):
    agreement = make_agreement(network, next_evaluation=today() + timedelta(days=10))
    make_agreement(network, next_evaluation=today() + timedelta(days=90))  # not due
    with django_capture_on_commit_callbacks(execute=True):
        assert send_evaluation_reminders() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert send_evaluation_reminders() == 0
    psychologist = agreement.application.psychologist.user
    assert recipients() == sorted([psychologist.email, coordinator.email])
    assert "evaluatie" in mail.outbox[0].subject.lower()


def test_reminder_is_sent_again_a_week_later(
    network, coordinator, django_capture_on_commit_callbacks
):
    agreement = make_agreement(network, next_evaluation=today() + timedelta(days=10))
    CooperationAgreement.objects.filter(pk=agreement.pk).update(
        last_reminder_on=today() - timedelta(days=7)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert send_evaluation_reminders() == 1
    agreement.refresh_from_db()
    assert agreement.last_reminder_on == today()


def test_no_second_reminder_within_the_week(
    network, coordinator, django_capture_on_commit_callbacks
):
    agreement = make_agreement(network, next_evaluation=today() + timedelta(days=10))
    CooperationAgreement.objects.filter(pk=agreement.pk).update(
        last_reminder_on=today() - timedelta(days=6)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert send_evaluation_reminders() == 0
    assert services.send_evaluation_reminder(agreement.pk, today=today()) is False
    assert mail.outbox == []


def test_reminder_goes_only_to_coordinators_of_the_agreements_network(
    network, other_network, coordinator, django_capture_on_commit_callbacks
):
    outsider = CoordinatorFactory(networks=[other_network])
    make_agreement(network, next_evaluation=today())
    with django_capture_on_commit_callbacks(execute=True):
        send_evaluation_reminders()
    assert outsider.email not in recipients()
    assert coordinator.email in recipients()


def test_reminder_job_is_registered_in_the_beat_schedule(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "applications.tasks.send_evaluation_reminders" in tasks


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_reminder_runs_send_one_reminder(network, coordinator):
    """Two workers running the job at once: the row lock lets only one of them send."""
    import threading

    from django.db import connection

    agreement = make_agreement(network, next_evaluation=today())
    results = []
    barrier = threading.Barrier(2)

    def run():
        try:
            barrier.wait()
            results.append(services.send_evaluation_reminder(agreement.pk, today=today()))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, True]


def test_due_evaluations_page_and_keep_their_overdue_flag(coordinator_client, network, monkeypatch):
    monkeypatch.setattr("coordination.views.follow_up.PAGE_SIZE", 1)
    late = make_agreement(network, next_evaluation=today() - timedelta(days=90))
    soon = make_agreement(network, next_evaluation=today() + timedelta(days=20))
    first = coordinator_client.get(FOLLOW_UP).context["evaluations"]
    second = coordinator_client.get(FOLLOW_UP, {"evaluations": 2}).context["evaluations"]
    assert [(a.pk, a.overdue) for a in first] == [(late.pk, True)]
    assert [(a.pk, a.overdue) for a in second] == [(soon.pk, False)]


def test_the_little_use_table_shows_the_minutes_used_of_the_total(coordinator_client, network):
    start = today() - timedelta(days=200)
    idle = make_allocation(network, start=start)
    RegistrationFactory(allocation=idle, date=start, duration_minutes=45)
    [row] = coordinator_client.get(FOLLOW_UP).context["low_use"]
    assert (row.used_minutes, row.total) == (45, idle.granted_minutes)
