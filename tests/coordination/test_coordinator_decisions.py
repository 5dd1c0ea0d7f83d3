"""Deciding applications and extra-hours requests through the coordinator pages."""

from datetime import date

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from applications import services
from applications.models import (
    Allocation,
    ApplicationStatus,
    ExtraHoursStatus,
)
from registrations.selectors import remaining_minutes
from tests.coordination.conftest import make_allocation, make_application, make_extra_hours
from tests.factories import FindplaceFactory, PsychologistFactory, call

LEISURE = "local_service_centre"


def approve(client, application, hours, start="2025-01-01", reason=""):
    return client.post(
        reverse("coordination:approve", args=[application.pk]),
        {"approve-hours": hours, "approve-start_date": start, "approve-reason": reason},
    )


def test_approve_with_fewer_hours_than_asked_creates_the_allocation(coordinator_client, network):
    application = make_application(network, requested_minutes=240)
    response = approve(coordinator_client, application, "2,5")
    assert response.status_code == 302
    allocation = Allocation.objects.get(application=application)
    assert allocation.granted_minutes == 150
    assert allocation.window_start == date(2025, 1, 1)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED


def test_approve_accepts_a_decimal_point_too(coordinator_client, network):
    application = make_application(network, requested_minutes=240)
    approve(coordinator_client, application, "1.25")
    assert Allocation.objects.get(application=application).granted_minutes == 75


def test_approve_uses_the_chosen_start_date(coordinator_client, network):
    application = make_application(network)
    approve(coordinator_client, application, "4", start="2025-03-01")
    allocation = Allocation.objects.get(application=application)
    assert (allocation.window_start, allocation.window_end) == (date(2025, 3, 1), date(2026, 2, 28))


def test_approve_above_the_maximum_shows_the_engine_message_and_keeps_input(
    coordinator_client, network
):
    application = make_application(network, requested_minutes=240)
    response = approve(coordinator_client, application, "5")
    assert response.status_code == 200
    form = response.context["approve_form"]
    assert "U kunt hoogstens 4 u toekennen" in str(form.errors["hours"])
    assert 'value="5"' in response.content.decode()
    assert not Allocation.objects.filter(application=application).exists()


def test_approve_rejects_hours_that_are_not_whole_minutes(coordinator_client, network):
    application = make_application(network)
    response = approve(coordinator_client, application, "0,01")
    assert "geheel aantal minuten" in str(response.context["approve_form"].errors["hours"])
    assert not Allocation.objects.filter(application=application).exists()


def test_approve_rejects_text_as_hours(coordinator_client, network):
    application = make_application(network)
    response = approve(coordinator_client, application, "veel")
    assert response.status_code == 200
    assert response.context["approve_form"].errors["hours"]


def test_approve_sends_the_psychologist_an_email(
    coordinator_client, network, django_capture_on_commit_callbacks
):
    application = make_application(network)
    with django_capture_on_commit_callbacks(execute=True):
        approve(coordinator_client, application, "3")
    assert [m.to for m in mail.outbox] == [[application.psychologist.user.email]]
    assert "goedgekeurd" in mail.outbox[0].subject
    assert "3 u" in mail.outbox[0].body


def test_reject_needs_a_reason(coordinator_client, network):
    application = make_application(network)
    response = coordinator_client.post(
        reverse("coordination:reject", args=[application.pk]), {"reject-reason": "  "}
    )
    assert response.status_code == 200
    assert "Geef een motivering op." in str(response.context["reject_form"].errors["reason"])
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_reject_with_a_reason_emails_it_to_the_psychologist(
    coordinator_client, network, django_capture_on_commit_callbacks
):
    application = make_application(network)
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse("coordination:reject", args=[application.pk]),
            {"reject-reason": "Geen structureel aanbod."},
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert application.decision_reason == "Geen structureel aanbod."
    assert "afgewezen" in mail.outbox[0].subject
    assert mail.outbox[0].body == "Geen structureel aanbod."


def test_request_changes_sends_the_question(
    coordinator_client, network, django_capture_on_commit_callbacks
):
    application = make_application(network)
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            reverse("coordination:request_changes", args=[application.pk]),
            {"changes-question": "Welke zorgfuncties biedt u aan?"},
        )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CHANGES_REQUESTED
    assert mail.outbox[0].body == "Welke zorgfuncties biedt u aan?"


