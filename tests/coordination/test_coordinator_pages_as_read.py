"""What a coordinator reads on the review pages: stored codes by their names (audit trail,
agreed work forms, care functions), and decisions that cannot be undone look like it and
ask first."""

import re

import pytest
from django.urls import reverse

from applications import services
from applications.models import ApplicationStatus, AuditEntry, CooperationAgreement
from tests.coordination.conftest import make_allocation, make_application, make_extra_hours
from tests.factories import call

pytestmark = pytest.mark.django_db


def review(client, application) -> str:
    return client.get(reverse("coordination:review", args=[application.pk])).content.decode()


def button(html: str, form_id: str) -> str:
    form = html.split(f'id="{form_id}"')[1].split("</form>")[0]
    return re.search(r"<button[^>]*>", form).group(0)


def test_agreed_work_forms_are_shown_by_name(coordinator_client, network):
    application = make_application(network, call=call(3))
    # The factory gives a call-3 application its agreement; agree on two work forms.
    CooperationAgreement.objects.filter(application=application).update(
        work_forms="advice,co_consult"
    )

    html = review(coordinator_client, application)
    cell = html.split('id="agreement-work-forms">')[1].split("</dd>")[0]

    assert cell == "Advies en kennisdeling, Co-consult"


def test_care_functions_are_shown_by_name(coordinator_client, network):
    application = make_application(network, care_functions="2")

    html = review(coordinator_client, application)

    assert "Functie 2: psychologische ondersteuning eerste lijn" in html
    assert "zorgfuncties 2" not in html


def test_the_audit_trail_names_the_status_an_application_was_created_in(
    coordinator_client, network, coordinator
):
    application = make_application(network)
    services.audit(application, coordinator, "created", "", ApplicationStatus.DRAFT)

    trail = review(coordinator_client, application).split('id="audit-trail"')[1]

    assert "Aanvraag aangemaakt: Concept" in trail
    assert "draft" not in trail


def test_an_audit_entry_reads_the_same_outside_the_page(network, coordinator):
    application = make_application(network)
    entry = services.audit(application, coordinator, "status", "submitted", "approved")

    assert str(entry).endswith("Status gewijzigd: Ingediend → Goedgekeurd")
    assert AuditEntry(action="granted_minutes", to_value="150").value_label("150") == "2 u 30 min"


def test_the_reject_button_is_destructive_and_asks_first_unlike_approve(
    coordinator_client, network
):
    html = review(coordinator_client, make_application(network))

    assert "btn-danger" in button(html, "reject-form")
    assert 'data-confirm="Deze aanvraag afwijzen?' in button(html, "reject-form")
    assert "btn-primary" in button(html, "approve-form")
    assert "data-confirm" not in button(html, "approve-form")


def test_the_refuse_extra_hours_button_is_destructive_and_asks_first(coordinator_client, network):
    extra = make_extra_hours(make_allocation(network))

    html = coordinator_client.get(
        reverse("coordination:extra_hours_review", args=[extra.pk])
    ).content.decode()

    assert "btn-danger" in button(html, "refuse-form")
    assert 'data-confirm="Deze extra uren weigeren?' in button(html, "refuse-form")
    assert "btn-danger" not in button(html, "grant-form")
