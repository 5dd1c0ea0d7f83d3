"""One decision on many applications from the queue: each through its own service (checks,
audit entry, e-mail, transaction), what cannot be done reported with its reason, only the
coordinator's own networks, and hostile selections refused with a clear error."""

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone
from post_office.models import Email

from applications import services
from applications.models import Allocation, ApplicationStatus, AuditAction, AuditEntry, BulkAction
from applications.services import bulk_decisions
from tests.coordination.conftest import make_application
from tests.factories import (
    CoordinatorFactory,
    FindplaceFactory,
    NetworkFactory,
    PsychologistFactory,
    call,
)

BULK = reverse("coordination:bulk_decide")
RESULT = reverse("coordination:bulk_result")


@pytest.fixture
def network(db):
    return NetworkFactory(code="PAKT", name="Het PAKT")


@pytest.fixture
def other_network(db):
    return NetworkFactory(code="ADS", name="GG ADS")


@pytest.fixture
def coordinator(network):
    return CoordinatorFactory(networks=[network])


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def status_of(application) -> str:
    application.refresh_from_db()
    return application.status


def emails_to(application) -> list[Email]:
    address = application.psychologist.user.email
    return [email for email in Email.objects.all() if address in email.to]


def three_with_one_unconfirmed(network):
    """Three waiting call-1 applications; the partner of the second has not confirmed."""
    first = make_application(network, days_ago=3)
    unconfirmed = make_application(network, days_ago=2, partner_confirmed_at=None)
    last = make_application(network, days_ago=1)
    return first, unconfirmed, last


def codes(item) -> list[str]:
    return [code for code, _message in item.refusals]


# --- The service ------------------------------------------------------------------------


def test_bulk_approve_of_three_approves_two_and_reports_the_ineligible_one(coordinator, network):
    first, unconfirmed, last = three_with_one_unconfirmed(network)
    outcome = services.bulk_decide(
        coordinator, BulkAction.APPROVE, [first.pk, unconfirmed.pk, last.pk]
    )
    assert [item.application_id for item in outcome.done] == [first.pk, last.pk]
    [refused] = outcome.not_done
    assert refused.application_id == unconfirmed.pk
    assert codes(refused) == ["partner_not_confirmed"]
    assert "De partner heeft de samenwerking nog niet bevestigd" in refused.refusals[0][1]
    assert [status_of(a) for a in (first, unconfirmed, last)] == [
        ApplicationStatus.APPROVED,
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.APPROVED,
    ]


def test_each_approved_application_has_its_audit_entry_and_email(coordinator, network):
    first, unconfirmed, last = three_with_one_unconfirmed(network)
    services.bulk_decide(coordinator, BulkAction.APPROVE, [first.pk, unconfirmed.pk, last.pk])
    for application in (first, last):
        entries = AuditEntry.objects.filter(application=application, actor=coordinator)
        assert set(entries.values_list("action", flat=True)) == {
            AuditAction.STATUS,
            AuditAction.GRANTED_MINUTES,
        }
        [email] = emails_to(application)
        assert "goedgekeurd" in email.subject
    assert not AuditEntry.objects.filter(application=unconfirmed, actor=coordinator).exists()
    assert emails_to(unconfirmed) == []


def test_bulk_approve_grants_the_hours_each_application_asks(coordinator, network):
    short = make_application(network, requested_minutes=90)
    full = make_application(network, requested_minutes=240)
    services.bulk_decide(coordinator, BulkAction.APPROVE, [short.pk, full.pk])
    granted = dict(Allocation.objects.values_list("application_id", "granted_minutes"))
    assert granted == {short.pk: 90, full.pk: 240}


def test_on_a_shared_quota_the_oldest_gets_the_hours_and_the_other_is_reported(
    coordinator, network
):
    findplace = FindplaceFactory(network=network, kind="youth_house")

    def at_findplace(days_ago):
        return make_application(
            network,
            days_ago=days_ago,
            call=call(2),
            findplace=findplace,
            weekly_individual_minutes=240,
            start_date=timezone.localdate(),
        )

    newer, older = at_findplace(1), at_findplace(5)
    outcome = services.bulk_decide(coordinator, BulkAction.APPROVE, [newer.pk, older.pk])
    assert [item.application_id for item in outcome.done] == [older.pk]
    assert codes(outcome.not_done[0]) == ["findplace_cap_reached"]


def test_bulk_reject_sends_the_one_reason_to_each(coordinator, network):
    applications = [make_application(network) for _ in range(2)]
    services.bulk_decide(
        coordinator,
        BulkAction.REJECT,
        [a.pk for a in applications],
        message="Geen aanbod op de vindplaats.",
    )
    for application in applications:
        application.refresh_from_db()
        assert application.status == ApplicationStatus.REJECTED
        assert application.decision_reason == "Geen aanbod op de vindplaats."
        assert "Geen aanbod op de vindplaats." in emails_to(application)[0].message


