"""A network bills nobody who misses invoice data or the self-billing acceptance: the run
skips them (reason `incomplete`, what is missing in plain words), bills the others, tells
them once, and bills them when started again after they completed it."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from post_office.models import Email

from billing import readiness
from billing.models import FailureReason, RunStatus, SelfBillingAcceptance
from billing.readiness import Missing, describe, missing_for
from billing.readiness_selectors import not_ready_by_network
from billing.self_billing import SELF_BILLING_TERMS_VERSION
from billing.services import batches, runs
from billing.services.rates import rate_on
from billing.services.self_billing import accept_terms
from portal.models import Psychologist
from portal.services import update_profile
from portal.validators import normalize_enterprise_number, normalize_iban
from tests.billing.helpers import register
from tests.factories import NetworkFactory, PsychologistFactory, StaffFactory

MARCH = date(2025, 3, 31)


def complete(**fields) -> Psychologist:
    """An unsaved psychologist with every invoice field filled in (no database)."""
    values = {
        "enterprise_number": "0123456749",
        "street": "Kerkstraat 1",
        "postal_code": "9000",
        "municipality": "Gent",
        "iban": "BE68539007547034",
        **fields,
    }
    return Psychologist(**values)


def bill(network):
    return runs.run_billing(network, MARCH, issue_date=date(2025, 4, 1))


def emails_to(psychologist) -> list[Email]:
    return [e for e in Email.objects.order_by("pk") if psychologist.user.email in e.to]


# --- The rule ---------------------------------------------------------------------------


def test_a_complete_psychologist_who_accepted_the_terms_misses_nothing():
    assert missing_for(complete(), accepted=True) == ()


@pytest.mark.parametrize(
    ("field", "item"),
    [
        ("enterprise_number", Missing.ENTERPRISE_NUMBER),
        ("street", Missing.STREET),
        ("postal_code", Missing.POSTAL_CODE),
        ("municipality", Missing.MUNICIPALITY),
        ("iban", Missing.IBAN),
    ],
)
def test_each_empty_invoice_field_is_missing(field, item):
    assert missing_for(complete(**{field: ""}), accepted=True) == (item,)


def test_an_address_of_spaces_only_is_missing():
    assert missing_for(complete(street="   "), accepted=True) == (Missing.STREET,)


def test_not_accepting_the_terms_is_missing():
    assert missing_for(complete(), accepted=False) == (Missing.SELF_BILLING,)


def test_a_stored_enterprise_number_with_wrong_check_digits_is_missing():
    assert missing_for(complete(enterprise_number="0123456748"), accepted=True) == (
        Missing.ENTERPRISE_NUMBER,
    )


def test_a_stored_iban_with_wrong_check_digits_is_missing():
    assert missing_for(complete(iban="BE68539007547035"), accepted=True) == (Missing.IBAN,)


def test_the_check_digits_of_one_stored_iban_are_checked_once(monkeypatch):
    checked = []

    def counting_iban_check(value):
        checked.append(value)
        return normalize_iban(value)

    monkeypatch.setattr(readiness, "normalize_iban", counting_iban_check)
    for _ in range(3):
        assert missing_for(complete(iban="BE71096123456769"), accepted=True) == ()
    assert checked == ["BE71096123456769"]


def test_everything_missing_is_listed_in_plain_words_in_page_order():
    missing = missing_for(Psychologist(), accepted=False)
    assert describe(missing) == (
        "ondernemingsnummer (KBO), straat en nummer, postcode, gemeente, IBAN-rekeningnummer, "
        "aanvaarding van de voorwaarden voor autofacturatie"
    )


# --- The enterprise number as people write it ---------------------------------------------


@pytest.mark.parametrize(
    "typed", ["0123.456.749", "BE0123456749", "123456749", "BE 0123 456 749", "0123-456-749"]
)
def test_a_valid_enterprise_number_is_accepted_in_every_written_form(typed):
    assert normalize_enterprise_number(typed) == "0123456749"


@pytest.mark.parametrize(
    "typed",
    [
        "0123.456.748",  # check digits wrong
        "2123456749",  # starts with 2
        "012345674",  # 9 digits whose check fails once a 0 is put in front
        "01234567490",
        "BE",
        "abc",
        "0000000000",
        "0123\x00456749",
        "9" * 10_000,
    ],
)
def test_an_enterprise_number_with_wrong_check_digits_or_form_is_refused(typed):
    with pytest.raises(ValidationError) as refused:
        normalize_enterprise_number(typed)
    assert refused.value.code == "invalid_enterprise_number"
    assert "0123.456.749" in refused.value.messages[0]


# --- The run ----------------------------------------------------------------------------


@pytest.fixture
def two_psychologists(network, make_allocation):
    """One complete psychologist and one without enterprise number, an hour each in March."""
    ready = make_allocation()
    incomplete = make_allocation(PsychologistFactory(networks=[network], enterprise_number=""))
    for allocation in (ready, incomplete):
        register(allocation, date(2025, 3, 5), 60)
    return ready.psychologist, incomplete.psychologist


def test_a_run_bills_the_others_and_reports_the_incomplete_one_with_what_is_missing(
    network, two_psychologists
):
    ready, incomplete = two_psychologists

    run = bill(network)

    assert run.status == RunStatus.DONE
    assert list(run.invoices.values_list("psychologist", flat=True)) == [ready.pk]
    failure = run.failures.get()
    assert (failure.psychologist, failure.reason) == (incomplete, FailureReason.INCOMPLETE)
    assert failure.detail == "Ontbreekt: ondernemingsnummer (KBO)."
    assert (run.progress_done, run.progress_total, run.invoice_count) == (2, 2, 1)


def test_a_run_skips_who_did_not_accept_the_terms_of_its_network(network, make_allocation):
    allocation = make_allocation(PsychologistFactory(networks=[network], self_billing=False))
    register(allocation, date(2025, 3, 5), 60)

    run = bill(network)

    assert not run.invoices.exists()
    assert "autofacturatie" in run.failures.get().detail


def test_terms_accepted_for_another_network_do_not_let_this_one_bill(network, make_allocation):
    other = NetworkFactory(code="ADS", name="GG ADS")
    psychologist = PsychologistFactory(networks=[other])  # accepted the terms of ADS only
    register(make_allocation(psychologist, network), date(2025, 3, 5), 60)

    run = bill(network)

    assert run.failures.get().psychologist == psychologist
    assert not run.invoices.exists()


def test_terms_accepted_in_an_older_version_do_not_let_a_network_bill(network, make_allocation):
    psychologist = PsychologistFactory(networks=[network], self_billing=False)
    SelfBillingAcceptance.objects.create(
        psychologist=psychologist, network=network, version="2020-01"
    )
    register(make_allocation(psychologist), date(2025, 3, 5), 60)

    run = bill(network)

    assert run.failures.get().reason == FailureReason.INCOMPLETE


def test_a_pool_under_an_hour_is_not_reported_as_incomplete(network, make_allocation):
    allocation = make_allocation(PsychologistFactory(networks=[network], enterprise_number=""))
    register(allocation, date(2025, 3, 5), 45)

    run = bill(network)

    assert not run.failures.exists()


def test_a_psychologist_already_invoiced_in_the_run_is_not_reported_once_incomplete(
    network, allocation
):
    register(allocation, date(2025, 3, 5), 60)
    run = bill(network)
    Psychologist.objects.filter(pk=allocation.psychologist_id).update(enterprise_number="")

    batches.bill_psychologists(run, [allocation.psychologist_id], rate_on(network, MARCH))

    assert not run.failures.exists()
    assert run.invoices.count() == 1


def test_the_skipped_psychologist_is_emailed_what_to_fill_in_and_where(network, two_psychologists):
    ready, incomplete = two_psychologists

    bill(network)

    [email] = emails_to(incomplete)
    assert "maart 2025" in email.subject
    assert "ondernemingsnummer (KBO)" in email.message
    assert reverse("profile") in email.message
    assert reverse("billing:self_billing") not in email.message  # the terms were accepted
    assert emails_to(ready) == []


def test_the_email_to_the_skipped_psychologist_links_the_portals_configured_address(
    network, two_psychologists, settings
):
    settings.SITE_URL = "https://portaal.example.be"

    bill(network)

    [email] = emails_to(two_psychologists[1])
    assert "https://portaal.example.be" + reverse("profile") in email.message


def test_the_email_names_the_self_billing_page_when_the_terms_are_not_accepted(
    network, make_allocation
):
    psychologist = PsychologistFactory(networks=[network], self_billing=False)
    register(make_allocation(psychologist), date(2025, 3, 5), 60)

    bill(network)

    [email] = emails_to(psychologist)
    assert reverse("billing:self_billing") in email.message
    assert SELF_BILLING_TERMS_VERSION in email.message
    assert reverse("profile") not in email.message


def test_the_email_is_in_the_psychologists_language(network, make_allocation):
    psychologist = PsychologistFactory(
        networks=[network], enterprise_number="", user__language="fr-be"
    )
    register(make_allocation(psychologist), date(2025, 3, 5), 60)

    bill(network)

    [email] = emails_to(psychologist)
    assert "mars 2025" in email.subject


def test_starting_the_run_again_after_completing_bills_them(
    network, two_psychologists, django_capture_on_commit_callbacks
):
    ready, incomplete = two_psychologists
    run = bill(network)
    update_profile(incomplete, {"enterprise_number": "0123.456.749"})

    with django_capture_on_commit_callbacks(execute=True):
        again, enqueued = runs.request_run(network, MARCH)

    run.refresh_from_db()
    assert enqueued and again == run
    assert (run.status, run.retrying) == (RunStatus.DONE, False)
    assert not run.failures.exists()
    assert set(run.invoices.values_list("psychologist", flat=True)) == {ready.pk, incomplete.pk}
    invoice = run.invoices.get(psychologist=incomplete)
    assert invoice.payee_enterprise_number == "0123.456.749"
    assert run.invoice_count == 2


def test_starting_the_run_again_after_accepting_the_terms_bills_them(
    network, make_allocation, django_capture_on_commit_callbacks
):
    psychologist = PsychologistFactory(networks=[network], self_billing=False)
    register(make_allocation(psychologist), date(2025, 3, 5), 60)
    run = bill(network)
    accept_terms(psychologist, network)

    with django_capture_on_commit_callbacks(execute=True):
        runs.request_run(network, MARCH)

    run.refresh_from_db()
    assert run.invoices.get().psychologist == psychologist
    assert not run.failures.exists()


def test_a_restart_that_finds_them_still_incomplete_keeps_them_listed_without_a_second_email(
    network, two_psychologists, django_capture_on_commit_callbacks
):
    _ready, incomplete = two_psychologists
    run = bill(network)

    with django_capture_on_commit_callbacks(execute=True):
        runs.request_run(network, MARCH)

    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert run.failures.get().psychologist == incomplete
    assert len(emails_to(incomplete)) == 1


def test_an_incomplete_psychologist_in_a_batch_that_fails_is_still_reported_once(
    network, two_psychologists, monkeypatch
):
    """The batch rolls back (another psychologist's data breaks it), then each is billed
    alone: the incomplete one is recorded and e-mailed once, not twice."""
    ready, incomplete = two_psychologists
    real = batches.parties

    def parties(net, payee):
        values = real(net, payee)
        if payee.pk == ready.pk:
            values["payee_name"] = "x" * 1000
        return values

    monkeypatch.setattr(batches, "parties", parties)

    run = bill(network)

    reasons = dict(run.failures.values_list("psychologist", "reason"))
    assert reasons == {
        ready.pk: FailureReason.INVALID_DATA,
        incomplete.pk: FailureReason.INCOMPLETE,
    }
    assert len(emails_to(incomplete)) == 1


def test_a_batch_of_incomplete_psychologists_costs_the_same_queries_as_one(
    network, make_allocation, monkeypatch
):
    def queries(count: int) -> int:
        psychologists = [
            PsychologistFactory(networks=[network], enterprise_number="", user__email="")
            for _ in range(count)
        ]
        for psychologist in psychologists:
            register(make_allocation(psychologist), date(2025, 3, 5), 60)
        run = runs.start_run(network, MARCH)
        with CaptureQueriesContext(connection) as captured:
            batches.bill_psychologists(run, [p.pk for p in psychologists], rate_on(network, MARCH))
        run.failures.all().delete()
        run.delete()
        return len(captured)

    assert queries(1) == queries(4)


# --- What staff see -------------------------------------------------------------------------


def test_the_run_page_lists_who_was_skipped_and_what_they_miss(client, network, two_psychologists):
    _ready, incomplete = two_psychologists
    run = bill(network)
    client.force_login(StaffFactory(networks=[network]))

    page = client.get(reverse("billing:run_detail", args=[run.pk])).content.decode()

    assert "Niet gefactureerd omdat gegevens ontbreken: 1 psycholoog" in page
    assert incomplete.name in page
    assert "ondernemingsnummer (KBO)" in page


def test_the_run_page_says_when_a_skipped_psychologist_has_completed_it_since(
    client, network, two_psychologists
):
    _ready, incomplete = two_psychologists
    run = bill(network)
    update_profile(incomplete, {"enterprise_number": "0123456749"})
    client.force_login(StaffFactory(networks=[network]))

    page = client.get(reverse("billing:run_detail", args=[run.pk])).content.decode()

    assert "Niets meer: start de run opnieuw" in page


def test_the_runs_page_counts_and_names_who_cannot_be_billed_yet(
    client, network, two_psychologists
):
    _ready, incomplete = two_psychologists
    client.force_login(StaffFactory(networks=[network]))

    page = client.get(reverse("billing:runs")).content.decode()

    assert "Het PAKT: 1 psycholoog kan nog niet gefactureerd worden" in page
    assert "(van 2 psychologen met te factureren registraties)" in page
    assert f"{incomplete.name}: ondernemingsnummer (KBO)" in page


def test_the_runs_page_shows_nobody_of_a_network_the_staff_member_does_not_follow(
    client, network, two_psychologists
):
    _ready, incomplete = two_psychologists
    client.force_login(StaffFactory(networks=[NetworkFactory(code="ADS", name="GG ADS")]))

    page = client.get(reverse("billing:runs")).content.decode()

    assert incomplete.name not in page
    assert "kan nog niet gefactureerd worden" not in page


def test_the_runs_page_lists_nobody_once_a_run_billed_everyone(client, network, allocation):
    register(allocation, date(2025, 3, 5), 60)
    bill(network)
    client.force_login(StaffFactory(networks=[network]))

    page = client.get(reverse("billing:runs")).content.decode()

    assert "kan nog niet gefactureerd worden" not in page


def test_not_ready_by_network_costs_two_queries_whatever_the_numbers(
    network, make_allocation, django_assert_num_queries
):
    for n in range(5):
        psychologist = PsychologistFactory(
            networks=[network], iban="" if n % 2 else "BE68539007547034"
        )
        register(make_allocation(psychologist), date(2025, 3, 5), 60)

    with django_assert_num_queries(2):
        [row] = not_ready_by_network([network])
        names = [item.psychologist.name for item in row.not_ready]

    assert len(names) == 2
    assert (row.billable, len(row.not_ready)) == (5, 2)
    assert {item.missing for item in row.not_ready} == {(Missing.IBAN,)}
