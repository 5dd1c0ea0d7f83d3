"""The load generator makes data that the portal's own rules accept."""

from datetime import date

import pytest
from django.db import transaction

from applications import engine
from applications.models import Allocation
from applications.selectors import edition_rules, usage_of
from benchmarks.loadgen import LoadGenerator, Scale
from portal.models import Network
from registrations.models import Registration

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

TODAY = date(2026, 11, 1)


@pytest.fixture
def loaded():
    return LoadGenerator(Scale.of(0.002), seed=7, today=TODAY).run()


def test_generated_data_has_the_requested_shape(loaded):
    assert loaded["allocations"] == Allocation.objects.count() > 4 * 50
    assert loaded["registrations"] == Registration.objects.count()
    assert abs(loaded["registrations"] - 6000) < 600


def test_no_allocation_is_used_beyond_its_quota(loaded):
    for allocation in Allocation.objects.all():
        used = usage_of(allocation)
        assert engine.remaining_minutes(allocation, used, TODAY) >= 0
        assert used.total <= allocation.granted_minutes + allocation.extra_minutes


def test_every_registration_passes_the_engine_rules_on_its_own(loaded):
    allocations = {a.pk: a for a in Allocation.objects.select_related("call")}
    rules = {a.call_id: edition_rules(a.edition) for a in allocations.values()}
    for r in Registration.objects.all():
        allocation = allocations[r.allocation_id]
        activity = engine.Activity(
            r.date, r.start_time, r.duration_minutes, r.work_form, r.attendees, r.client_consent
        )
        refusals = engine.registration_refusals(
            rules[allocation.call_id], allocation, activity, today=TODAY, used=engine.Usage()
        )
        assert refusals == []


def test_no_psychologist_has_overlapping_activities(loaded):
    rows = Registration.objects.values_list("psychologist_id", "date", "start_time")
    assert len(rows) == len(set(rows))


def test_call2_findplace_caps_hold_across_overlapping_windows(loaded):
    call2 = list(Allocation.objects.filter(call__number=2))
    for a in call2:
        overlapping = [
            b
            for b in call2
            if b.findplace_id == a.findplace_id
            and b.window_start <= a.window_end
            and a.window_start <= b.window_end
        ]
        assert sum(b.granted_minutes for b in overlapping) <= 48 * 60


class Rollback(Exception):
    pass


def generated_fingerprint(seed: int) -> list[tuple]:
    """Generate, read back what matters (no ids), and roll everything back."""
    with pytest.raises(Rollback), transaction.atomic():
        LoadGenerator(Scale.of(0.002), seed=seed, today=TODAY).run()
        # Sorted on every value: rows that tie on date and time come back in any order.
        fingerprint = sorted(
            Registration.objects.values_list(
                "date", "start_time", "duration_minutes", "work_form", "allocation__call__number"
            )
        )
        raise Rollback
    return fingerprint


def test_same_seed_gives_the_same_data():
    assert generated_fingerprint(7) == generated_fingerprint(7)


def test_another_seed_gives_other_data():
    assert generated_fingerprint(7) != generated_fingerprint(8)


def test_no_generated_network_closes_its_months(loaded):
    """The billing benchmark runs the previous month on any day (docs/month-closing.md)."""
    assert not Network.objects.filter(registration_closing_day__isnull=False).exists()
