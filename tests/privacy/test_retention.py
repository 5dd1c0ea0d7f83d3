"""The nightly retention (privacy.retention): what goes and what stays, on the boundary."""

from datetime import date, datetime, timedelta

import pytest
from axes.models import AccessLog
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone
from post_office.models import STATUS, Email

from demand.models import RequestState, SupportRequest
from portal.models import DigestItem, DigestKind
from privacy.retention import (
    apply_retention,
    clear_expired_sessions,
    delete_old_emails,
    delete_old_login_records,
    delete_sent_digest_items,
    delete_unconfirmed_requests,
    erase_closed_requests,
)
from tests.demand.factories import SupportRequestFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime(2026, 12, 3, 3, 30))


def sent_at(moment: datetime, **fields) -> SupportRequest:
    support_request = SupportRequestFactory(**fields)
    SupportRequest.objects.filter(pk=support_request.pk).update(created_at=moment)
    return support_request


def closed_on(day: date) -> SupportRequest:
    moment = timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(hours=23))
    return SupportRequestFactory(state=RequestState.DONE, closed_at=moment)


def test_an_unconfirmed_request_goes_once_it_is_seven_days_old():
    stale = sent_at(NOW - timedelta(days=7, seconds=1), state=RequestState.NEW, confirmed_at=None)
    assert delete_unconfirmed_requests(NOW) == 1
    assert not SupportRequest.objects.filter(pk=stale.pk).exists()


def test_an_unconfirmed_request_of_exactly_seven_days_stays():
    sent_at(NOW - timedelta(days=7), state=RequestState.NEW, confirmed_at=None)
    assert delete_unconfirmed_requests(NOW) == 0


def test_an_old_confirmed_request_is_never_deleted():
    sent_at(NOW - timedelta(days=400))
    assert delete_unconfirmed_requests(NOW) == 0
    assert SupportRequest.objects.count() == 1


def test_contact_data_go_on_the_day_24_months_after_closing():
    support_request = closed_on(date(2024, 12, 3))
    assert erase_closed_requests(date(2026, 12, 3)) == 1
    support_request.refresh_from_db()
    assert support_request.erased_at is not None
    assert support_request.email == "" and support_request.requester_name == ""


def test_contact_data_closed_one_day_later_stay():
    support_request = closed_on(date(2024, 12, 4))
    assert erase_closed_requests(date(2026, 12, 3)) == 0
    support_request.refresh_from_db()
    assert support_request.erased_at is None and support_request.email


def test_an_open_request_keeps_its_contact_data_however_old():
    sent_at(NOW - timedelta(days=1000))
    assert erase_closed_requests(date(2026, 12, 3)) == 0


def test_an_erased_request_keeps_its_state_and_dates():
    support_request = closed_on(date(2024, 1, 10))
    erase_closed_requests(date(2026, 12, 3))
    support_request.refresh_from_db()
    assert support_request.state == RequestState.DONE
    assert support_request.closed_at and support_request.confirmed_at
    assert support_request.postcode == "9000"


def email(status: int, days_old: int) -> Email:
    message = Email.objects.create(
        from_email="portaal@example.org", to=["x@example.org"], subject="s", status=status
    )
    Email.objects.filter(pk=message.pk).update(created=NOW - timedelta(days=days_old))
    return message


def test_sent_emails_leave_the_outbox_after_90_days():
    email(STATUS.sent, 91)
    email(STATUS.failed, 91)
    assert delete_old_emails(NOW) == 2


def test_recent_sent_emails_stay():
    email(STATUS.sent, 89)
    assert delete_old_emails(NOW) == 0


def test_a_queued_email_is_never_deleted_however_old():
    email(STATUS.queued, 400)
    assert delete_old_emails(NOW) == 0


def digest_item(sent_days_ago: int | None) -> DigestItem:
    sent = None if sent_days_ago is None else NOW - timedelta(days=sent_days_ago)
    return DigestItem.objects.create(
        user=UserFactory(), kind=DigestKind.CLOSING_REMINDER, summary="s", sent_at=sent
    )


def test_sent_digest_items_go_after_90_days():
    digest_item(91)
    digest_item(89)
    assert delete_sent_digest_items(NOW) == 1


def test_a_digest_item_still_waiting_is_never_deleted():
    waiting = digest_item(None)
    DigestItem.objects.filter(pk=waiting.pk).update(created_at=NOW - timedelta(days=400))
    assert delete_sent_digest_items(NOW) == 0


def login_record(days_old: int) -> None:
    record = AccessLog.objects.create(username="an.peeters", ip_address="127.0.0.1")
    AccessLog.objects.filter(pk=record.pk).update(attempt_time=NOW - timedelta(days=days_old))


def test_the_record_of_logins_keeps_one_year():
    login_record(366)
    login_record(364)
    assert delete_old_login_records(NOW) == 1


def test_expired_sessions_are_cleared():
    expired, current = SessionStore(), SessionStore()
    expired.set_expiry(-60)
    expired.save()
    current.save()
    clear_expired_sessions()
    assert list(Session.objects.values_list("session_key", flat=True)) == [current.session_key]


def test_a_second_run_finds_nothing_new():
    closed_on(date(2023, 5, 1))
    sent_at(NOW - timedelta(days=8), state=RequestState.NEW, confirmed_at=None)
    first = apply_retention(NOW)
    assert first.request_contacts_erased == 1 and first.unconfirmed_requests_deleted == 1
    assert not any(apply_retention(NOW).as_dict().values())


def test_beat_runs_the_retention_every_night():
    entry = settings.CELERY_BEAT_SCHEDULE["retention"]
    assert entry["task"] == "privacy.tasks.apply_retention_task"
    assert entry["schedule"].hour == {3}
