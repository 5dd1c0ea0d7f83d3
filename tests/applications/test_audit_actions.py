"""The audit trail's vocabulary: every action a service records is an `AuditAction` with a label."""

from datetime import date

import pytest
from django.utils import timezone

from applications import services
from applications.models import ApplicationStatus, AuditAction, AuditEntry, EvaluationOutcome
from tests.factories import AllocationFactory, ApplicationFactory, CoordinatorFactory, call

pytestmark = pytest.mark.django_db


def test_every_action_the_services_record_is_an_audit_action_with_its_label():
    application = ApplicationFactory(status=ApplicationStatus.DRAFT)
    psychologist = application.psychologist
    coordinator = CoordinatorFactory(networks=[application.network])
    services.submit_application(application, actor=psychologist.user, absolute_url=str)
    services.record_partner_answer(application, accept=False)
    allocation = services.approve_application(
        application,
        actor=coordinator,
        granted_minutes=60,
        partner_override=True,
        override_reason="Telefonisch bevestigd.",
    )
    extra = services.request_extra_hours(
        allocation, actor=psychologist.user, minutes=30, motivation="Meer overleg."
    )
    services.decide_extra_hours(extra, actor=coordinator, granted_minutes=30)
    draft = services.save_draft(
        psychologist, call(4), {"start_date": timezone.localdate(), "requested_minutes": 60}
    )
    services.delete_draft(draft, actor=psychologist.user)
    agreement = AllocationFactory(
        application=ApplicationFactory(call=call(3), status=ApplicationStatus.APPROVED)
    ).application.agreement
    services.record_evaluation(
        agreement,
        actor=coordinator,
        data={
            "held_on": date(2025, 6, 1),
            "outcome": EvaluationOutcome.CONTINUED,
            "next_evaluation_date": date(2026, 6, 1),
        },
        today=date(2025, 6, 2),
    )
    entries = list(AuditEntry.objects.all())
    assert {entry.action for entry in entries} == set(AuditAction.values) - {
        AuditAction.PARTNER_CONFIRMED
    }
    labels = dict(AuditAction.choices)
    assert all(entry.action_label() == labels[entry.action] for entry in entries)


def test_the_action_column_offers_the_vocabulary_by_label():
    assert AuditEntry._meta.get_field("action").choices == AuditAction.choices


def test_an_override_past_a_declined_partner_reads_as_declined():
    entry = AuditEntry(action=AuditAction.PARTNER_OVERRIDE, from_value="declined")
    assert entry.action_label() == "Goedgekeurd zonder bevestiging van de partner"
    assert entry.value_label(entry.from_value) == "geweigerd"
