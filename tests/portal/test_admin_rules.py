"""The admin does not bypass the rules: what is immutable or rule-bound cannot be changed or
deleted there, and a rate is added or removed only through the billing service."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from applications.models import Allocation, Application, AuditEntry, ExtraHoursRequest
from billing.models import Invoice, Rate
from billing.services import rates, runs
from registrations.models import Registration
from tests.factories import AllocationFactory, NetworkFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


@pytest.fixture
def billed(db):
    """A registration billed in the March 2025 run of Het PAKT: its invoice and allocation."""
    registration = RegistrationFactory(date=date(2025, 3, 5), duration_minutes=60)
    allocation = registration.allocation
    runs.run_billing(allocation.network, date(2025, 3, 31))
    AuditEntry.objects.create(application=allocation.application, action="status")
    ExtraHoursRequest.objects.create(allocation=allocation, requested_minutes=60, motivation="m")
    return allocation


def _url(obj, view: str) -> str:
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=[obj.pk])


def _rate() -> Rate:
    return Rate.objects.get(effective_from=date(2024, 1, 1))


def _objects(allocation):
    return {
        "rate": _rate(),
        "allocation": allocation,
        "application": allocation.application,
        "extra_hours": allocation.extra_hours_requests.get(),
        "registration": allocation.registrations.get(),
        "invoice": Invoice.objects.get(),
        "audit_entry": allocation.application.audit_entries.get(),
    }


CHANGES = {
    "rate": {"effective_from": "2024-01-01", "hourly_rate": "1.00"},
    "allocation": {"granted_minutes": "5999940"},
    "application": {"status": "approved", "requested_minutes": "5999940"},
    "extra_hours": {"requested_minutes": "60", "granted_minutes": "5999940"},
    "registration": {"duration_minutes": "600"},
    "invoice": {"hours": "99"},
    "audit_entry": {"action": "forged"},
}


@pytest.mark.parametrize("name", CHANGES)
def test_admin_change_of_a_rule_bound_record_is_refused(admin_client, billed, name):
    obj = _objects(billed)[name]
    before = type(obj).objects.filter(pk=obj.pk).values().get()

    response = admin_client.post(_url(obj, "change"), CHANGES[name])

    assert response.status_code == 403
    assert type(obj).objects.filter(pk=obj.pk).values().get() == before


@pytest.mark.parametrize("name", CHANGES)
def test_admin_change_page_of_a_rule_bound_record_is_read_only(admin_client, billed, name):
    response = admin_client.get(_url(_objects(billed)[name], "change"))

    assert response.status_code == 200
    assert not response.context["has_change_permission"]


@pytest.mark.parametrize("name", CHANGES)
def test_admin_deletion_of_a_rule_bound_record_is_refused(admin_client, billed, name):
    obj = _objects(billed)[name]

    response = admin_client.post(_url(obj, "delete"), {"post": "yes"})

    assert response.status_code == 403
    assert type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize(
    "model",
    [Allocation, Application, ExtraHoursRequest, Registration, Invoice, AuditEntry, Rate],
    ids=lambda m: m._meta.model_name,
)
def test_admin_changelist_offers_no_bulk_deletion_of_rule_bound_records(
    admin_client, billed, model
):
    meta = model._meta
    response = admin_client.post(
        reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [model.objects.first().pk],
            "post": "yes",
        },
    )

    assert model.objects.count() == 1
    assert response.context["action_form"] is None


def test_admin_cannot_add_an_allocation(admin_client):
    response = admin_client.get(reverse("admin:applications_allocation_add"))

    assert response.status_code == 403


def test_admin_adds_a_rate_through_the_billing_service(admin_client, monkeypatch):
    calls = []
    add_rate = rates.add_rate
    monkeypatch.setattr(
        rates, "add_rate", lambda *args, **kw: calls.append(args) or add_rate(*args, **kw)
    )

    response = admin_client.post(
        reverse("admin:billing_rate_add"),
        {"effective_from": "2026-01-01", "hourly_rate": "90.00"},
    )

    assert response.status_code == 302
    assert calls == [(date(2026, 1, 1), Decimal("90.00"), None)]
    rate = Rate.objects.get(effective_from=date(2026, 1, 1))
    assert LogEntry.objects.get(object_id=str(rate.pk)).is_addition()


def test_admin_refuses_a_rate_inside_a_billed_period(admin_client, billed):
    response = admin_client.post(
        reverse("admin:billing_rate_add"),
        {"effective_from": "2025-03-31", "hourly_rate": "1.00"},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.has_error("__all__", "rate_in_billed_period")
    assert not Rate.objects.filter(effective_from=date(2025, 3, 31)).exists()


def test_admin_accepts_a_rate_from_the_day_after_the_billed_period(admin_client, billed):
    response = admin_client.post(
        reverse("admin:billing_rate_add"),
        {"effective_from": "2025-04-01", "hourly_rate": "90.00"},
    )

    assert response.status_code == 302
    assert Rate.objects.filter(effective_from=date(2025, 4, 1)).exists()


def test_admin_deletes_a_rate_no_billed_period_used(admin_client, billed):
    future = rates.add_rate(date(2025, 4, 1), Decimal("90.00"))

    response = admin_client.post(_url(future, "delete"), {"post": "yes"})

    assert response.status_code == 302
    assert not Rate.objects.filter(pk=future.pk).exists()


def test_delete_rate_service_refuses_a_rate_a_billed_period_used(billed):
    with pytest.raises(Exception) as refused:
        rates.delete_rate(_rate())

    assert refused.value.code == "rate_in_billed_period"
    assert Rate.objects.filter(pk=_rate().pk).exists()


def test_network_code_cannot_change_once_created(admin_client):
    network = NetworkFactory(code="PAKT", name="Het PAKT")

    admin_client.post(_url(network, "change"), {"name": "Het PAKT", "code": "OTHER", "address": ""})

    network.refresh_from_db()
    assert network.code == "PAKT"


def test_calls_stay_editable_by_an_administrator(admin_client):
    call = AllocationFactory().call

    response = admin_client.get(_url(call, "change"))

    assert response.context["has_change_permission"]
