"""What a coordinator may grant (grants.py): the quota shared by overlapping windows, its
busiest day, the OverKophuis exception, and the refusals of an approval."""

from __future__ import annotations

from datetime import date

import pytest

from applications import engine
from applications.engine import GrantedSlice
from tests.applications.engine.builders import (
    HOUR,
    RULES,
    call2_rules,
    codes,
)


def test_call2_cap_is_shared_by_overlapping_windows():
    overlapping = [GrantedSlice(20 * HOUR), GrantedSlice(20 * HOUR)]
    assert engine.grantable_minutes(call2_rules(), 20 * HOUR, overlapping) == 8 * HOUR


def test_call2_cap_counts_only_windows_that_overlap_each_other():
    year_2025 = GrantedSlice(30 * HOUR, start=date(2025, 1, 1), end=date(2025, 12, 31))
    year_2026 = GrantedSlice(30 * HOUR, start=date(2026, 1, 1), end=date(2026, 12, 31))
    granted = engine.grantable_minutes(
        call2_rules(), 20 * HOUR, [year_2025, year_2026], window_start=date(2025, 7, 1)
    )
    assert granted == 18 * HOUR


def test_call2_cap_counts_a_window_that_starts_inside_the_new_one():
    earlier = GrantedSlice(30 * HOUR, start=date(2025, 1, 1), end=date(2025, 12, 31))
    later = GrantedSlice(10 * HOUR, start=date(2025, 9, 1), end=date(2026, 8, 31))
    granted = engine.grantable_minutes(
        call2_rules(), 20 * HOUR, [earlier, later], window_start=date(2025, 7, 1)
    )
    assert granted == 8 * HOUR


def test_peak_counts_a_window_ending_the_day_before_another_starts_apart():
    ends = GrantedSlice(30 * HOUR, start=date(2025, 1, 1), end=date(2025, 6, 30))
    starts = GrantedSlice(30 * HOUR, start=date(2025, 7, 1), end=date(2026, 6, 30))
    assert engine.peak_minutes([ends, starts], date(2025, 3, 1)) == 30 * HOUR


def test_peak_counts_windows_sharing_their_last_and_first_day_together():
    ends = GrantedSlice(30 * HOUR, start=date(2025, 1, 1), end=date(2025, 7, 1))
    starts = GrantedSlice(10 * HOUR, start=date(2025, 7, 1), end=date(2026, 6, 30))
    assert engine.peak_minutes([ends, starts], date(2025, 3, 1)) == 40 * HOUR


def test_call2_without_overlapping_grants_gives_full_48_hours():
    assert engine.grantable_minutes(call2_rules(), 60 * HOUR, []) == 48 * HOUR


def test_grantable_never_exceeds_request():
    assert (
        engine.grantable_minutes(call2_rules(), 10 * HOUR, [GrantedSlice(30 * HOUR)]) == 10 * HOUR
    )


def test_call2_cap_fully_used_leaves_nothing():
    assert engine.grantable_minutes(call2_rules(), 10 * HOUR, [GrantedSlice(48 * HOUR)]) == 0


def test_exclusive_overkophuis_grant_blocks_others():
    overlapping = [GrantedSlice(60 * HOUR, exclusive=True)]
    assert engine.grantable_minutes(call2_rules(), 10 * HOUR, overlapping) == 0


def test_overkophuis_exception_allows_96_hours_without_overlapping_grants():
    granted = engine.grantable_minutes(
        call2_rules(), 100 * HOUR, [], exception_requested=True, findplace_is_overkophuis=True
    )
    assert granted == 96 * HOUR


def test_exception_not_requested_keeps_48_hour_cap_at_overkophuis():
    granted = engine.grantable_minutes(
        call2_rules(), 96 * HOUR, [], exception_requested=False, findplace_is_overkophuis=True
    )
    assert granted == 48 * HOUR


def test_exception_outside_overkophuis_keeps_48_hour_cap():
    granted = engine.grantable_minutes(
        call2_rules(), 96 * HOUR, [], exception_requested=True, findplace_is_overkophuis=False
    )
    assert granted == 48 * HOUR


def test_exception_with_overlapping_grant_falls_back_to_48_hour_cap_minus_used():
    granted = engine.grantable_minutes(
        call2_rules(),
        96 * HOUR,
        [GrantedSlice(10 * HOUR)],
        exception_requested=True,
        findplace_is_overkophuis=True,
    )
    assert granted == 38 * HOUR


@pytest.mark.parametrize("number", [1, 3, 4])
def test_exception_does_not_exist_outside_call2(number):
    rules = RULES[number]()
    granted = engine.grantable_minutes(
        rules, 100 * HOUR, [], exception_requested=True, findplace_is_overkophuis=True
    )
    assert granted == rules.quota_minutes


def test_approval_within_grantable_has_no_refusal():
    assert engine.approval_refusals(call2_rules(), 18 * HOUR, 18 * HOUR) == []


def test_approval_above_grantable_is_refused_as_hours_above_max():
    assert codes(engine.approval_refusals(call2_rules(), 18 * HOUR + 1, 18 * HOUR)) == [
        "hours_above_max"
    ]


def test_approval_of_zero_minutes_is_refused_as_hours_above_max():
    assert codes(engine.approval_refusals(call2_rules(), 0, 18 * HOUR)) == ["hours_above_max"]


def test_approval_when_nothing_is_grantable_is_refused_as_findplace_cap_reached():
    assert codes(engine.approval_refusals(call2_rules(), 60, 0)) == ["findplace_cap_reached"]


def test_grant_above_48_hours_in_call2_is_exclusive():
    assert engine.is_exclusive_grant(call2_rules(), 48 * HOUR + 1) is True


def test_grant_of_48_hours_in_call2_is_not_exclusive():
    assert engine.is_exclusive_grant(call2_rules(), 48 * HOUR) is False


@pytest.mark.parametrize("number", [1, 3, 4])
def test_grants_outside_call2_are_never_exclusive(number):
    assert engine.is_exclusive_grant(RULES[number](), 200 * HOUR) is False
