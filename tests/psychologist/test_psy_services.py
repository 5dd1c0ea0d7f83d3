"""The services and selector added for the psychologist journeys."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from post_office.models import STATUS, Email

from applications import services
from applications.models import ApplicationStatus, AuditEntry
from applications.selectors import allocations_with_usage
from portal.models import FindplaceKind
from tests.factories import ApplicationFactory, RegistrationFactory, call
from tests.psychologist.psy_helpers import make_allocation

pytestmark = pytest.mark.django_db


def test_save_draft_creates_a_draft_with_an_audit_entry(psychologist, findplace, today):
    application = services.save_draft(
        psychologist,
        call(1),
        {"findplace": findplace, "start_date": today, "requested_minutes": 240},
    )
    assert application.status == ApplicationStatus.DRAFT
    assert application.network == findplace.network
    assert AuditEntry.objects.filter(application=application, action="created").exists()


def test_save_draft_refuses_a_submitted_application(psychologist, today):
    application = ApplicationFactory(psychologist=psychologist, status=ApplicationStatus.SUBMITTED)
    with pytest.raises(ValidationError) as error:
        services.save_draft(
            psychologist, application.call, {"motivation": "x"}, application=application
        )
    assert error.value.error_list[0].code == "invalid_status"


def test_save_draft_of_someone_elses_application_is_not_found(psychologist, other_psychologist):
    application = ApplicationFactory(
        psychologist=other_psychologist, status=ApplicationStatus.DRAFT
    )
    from applications.models import Application

    with pytest.raises(Application.DoesNotExist):
        services.save_draft(psychologist, application.call, {}, application=application)


def test_changing_the_partner_email_clears_the_partner_answer(psychologist):
    application = ApplicationFactory(
        psychologist=psychologist,
        status=ApplicationStatus.CHANGES_REQUESTED,
        partner_email="oud@example.org",
        partner_declined_at=timezone.now(),
    )
    application = services.save_draft(
        psychologist,
        application.call,
        {"partner_email": "nieuw@example.org"},
        application=application,
    )
    assert application.partner_declined_at is None


def test_propose_findplace_reuses_an_existing_one_by_name_and_town(
    psychologist, network, findplace
):
    again = services.propose_findplace(
        psychologist, network, name=findplace.name, kind=FindplaceKind.OTHER, municipality="Gent"
    )
    assert again == findplace


def test_submit_requires_a_partner_email_where_the_call_asks_confirmation(psychologist):
    application = ApplicationFactory(
        psychologist=psychologist, status=ApplicationStatus.DRAFT, partner_email=""
    )
    with pytest.raises(ValidationError) as error:
        services.submit_application(application, actor=psychologist.user, absolute_url=str)
    assert error.value.error_list[0].code == "partner_email_required"


def test_submit_mails_the_partner_after_commit(psychologist, django_capture_on_commit_callbacks):
    application = ApplicationFactory(
        psychologist=psychologist, status=ApplicationStatus.DRAFT, partner_email="p@example.org"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_application(
            application, actor=psychologist.user, absolute_url=lambda p: "https://portaal" + p
        )
    assert mail.outbox[0].to == ["p@example.org"]
    assert "https://portaal/partner/" in mail.outbox[0].body


def test_submit_writes_the_partner_mail_in_its_own_transaction(psychologist):
    application = ApplicationFactory(
        psychologist=psychologist, status=ApplicationStatus.DRAFT, partner_email="p@example.org"
    )
    services.submit_application(application, actor=psychologist.user, absolute_url=str)
    # No commit callback has run: the outbox row was written by the submission itself.
    email = Email.objects.get()
    assert (email.to, email.status) == (["p@example.org"], STATUS.queued)


def test_submit_of_call4_mails_nobody(psychologist, django_capture_on_commit_callbacks):
    application = ApplicationFactory(
        psychologist=psychologist, status=ApplicationStatus.DRAFT, call=call(4), findplace=None
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_application(application, actor=psychologist.user, absolute_url=str)
    assert mail.outbox == []


def test_allocations_with_usage_splits_at_the_bonus_end(psychologist, today):
    start = today - timedelta(days=200)
    allocation = make_allocation(
        psychologist, 1, start=start, bonus_minutes=120, bonus_until=today - timedelta(days=10)
    )
    RegistrationFactory(allocation=allocation, date=start, duration_minutes=60, quota_minutes=60)
    RegistrationFactory(
        allocation=allocation, date=today - timedelta(days=1), duration_minutes=30, quota_minutes=30
    )
    RegistrationFactory(
        allocation=allocation, date=today - timedelta(days=2), quota_minutes=45, is_credited=True
    )
    [annotated] = allocations_with_usage(psychologist.pk, today=today)
    assert (annotated.usage.before_bonus_end, annotated.usage.after_bonus_end) == (60, 30)
    # 240 base + min(120, 60) bonus used in time - 90 used
    assert annotated.remaining_minutes == 210


def test_allocations_with_usage_costs_one_query(psychologist, today, django_assert_num_queries):
    for number in (1, 3, 4):
        RegistrationFactory(allocation=make_allocation(psychologist, number), work_form="advice")
    with django_assert_num_queries(1):
        allocations_with_usage(psychologist.pk, today=today)
