"""The admission rules through the services: submitting, approval and its override.

`submit_application` is the one submit path (the psychologist's form, the demo, these
tests); approval refuses a missing agreement or partner confirmation too, so no entry
point (form, service, admin-made row, task) gets around them.
"""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from applications import services
from applications.models import (
    Allocation,
    ApplicationStatus,
    AuditEntry,
    CooperationAgreement,
)
from applications.selectors import grantable_minutes
from portal.dates import add_months
from portal.models import FindplaceKind
from tests.concurrency import run_at_once
from tests.factories import (
    ApplicationFactory,
    CoordinatorFactory,
    FindplaceFactory,
    NetworkFactory,
    PsychologistFactory,
    call,
)

pytestmark = pytest.mark.django_db

HOUR = 60
START = date(2025, 1, 1)


def codes(excinfo) -> set[str]:
    return {error.code for error in excinfo.value.error_list}


def submit(application) -> set[str]:
    """Refusal codes of submitting through the service (empty: it was submitted)."""
    try:
        services.submit_application(
            application, actor=application.psychologist.user, absolute_url=str
        )
    except ValidationError as error:
        return {e.code for e in error.error_list}
    return set()


@pytest.fixture
def coordinator():
    return CoordinatorFactory(networks=[NetworkFactory(code="PAKT", name="Het PAKT")])


def draft(number, **values):
    defaults = {
        "call": call(number),
        "status": ApplicationStatus.DRAFT,
        "partner_email": "partner@example.org",
    }
    if number in (3, 4):
        defaults |= {"findplace": None, "partner_kind": FindplaceKind.SOCIAL_SERVICE}
    return ApplicationFactory(**(defaults | values))


def approve(application, coordinator, minutes=HOUR, **kwargs):
    return services.approve_application(
        application, actor=coordinator, granted_minutes=minutes, **kwargs
    )


# --- Portfolio and agreement at submit -------------------------------------------------------


def test_call3_without_agreement_cannot_be_submitted():
    application = draft(3, agreement=False)
    assert submit(application) == {"agreement_required"}
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


@pytest.mark.parametrize("number", [3, 4])
def test_support_mission_without_portfolio_cannot_be_submitted(number):
    assert submit(draft(number, portfolio="  ")) == {"portfolio_required"}


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("minimum_minutes", 0, "agreement_minimum_required"),
        ("periodicity", "", "agreement_periodicity_required"),
        ("work_forms", "", "agreement_work_forms_required"),
        ("work_forms", "advice,presence", "agreement_work_form_not_allowed"),
        ("contact_arrangement", "", "agreement_contact_required"),
        ("evaluation_arrangement", "", "agreement_evaluation_required"),
        ("next_evaluation_date", None, "evaluation_date_required"),
        ("signed_pdf", "", "agreement_signature_required"),
    ],
)
def test_call3_with_an_incomplete_agreement_cannot_be_submitted(field, value, code):
    assert submit(draft(3, **{f"agreement__{field}": value})) == {code}


def test_call3_evaluation_may_be_12_months_after_the_start_but_not_a_day_more():
    last_day = add_months(START, 12)
    assert submit(draft(3, agreement__next_evaluation_date=last_day + timedelta(days=1))) == {
        "evaluation_too_late"
    }
    assert submit(draft(3, agreement__next_evaluation_date=last_day)) == set()


def test_save_draft_stores_an_incomplete_agreement_that_submit_then_refuses():
    psychologist = PsychologistFactory()
    application = services.save_draft(
        psychologist,
        call(3),
        {
            "partner_name": "OCMW Gent",
            "partner_email": "ocmw@example.org",
            "start_date": START,
            "requested_minutes": 48 * HOUR,
            "portfolio": "Ervaring.",
            "agreement": {"periodicity": "Maandelijks"},
        },
    )
    assert CooperationAgreement.objects.filter(application=application).exists()
    assert "agreement_contact_required" in submit(application)


# --- Approval checks them again --------------------------------------------------------------


def test_approval_of_a_call3_application_without_agreement_is_refused(coordinator):
    application = ApplicationFactory(call=call(3), findplace=None, agreement=False)
    with pytest.raises(ValidationError) as excinfo:
        approve(application, coordinator)
    assert codes(excinfo) == {"agreement_required"}
    assert not Allocation.objects.filter(application=application).exists()


def test_approval_of_a_call4_application_without_portfolio_is_refused(coordinator):
    application = ApplicationFactory(call=call(4), findplace=None, portfolio="")
    with pytest.raises(ValidationError) as excinfo:
        approve(application, coordinator)
    assert codes(excinfo) == {"portfolio_required"}


