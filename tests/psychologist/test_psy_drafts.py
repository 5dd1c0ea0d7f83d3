"""Drafts that cannot go on (refused on submit: a school, a CLB, a wrong kind of
findplace) say why, and the psychologist can delete them; the audit trail keeps that."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications import services
from applications.models import Application, ApplicationStatus, AuditEntry, CooperationAgreement
from portal.models import FindplaceKind
from tests.factories import ApplicationFactory, FindplaceFactory, call
from tests.psychologist.psy_helpers import PDF_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def school_draft(psychologist, network):
    school = FindplaceFactory(
        network=network, name="Sint-Barbaracollege", kind=FindplaceKind.SECONDARY_SCHOOL
    )
    return services.save_draft(
        psychologist,
        call(1),
        {"findplace": school, "start_date": date(2025, 3, 1), "requested_minutes": 240},
    )


def test_a_draft_refused_on_submit_says_why_on_the_overview(psy_client, psychologist, school_draft):
    ApplicationFactory(psychologist=psychologist, status=ApplicationStatus.SUBMITTED)

    text = psy_client.get(reverse("applications:overview")).content.decode()

    assert text.count('data-testid="draft-refusals"') == 1  # the draft's, not the submitted one
    assert 'data-code="education_not_open"' in text
    assert reverse("applications:application_delete", args=[school_draft.pk]) in text


def test_the_draft_page_offers_deleting_instead_of_withdrawing(psy_client, school_draft):
    text = psy_client.get(
        reverse("applications:application_detail", args=[school_draft.pk])
    ).content.decode()

    assert reverse("applications:application_delete", args=[school_draft.pk]) in text
    assert reverse("applications:application_withdraw", args=[school_draft.pk]) not in text
    assert "Dit concept kan zo niet ingediend worden" in text


def test_deleting_asks_for_confirmation_first(psy_client, school_draft):
    url = reverse("applications:application_delete", args=[school_draft.pk])

    response = psy_client.get(url)

    assert response.status_code == 200
    assert "dit kan niet ongedaan gemaakt worden" in response.content.decode()
    assert Application.objects.filter(pk=school_draft.pk).exists()


def test_confirming_deletes_the_draft_and_the_audit_trail_keeps_it(
    psy_client, psychologist, school_draft
):
    url = reverse("applications:application_delete", args=[school_draft.pk])

    response = psy_client.post(url)

    assert response.status_code == 302
    assert response.url == reverse("applications:overview")
    assert not Application.objects.filter(pk=school_draft.pk).exists()
    entry = AuditEntry.objects.get(action="draft_deleted")
    assert entry.actor == psychologist.user
    assert entry.application is None
    assert entry.application_label.startswith(f"#{school_draft.pk} Oproep 1")
    assert "Sint-Barbaracollege" in entry.application_label
    assert entry.value_label(entry.from_value) == "Concept"


def test_the_entries_of_a_deleted_draft_stay_and_name_it(psychologist, school_draft):
    services.delete_draft(school_draft, actor=psychologist.user)

    created = AuditEntry.objects.get(action="created")
    assert created.application is None
    assert created.application_label.startswith(f"#{school_draft.pk} ")


def test_deleting_a_draft_removes_its_uploaded_agreement(
    psychologist, django_capture_on_commit_callbacks
):
    draft = services.save_draft(
        psychologist,
        call(3),
        {
            "start_date": date(2025, 3, 1),
            "requested_minutes": 48 * 60,
            "agreement": {"signed_pdf": SimpleUploadedFile("o.pdf", PDF_BYTES)},
        },
    )
    agreement = CooperationAgreement.objects.get(application=draft)
    storage, name = agreement.signed_pdf.storage, agreement.signed_pdf.name
    assert storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        services.delete_draft(draft, actor=psychologist.user)

    assert not storage.exists(name)


@pytest.mark.parametrize(
    "status",
    [ApplicationStatus.SUBMITTED, ApplicationStatus.CHANGES_REQUESTED, ApplicationStatus.APPROVED],
)
def test_only_a_draft_can_be_deleted(psychologist, status):
    application = ApplicationFactory(psychologist=psychologist, status=status)

    with pytest.raises(ValidationError) as refusal:
        services.delete_draft(application, actor=psychologist.user)

    assert refusal.value.error_list[0].code == "invalid_status"
    assert Application.objects.filter(pk=application.pk).exists()


def test_someone_else_cannot_delete_a_draft(other_psychologist, school_draft):
    with pytest.raises(ValidationError) as refusal:
        services.delete_draft(school_draft, actor=other_psychologist.user)

    assert refusal.value.error_list[0].code == "not_owner"


def test_another_psychologists_draft_is_a_404(client, other_psychologist, school_draft):
    client.force_login(other_psychologist.user)
    url = reverse("applications:application_delete", args=[school_draft.pk])

    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert Application.objects.filter(pk=school_draft.pk).exists()


def test_a_submitted_application_is_not_deleted_through_the_page(psy_client, psychologist):
    application = ApplicationFactory(psychologist=psychologist, status=ApplicationStatus.SUBMITTED)

    response = psy_client.post(reverse("applications:application_delete", args=[application.pk]))

    assert response.status_code == 302
    assert Application.objects.filter(pk=application.pk).exists()
