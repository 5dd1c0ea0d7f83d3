"""Accounts anonymised: a psychologist who left once nothing must be kept (the retention
task), or anyone on request (the administrator), with the invoices of their legal period
kept unchanged and said so."""

from datetime import date, time

import pytest
from django.urls import reverse

from billing.models import Invoice
from portal.models import AccessKind, AccessLogEntry
from privacy.erasure import anonymise, anonymise_departed, invoice_kept_until
from privacy.models import Erasure, ErasureReason
from tests.billing.invoice_pdf_helpers import (
    allocation_of,
    complete_network,
    complete_psychologist,
    issue_march_invoice,
)
from tests.factories import CoordinatorFactory, NetworkFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    return complete_network(NetworkFactory(code="PAKT", name="Het PAKT"))


@pytest.fixture
def invoiced(network):
    """A psychologist with one invoice issued on 1 April 2025, who then left."""
    psychologist = complete_psychologist(network, user={"first_name": "An", "last_name": "Peeters"})
    RegistrationFactory(
        allocation=allocation_of(psychologist, network),
        date=date(2025, 3, 5),
        start_time=time(9, 0),
        duration_minutes=60,
        quota_minutes=60,
    )
    issue_march_invoice(network)
    psychologist.user.is_active = False
    psychologist.user.save()
    return psychologist


def test_an_invoice_is_kept_until_the_end_of_its_tenth_following_year():
    assert invoice_kept_until(2025) == date(2035, 12, 31)


def test_a_psychologist_who_left_stays_while_an_invoice_is_in_its_period(invoiced):
    assert anonymise_departed(date(2035, 12, 31)) == 0
    invoiced.refresh_from_db()
    assert invoiced.iban


def test_a_psychologist_who_left_is_anonymised_once_the_period_is_over(invoiced):
    assert anonymise_departed(date(2036, 1, 1)) == 1
    invoiced.refresh_from_db()
    invoiced.user.refresh_from_db()
    assert (invoiced.iban, invoiced.enterprise_number, invoiced.street) == ("", "", "")
    assert invoiced.user.get_full_name() == "" and invoiced.user.email == ""
    assert Erasure.objects.get(user=invoiced.user).reason == ErasureReason.RETENTION


def test_past_its_period_the_invoice_loses_the_payees_data_but_keeps_its_amount(invoiced):
    anonymise_departed(date(2036, 1, 1))
    invoice = Invoice.objects.get(psychologist=invoiced)
    assert (invoice.payee_name, invoice.payee_iban) == ("", "")
    assert invoice.amount and invoice.number


def test_an_active_psychologist_is_never_anonymised(network):
    complete_psychologist(network)
    assert anonymise_departed(date(2040, 1, 1)) == 0


def test_a_psychologist_who_left_with_unbilled_activities_stays(network):
    psychologist = complete_psychologist(network)
    RegistrationFactory(allocation=allocation_of(psychologist, network), date=date(2025, 3, 5))
    psychologist.user.is_active = False
    psychologist.user.save()
    assert anonymise_departed(date(2040, 1, 1)) == 0


def test_on_request_the_invoices_in_their_period_are_kept_unchanged(invoiced):
    erasure = anonymise(invoiced.user, reason=ErasureReason.REQUEST, today=date(2026, 12, 3))
    invoice = Invoice.objects.get(psychologist=invoiced)
    assert (erasure.kept_invoices, erasure.kept_until) == (1, date(2035, 12, 31))
    assert invoice.payee_name == "An Peeters" and invoice.payee_iban


def test_an_anonymised_account_can_no_longer_sign_in(invoiced, client):
    anonymise(invoiced.user, reason=ErasureReason.REQUEST)
    invoiced.user.refresh_from_db()
    assert not invoiced.user.is_active and not invoiced.user.has_usable_password()
    assert not invoiced.user.groups.exists()


def test_anonymising_twice_keeps_the_first_record(invoiced):
    first = anonymise(invoiced.user, reason=ErasureReason.REQUEST)
    assert anonymise(invoiced.user, reason=ErasureReason.RETENTION) == first


def test_the_administrator_erases_a_person_and_is_told_what_was_kept(invoiced, client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(
        reverse("admin:privacy_erasure_add"), {"user": invoiced.user.pk}, follow=True
    )
    page = response.content.decode()
    assert "blijven bewaard tot en met 31/12/2035" in page
    assert Erasure.objects.filter(user=invoiced.user, reason=ErasureReason.REQUEST).exists()


def test_the_administrator_erases_a_coordinator_with_nothing_to_keep(client):
    coordinator = CoordinatorFactory(email="lotte@example.org")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = client.post(
        reverse("admin:privacy_erasure_add"), {"user": coordinator.pk}, follow=True
    ).content.decode()
    assert "er moest niets bewaard blijven" in page
    coordinator.refresh_from_db()
    assert coordinator.email == "" and coordinator.username == f"gewist-{coordinator.pk}"


def test_anonymising_removes_the_persons_name_from_the_access_log(invoiced):
    entry = AccessLogEntry.objects.create(
        user=invoiced.user,
        user_label="An Peeters (an.peeters)",
        kind=AccessKind.INVOICE_PDF,
        object_label="Factuur van An Peeters",
        psychologist=invoiced,
        path="/x/",
    )
    anonymise(invoiced.user, reason=ErasureReason.REQUEST)
    entry.refresh_from_db()
    assert "Peeters" not in entry.user_label + entry.object_label
