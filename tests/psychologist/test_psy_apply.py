"""Applying under a call: only that call's questions, drafts, refusals on the form, upload."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications.models import Application, ApplicationStatus, CooperationAgreement
from portal.models import Findplace, FindplaceKind
from tests.factories import CoordinatorFactory, FindplaceFactory, PsychologistFactory
from tests.psychologist.psy_helpers import PDF_BYTES

pytestmark = pytest.mark.django_db


def call1_data(findplace, today, **extra):
    return {
        "findplace": findplace.pk,
        "findplace_start_date": (today - timedelta(days=10)).isoformat(),
        "structural_offer": "ja",
        "care_functions": ["2"],
        "partner_name": "Dr. De Linde",
        "partner_email": "linde@example.org",
        "start_date": today.isoformat(),
        "motivation": "Vaste consultaties op dinsdag.",
        "action": "submit",
        **extra,
    }


def exclusions(**answers):
    names = (
        "employed_by_requester",
        "regular_mission",
        "funded_otherwise",
        "target_not_in_contact",
        "clients_in_care",
    )
    return {name: answers.get(name, "nee") for name in names}


def call3_data(today, **extra):
    return {
        "partner_name": "OCMW Aalst",
        "partner_kind": FindplaceKind.SOCIAL_SERVICE,
        "partner_email": "ocmw@example.org",
        "agreement_minimum_hours": "20",
        "agreement_periodicity": "Elke eerste vrijdag van de maand",
        "agreement_work_forms": ["advice", "workshop"],
        "agreement_contact_arrangement": "Telefonisch, terugbellen binnen 48 uur",
        "agreement_evaluation_arrangement": "Jaarlijks gesprek met de teamverantwoordelijke",
        "agreement_next_evaluation_date": (today + timedelta(days=300)).isoformat(),
        "agreement_signed_pdf": SimpleUploadedFile(
            "overeenkomst.pdf", PDF_BYTES, content_type="application/pdf"
        ),
        "portfolio": "Tien jaar intervisie met maatschappelijk werkers.",
        "start_date": today.isoformat(),
        "action": "submit",
        **exclusions(),
        **extra,
    }


def test_call1_form_asks_structural_offer_but_not_agreement(psy_client):
    content = psy_client.get(reverse("applications:apply", args=[1])).content.decode()
    assert 'name="structural_offer"' in content
    assert 'name="agreement_signed_pdf"' not in content
    assert 'name="requested_hours"' not in content
    assert 'name="employed_by_requester"' not in content


def test_call2_form_asks_offer_size_hours_and_overkophuis_exception(psy_client):
    content = psy_client.get(reverse("applications:apply", args=[2])).content.decode()
    assert 'name="weekly_individual_hours"' in content
    assert 'name="group_trajectories"' in content
    assert 'name="overkophuis_exception"' in content
    assert 'name="requested_hours"' in content


def test_call3_form_asks_agreement_upload_portfolio_and_exclusions(psy_client):
    content = psy_client.get(reverse("applications:apply", args=[3])).content.decode()
    assert 'name="agreement_signed_pdf"' in content
    assert 'name="portfolio"' in content
    assert 'name="clients_in_care"' in content
    assert 'name="findplace"' not in content


def test_call4_form_asks_portfolio_themes_and_exclusions_but_no_partner(psy_client):
    content = psy_client.get(reverse("applications:apply", args=[4])).content.decode()
    assert 'name="portfolio"' in content
    assert 'name="themes"' in content or "Thema" in content
    assert 'name="employed_by_requester"' in content
    assert 'name="partner_email"' not in content


def test_unknown_call_is_404(psy_client):
    assert psy_client.get(reverse("applications:apply", args=[9])).status_code == 404


def test_call1_submit_creates_submitted_application_and_mails_partner(
    psy_client, psychologist, findplace, today, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = psy_client.post(
            reverse("applications:apply", args=[1]), call1_data(findplace, today)
        )
    application = Application.objects.get(psychologist=psychologist)
    assert response.status_code == 302
    assert response.url == reverse("applications:application_detail", args=[application.pk])
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.requested_minutes == 240
    assert application.care_functions == "2"
    assert application.structural_offer is True
    assert mail.outbox[-1].to == ["linde@example.org"]
    assert "/partner/" in mail.outbox[-1].body


def test_save_as_draft_keeps_status_draft_and_sends_no_mail(
    psy_client, psychologist, findplace, today, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = psy_client.post(
            reverse("applications:apply", args=[1]),
            call1_data(findplace, today, action="draft", partner_email=""),
        )
    application = Application.objects.get(psychologist=psychologist)
    assert response.status_code == 302
    assert response.url == reverse("applications:application_edit", args=[application.pk])
    assert application.status == ApplicationStatus.DRAFT
    assert mail.outbox == []


def test_draft_may_be_incomplete(psy_client, psychologist, today):
    response = psy_client.post(
        reverse("applications:apply", args=[3]),
        {"start_date": today.isoformat(), "action": "draft"},
    )
    assert response.status_code == 302
    assert Application.objects.get(psychologist=psychologist).status == ApplicationStatus.DRAFT


def test_submit_requires_the_explicit_yes_no_answers(psy_client, today):
    data = call3_data(today)
    del data["clients_in_care"]
    response = psy_client.post(reverse("applications:apply", args=[3]), data)
    assert response.status_code == 200
    assert "clients_in_care" in response.context["form"].errors


def test_draft_shows_the_engine_refusals_before_submitting(
    psy_client, psychologist, network, today
):
    school = FindplaceFactory(network=network, kind=FindplaceKind.SECONDARY_SCHOOL)
    psy_client.post(
        reverse("applications:apply", args=[1]), call1_data(school, today, action="draft")
    )
    application = Application.objects.get(psychologist=psychologist)
    response = psy_client.get(reverse("applications:application_edit", args=[application.pk]))
    codes = [refusal.code for refusal in response.context["refusals"]]
    assert codes == ["education_not_open"]
    assert "nog niet open" in response.content.decode()


def test_refused_submit_shows_reason_on_the_field_and_keeps_input_and_draft(
    psy_client, psychologist, today
):
    data = call3_data(today, **exclusions(employed_by_requester="ja"))
    response = psy_client.post(reverse("applications:apply", args=[3]), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert [e.code for e in form.errors.as_data()["employed_by_requester"]] == [
        "employed_by_requester"
    ]
    content = response.content.decode()
    assert "Tien jaar intervisie met maatschappelijk werkers." in content
    application = Application.objects.get(psychologist=psychologist)
    assert application.status == ApplicationStatus.DRAFT
    assert f'action="{reverse("applications:application_edit", args=[application.pk])}"' in content


def test_call2_offer_too_small_is_refused_on_submit(psy_client, network, today):
    centre = FindplaceFactory(network=network, kind=FindplaceKind.LOCAL_SERVICE_CENTRE)
    data = {
        "findplace": centre.pk,
        "weekly_individual_hours": "3",
        "group_trajectories": "2",
        "partner_name": "LDC",
        "partner_email": "ldc@example.org",
        "requested_hours": "20",
        "start_date": today.isoformat(),
        "action": "submit",
    }
    response = psy_client.post(reverse("applications:apply", args=[2]), data)
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()
    assert [e.code for e in errors["weekly_individual_hours"]] == ["offer_too_small"]


def test_call2_requested_hours_are_stored_in_minutes(psy_client, psychologist, network, today):
    centre = FindplaceFactory(network=network, kind=FindplaceKind.LOCAL_SERVICE_CENTRE)
    data = {
        "findplace": centre.pk,
        "weekly_individual_hours": "4",
        "group_trajectories": "0",
        "partner_name": "LDC",
        "partner_email": "ldc@example.org",
        "requested_hours": "20.5",
        "start_date": today.isoformat(),
        "action": "submit",
    }
    assert psy_client.post(reverse("applications:apply", args=[2]), data).status_code == 302
    application = Application.objects.get(psychologist=psychologist)
    assert application.requested_minutes == 20 * 60 + 30
    assert application.weekly_individual_minutes == 240


def test_call2_requested_hours_above_the_exception_quota_is_a_form_error(psy_client, today):
    response = psy_client.post(
        reverse("applications:apply", args=[2]),
        {"requested_hours": "97", "start_date": today.isoformat(), "action": "draft"},
    )
    assert response.status_code == 200
    assert "requested_hours" in response.context["form"].errors


def test_new_findplace_is_proposed_in_the_psychologists_network(
    psy_client, psychologist, network, today
):
    data = {
        "new_findplace_name": "Buurthuis Het Anker",
        "new_findplace_kind": FindplaceKind.COMMUNITY_HOUSE,
        "new_findplace_street": "Kaai 3",
        "new_findplace_postal_code": "9000",
        "new_findplace_municipality": "Gent",
        "start_date": today.isoformat(),
        "action": "draft",
    }
    assert psy_client.post(reverse("applications:apply", args=[1]), data).status_code == 302
    findplace = Findplace.objects.get(name="Buurthuis Het Anker")
    assert findplace.network == network
    assert findplace.proposed_by == psychologist.user
    assert Application.objects.get(psychologist=psychologist).findplace == findplace


def test_new_findplace_needs_kind_and_municipality(psy_client, today):
    data = {"new_findplace_name": "Iets", "start_date": today.isoformat(), "action": "draft"}
    response = psy_client.post(reverse("applications:apply", args=[1]), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "new_findplace_kind" in errors and "new_findplace_municipality" in errors


def test_findplace_of_another_network_cannot_be_chosen(psy_client, today):
    foreign = FindplaceFactory(network__code="ADS", network__name="GG ADS")
    response = psy_client.post(
        reverse("applications:apply", args=[1]),
        {"findplace": foreign.pk, "start_date": today.isoformat(), "action": "draft"},
    )
    assert response.status_code == 200
    assert "findplace" in response.context["form"].errors


def test_findplace_search_finds_by_name_or_municipality(psy_client, network):
    FindplaceFactory(network=network, name="OverKophuis Gent", municipality="Gent")
    FindplaceFactory(network=network, name="Jeugdhuis Den Tap", municipality="Aalst")
    FindplaceFactory(network__code="ADS", network__name="GG ADS", name="OverKophuis Aalst")
    url = reverse("applications:findplace_search")
    by_name = psy_client.get(url, {"q": "overkop"}).content.decode()
    assert "OverKophuis Gent" in by_name and "OverKophuis Aalst" not in by_name
    by_town = psy_client.get(url, {"q": "aals"}).content.decode()
    assert "Jeugdhuis Den Tap" in by_town


def test_call3_submit_stores_agreement_and_pdf_under_media_root(
    psy_client, psychologist, today, settings
):
    response = psy_client.post(reverse("applications:apply", args=[3]), call3_data(today))
    assert response.status_code == 302
    agreement = CooperationAgreement.objects.get(application__psychologist=psychologist)
    assert agreement.minimum_minutes == 20 * 60
    assert agreement.work_forms == "advice,workshop"
    assert agreement.application.status == ApplicationStatus.SUBMITTED
    path = agreement.signed_pdf.path
    assert path.startswith(str(settings.MEDIA_ROOT))
    assert "overeenkomst" not in agreement.signed_pdf.name
    with open(path, "rb") as stored:
        assert stored.read() == PDF_BYTES


def test_upload_that_is_not_a_pdf_by_content_is_refused(psy_client, today):
    fake = SimpleUploadedFile("overeenkomst.pdf", b"<html>nep</html>", "application/pdf")
    response = psy_client.post(
        reverse("applications:apply", args=[3]), call3_data(today, agreement_signed_pdf=fake)
    )
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()["agreement_signed_pdf"]
    assert [e.code for e in errors] == ["not_a_pdf"]


def test_upload_over_10_mb_is_refused(psy_client, today):
    big = SimpleUploadedFile("groot.pdf", PDF_BYTES + b"0" * (10 * 1024 * 1024), "application/pdf")
    response = psy_client.post(
        reverse("applications:apply", args=[3]), call3_data(today, agreement_signed_pdf=big)
    )
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()["agreement_signed_pdf"]
    assert [e.code for e in errors] == ["file_too_large"]


def test_submit_call3_without_pdf_is_a_form_error(psy_client, today):
    data = call3_data(today)
    del data["agreement_signed_pdf"]
    response = psy_client.post(reverse("applications:apply", args=[3]), data)
    assert response.status_code == 200
    assert "agreement_signed_pdf" in response.context["form"].errors


def test_signed_pdf_is_served_to_owner_and_network_coordinator_only(
    client, psychologist, network, today
):
    client.force_login(psychologist.user)
    client.post(reverse("applications:apply", args=[3]), call3_data(today))
    application = Application.objects.get(psychologist=psychologist)
    url = reverse("applications:agreement_pdf", args=[application.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF_BYTES

    client.force_login(CoordinatorFactory(networks=[network]))
    assert client.get(url).status_code == 200
    client.force_login(CoordinatorFactory(networks=[]))
    assert client.get(url).status_code == 404
    client.force_login(PsychologistFactory(networks=[network]).user)
    assert client.get(url).status_code == 404


def test_edit_of_changes_requested_resubmits(psy_client, psychologist, findplace, today):
    psy_client.post(reverse("applications:apply", args=[1]), call1_data(findplace, today))
    application = Application.objects.get(psychologist=psychologist)
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.CHANGES_REQUESTED)
    url = reverse("applications:application_edit", args=[application.pk])
    form = psy_client.get(url).context["form"]
    assert form.initial["structural_offer"] == "ja"
    response = psy_client.post(url, call1_data(findplace, today, motivation="Aangepast"))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.motivation == "Aangepast"


def test_submitted_application_cannot_be_edited(psy_client, psychologist, findplace, today):
    psy_client.post(reverse("applications:apply", args=[1]), call1_data(findplace, today))
    application = Application.objects.get(psychologist=psychologist)
    response = psy_client.get(reverse("applications:application_edit", args=[application.pk]))
    assert response.status_code == 302


def test_next_evaluation_more_than_a_year_after_start_is_a_form_error(psy_client, today):
    late = (today + timedelta(days=400)).isoformat()
    response = psy_client.post(
        reverse("applications:apply", args=[3]),
        call3_data(today, agreement_next_evaluation_date=late),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()["agreement_next_evaluation_date"]
    assert [e.code for e in errors] == ["evaluation_too_late"]


def test_revising_call3_keeps_the_uploaded_pdf_when_none_is_sent(psy_client, psychologist, today):
    psy_client.post(
        reverse("applications:apply", args=[3]),
        call3_data(today, **exclusions(employed_by_requester="ja")),
    )
    application = Application.objects.get(psychologist=psychologist)
    stored = application.agreement.signed_pdf.name
    data = call3_data(today)
    del data["agreement_signed_pdf"]
    response = psy_client.post(
        reverse("applications:application_edit", args=[application.pk]), data
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.agreement.signed_pdf.name == stored
