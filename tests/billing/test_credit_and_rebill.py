"""A credit note opens the registration again: corrected, it is billed in its next round;
deleted, it is withdrawn and its invoice and credit note keep it (docs/credit-notes.md)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.urls import reverse

from billing import selectors
from billing.models import Invoice, InvoiceItem, InvoiceKind
from billing.services import credit_notes, runs
from registrations.models import Registration
from registrations.services import (
    WITHDRAWN,
    delete_registration,
    register_activity,
    update_registration,
)
from tests.billing.helpers import register
from tests.factories import StaffFactory

MARCH = date(2025, 3, 31)
APRIL = date(2025, 4, 30)
MAY = date(2025, 5, 31)
# What a correction must say, like any new registration (the helper leaves it empty).
TEXTS = {"subject": "Overleg over een casus", "attendee_roles": "huisartsen"}


def bill(network, period_end):
    return runs.run_billing(network, period_end, issue_date=period_end)


def invoice_of(allocation, run) -> Invoice:
    return Invoice.objects.get(run=run, psychologist=allocation.psychologist)


def credit(registration_or_item, reason="fout"):
    return credit_notes.issue_credit_note(registration_or_item, reason=reason)


def reload(registration) -> Registration:
    return Registration.objects.get(pk=registration.pk)


def correct(registration, **data):
    return update_registration(reload(registration), TEXTS | data)


@pytest.fixture
def march(network, allocation):
    """Domain example 7: 40 + 30 + 45 min in March → 1 h billed, 55 min carried."""
    registrations = [
        register(allocation, date(2025, 3, day), minutes)
        for day, minutes in ((3, 40), (10, 30), (20, 45))
    ]
    return invoice_of(allocation, bill(network, MARCH)), registrations


def items_of(invoice) -> list[tuple]:
    return list(
        InvoiceItem.objects.filter(invoice=invoice)
        .order_by("pk")
        .values_list("pk", "registration_id", "kind", "round", "minutes", "prep_minutes")
    )


# --- The credit note opens the registration ------------------------------------------


def test_credit_note_opens_the_registration_for_its_correction(march):
    _invoice, (_a, _b, registration) = march

    credit(registration)

    registration = reload(registration)
    assert (registration.is_billed, registration.is_credited, registration.billing_round) == (
        False,
        True,
        2,
    )
    assert registration.awaits_correction


def test_credited_registration_counts_neither_for_the_quota_nor_for_billing(march):
    _invoice, (_a, _b, registration) = march

    credit(registration)

    assert not Registration.objects.counting().filter(pk=registration.pk).exists()
    assert not Registration.objects.billable().filter(pk=registration.pk).exists()


def test_credited_registration_not_corrected_is_not_billed_by_the_next_run(
    march, network, allocation
):
    _invoice, (_a, _b, registration) = march
    credit(registration)
    register(allocation, date(2025, 4, 2), 60)

    april = invoice_of(allocation, bill(network, APRIL))

    assert list(april.items.values_list("registration__date", flat=True)) == [date(2025, 4, 2)]
    assert reload(registration).awaits_correction


def test_credited_registration_is_corrected_through_the_update_service(march):
    _invoice, (_a, _b, registration) = march
    credit(registration)

    correct(registration, duration_minutes=50)

    registration = reload(registration)
    assert (registration.duration_minutes, registration.quota_minutes) == (50, 50)
    assert (registration.is_billed, registration.is_credited, registration.billing_round) == (
        False,
        False,
        2,
    )
    assert Registration.objects.billable().filter(pk=registration.pk).exists()


def test_correction_is_recorded_in_the_registrations_history(march):
    _invoice, (_a, _b, registration) = march
    credit(registration)

    correct(registration, duration_minutes=50)

    latest = reload(registration).history.order_by("-history_id").first()
    assert (latest.history_type, latest.duration_minutes) == ("~", 50)


def test_corrected_registration_is_billed_by_the_next_run_in_round_2(march, network, allocation):
    invoice, (_a, _b, registration) = march
    credit(registration)
    correct(registration, duration_minutes=50)

    april = invoice_of(allocation, bill(network, APRIL))

    item = april.items.get()
    assert (item.registration_id, item.round, item.minutes) == (registration.pk, 2, 50)
    assert reload(registration).is_billed


def test_rebilling_leaves_the_credited_invoices_items_as_they_were(march, network, allocation):
    invoice, (_a, _b, registration) = march
    before = items_of(invoice)
    credit(registration)
    correct(registration, duration_minutes=50)

    bill(network, APRIL)

    assert items_of(invoice) == before
    assert invoice.items.get(registration=registration).minutes == 45


# --- The correction is checked as a new activity -------------------------------------


def test_correction_is_weighed_against_the_quota_like_a_new_activity(march, allocation):
    _invoice, (_a, _b, registration) = march
    credit(registration)
    # Call 1 holds 240 min: 40 + 30 count, so 170 are left once the 45 are credited.
    register(allocation, date(2025, 4, 2), 170)

    with pytest.raises(ValidationError) as error:
        correct(registration)

    assert "quota_exceeded" in {item.code for item in error.value.error_list}
    assert reload(registration).awaits_correction


def test_correction_may_not_overlap_an_activity_registered_in_its_slot_meanwhile(march, allocation):
    _invoice, (_a, _b, registration) = march
    credit(registration)
    register(allocation, registration.date, 30, hour=registration.start_time.hour)

    with pytest.raises(ValidationError) as error:
        correct(registration)

    assert "overlap" in {item.code for item in error.value.error_list}


def test_correction_needs_every_text_a_new_registration_needs(march):
    _invoice, (_a, _b, registration) = march
    credit(registration)

    with pytest.raises(ValidationError) as error:
        update_registration(reload(registration), {"duration_minutes": 50})

    codes = {item.code for item in error.value.error_list}
    assert {"subject_required", "attendee_roles_required"} <= codes


def test_correction_stays_inside_the_allocations_window(march):
    _invoice, (_a, _b, registration) = march
    credit(registration)

    with pytest.raises(ValidationError) as error:
        correct(registration, date=date(2026, 1, 5))

    assert "outside_window" in {item.code for item in error.value.error_list}


# --- Crediting again ------------------------------------------------------------------


def test_credited_registration_cannot_be_credited_again_before_its_correction(march):
    _invoice, (_a, _b, registration) = march
    credit(registration)

    with pytest.raises(ValidationError) as error:
        credit(registration, "nog eens")

    assert error.value.code == "already_credited"
    assert Invoice.objects.filter(kind=InvoiceKind.CREDIT_NOTE).count() == 1


def test_corrected_registration_is_not_credited_before_it_is_billed_again(march):
    _invoice, (_a, _b, registration) = march
    credit(registration)
    correct(registration)

    with pytest.raises(ValidationError) as error:
        credit(registration)

    assert error.value.code == "not_billed"


def test_registration_billed_again_is_credited_again_in_round_2(march, network, allocation):
    _invoice, (_a, _b, registration) = march
    credit(registration)
    correct(registration, duration_minutes=50)
    april = invoice_of(allocation, bill(network, APRIL))

    note = credit(registration, "weer fout")

    item = note.items.get()
    assert (note.credited_invoice, item.round, item.minutes) == (april, 2, 50)
    registration = reload(registration)
    assert (registration.awaits_correction, registration.billing_round) == (True, 3)


def test_the_item_of_an_earlier_round_cannot_be_credited_again(march, network, allocation):
    invoice, (_a, _b, registration) = march
    first_item = invoice.items.get(registration=registration)
    credit(first_item)
    correct(registration, duration_minutes=50)
    bill(network, APRIL)

    with pytest.raises(ValidationError) as error:
        credit(first_item, "nog eens")

    assert error.value.code == "already_credited"


def test_the_invoice_offers_only_its_items_no_credit_note_reversed(march, network, allocation):
    invoice, (first, second, registration) = march
    credit(registration)
    correct(registration, duration_minutes=50)
    april = invoice_of(allocation, bill(network, APRIL))

    march_offer = {item.registration_id for item in selectors.creditable_items(invoice)}
    april_offer = {item.registration_id for item in selectors.creditable_items(april)}

    assert (march_offer, april_offer) == ({first.pk, second.pk}, {registration.pk})


# --- Deleting a credited registration withdraws it -----------------------------------


def test_deleting_a_credited_registration_withdraws_it_and_keeps_its_documents(march):
    invoice, (_a, _b, registration) = march
    note = credit(registration)
    items = InvoiceItem.objects.filter(registration=registration).count()

    deleted = delete_registration(reload(registration))

    registration = reload(registration)  # still there: the items PROTECT it
    assert deleted is False
    assert (registration.is_withdrawn, registration.is_billed, registration.is_credited) == (
        True,
        True,
        True,
    )
    assert InvoiceItem.objects.filter(registration=registration).count() == items == 2
    assert {invoice.pk, note.pk} == set(
        InvoiceItem.objects.filter(registration=registration).values_list("invoice", flat=True)
    )


def test_withdrawal_is_recorded_in_the_history_with_who_withdrew_it(march, client, allocation):
    _invoice, (_a, _b, registration) = march
    credit(registration)
    client.force_login(allocation.psychologist.user)

    client.post(reverse("registrations:delete", args=[registration.pk]))

    latest = reload(registration).history.order_by("-history_id").first()
    assert (latest.history_type, latest.history_change_reason) == ("~", WITHDRAWN)
    assert latest.history_user == allocation.psychologist.user


def test_withdrawn_registration_counts_for_nothing_and_is_never_billed(march, network, allocation):
    _invoice, (_a, _b, registration) = march
    credit(registration)
    delete_registration(reload(registration))

    run = bill(network, APRIL)

    assert not Registration.objects.counting().filter(pk=registration.pk).exists()
    assert not run.invoices.exists()


def test_withdrawn_registration_can_be_neither_changed_deleted_nor_credited(march):
    _invoice, (_a, _b, registration) = march
    credit(registration)
    delete_registration(reload(registration))

    with pytest.raises(ValidationError) as changed:
        correct(registration)
    with pytest.raises(ValidationError) as deleted:
        delete_registration(reload(registration))
    with pytest.raises(ValidationError) as credited:
        credit(registration)

    assert changed.value.error_list[0].code == "withdrawn"
    assert deleted.value.error_list[0].code == "withdrawn"
    assert credited.value.code == "already_credited"


def test_deleting_a_corrected_registration_before_its_rebilling_withdraws_it(
    march, network, allocation
):
    _invoice, (_a, _b, registration) = march
    credit(registration)
    correct(registration)

    assert delete_registration(reload(registration)) is False

    assert reload(registration).is_withdrawn
    assert not bill(network, APRIL).invoices.exists()


def test_deleting_a_registration_no_invoice_names_still_deletes_it(allocation):
    registration = register(allocation, date(2025, 3, 5), 60)

    assert delete_registration(registration) is True

    assert not Registration.objects.filter(pk=registration.pk).exists()


def test_withdrawn_slot_and_hours_are_free_for_a_new_registration(march, allocation):
    _invoice, (_a, _b, registration) = march
    credit(registration)
    delete_registration(reload(registration))

    again = register_activity(
        allocation.psychologist,
        allocation.pk,
        TEXTS
        | {
            "date": registration.date,
            "start_time": registration.start_time,
            "duration_minutes": 170,
            "work_form": registration.work_form,
            "attendees": 3,
        },
    )

    assert again.is_billed is False


# --- The carried minutes across credit and rebilling ---------------------------------


def _pool_holds(allocation) -> bool:
    """(hours billed − hours credited) × 60 + the carry = the minutes of the billed,
    uncredited registrations, as if the credited ones had never been billed."""
    documents = Invoice.objects.filter(psychologist=allocation.psychologist)
    hours = documents.aggregate(total=Sum("hours"))["total"] or 0
    carry = documents.latest("id").minutes_carried_out
    billed = (
        Registration.objects.counting()
        .filter(psychologist=allocation.psychologist, is_billed=True)
        .values_list("duration_minutes", "prep_minutes")
    )
    return hours * 60 + carry == sum(duration + prep for duration, prep in billed)


def test_worked_example_the_carry_stays_right_across_credit_and_rebilling(
    march, network, allocation
):
    """March: 40 + 30 + 45 min → 1 h billed, 55 carried (domain example 7).
    Credit the 45: the 55 carried absorb it → a credit note of 0 h, 10 carried.
    Corrected to 50 min, April bills it again: 10 + 50 = 60 → 1 h, 0 carried.
    Credited again in round 2: nothing carried → 1 h reversed, 60 − 50 = 10 carried.
    Corrected to 20 min, May: 10 + 20 = 30 → no invoice, the 20 min wait unbilled.
    At every step (hours billed − hours credited) × 60 + carry = the billed minutes:
    60 + 55 = 115 = 40 + 30 + 45; 60 + 10 = 70; 120 + 0 = 120 = 40 + 30 + 50; 60 + 10 = 70.
    """
    march_invoice, (_a, _b, registration) = march
    assert (march_invoice.hours, march_invoice.minutes_carried_out) == (1, 55)
    assert _pool_holds(allocation)

    first = credit(registration)
    assert (first.hours, first.minutes_carried_in, first.minutes_carried_out) == (0, 55, 10)
    assert _pool_holds(allocation)

    correct(registration, duration_minutes=50)
    april = invoice_of(allocation, bill(network, APRIL))
    assert (april.minutes_carried_in, april.hours, april.minutes_carried_out) == (10, 1, 0)
    assert _pool_holds(allocation)

    second = credit(registration)
    assert (second.hours, second.minutes_carried_in, second.minutes_carried_out) == (-1, 0, 10)
    assert second.amount == -april.unit_price
    assert _pool_holds(allocation)

    correct(registration, duration_minutes=20)
    assert not bill(network, MAY).invoices.exists()
    assert reload(registration).billing_round == 3
    assert Registration.objects.billable().filter(pk=registration.pk).exists()


# --- Pages ----------------------------------------------------------------------------


@pytest.fixture
def psychologist_client(client, allocation):
    client.force_login(allocation.psychologist.user)
    return client


def test_credited_registration_page_offers_the_correction(march, psychologist_client):
    _invoice, (_a, _b, registration) = march
    credit(registration)

    page = psychologist_client.get(reverse("registrations:edit", args=[registration.pk]))

    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="registration-form"' in html
    assert "Gecrediteerd — corrigeer en dien opnieuw in" in html


def test_list_says_credited_and_links_the_correction(march, psychologist_client):
    _invoice, (_a, _b, registration) = march
    credit(registration)

    html = psychologist_client.get(reverse("registrations:list")).content.decode()

    assert "gecrediteerd — corrigeer en dien opnieuw in" in html
    assert reverse("registrations:edit", args=[registration.pk]) in html


def test_billed_registration_page_stays_locked(march, psychologist_client):
    _invoice, (registration, _b, _c) = march

    html = psychologist_client.get(
        reverse("registrations:edit", args=[registration.pk])
    ).content.decode()

    assert 'id="registration-form"' not in html
    assert "Vraag een creditnota aan bij uw netwerk" in html


def test_correcting_through_the_form_resubmits_the_registration(march, psychologist_client):
    _invoice, (_a, _b, registration) = march
    credit(registration)

    response = psychologist_client.post(
        reverse("registrations:edit", args=[registration.pk]),
        {
            "date": "2025-03-20",
            "start_time": "09:00",
            "duration_minutes": "50",
            "work_form": "consultation",
            "attendees": "3",
            **TEXTS,
        },
        follow=True,
    )

    assert response.status_code == 200
    assert "gecorrigeerd en opnieuw ingediend" in response.content.decode()
    registration = reload(registration)
    assert (registration.duration_minutes, registration.is_credited) == (50, False)


def test_deleting_a_credited_registration_from_its_page_withdraws_it(march, psychologist_client):
    _invoice, (_a, _b, registration) = march
    credit(registration)
    url = reverse("registrations:delete", args=[registration.pk])

    confirm = psychologist_client.get(url).content.decode()
    response = psychologist_client.post(url, follow=True)

    assert "niet gewist maar ingetrokken" in confirm
    assert "De registratie is ingetrokken" in response.content.decode()
    assert reload(registration).is_withdrawn
    page = psychologist_client.get(reverse("registrations:edit", args=[registration.pk]))
    assert "gecrediteerd en ingetrokken" in page.content.decode()
    assert 'id="registration-form"' not in page.content.decode()


def test_staff_credit_form_credits_the_rebilled_registration_on_its_later_invoice(
    client, march, network, allocation
):
    invoice, (_a, _b, registration) = march
    first_item = invoice.items.get(registration=registration)
    credit(first_item)
    correct(registration, duration_minutes=50)
    april = invoice_of(allocation, bill(network, APRIL))
    client.force_login(StaffFactory(networks=[network]))

    stale = client.post(
        reverse("billing:invoice_credit", args=[invoice.pk]),
        {"item": first_item.pk, "reason": "nog eens"},
    )
    fresh = client.post(
        reverse("billing:invoice_credit", args=[april.pk]),
        {"item": april.items.get().pk, "reason": "weer fout"},
    )

    assert stale.status_code == 422
    assert fresh.status_code == 302
    note = Invoice.objects.filter(kind=InvoiceKind.CREDIT_NOTE).latest("id")
    assert (note.credited_invoice, note.items.get().round) == (april, 2)


def test_invoice_page_shows_the_credited_item_as_credited_after_its_rebilling(
    client, march, network, allocation
):
    invoice, (_a, _b, registration) = march
    credit(registration)
    correct(registration, duration_minutes=50)
    bill(network, APRIL)
    client.force_login(StaffFactory(networks=[network]))

    html = client.get(reverse("billing:invoice_detail", args=[invoice.pk])).content.decode()

    assert html.count(">gecrediteerd<") == 1
    assert html.count(">gefactureerd<") == 2


def test_registration_of_another_psychologist_is_404_on_its_delete_page(
    march, client, make_allocation
):
    _invoice, (_a, _b, registration) = march
    credit(registration)
    other = make_allocation()
    client.force_login(other.psychologist.user)

    response = client.post(reverse("registrations:delete", args=[registration.pk]))

    assert response.status_code == 404
    assert reload(registration).awaits_correction
