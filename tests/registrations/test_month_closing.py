"""Month closing (docs/month-closing.md): the activities of a month close at the end of the
network's closing day of the next month, in Belgian time; a coordinator may reopen the
month for one psychologist until a day they choose; a credit note opens its registration
again whatever its month."""

from datetime import date, datetime, time
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from applications.engine import closing
from registrations import services
from registrations.closing_services import reopen_month
from tests.factories import (
    AllocationFactory,
    CoordinatorFactory,
    NetworkFactory,
    PsychologistFactory,
    RegistrationFactory,
)
from tests.registrations.helpers import activity

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")
MARCH_DAY = date(2025, 3, 20)
OPEN = date(2025, 4, 10)  # the closing day: March is still open
CLOSED = date(2025, 4, 11)


@pytest.fixture
def network():
    return NetworkFactory(code="PAKT", name="Het PAKT", registration_closing_day=10)


@pytest.fixture
def allocation(network):
    return AllocationFactory(application__psychologist=PsychologistFactory(networks=[network]))


@pytest.fixture
def coordinator(network):
    return CoordinatorFactory(networks=[network])


def register(allocation, day=MARCH_DAY, today=None):
    return services.register_activity(
        allocation.psychologist, allocation.pk, activity(day=day), today=today
    )


def codes(error) -> list[str]:
    return [item.code for item in error.value.error_list]


def at_brussels(*args):
    """timezone.now() patched to a moment of Belgian local time."""
    return mock.patch.object(timezone, "now", return_value=datetime(*args, tzinfo=BRUSSELS))


def reopen(network, psychologist, actor, *, until=date(2025, 4, 20), reason="Vergeten workshop"):
    """Reopen March for `psychologist` on 11 April (the day after it closed)."""
    return reopen_month(
        network, psychologist, MARCH_DAY, until=until, reason=reason, actor=actor, today=CLOSED
    )


def test_at_the_last_minute_of_the_closing_day_the_month_is_still_open(allocation):
    with at_brussels(2025, 4, 10, 23, 59):
        assert register(allocation).pk


def test_at_the_first_minute_of_the_next_day_the_month_is_closed(allocation):
    with at_brussels(2025, 4, 11, 0, 0), pytest.raises(ValidationError) as error:
        register(allocation)
    assert codes(error) == ["month_closed"]
    assert "maart 2025" in error.value.messages[0]
    assert "11/04/2025" in error.value.messages[0]


def test_the_next_month_is_not_closed_by_the_closing_of_the_previous_one(allocation):
    assert register(allocation, day=date(2025, 4, 1), today=CLOSED).pk


def test_a_registration_of_a_closed_month_cannot_be_changed(allocation):
    registration = register(allocation, today=OPEN)
    with pytest.raises(ValidationError) as error:
        services.update_registration(registration, {"duration_minutes": 90}, today=CLOSED)
    assert codes(error) == ["month_closed"]


def test_a_registration_cannot_be_moved_out_of_a_closed_month(allocation):
    registration = register(allocation, today=OPEN)
    with pytest.raises(ValidationError) as error:
        services.update_registration(registration, {"date": date(2025, 4, 2)}, today=CLOSED)
    assert codes(error) == ["month_closed"]


def test_a_registration_cannot_be_moved_into_a_closed_month(allocation):
    registration = register(allocation, day=date(2025, 4, 2), today=CLOSED)
    with pytest.raises(ValidationError) as error:
        services.update_registration(registration, {"date": MARCH_DAY}, today=CLOSED)
    assert codes(error) == ["month_closed"]


def test_a_registration_of_a_closed_month_cannot_be_deleted(allocation):
    registration = register(allocation, today=OPEN)
    with pytest.raises(ValidationError) as error:
        services.delete_registration(registration, today=CLOSED)
    assert codes(error) == ["month_closed"]
    assert registration.__class__.objects.filter(pk=registration.pk).exists()


