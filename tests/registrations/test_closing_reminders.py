"""The reminder before a month closes (docs/month-closing.md): once, to who has an
allocation running in the month and registered nothing in it, from three days before
the closing day up to that day."""

from datetime import date

import pytest
from post_office.models import Email

from portal.models import Delivery, DigestItem
from registrations.closing_services import send_closing_reminders
from tests.factories import (
    AllocationFactory,
    NetworkFactory,
    PsychologistFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db

MARCH_DAY = date(2025, 3, 20)


@pytest.fixture
def network():
    return NetworkFactory(code="PAKT", name="Het PAKT", registration_closing_day=10)


@pytest.fixture
def allocation(network):
    """A 2025 allocation: it runs in March."""
    return AllocationFactory(application__psychologist=PsychologistFactory(networks=[network]))


def mails_to(psychologist) -> list[Email]:
    return [e for e in Email.objects.all() if psychologist.user.email in e.to]


def test_three_days_before_the_closing_day_who_registered_nothing_is_reminded(allocation):
    assert send_closing_reminders(date(2025, 4, 7)) == 1
    [email] = mails_to(allocation.psychologist)
    assert "maart 2025" in email.subject
    assert "10/04/2025" in email.message


def test_four_days_before_nobody_is_reminded_yet(allocation):
    assert send_closing_reminders(date(2025, 4, 6)) == 0


def test_after_the_closing_day_nobody_is_reminded_any_more(allocation):
    assert send_closing_reminders(date(2025, 4, 11)) == 0


def test_the_reminder_is_sent_once_however_often_the_task_runs(allocation):
    for day in (7, 8, 10):
        send_closing_reminders(date(2025, 4, day))
    assert len(mails_to(allocation.psychologist)) == 1


def test_who_registered_an_activity_in_the_month_is_not_reminded(allocation):
    RegistrationFactory(allocation=allocation, date=MARCH_DAY)
    assert send_closing_reminders(date(2025, 4, 7)) == 0


def test_an_activity_of_another_month_does_not_count(allocation):
    RegistrationFactory(allocation=allocation, date=date(2025, 4, 2))
    assert send_closing_reminders(date(2025, 4, 7)) == 1


def test_who_has_no_allocation_running_in_the_month_is_not_reminded(network):
    AllocationFactory(
        application__psychologist=PsychologistFactory(networks=[network]),
        application__start_date=date(2025, 4, 1),
    )
    assert send_closing_reminders(date(2025, 4, 7)) == 0


def test_a_network_without_closing_day_sends_no_reminder(allocation, network):
    network.registration_closing_day = None
    network.save()
    assert send_closing_reminders(date(2025, 4, 7)) == 0


def test_who_chose_the_digest_gets_it_there(allocation):
    user = allocation.psychologist.user
    user.notification_delivery = Delivery.DIGEST
    user.save()
    send_closing_reminders(date(2025, 4, 7))
    assert mails_to(allocation.psychologist) == []
    assert DigestItem.objects.get(user=user).kind == "closing_reminder"
