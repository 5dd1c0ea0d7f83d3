"""Editions of a call (docs/rules.md, "Call editions"): an application falls under the
edition in force on its start date, an allocation keeps the edition it was granted under,
and a network's staff schedule and correct editions only within the rules."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from applications import services
from applications.models import ApplicationStatus, CallEdition
from applications.services import edition_changes
from tests.factories import (
    AllocationFactory,
    ApplicationFactory,
    CoordinatorFactory,
    FindplaceFactory,
    NetworkFactory,
    PsychologistFactory,
    StaffFactory,
    call,
    edition,
)

pytestmark = pytest.mark.django_db
HOUR = 60


def codes(excinfo) -> set[str]:
    return {error.code for error in excinfo.value.error_list}


@pytest.fixture
def network():
    return NetworkFactory(code="PAKT", name="Het PAKT")


@pytest.fixture
def staff(network):
    return StaffFactory(networks=[network])


def new_rules(source, **changes):
    values, forms = edition_changes.values_of(source)
    values.update({"valid_until": None, "notes": "Na de pilot", **changes})
    return values, forms


def schedule_call1(staff, start, quota=6 * HOUR):
    values, forms = new_rules(edition(1), valid_from=start, quota_minutes=quota)
    return edition_changes.schedule_edition(call(1), values, forms, actor=staff)


def draft(network, start):
    psychologist = PsychologistFactory(networks=[network])
    findplace = FindplaceFactory(network=network)
    return services.save_draft(
        psychologist,
        call(1),
        {"findplace": findplace, "start_date": start, "structural_offer": True},
    )


def test_an_application_starting_the_day_before_a_new_edition_keeps_the_old_rules(network, staff):
    start = timezone.localdate() + timedelta(days=30)
    schedule_call1(staff, start)
    application = draft(network, start - timedelta(days=1))
    assert application.edition == edition(1)
    assert application.requested_minutes == 4 * HOUR


def test_an_application_starting_on_the_first_day_of_a_new_edition_gets_its_rules(network, staff):
    start = timezone.localdate() + timedelta(days=30)
    new = schedule_call1(staff, start)
    application = draft(network, start)
    assert application.edition == new
    assert application.requested_minutes == 6 * HOUR


def test_scheduling_closes_the_edition_in_force_the_day_before(staff):
    start = timezone.localdate() + timedelta(days=30)
    schedule_call1(staff, start)
    assert edition(1).valid_until == start - timedelta(days=1)


def test_allocations_granted_earlier_keep_their_edition_and_quota(network, staff):
    allocation = AllocationFactory(
        application__network=network, application__start_date=timezone.localdate()
    )
    schedule_call1(staff, timezone.localdate() + timedelta(days=1))
    allocation.refresh_from_db()
    assert allocation.edition == edition(1)
    assert allocation.granted_minutes == 4 * HOUR


def test_an_undecided_application_in_the_new_validity_moves_to_the_new_edition(network, staff):
    start = timezone.localdate() + timedelta(days=30)
    application = ApplicationFactory(network=network, start_date=start + timedelta(days=5))
    new = schedule_call1(staff, start)
    application.refresh_from_db()
    assert application.edition == new


def test_an_approved_application_in_the_new_validity_keeps_its_edition(network, staff):
    start = timezone.localdate() + timedelta(days=30)
    allocation = AllocationFactory(
        application__network=network, application__start_date=start + timedelta(days=5)
    )
    schedule_call1(staff, start)
    allocation.application.refresh_from_db()
    assert allocation.application.edition == edition(1)


def test_the_approval_grants_under_the_applications_edition(network, staff):
    start = timezone.localdate() + timedelta(days=30)
    new = schedule_call1(staff, start)
    application = draft(network, start)
    application.status = ApplicationStatus.SUBMITTED
    application.partner_confirmed_at = timezone.now()
    application.save()
    coordinator = CoordinatorFactory(networks=[network])
    allocation = services.approve_application(
        application, actor=coordinator, granted_minutes=6 * HOUR
    )
    assert (allocation.edition, allocation.granted_minutes) == (new, 6 * HOUR)


def test_a_start_date_that_no_edition_covers_is_refused(network):
    CallEdition.objects.filter(call=call(1)).update(valid_until=date(2024, 12, 31))
    with pytest.raises(ValidationError) as excinfo:
        draft(network, timezone.localdate())
    assert codes(excinfo) == {"no_edition_in_force"}


def test_an_edition_overlapping_a_later_one_is_refused(staff):
    start = timezone.localdate() + timedelta(days=30)
    schedule_call1(staff, start)
    values, forms = new_rules(edition(1), valid_from=start - timedelta(days=10), valid_until=start)
    with pytest.raises(ValidationError) as excinfo:
        edition_changes.schedule_edition(call(1), values, forms, actor=staff)
    assert codes(excinfo) == {"editions_overlap"}


def test_an_edition_starting_the_same_day_as_another_is_refused(staff):
    start = timezone.localdate() + timedelta(days=30)
    schedule_call1(staff, start)
    with pytest.raises(ValidationError) as excinfo:
        schedule_call1(staff, start)
    assert codes(excinfo) == {"editions_overlap"}


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"quota_minutes": 0}, "quota_not_positive"),
        ({"quota_minutes": 400 * HOUR + 1}, "quota_not_positive"),
        ({"window_months": 0}, "window_out_of_range"),
        ({"start_bonus_months": 13}, "bonus_not_in_window"),
        ({"valid_until": date(2020, 1, 1)}, "bounds_not_ordered"),
    ],
)
def test_an_edition_with_a_broken_bound_is_refused(staff, changes, code):
    values, forms = new_rules(edition(1), valid_from=timezone.localdate() + timedelta(days=30))
    values.update(changes)
    with pytest.raises(ValidationError) as excinfo:
        edition_changes.schedule_edition(call(1), values, forms, actor=staff)
    assert code in codes(excinfo)


def test_a_work_form_whose_minimum_exceeds_its_maximum_is_refused(staff):
    values, forms = new_rules(edition(4), valid_from=timezone.localdate() + timedelta(days=30))
    forms[0].update(min_minutes=241, max_minutes=240)
    with pytest.raises(ValidationError) as excinfo:
        edition_changes.schedule_edition(call(4), values, forms, actor=staff)
    assert codes(excinfo) == {"bounds_not_ordered"}


def test_an_edition_without_work_forms_is_refused(staff):
    values, _forms = new_rules(edition(1), valid_from=timezone.localdate() + timedelta(days=30))
    with pytest.raises(ValidationError) as excinfo:
        edition_changes.schedule_edition(call(1), values, [], actor=staff)
    assert codes(excinfo) == {"work_forms_required"}


def test_an_edition_of_a_used_call_cannot_start_in_the_past(network, staff):
    ApplicationFactory(network=network)
    with pytest.raises(ValidationError) as excinfo:
        schedule_call1(staff, timezone.localdate() - timedelta(days=1))
    assert codes(excinfo) == {"edition_starts_in_past"}


def test_an_edition_with_granted_hours_is_never_changed(network, staff):
    AllocationFactory(application__network=network)
    values, forms = new_rules(edition(1), valid_from=edition(1).valid_from, quota_minutes=1)
    with pytest.raises(ValidationError) as excinfo:
        edition_changes.update_edition(edition(1), values, forms, actor=staff)
    assert codes(excinfo) == {"edition_in_use"}


def test_an_unused_edition_can_be_corrected(staff):
    start = timezone.localdate() + timedelta(days=30)
    new = schedule_call1(staff, start)
    values, forms = new_rules(new, valid_from=start, quota_minutes=8 * HOUR)
    edition_changes.update_edition(new, values, forms, actor=staff)
    new.refresh_from_db()
    assert new.quota_minutes == 8 * HOUR


def test_staff_who_follow_only_one_network_of_a_shared_call_cannot_change_it(network):
    NetworkFactory(code="ADS", name="GG ADS")
    one_network_only = StaffFactory(networks=[network])
    with pytest.raises(ValidationError) as excinfo:
        schedule_call1(one_network_only, timezone.localdate() + timedelta(days=30))
    assert codes(excinfo) == {"call_not_yours"}


def test_every_change_of_an_edition_is_in_its_history_with_the_actor(staff):
    new = schedule_call1(staff, timezone.localdate() + timedelta(days=30))
    assert new.history.first().history_user is None or new.history.count() == 1
    closed = edition(1).history.order_by("-history_date").first()
    assert closed.valid_until == new.valid_from - timedelta(days=1)


def test_a_new_call_from_another_networks_template_belongs_to_the_new_network_only(network):
    brussels = NetworkFactory(code="BRU", name="Réseau Bruxelles", calls=[])
    staff = StaffFactory(networks=[brussels])
    values, forms = new_rules(
        edition(1),
        valid_from=timezone.localdate(),
        start_bonus_minutes=0,
        start_bonus_months=0,
        quota_minutes=6 * HOUR,
    )
    created = edition_changes.create_call(
        brussels,
        number=1,
        code="bru-1",
        name="Concertation",
        description="",
        values=values,
        work_forms=forms,
        actor=staff,
    )
    assert list(created.call.networks.all()) == [brussels]
    assert (created.quota_minutes, created.start_bonus_minutes) == (6 * HOUR, 0)
    assert edition(1).quota_minutes == 4 * HOUR


def test_a_registration_follows_the_edition_of_its_allocation_not_a_newer_one(network, staff):
    from registrations.services import check_activity

    allocation = AllocationFactory(
        application__network=network, application__start_date=timezone.localdate()
    )
    values, forms = new_rules(edition(1), valid_from=timezone.localdate() + timedelta(days=1))
    forms[0].update(max_minutes=30)
    edition_changes.schedule_edition(call(1), values, forms, actor=staff)
    allocation.refresh_from_db()
    activity = {
        "date": timezone.localdate(),
        "start_time": None,
        "duration_minutes": 90,
        "work_form": "consultation",
        "attendees": 2,
    }
    _rules, refusals = check_activity(allocation, activity, today=timezone.localdate())
    assert "too_long" not in {refusal.code for refusal in refusals}


def test_the_register_is_made_of_allocations_under_an_edition_that_forms_it(network):
    from applications.selectors import register_allocations

    allocation = AllocationFactory(
        application__call=call(4),
        application__network=network,
        application__start_date=timezone.localdate(),
    )
    assert list(register_allocations(timezone.localdate())) == [allocation]
    CallEdition.objects.filter(pk=allocation.edition_id).update(forms_register=False)
    assert list(register_allocations(timezone.localdate())) == []
