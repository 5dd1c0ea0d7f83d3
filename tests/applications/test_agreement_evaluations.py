"""The yearly evaluation of a call-3 cooperation agreement: what a recorded one must hold,
what it changes (next date, reminder, new signed agreement, audit trail), and the block on
activities once the planned evaluation is over two months late (docs/agreement-evaluations.md)."""

from datetime import date, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from applications import services
from applications.engine import evaluations
from applications.models import AuditAction, EvaluationOutcome
from applications.selectors import due_agreements
from registrations import services as registrations
from tests.factories import AllocationFactory, ApplicationFactory, call

pytestmark = pytest.mark.django_db

START = date(2025, 1, 1)
PLANNED = date(2025, 7, 1)  # the factory's agreement: six months after the start
TODAY = date(2025, 10, 15)


@pytest.fixture
def allocation():
    application = ApplicationFactory(
        call=call(3), status="approved", start_date=START, findplace=None
    )
    return AllocationFactory(application=application)


@pytest.fixture
def agreement(allocation):
    return allocation.application.agreement


def evaluation(**extra):
    return {
        "held_on": date(2025, 10, 1),
        "outcome": EvaluationOutcome.CONTINUED,
        "notes": "Goed overleg, zelfde afspraken.",
        "next_evaluation_date": date(2026, 10, 1),
        **extra,
    }


def codes(error: ValidationError) -> list[str]:
    return [item.code for item in error.error_list]


def refused(agreement, actor, **data) -> list[str]:
    with pytest.raises(ValidationError) as error:
        services.record_evaluation(agreement, actor=actor, data=evaluation(**data), today=TODAY)
    return codes(error.value)


def activity(day: date) -> dict:
    return {
        "date": day,
        "start_time": time(9, 0),
        "duration_minutes": 60,
        "work_form": "advice",
        "attendees": 3,
        "attendee_roles": "maatschappelijk werkers",
        "subject": "Advies",
    }


def register(allocation, day: date):
    return registrations.register_activity(
        allocation.psychologist, allocation.pk, activity(day), today=TODAY
    )


# --- The block ------------------------------------------------------------------------


def test_an_activity_exactly_two_months_after_the_planned_evaluation_is_still_accepted(
    allocation,
):
    assert register(allocation, date(2025, 9, 1)).pk


def test_an_activity_one_day_later_is_refused_because_the_evaluation_is_overdue(allocation):
    with pytest.raises(ValidationError) as error:
        register(allocation, date(2025, 9, 2))
    assert codes(error.value) == ["evaluation_overdue"]
    assert "01/07/2025" in error.value.messages[0]


def test_recording_the_evaluation_lifts_the_block(allocation, agreement):
    services.record_evaluation(
        agreement, actor=allocation.psychologist.user, data=evaluation(), today=TODAY
    )
    assert register(allocation, date(2025, 9, 2)).pk


def test_a_registration_made_before_the_block_can_still_be_changed(allocation):
    registration = register(allocation, date(2025, 9, 1))
    changed = registrations.update_registration(
        registration, {"date": date(2025, 9, 20)}, today=TODAY
    )
    assert changed.date == date(2025, 9, 20)


def test_an_agreement_without_a_planned_evaluation_is_not_blocked(allocation, agreement):
    agreement.next_evaluation_date = None
    agreement.save()
    assert register(allocation, date(2025, 9, 2)).pk


def test_the_overdue_flag_turns_on_the_day_after_two_months():
    assert not evaluations.is_overdue(PLANNED, date(2025, 9, 1))
    assert evaluations.is_overdue(PLANNED, date(2025, 9, 2))


def test_two_months_after_the_end_of_a_longer_month_is_the_end_of_the_shorter_one():
    assert evaluations.blocked_since(date(2025, 12, 31)) == date(2026, 3, 1)


# --- Recording ------------------------------------------------------------------------


def test_recording_moves_the_next_evaluation_and_stops_the_reminder(allocation, agreement):
    services.record_evaluation(
        agreement, actor=allocation.psychologist.user, data=evaluation(), today=TODAY
    )
    agreement.refresh_from_db()
    assert agreement.next_evaluation_date == date(2026, 10, 1)
    assert not due_agreements(TODAY).filter(pk=agreement.pk).exists()


def test_before_recording_the_late_agreement_is_reminded(agreement):
    assert due_agreements(TODAY).filter(pk=agreement.pk).exists()


def test_recording_writes_an_audit_entry_with_the_old_and_new_date(allocation, agreement):
    user = allocation.psychologist.user
    services.record_evaluation(agreement, actor=user, data=evaluation(), today=TODAY)
    entry = agreement.application.audit_entries.get(action=AuditAction.EVALUATION)
    assert (entry.actor, entry.from_value, entry.to_value) == (user, "01/07/2025", "01/10/2026")


def test_a_new_signed_agreement_replaces_the_file_and_stays_with_its_evaluation(
    allocation, agreement, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    pdf = SimpleUploadedFile("nieuw.pdf", b"%PDF-1.4 new", content_type="application/pdf")
    recorded = services.record_evaluation(
        agreement,
        actor=allocation.psychologist.user,
        data=evaluation(outcome=EvaluationOutcome.ADJUSTED, signed_pdf=pdf),
        today=TODAY,
    )
    agreement.refresh_from_db()
    assert agreement.signed_pdf.name == recorded.signed_pdf.name
    assert "nieuw" not in recorded.signed_pdf.name  # the stored name says nothing


def test_an_evaluation_held_today_is_accepted(allocation, agreement):
    assert services.record_evaluation(
        agreement, actor=None, data=evaluation(held_on=TODAY), today=TODAY
    ).pk


def test_an_evaluation_held_tomorrow_is_refused(allocation, agreement):
    assert refused(agreement, None, held_on=TODAY + timedelta(days=1)) == ["evaluation_in_future"]


def test_an_evaluation_before_the_cooperation_began_is_refused(allocation, agreement):
    held_on = START - timedelta(days=1)
    assert refused(agreement, None, held_on=held_on, next_evaluation_date=TODAY) == [
        "evaluation_before_start"
    ]


def test_the_next_evaluation_exactly_twelve_months_later_is_accepted(allocation, agreement):
    data = evaluation(held_on=date(2025, 10, 1), next_evaluation_date=date(2026, 10, 1))
    assert services.record_evaluation(agreement, actor=None, data=data, today=TODAY).pk


def test_the_next_evaluation_a_day_over_twelve_months_is_refused(allocation, agreement):
    assert refused(agreement, None, next_evaluation_date=date(2026, 10, 2)) == [
        "next_evaluation_too_late"
    ]


def test_the_next_evaluation_must_come_after_this_one(allocation, agreement):
    assert refused(agreement, None, next_evaluation_date=date(2025, 10, 1)) == [
        "next_evaluation_not_after"
    ]


def test_a_refused_evaluation_changes_nothing(allocation, agreement):
    refused(agreement, None, held_on=TODAY + timedelta(days=1))
    agreement.refresh_from_db()
    assert agreement.next_evaluation_date == PLANNED
    assert not agreement.evaluations.exists()


def test_an_agreement_of_an_application_not_yet_granted_takes_no_evaluation():
    application = ApplicationFactory(call=call(3), status="submitted", start_date=START)
    assert refused(application.agreement, None) == ["evaluation_not_running"]