# --- The partner's confirmation --------------------------------------------------------------


@pytest.mark.parametrize("number", [1, 3])
def test_approval_before_the_partner_confirmed_is_refused(coordinator, number):
    application = ApplicationFactory(call=call(number), partner_confirmed_at=None)
    with pytest.raises(ValidationError) as excinfo:
        approve(application, coordinator)
    assert codes(excinfo) == {"partner_not_confirmed"}
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_approval_after_the_partner_declined_is_refused(coordinator):
    application = ApplicationFactory(partner_confirmed_at=None, partner_declined_at=timezone.now())
    with pytest.raises(ValidationError) as excinfo:
        approve(application, coordinator)
    assert codes(excinfo) == {"partner_declined"}


def test_approval_goes_through_once_the_partner_confirmed_through_the_link(coordinator):
    application = ApplicationFactory(partner_confirmed_at=None)
    with pytest.raises(ValidationError):
        approve(application, coordinator)
    services.record_partner_answer(application, accept=True)
    assert approve(application, coordinator).granted_minutes == HOUR


def test_override_without_a_reason_is_refused(coordinator):
    application = ApplicationFactory(partner_confirmed_at=None)
    with pytest.raises(ValidationError) as excinfo:
        approve(application, coordinator, partner_override=True, override_reason=" ")
    assert codes(excinfo) == {"override_reason_required"}


@pytest.mark.parametrize("declined", [False, True], ids=["waiting", "declined"])
def test_override_with_a_reason_approves_and_is_audited(coordinator, declined):
    application = ApplicationFactory(
        partner_confirmed_at=None, partner_declined_at=timezone.now() if declined else None
    )
    approve(
        application, coordinator, partner_override=True, override_reason="Telefonisch bevestigd."
    )
    entry = AuditEntry.objects.get(application=application, action="partner_override")
    assert (entry.actor, entry.reason) == (coordinator, "Telefonisch bevestigd.")
    assert (entry.from_value, entry.to_value) == (
        "declined" if declined else "waiting",
        ApplicationStatus.APPROVED,
    )


def test_override_of_a_confirmed_partner_records_no_override(coordinator):
    application = ApplicationFactory()
    approve(application, coordinator, partner_override=True, override_reason="Voor de zekerheid.")
    assert not AuditEntry.objects.filter(action="partner_override").exists()


# --- One open application per quota ----------------------------------------------------------


@pytest.mark.parametrize(
    "status", [ApplicationStatus.SUBMITTED, ApplicationStatus.CHANGES_REQUESTED]
)
def test_second_call4_application_while_one_is_open_is_refused(status):
    first = ApplicationFactory(call=call(4), findplace=None, status=status)
    second = draft(4, psychologist=first.psychologist, start_date=date(2025, 6, 1))
    assert submit(second) == {"pending_application_exists"}
    second.refresh_from_db()
    assert second.status == ApplicationStatus.DRAFT


def test_pending_refusal_names_the_open_application():
    first = ApplicationFactory(call=call(4), findplace=None)
    second = draft(4, psychologist=first.psychologist)
    with pytest.raises(ValidationError) as excinfo:
        services.submit_application(second, actor=second.psychologist.user, absolute_url=str)
    assert "oproep 4 vanaf 01/01/2025" in excinfo.value.messages[0]


@pytest.mark.parametrize(
    "close",
    [
        lambda a: services.withdraw_application(a, actor=a.psychologist.user),
        lambda a: services.reject_application(
            a, actor=CoordinatorFactory(networks=[a.network]), reason="Nee."
        ),
    ],
    ids=["withdrawn", "rejected"],
)
def test_second_call4_application_is_submitted_once_the_open_one_is_closed(close):
    first = ApplicationFactory(call=call(4), findplace=None)
    second = draft(4, psychologist=first.psychologist)
    assert submit(second) == {"pending_application_exists"}
    close(first)
    assert submit(second) == set()


def test_open_call4_application_blocks_only_an_overlapping_window():
    first = ApplicationFactory(call=call(4), findplace=None)
    last_day = date(2025, 12, 31)
    assert submit(draft(4, psychologist=first.psychologist, start_date=last_day)) == {
        "pending_application_exists"
    }
    next_window = draft(4, psychologist=first.psychologist, start_date=date(2026, 1, 1))
    assert submit(next_window) == set()


def test_call1_open_application_blocks_only_at_its_own_findplace():
    first = ApplicationFactory()
    assert submit(draft(1, psychologist=first.psychologist)) == set()
    assert submit(draft(1, psychologist=first.psychologist, findplace=first.findplace)) == {
        "pending_application_exists"
    }


