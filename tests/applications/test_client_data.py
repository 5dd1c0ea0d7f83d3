"""No client identifier in the free texts of an application, its agreement, an
extra-hours request or an agreement evaluation (portal.client_data), whoever calls the
service; an e-mail address or phone number is only warned about."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from applications import services
from applications.models import Application, ApplicationStatus, EvaluationOutcome
from portal.client_data import field_of
from tests.factories import AllocationFactory, ApplicationFactory, PsychologistFactory, call

pytestmark = pytest.mark.django_db

NATIONAL_NUMBER = "85.07.30-033.28"


def refused_fields(call_service) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as excinfo:
        call_service()
    return [(item.code, field_of(item)) for item in excinfo.value.error_list]


@pytest.fixture
def psychologist():
    return PsychologistFactory()


def draft(psychologist, **answers):
    data = {"start_date": date(2025, 3, 1), "requested_minutes": 600, **answers}
    return services.save_draft(psychologist, call(4), data)


def test_an_application_answer_with_a_national_register_number_is_refused(psychologist):
    refusals = refused_fields(
        lambda: draft(psychologist, portfolio=f"Ervaring met cliënt {NATIONAL_NUMBER}")
    )
    assert refusals == [("client_identifier", "portfolio")]
    assert not Application.objects.exists()


def test_an_agreement_text_with_a_national_register_number_is_refused(psychologist):
    refusals = refused_fields(
        lambda: services.save_draft(
            psychologist,
            call(3),
            {
                "start_date": date(2025, 3, 1),
                "agreement": {"evaluation_arrangement": f"Samen met {NATIONAL_NUMBER}"},
            },
        )
    )
    assert refusals == [("client_identifier", "evaluation_arrangement")]


def test_submitting_a_draft_that_holds_a_national_register_number_is_refused():
    application = ApplicationFactory(
        call=call(4), status=ApplicationStatus.DRAFT, motivation=f"Voor {NATIONAL_NUMBER}"
    )
    refusals = refused_fields(
        lambda: services.submit_application(
            application, actor=application.psychologist.user, absolute_url=lambda path: path
        )
    )
    assert refusals == [("client_identifier", "motivation")]


def test_an_answer_with_a_phone_number_is_saved_with_a_warning(psychologist):
    answers = {"motivation": "Bereikbaar op 09/123.45.67"}
    assert draft(psychologist, **answers).motivation == answers["motivation"]
    assert len(services.answer_warnings(answers)) == 1


def test_an_extra_hours_motivation_with_a_national_register_number_is_refused():
    allocation = AllocationFactory()
    refusals = refused_fields(
        lambda: services.request_extra_hours(
            allocation,
            actor=allocation.psychologist.user,
            minutes=120,
            motivation=f"Voor cliënt {NATIONAL_NUMBER}",
        )
    )
    assert refusals == [("client_identifier", "motivation")]


def test_evaluation_notes_with_a_national_register_number_are_refused():
    application = ApplicationFactory(
        call=call(3), status="approved", start_date=date(2025, 1, 1), findplace=None
    )
    AllocationFactory(application=application)
    data = {
        "held_on": date(2025, 10, 1),
        "outcome": EvaluationOutcome.CONTINUED,
        "notes": f"Besproken: {NATIONAL_NUMBER}",
        "next_evaluation_date": date(2026, 10, 1),
    }
    refusals = refused_fields(
        lambda: services.record_evaluation(
            application.agreement,
            actor=application.psychologist.user,
            data=data,
            today=date(2025, 10, 15),
        )
    )
    assert refusals == [("client_identifier", "notes")]