def test_request_changes_needs_a_question(coordinator_client, network):
    application = make_application(network)
    response = coordinator_client.post(
        reverse("coordination:request_changes", args=[application.pk]), {"changes-question": ""}
    )
    assert response.context["changes_form"].errors["question"]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_deciding_twice_shows_the_status_error(coordinator_client, network):
    application = make_application(network)
    approve(coordinator_client, application, "4")
    response = coordinator_client.post(
        reverse("coordination:reject", args=[application.pk]), {"reject-reason": "Toch niet."}
    )
    assert response.status_code == 200
    assert "deze stap kan nu niet" in str(response.context["reject_form"].non_field_errors())


def test_review_shows_the_engines_verdict_per_rule(coordinator_client, network):
    application = make_application(network, structural_offer=False)
    response = coordinator_client.get(reverse("coordination:review", args=[application.pk]))
    checklist = {rule["code"]: rule for rule in response.context["checklist"]}
    assert checklist["findplace_required"]["passed"]
    assert checklist["education_not_open"]["passed"]
    assert not checklist["no_structural_offer"]["passed"]
    assert "structurele samenwerking" in checklist["no_structural_offer"]["message"]
    assert "employed_by_requester" not in checklist  # call 1 has no exclusions


def test_review_shows_the_maximum_grantable_hours(coordinator_client, network):
    application = make_application(network, requested_minutes=180)
    response = coordinator_client.get(reverse("coordination:review", args=[application.pk]))
    assert response.context["grantable"] == 180
    assert response.context["approve_form"].initial["hours"] == 180


def test_review_of_call2_shows_other_holders_at_the_findplace(coordinator_client, network):
    findplace = FindplaceFactory(network=network, kind=LEISURE)
    holder = make_application(
        network,
        call=call(2),
        findplace=findplace,
        weekly_individual_minutes=240,
        requested_minutes=30 * 60,
        status=ApplicationStatus.APPROVED,
    )
    Allocation.objects.create(
        application=holder,
        psychologist=holder.psychologist,
        network=network,
        call=holder.call,
        edition=holder.edition,
        findplace=findplace,
        window_start=date(2025, 1, 1),
        window_end=date(2025, 12, 31),
        granted_minutes=30 * 60,
    )
    asking = make_application(
        network,
        call=call(2),
        findplace=findplace,
        weekly_individual_minutes=240,
        requested_minutes=20 * 60,
        start_date=date(2025, 3, 1),
    )
    response = coordinator_client.get(reverse("coordination:review", args=[asking.pk]))
    assert response.context["grantable"] == 18 * 60
    assert [a.psychologist for a in response.context["siblings"]] == [holder.psychologist]
    assert holder.psychologist.name in response.content.decode()


def test_review_warns_when_the_partner_has_not_confirmed(coordinator_client, network):
    application = make_application(network, partner_confirmed_at=None)
    response = coordinator_client.get(reverse("coordination:review", args=[application.pk]))
    assert response.context["partner_missing"]
    assert b'id="partner-warning"' in response.content


def test_review_does_not_warn_once_the_partner_confirmed(coordinator_client, network):
    application = make_application(network, partner_confirmed_at=timezone.now())
    response = coordinator_client.get(reverse("coordination:review", args=[application.pk]))
    assert not response.context["partner_missing"]
    assert b'id="partner-warning"' not in response.content


def test_extra_hours_grant_raises_the_remaining_minutes(coordinator_client, network):
    allocation = make_allocation(network)
    extra = make_extra_hours(allocation, minutes=120)
    before = remaining_minutes(allocation, timezone.localdate())
    response = coordinator_client.post(
        reverse("coordination:extra_hours_grant", args=[extra.pk]), {"grant-hours": "1,5"}
    )
    assert response.status_code == 302
    allocation.refresh_from_db()
    assert remaining_minutes(allocation, timezone.localdate()) == before + 90
    extra.refresh_from_db()
    assert (extra.status, extra.granted_minutes) == (ExtraHoursStatus.APPROVED, 90)


def test_extra_hours_grant_emails_the_psychologist(
    coordinator_client, network, django_capture_on_commit_callbacks
):
    allocation = make_allocation(network)
    extra = make_extra_hours(allocation)
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            reverse("coordination:extra_hours_grant", args=[extra.pk]), {"grant-hours": "2"}
        )
    assert mail.outbox[0].to == [allocation.psychologist.user.email]
    assert "extra uren" in mail.outbox[0].subject


def test_extra_hours_refusal_needs_a_reason(coordinator_client, network):
    extra = make_extra_hours(make_allocation(network))
    response = coordinator_client.post(
        reverse("coordination:extra_hours_refuse", args=[extra.pk]), {"refuse-reason": ""}
    )
    assert response.context["refuse_form"].errors["reason"]
    extra.refresh_from_db()
    assert extra.status == ExtraHoursStatus.SUBMITTED


