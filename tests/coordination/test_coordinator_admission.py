"""The review page and the approve form under the admission rules: a verdict that agrees
with what approving would say, and the motivated override of a missing partner answer."""

from django.urls import reverse
from django.utils import timezone

from applications.models import Allocation, ApplicationStatus, AuditEntry
from tests.coordination.conftest import make_application
from tests.factories import AllocationFactory, call


def review(client, application):
    return client.get(reverse("coordination:review", args=[application.pk]))


def approve(client, application, **fields):
    data = {"approve-hours": "4", "approve-start_date": "2025-01-01"}
    data |= {f"approve-{name}": value for name, value in fields.items()}
    return client.post(reverse("coordination:approve", args=[application.pk]), data)


def failed_rules(response) -> set[str]:
    return {rule["code"] for rule in response.context["checklist"] if not rule["passed"]}


# --- The verdict ---------------------------------------------------------------------------


def test_review_of_an_application_with_nothing_grantable_does_not_say_it_meets_every_rule(
    coordinator_client, network
):
    first = make_application(
        network, call=call(4), findplace=None, status=ApplicationStatus.APPROVED
    )
    AllocationFactory(application=first)
    second = make_application(
        network, call=call(4), findplace=None, psychologist=first.psychologist
    )
    response = review(coordinator_client, second)
    assert response.context["grantable"] == 0
    assert not response.context["eligible"]
    assert failed_rules(response) == {"findplace_cap_reached"}
    assert "voldoet niet aan alle voorwaarden" in response.content.decode()


def test_review_counts_a_missing_partner_answer_as_a_failed_rule(coordinator_client, network):
    response = review(coordinator_client, make_application(network, partner_confirmed_at=None))
    assert not response.context["eligible"]
    assert failed_rules(response) == {"partner_not_confirmed"}


def test_review_shows_a_declined_partner_on_the_confirmation_line(coordinator_client, network):
    application = make_application(
        network, partner_confirmed_at=None, partner_declined_at=timezone.now()
    )
    response = review(coordinator_client, application)
    [line] = [r for r in response.context["checklist"] if r["code"] == "partner_not_confirmed"]
    assert not line["passed"]
    assert "geweigerd" in line["message"]


def test_review_shows_every_flaw_of_the_agreement_on_one_line(coordinator_client, network):
    application = make_application(
        network,
        call=call(3),
        findplace=None,
        agreement__periodicity="",
        agreement__contact_arrangement="",
    )
    response = review(coordinator_client, application)
    assert failed_rules(response) == {"agreement_required"}
    [line] = [r for r in response.context["checklist"] if r["code"] == "agreement_required"]
    assert "regelmaat" in line["message"] and "contacteert" in line["message"]


def test_review_of_a_call3_application_without_agreement_or_portfolio_fails_both(
    coordinator_client, network
):
    application = make_application(
        network, call=call(3), findplace=None, agreement=False, portfolio=""
    )
    assert failed_rules(review(coordinator_client, application)) == {
        "agreement_required",
        "portfolio_required",
    }


# --- The override on the approve form ------------------------------------------------------


def test_approve_form_offers_the_override_only_while_the_partner_has_not_confirmed(
    coordinator_client, network
):
    waiting = review(coordinator_client, make_application(network, partner_confirmed_at=None))
    confirmed = review(coordinator_client, make_application(network))
    assert 'name="approve-partner_override"' in waiting.content.decode()
    assert 'name="approve-override_reason"' in waiting.content.decode()
    assert 'name="approve-partner_override"' not in confirmed.content.decode()


def test_approving_without_the_partner_shows_the_refusal_at_the_override(
    coordinator_client, network
):
    application = make_application(network, partner_confirmed_at=None)
    response = approve(coordinator_client, application)
    assert response.status_code == 200
    errors = response.context["approve_form"].errors.as_data()["partner_override"]
    assert [e.code for e in errors] == ["partner_not_confirmed"]
    assert not Allocation.objects.filter(application=application).exists()


def test_override_without_a_reason_is_shown_at_the_reason(coordinator_client, network):
    application = make_application(network, partner_confirmed_at=None)
    response = approve(coordinator_client, application, partner_override="on")
    errors = response.context["approve_form"].errors.as_data()["override_reason"]
    assert [e.code for e in errors] == ["override_reason_required"]
    assert not Allocation.objects.filter(application=application).exists()


def test_override_with_a_reason_approves_and_shows_on_the_review_page(
    coordinator_client, network, coordinator
):
    application = make_application(network, partner_confirmed_at=None)
    response = approve(
        coordinator_client,
        application,
        partner_override="on",
        override_reason="De partner bevestigde telefonisch.",
    )
    assert response.status_code == 302
    assert Allocation.objects.get(application=application).granted_minutes == 240
    assert AuditEntry.objects.filter(application=application, action="partner_override").exists()
    page = review(coordinator_client, application)
    content = page.content.decode()
    banner = content.split('id="partner-override"')[1].split("</div>")[0]
    assert "De partner bevestigde telefonisch." in banner
    assert coordinator.get_full_name() in banner
    trail = content.split('id="audit-trail"')[1].split("</ol>")[0]
    assert "Goedgekeurd zonder bevestiging van de partner" in trail