def test_call2_application_of_another_psychologist_at_the_findplace_does_not_block():
    findplace = FindplaceFactory(kind=FindplaceKind.YOUTH_HOUSE)
    ApplicationFactory(call=call(2), findplace=findplace, weekly_individual_minutes=4 * HOUR)
    mine = draft(2, findplace=findplace, weekly_individual_minutes=4 * HOUR)
    assert submit(mine) == set()
    again = draft(
        2, psychologist=mine.psychologist, findplace=findplace, weekly_individual_minutes=4 * HOUR
    )
    assert submit(again) == {"pending_application_exists"}


def test_call3_second_application_with_the_same_partner_is_refused():
    first = ApplicationFactory(
        call=call(3), findplace=None, partner_name="OCMW Gent", partner_email="ocmw@gent.be"
    )
    same = draft(
        3,
        psychologist=first.psychologist,
        partner_name="Sociale dienst",
        partner_email="OCMW@gent.be",
    )
    other = draft(
        3,
        psychologist=first.psychologist,
        partner_name="De Pluim",
        partner_email="pluim@example.org",
    )
    assert submit(same) == {"pending_application_exists"}
    assert submit(other) == set()


# --- A quota already fully granted -----------------------------------------------------------


def test_call4_application_is_submitted_while_one_minute_of_quota_is_left(coordinator):
    first = approve(ApplicationFactory(call=call(4), findplace=None), coordinator, 10 * HOUR - 1)
    second = draft(4, psychologist=first.psychologist)
    assert submit(second) == set()
    approve(second, coordinator, 1)
    assert submit(draft(4, psychologist=first.psychologist)) == {"quota_used_up"}


def test_call4_full_quota_refuses_an_overlapping_window_but_not_the_next(coordinator):
    first = approve(ApplicationFactory(call=call(4), findplace=None), coordinator, 10 * HOUR)
    last_day = date(2025, 12, 31)
    assert submit(draft(4, psychologist=first.psychologist, start_date=last_day)) == {
        "quota_used_up"
    }
    assert submit(draft(4, psychologist=first.psychologist, start_date=date(2026, 1, 1))) == set()


def test_call2_application_at_a_findplace_whose_cap_is_granted_is_refused(coordinator):
    findplace = FindplaceFactory(kind=FindplaceKind.YOUTH_HOUSE)
    holder = ApplicationFactory(
        call=call(2),
        findplace=findplace,
        weekly_individual_minutes=4 * HOUR,
        requested_minutes=48 * HOUR,
    )
    approve(holder, coordinator, 48 * HOUR)
    late = draft(2, findplace=findplace, weekly_individual_minutes=4 * HOUR)
    assert submit(late) == {"quota_used_up"}


def test_call3_allocations_with_the_same_partner_share_the_48_hours(coordinator):
    first = ApplicationFactory(call=call(3), findplace=None, partner_name="OCMW Gent")
    approve(first, coordinator, 30 * HOUR)
    same = ApplicationFactory(
        call=call(3), findplace=None, psychologist=first.psychologist, partner_name="ocmw gent"
    )
    assert grantable_minutes(same) == 18 * HOUR


def test_call3_application_with_a_partner_whose_48_hours_are_granted_is_refused(coordinator):
    first = ApplicationFactory(call=call(3), findplace=None, partner_name="OCMW Gent")
    approve(first, coordinator, 48 * HOUR)
    same = draft(3, psychologist=first.psychologist, partner_name="OCMW Gent")
    assert submit(same) == {"quota_used_up"}


def test_open_application_and_full_quota_give_both_refusals(coordinator):
    first = approve(ApplicationFactory(call=call(4), findplace=None), coordinator, 10 * HOUR)
    ApplicationFactory(call=call(4), findplace=None, psychologist=first.psychologist)
    third = draft(4, psychologist=first.psychologist)
    assert submit(third) == {"pending_application_exists", "quota_used_up"}


# --- Two submits at once ---------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_call4_applications_submitted_at_once_leave_one_open():
    psychologist = PsychologistFactory()
    drafts = [draft(4, psychologist=psychologist) for _ in range(2)]
    outcomes = run_at_once(
        [
            lambda a=a: services.submit_application(a, actor=psychologist.user, absolute_url=str)
            for a in drafts
        ]
    )
    refused = [error.error_list[0].code for error in outcomes if error]
    assert refused == ["pending_application_exists"]
    statuses = sorted(a.status for a in psychologist.applications.all())
    assert statuses == [ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED]