def test_bulk_request_changes_sends_the_one_question(coordinator, network):
    application = make_application(network)
    outcome = services.bulk_decide(
        coordinator, BulkAction.REQUEST_CHANGES, [application.pk], message="Welke vindplaats?"
    )
    assert len(outcome.done) == 1
    assert status_of(application) == ApplicationStatus.CHANGES_REQUESTED
    assert "Welke vindplaats?" in emails_to(application)[0].message


@pytest.mark.parametrize("action", [BulkAction.REJECT, BulkAction.REQUEST_CHANGES])
def test_reject_or_send_back_without_a_reason_is_refused_and_decides_nothing(
    coordinator, network, action
):
    application = make_application(network)
    with pytest.raises(ValidationError) as refused:
        services.bulk_decide(coordinator, action, [application.pk], message="  ")
    assert [e.code for e in refused.value.error_list] == ["reason_required"]
    assert status_of(application) == ApplicationStatus.SUBMITTED


def test_another_networks_application_is_reported_not_found_and_not_decided(
    coordinator, network, other_network
):
    own = make_application(network)
    foreign = make_application(other_network)
    outcome = services.bulk_decide(coordinator, BulkAction.APPROVE, [foreign.pk, own.pk])
    assert [item.application_id for item in outcome.done] == [own.pk]
    [not_found] = outcome.not_done
    assert (not_found.application_id, not_found.application) == (foreign.pk, None)
    assert codes(not_found) == ["not_found"]
    assert status_of(foreign) == ApplicationStatus.SUBMITTED
    assert not Allocation.objects.filter(application=foreign).exists()


def test_an_id_that_does_not_exist_is_reported_not_found(coordinator, network):
    outcome = services.bulk_decide(coordinator, BulkAction.APPROVE, [987654321])
    assert codes(outcome.not_done[0]) == ["not_found"]


def test_an_application_decided_already_is_reported_with_its_status(coordinator, network):
    approved = make_application(network, status=ApplicationStatus.APPROVED)
    outcome = services.bulk_decide(
        coordinator, BulkAction.REJECT, [approved.pk], message="Toch niet."
    )
    assert codes(outcome.not_done[0]) == ["invalid_status"]
    assert status_of(approved) == ApplicationStatus.APPROVED


def test_an_id_chosen_twice_is_decided_once(coordinator, network):
    application = make_application(network)
    outcome = services.bulk_decide(coordinator, BulkAction.APPROVE, [application.pk] * 2)
    assert len(outcome.items) == 1
    assert Allocation.objects.filter(application=application).count() == 1


def test_a_failure_on_one_item_leaves_the_others_decided(coordinator, network, monkeypatch):
    first, second = make_application(network, days_ago=2), make_application(network, days_ago=1)
    approve = bulk_decisions.DECIDE[BulkAction.APPROVE]

    def failing_on_first(application, actor, message):
        if application.pk == first.pk:
            raise OperationalError("lock timeout")
        return approve(application, actor, message)

    monkeypatch.setitem(bulk_decisions.DECIDE, BulkAction.APPROVE, failing_on_first)
    outcome = services.bulk_decide(coordinator, BulkAction.APPROVE, [first.pk, second.pk])
    assert [item.application_id for item in outcome.done] == [second.pk]
    assert codes(outcome.not_done[0]) == ["not_processed"]
    assert status_of(first) == ApplicationStatus.SUBMITTED


def test_a_selection_above_the_cap_is_refused_whole(coordinator, network):
    application = make_application(network)
    ids = [application.pk, *range(10**6, 10**6 + services.MAX_BULK_SELECTION)]
    with pytest.raises(ValidationError) as refused:
        services.bulk_decide(coordinator, BulkAction.APPROVE, ids)
    assert [e.code for e in refused.value.error_list] == ["selection_too_large"]
    assert status_of(application) == ApplicationStatus.SUBMITTED


def test_a_selection_at_the_cap_is_taken(coordinator, network):
    application = make_application(network)
    ids = [application.pk, *range(10**6, 10**6 + services.MAX_BULK_SELECTION - 1)]
    outcome = services.bulk_decide(coordinator, BulkAction.APPROVE, ids)
    assert [item.application_id for item in outcome.done] == [application.pk]
    assert len(outcome.not_done) == services.MAX_BULK_SELECTION - 1


def test_an_empty_selection_is_refused(coordinator):
    with pytest.raises(ValidationError) as refused:
        services.bulk_decide(coordinator, BulkAction.APPROVE, [])
    assert [e.code for e in refused.value.error_list] == ["selection_empty"]


# --- The pages --------------------------------------------------------------------------


def post(client, action, ids, message="", query=""):
    return client.post(BULK + query, {"action": action, "applications": ids, "message": message})


