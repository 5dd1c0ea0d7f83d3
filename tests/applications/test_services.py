"""Application services: submitting, approving under the quotas, deciding, auditing."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from applications import services
from applications.models import ApplicationStatus, AuditEntry, ExtraHoursStatus
from portal.models import FindplaceKind
from registrations.selectors import remaining_minutes
from tests.factories import (
    AllocationFactory,
    ApplicationFactory,
    CoordinatorFactory,
    FindplaceFactory,
    NetworkFactory,
    PsychologistFactory,
    call,
)

pytestmark = pytest.mark.django_db


def codes(excinfo) -> set[str]:
    return {error.code for error in excinfo.value.error_list}


@pytest.fixture
def pakt():
    return NetworkFactory(code="PAKT", name="Het PAKT")


@pytest.fixture
def coordinator(pakt):
    return CoordinatorFactory(networks=[pakt])


def call2_application(findplace, hours, **kwargs):
    return ApplicationFactory(
        call=call(2),
        findplace=findplace,
        requested_minutes=hours * 60,
        weekly_individual_minutes=240,
        **kwargs,
    )


def test_submit_moves_a_draft_to_submitted_and_records_it():
    application = ApplicationFactory(status=ApplicationStatus.DRAFT)
    services.submit_application(application, actor=application.psychologist.user, absolute_url=str)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.submitted_at is not None
    assert AuditEntry.objects.filter(application=application, to_value="submitted").exists()


@pytest.mark.parametrize(
    "kind", [FindplaceKind.SECONDARY_SCHOOL, FindplaceKind.PRIMARY_SCHOOL, FindplaceKind.CLB]
)
def test_submit_refuses_education_as_not_yet_open(kind):
    application = ApplicationFactory(
        status=ApplicationStatus.DRAFT, findplace=FindplaceFactory(kind=kind)
    )
    with pytest.raises(ValidationError) as excinfo:
        services.submit_application(
            application, actor=application.psychologist.user, absolute_url=str
        )
    assert codes(excinfo) == {"education_not_open"}
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_network_setting_reopens_education():
    application = ApplicationFactory(
        status=ApplicationStatus.DRAFT, findplace=FindplaceFactory(kind=FindplaceKind.CLB)
    )
    application.network.education_open = True
    application.network.save()
    services.submit_application(application, actor=application.psychologist.user, absolute_url=str)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_submitted_application_cannot_be_submitted_again():
    application = ApplicationFactory(status=ApplicationStatus.SUBMITTED)
    with pytest.raises(ValidationError) as excinfo:
        services.submit_application(
            application, actor=application.psychologist.user, absolute_url=str
        )
    assert codes(excinfo) == {"invalid_status"}


def test_approval_creates_a_twelve_month_allocation(coordinator):
    application = ApplicationFactory(start_date=date(2025, 3, 1))
    allocation = services.approve_application(application, actor=coordinator, granted_minutes=240)
    assert (allocation.window_start, allocation.window_end) == (date(2025, 3, 1), date(2026, 2, 28))
    assert allocation.granted_minutes == 240
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED


def test_call1_start_bonus_is_granted_when_the_start_at_the_findplace_lies_in_the_window(
    coordinator,
):
    application = ApplicationFactory(
        start_date=date(2025, 1, 1), findplace_start_date=date(2025, 3, 1)
    )
    allocation = services.approve_application(application, actor=coordinator, granted_minutes=240)
    assert allocation.bonus_minutes == 120
    assert allocation.bonus_until == date(2025, 9, 1)


def test_call1_no_start_bonus_for_a_psychologist_who_started_before_the_window(coordinator):
    application = ApplicationFactory(
        start_date=date(2025, 1, 1), findplace_start_date=date(2024, 6, 1)
    )
    allocation = services.approve_application(application, actor=coordinator, granted_minutes=240)
    assert allocation.bonus_minutes == 0


def test_coordinator_of_another_network_cannot_approve(coordinator):
    other = CoordinatorFactory(networks=[NetworkFactory(code="ADS", name="GG ADS")])
    application = ApplicationFactory()
    with pytest.raises(ValidationError) as excinfo:
        services.approve_application(application, actor=other, granted_minutes=240)
    assert codes(excinfo) == {"not_coordinator_of_network"}


def test_approval_above_the_call_quota_is_refused(coordinator):
    application = ApplicationFactory()
    with pytest.raises(ValidationError) as excinfo:
        services.approve_application(application, actor=coordinator, granted_minutes=241)
    assert codes(excinfo) == {"hours_above_max"}


def test_approval_with_fewer_hours_than_asked_is_allowed(coordinator):
    application = ApplicationFactory()
    allocation = services.approve_application(application, actor=coordinator, granted_minutes=120)
    assert allocation.granted_minutes == 120


def test_example_3_call2_cap_leaves_18_hours_after_30_hours_held(coordinator):
    findplace = FindplaceFactory(kind=FindplaceKind.LOCAL_SERVICE_CENTRE)
    first = call2_application(findplace, 30)
    services.approve_application(first, actor=coordinator, granted_minutes=30 * 60)
    second = call2_application(findplace, 20, start_date=date(2025, 6, 1))
    with pytest.raises(ValidationError) as excinfo:
        services.approve_application(second, actor=coordinator, granted_minutes=20 * 60)
    assert codes(excinfo) == {"hours_above_max"}
    allocation = services.approve_application(second, actor=coordinator, granted_minutes=18 * 60)
    assert allocation.granted_minutes == 18 * 60


def test_call2_cap_reached_refuses_any_further_grant(coordinator):
    findplace = FindplaceFactory(kind=FindplaceKind.YOUTH_HOUSE)
    services.approve_application(
        call2_application(findplace, 48), actor=coordinator, granted_minutes=48 * 60
    )
    late = call2_application(findplace, 10, start_date=date(2025, 12, 31))
    with pytest.raises(ValidationError) as excinfo:
        services.approve_application(late, actor=coordinator, granted_minutes=60)
    assert codes(excinfo) == {"findplace_cap_reached"}


def test_call2_windows_that_do_not_overlap_do_not_share_the_cap(coordinator):
    findplace = FindplaceFactory(kind=FindplaceKind.YOUTH_HOUSE)
    services.approve_application(
        call2_application(findplace, 48), actor=coordinator, granted_minutes=48 * 60
    )
    next_year = call2_application(findplace, 48, start_date=date(2026, 1, 1))
    allocation = services.approve_application(next_year, actor=coordinator, granted_minutes=48 * 60)
    assert allocation.granted_minutes == 48 * 60


def test_overkophuis_exception_grants_96_hours_to_one_psychologist_exclusively(coordinator):
    findplace = FindplaceFactory(kind=FindplaceKind.OVERKOPHUIS)
    exception = call2_application(findplace, 96, overkophuis_exception=True)
    allocation = services.approve_application(exception, actor=coordinator, granted_minutes=96 * 60)
    assert allocation.exclusive
    other = call2_application(findplace, 4, start_date=date(2025, 5, 1))
    with pytest.raises(ValidationError) as excinfo:
        services.approve_application(other, actor=coordinator, granted_minutes=60)
    assert codes(excinfo) == {"findplace_cap_reached"}


def test_overkophuis_exception_needs_a_findplace_without_other_presence_hours(coordinator):
    findplace = FindplaceFactory(kind=FindplaceKind.OVERKOPHUIS)
    services.approve_application(
        call2_application(findplace, 10), actor=coordinator, granted_minutes=10 * 60
    )
    exception = call2_application(
        findplace, 96, overkophuis_exception=True, start_date=date(2025, 2, 1)
    )
    with pytest.raises(ValidationError) as excinfo:
        services.approve_application(exception, actor=coordinator, granted_minutes=96 * 60)
    assert codes(excinfo) == {"hours_above_max"}


def test_reject_needs_a_reason(coordinator):
    application = ApplicationFactory()
    with pytest.raises(ValidationError) as excinfo:
        services.reject_application(application, actor=coordinator, reason="  ")
    assert codes(excinfo) == {"reason_required"}


def test_reject_records_the_reason_and_mails_the_psychologist(
    coordinator, django_capture_on_commit_callbacks
):
    application = ApplicationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_application(application, actor=coordinator, reason="Geen vindplaats.")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert application.decision_reason == "Geen vindplaats."
    assert mail.outbox[0].to == [application.psychologist.user.email]


def test_request_changes_lets_the_psychologist_revise_and_resubmit(coordinator):
    application = ApplicationFactory()
    services.request_changes(application, actor=coordinator, question="Welke zorgfunctie?")
    services.submit_application(application, actor=application.psychologist.user, absolute_url=str)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_approval_is_mailed_after_commit(coordinator, django_capture_on_commit_callbacks):
    application = ApplicationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_application(application, actor=coordinator, granted_minutes=240)
    assert len(mail.outbox) == 1
    assert "goedgekeurd" in mail.outbox[0].subject


def test_every_decision_step_is_in_the_audit_trail(coordinator):
    application = ApplicationFactory(
        status=ApplicationStatus.DRAFT, partner_confirmed_at=timezone.now()
    )
    services.submit_application(application, actor=application.psychologist.user, absolute_url=str)
    services.approve_application(application, actor=coordinator, granted_minutes=180, reason="ok")
    steps = list(
        AuditEntry.objects.filter(application=application).values_list(
            "action", "from_value", "to_value"
        )
    )
    assert steps == [
        ("status", "draft", "submitted"),
        ("status", "submitted", "approved"),
        ("granted_minutes", "240", "180"),
    ]


def test_extra_hours_grant_raises_the_remaining_minutes(coordinator):
    allocation = AllocationFactory()
    request = services.request_extra_hours(
        allocation, actor=allocation.psychologist.user, minutes=120, motivation="Meer overleg."
    )
    services.decide_extra_hours(request, actor=coordinator, granted_minutes=90, reason="Akkoord")
    allocation.refresh_from_db()
    assert allocation.extra_minutes == 90
    assert remaining_minutes(allocation, allocation.window_start) == 240 + 90


def test_extra_hours_refusal_needs_a_reason(coordinator):
    allocation = AllocationFactory()
    request = services.request_extra_hours(
        allocation, actor=allocation.psychologist.user, minutes=60, motivation="Meer."
    )
    with pytest.raises(ValidationError) as excinfo:
        services.decide_extra_hours(request, actor=coordinator, granted_minutes=0)
    assert codes(excinfo) == {"reason_required"}
    services.decide_extra_hours(request, actor=coordinator, reason="Quotum volstaat.")
    request.refresh_from_db()
    assert request.status == ExtraHoursStatus.REJECTED


def test_extra_hours_on_call2_cannot_break_the_findplace_cap(coordinator):
    findplace = FindplaceFactory(kind=FindplaceKind.YOUTH_HOUSE)
    allocation = services.approve_application(
        call2_application(findplace, 40), actor=coordinator, granted_minutes=40 * 60
    )
    request = services.request_extra_hours(
        allocation, actor=allocation.psychologist.user, minutes=10 * 60, motivation="Zomer."
    )
    with pytest.raises(ValidationError) as excinfo:
        services.decide_extra_hours(request, actor=coordinator, granted_minutes=10 * 60)
    assert codes(excinfo) == {"hours_above_max"}
    services.decide_extra_hours(request, actor=coordinator, granted_minutes=8 * 60)


def test_extra_hours_on_call2_count_only_windows_overlapping_each_other(coordinator):
    findplace = FindplaceFactory(kind=FindplaceKind.YOUTH_HOUSE)
    for start, hours in ((date(2025, 1, 1), 20), (date(2026, 1, 1), 20)):
        application = call2_application(findplace, hours, start_date=start)
        services.approve_application(application, actor=coordinator, granted_minutes=hours * 60)
    middle = services.approve_application(
        call2_application(findplace, 18, start_date=date(2025, 7, 1)),
        actor=coordinator,
        granted_minutes=18 * 60,
    )
    request = services.request_extra_hours(
        middle, actor=middle.psychologist.user, minutes=11 * 60, motivation="Zomer."
    )
    with pytest.raises(ValidationError) as excinfo:
        services.decide_extra_hours(request, actor=coordinator, granted_minutes=11 * 60)
    assert codes(excinfo) == {"hours_above_max"}
    services.decide_extra_hours(request, actor=coordinator, granted_minutes=10 * 60)


def test_withdrawing_an_approved_application_deactivates_its_allocation(coordinator):
    application = ApplicationFactory()
    allocation = services.approve_application(application, actor=coordinator, granted_minutes=240)
    services.withdraw_application(application, actor=application.psychologist.user)
    allocation.refresh_from_db()
    assert not allocation.is_active


def test_one_allocation_per_application_is_enforced_by_the_database():
    from django.db import IntegrityError, transaction

    allocation = AllocationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        AllocationFactory(application=allocation.application)


def test_psychologist_factory_has_a_network():
    assert PsychologistFactory().networks.count() == 1