def test_a_credited_registration_of_a_closed_month_can_still_be_corrected(allocation):
    registration = RegistrationFactory(
        allocation=allocation, date=MARCH_DAY, start_time=time(9), is_credited=True
    )
    corrected = services.update_registration(
        registration,
        {"duration_minutes": 45, "subject": "Overleg", "attendee_roles": "x"},
        today=CLOSED,
    )
    assert (corrected.duration_minutes, corrected.is_credited) == (45, False)


def test_a_network_without_closing_day_never_closes_its_months(allocation, network):
    network.registration_closing_day = None
    network.save()
    assert register(allocation, today=date(2026, 6, 1)).pk


def test_a_reopened_month_takes_registrations_up_to_and_including_its_last_day(
    allocation, network, coordinator
):
    reopen(network, allocation.psychologist, coordinator)
    assert register(allocation, today=date(2025, 4, 20)).pk


def test_a_reopened_month_closes_again_the_day_after(allocation, network, coordinator):
    reopen(network, allocation.psychologist, coordinator)
    with pytest.raises(ValidationError) as error:
        register(allocation, today=date(2025, 4, 21))
    assert codes(error) == ["month_closed"]


def test_a_month_reopened_for_one_psychologist_stays_closed_for_another(
    allocation, network, coordinator
):
    reopen(network, allocation.psychologist, coordinator)
    other = AllocationFactory(application__psychologist=PsychologistFactory(networks=[network]))
    with pytest.raises(ValidationError):
        register(other, today=CLOSED)


def test_reopening_again_moves_its_end_and_keeps_the_history(allocation, network, coordinator):
    for until in (date(2025, 4, 15), date(2025, 4, 30)):
        reopening = reopen(
            network, allocation.psychologist, coordinator, until=until, reason="Nog een activiteit"
        )
    assert reopening.until == date(2025, 4, 30)
    assert [h.history_user for h in reopening.history.all()] == [coordinator, coordinator]


def reopen_codes(
    network,
    psychologist,
    actor,
    *,
    month=MARCH_DAY,
    until=date(2025, 4, 20),
    reason="Vergeten workshop",
):
    with pytest.raises(ValidationError) as error:
        reopen_month(
            network, psychologist, month, until=until, reason=reason, actor=actor, today=CLOSED
        )
    return codes(error)


def test_a_month_that_is_still_open_is_not_reopened(allocation, network, coordinator):
    assert reopen_codes(network, allocation.psychologist, coordinator, month=date(2025, 4, 1)) == [
        "month_not_closed_yet"
    ]


def test_a_month_is_reopened_for_at_most_31_days(allocation, network, coordinator):
    assert reopen(network, allocation.psychologist, coordinator, until=date(2025, 5, 12)).pk
    assert reopen_codes(network, allocation.psychologist, coordinator, until=date(2025, 5, 13)) == [
        "reopen_until_out_of_range"
    ]


def test_a_reopening_needs_a_reason(allocation, network, coordinator):
    assert reopen_codes(network, allocation.psychologist, coordinator, reason="  ") == [
        "reopen_reason_required"
    ]


def test_a_coordinator_of_another_network_cannot_reopen(allocation, network):
    outsider = CoordinatorFactory(networks=[NetworkFactory(code="ADS", name="GG ADS")])
    assert reopen_codes(network, allocation.psychologist, outsider) == ["network_not_followed"]


def test_a_psychologist_of_another_network_is_not_reopened(network, coordinator):
    stranger = PsychologistFactory(networks=[NetworkFactory(code="ADS", name="GG ADS")])
    assert reopen_codes(network, stranger, coordinator) == ["psychologist_not_in_network"]


@pytest.mark.parametrize(
    ("today", "expected"),
    [(date(2025, 4, 10), date(2025, 2, 1)), (date(2025, 4, 11), date(2025, 3, 1))],
)
def test_the_latest_closed_month_turns_the_day_after_the_closing_day(today, expected):
    assert closing.latest_closed_month(10, today) == expected


def test_the_last_month_of_the_calendar_is_never_closed_and_does_not_crash():
    assert closing.closing_refusals(date(9999, 12, 31), 10, date(9999, 12, 31)) == []