def test_the_result_page_lists_done_and_not_done_with_the_reason(coordinator_client, network):
    first, unconfirmed, last = three_with_one_unconfirmed(network)
    response = post(coordinator_client, "approve", [first.pk, unconfirmed.pk, last.pk])
    assert response.status_code == 302
    assert response.url == RESULT
    page = coordinator_client.get(RESULT)
    outcome = page.context["outcome"]
    assert [item["id"] for item in outcome["done"]] == [first.pk, last.pk]
    assert [item["id"] for item in outcome["not_done"]] == [unconfirmed.pk]
    html = page.content.decode()
    assert "2 gedaan, 1 niet gedaan." in html
    assert 'data-refusal="partner_not_confirmed"' in html
    assert reverse("coordination:review", args=[unconfirmed.pk]) in html


def test_the_result_page_without_a_decision_says_so(coordinator_client):
    response = coordinator_client.get(RESULT)
    assert response.status_code == 200
    assert response.context["outcome"] is None


def test_refuse_without_a_reason_is_a_form_error_on_the_queue(coordinator_client, network):
    application = make_application(network)
    response = post(coordinator_client, "reject", [application.pk])
    assert response.status_code == 200
    form = response.context["bulk_form"]
    assert [e.code for e in form.errors.as_data()["message"]] == ["reason_required"]
    assert application.pk in response.context["selected"]  # still ticked
    assert status_of(application) == ApplicationStatus.SUBMITTED


@pytest.mark.parametrize("value", ["abc", "1.5", "-3", "²", "x" * 10_000, str(2**63)])
def test_an_id_that_is_not_a_number_is_a_form_error(coordinator_client, network, value):
    application = make_application(network)
    response = post(coordinator_client, "approve", [application.pk, value])
    assert response.status_code == 200
    assert response.context["bulk_form"].errors["applications"]
    assert status_of(application) == ApplicationStatus.SUBMITTED


def test_an_empty_selection_is_a_form_error(coordinator_client, network):
    response = post(coordinator_client, "approve", [])
    assert response.status_code == 200
    errors = response.context["bulk_form"].errors.as_data()["applications"]
    assert [e.code for e in errors] == ["selection_empty"]


def test_an_unknown_action_is_a_form_error(coordinator_client, network):
    application = make_application(network)
    response = post(coordinator_client, "delete", [application.pk])
    assert response.status_code == 200
    assert response.context["bulk_form"].errors["action"]


def test_too_many_ids_are_a_form_error_with_the_cap(coordinator_client, network):
    ids = list(range(1, services.MAX_BULK_SELECTION + 50))
    response = post(coordinator_client, "approve", ids)
    assert response.status_code == 200
    [error] = response.context["bulk_form"].errors.as_data()["applications"]
    assert error.code == "selection_too_large"
    assert f"hoogstens {services.MAX_BULK_SELECTION} aanvragen" in error.messages[0]


def test_ten_thousand_ids_are_refused_without_a_server_error(coordinator_client, network):
    application = make_application(network)
    response = post(coordinator_client, "approve", [application.pk, *range(1, 10_000)])
    # Django refuses more than DATA_UPLOAD_MAX_NUMBER_FIELDS fields before any view.
    assert response.status_code == 400
    assert status_of(application) == ApplicationStatus.SUBMITTED


def test_another_networks_id_in_the_post_is_not_decided(coordinator_client, other_network):
    foreign = make_application(other_network)
    post(coordinator_client, "reject", [foreign.pk], message="Weg ermee.")
    assert status_of(foreign) == ApplicationStatus.SUBMITTED
    [item] = coordinator_client.get(RESULT).context["outcome"]["not_done"]
    assert (item["id"], item["found"]) == (foreign.pk, False)


def test_a_refused_bulk_decision_keeps_the_filters_of_the_queue(coordinator_client, network):
    kept = make_application(network, psychologist=PsychologistFactory(user__last_name="Verhulst"))
    make_application(network)
    response = post(coordinator_client, "reject", [kept.pk], query="?psychologist=Verhulst")
    assert [a.pk for a in response.context["page_obj"]] == [kept.pk]


def test_a_link_of_the_refused_page_goes_back_to_the_queue(coordinator_client):
    response = coordinator_client.get(BULK + "?page=2&status=submitted")
    assert response.status_code == 302
    assert response.url == reverse("coordination:queue") + "?page=2&status=submitted"


def test_a_psychologist_may_not_decide_in_bulk(client, network):
    application = make_application(network)
    client.force_login(application.psychologist.user)
    assert post(client, "approve", [application.pk]).status_code == 403
    assert client.get(RESULT).status_code == 403
    assert status_of(application) == ApplicationStatus.SUBMITTED


def test_the_queue_offers_a_checkbox_per_waiting_application(coordinator_client, network):
    waiting = make_application(network)
    html = coordinator_client.get(reverse("coordination:queue")).content.decode()
    assert f'name="applications" value="{waiting.pk}"' in html
    assert f'action="{BULK}"' in html