def test_extra_hours_refusal_keeps_the_allocation(coordinator_client, network):
    allocation = make_allocation(network)
    extra = make_extra_hours(allocation)
    coordinator_client.post(
        reverse("coordination:extra_hours_refuse", args=[extra.pk]),
        {"refuse-reason": "Eerst de toegekende uren gebruiken."},
    )
    extra.refresh_from_db()
    allocation.refresh_from_db()
    assert extra.status == ExtraHoursStatus.REJECTED
    assert allocation.extra_minutes == 0


def test_extra_hours_above_the_shared_findplace_cap_shows_an_error(coordinator_client, network):
    findplace = FindplaceFactory(network=network, kind=LEISURE)
    application = make_application(
        network,
        call=call(2),
        findplace=findplace,
        weekly_individual_minutes=240,
        status=ApplicationStatus.APPROVED,
    )
    allocation = Allocation.objects.create(
        application=application,
        psychologist=application.psychologist,
        network=network,
        call=application.call,
        edition=application.edition,
        findplace=findplace,
        window_start=date(2025, 1, 1),
        window_end=date(2025, 12, 31),
        granted_minutes=46 * 60,
    )
    extra = make_extra_hours(allocation, minutes=4 * 60)
    response = coordinator_client.post(
        reverse("coordination:extra_hours_grant", args=[extra.pk]), {"grant-hours": "4"}
    )
    assert response.status_code == 200
    assert "hoogstens 2 u" in str(response.context["grant_form"].errors["hours"])


def test_audit_trail_lists_each_step(coordinator_client, network, coordinator):
    psychologist = PsychologistFactory(networks=[network])
    application = make_application(
        network,
        psychologist=psychologist,
        status=ApplicationStatus.DRAFT,
        partner_confirmed_at=timezone.now(),
    )
    services.submit_application(application, actor=psychologist.user, absolute_url=str)
    approve(coordinator_client, application, "3", reason="Goed onderbouwd.")
    allocation = Allocation.objects.get(application=application)
    extra = services.request_extra_hours(
        allocation, actor=psychologist.user, minutes=60, motivation="Extra overleg nodig."
    )
    coordinator_client.post(
        reverse("coordination:extra_hours_grant", args=[extra.pk]),
        {"grant-hours": "1", "grant-reason": "Akkoord."},
    )
    response = coordinator_client.get(reverse("coordination:review", args=[application.pk]))
    steps = [(e["action"], e["from_value"], e["to_value"]) for e in response.context["audit"]]
    assert [(str(a), f, t) for a, f, t in steps] == [
        ("Status gewijzigd", "Concept", "Ingediend"),
        ("Status gewijzigd", "Ingediend", "Goedgekeurd"),
        ("Uren toegekend", "4 u", "3 u"),
        ("Extra uren gevraagd", "", "1 u"),
        ("Beslissing extra uren", "1 u", "1 u"),
    ]
    actors = [e["actor"] for e in response.context["audit"]]
    assert actors[1] == coordinator.get_full_name()
    assert "Goed onderbouwd." in response.content.decode()


def test_audit_trail_has_no_edit_form(coordinator_client, network):
    application = make_application(network)
    approve(coordinator_client, application, "4")
    content = coordinator_client.get(
        reverse("coordination:review", args=[application.pk])
    ).content.decode()
    audit_section = content.split('id="audit-trail"')[1].split("</ol>")[0]
    assert "<form" not in audit_section


def test_review_links_the_signed_agreement_pdf(coordinator_client, network):
    application = make_application(
        network,
        call=call(3),
        findplace=None,
        portfolio="Intervisie in de eerste lijn.",
        agreement__signed_pdf="agreements/2025/overeenkomst.pdf",
    )
    response = coordinator_client.get(reverse("coordination:review", args=[application.pk]))
    pdf_url = reverse("applications:agreement_pdf", args=[application.pk])
    assert f'href="{pdf_url}"' in response.content.decode()


def test_review_of_call3_checks_each_exclusion(coordinator_client, network):
    application = make_application(
        network, call=call(3), findplace=None, funded_otherwise=True, portfolio="Ervaring."
    )
    response = coordinator_client.get(reverse("coordination:review", args=[application.pk]))
    checklist = {rule["code"]: rule["passed"] for rule in response.context["checklist"]}
    assert checklist["funded_otherwise"] is False
    assert checklist["employed_by_requester"] is True
    assert "no_structural_offer" not in checklist
