"""The application and allocation rules of docs/rules.md against the seeded database.

The engine tests (tests/applications/engine/) build the rules from the seed module; these
tests go through the migrated `Call` rows and the services, so a seed that drifts from
docs/rules.md, or a service that asks the engine the wrong question, shows up here. Each
test names the rule of docs/rules.md it proves; boundaries are tested exactly at the limit
and one minute over.
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from applications import services
from applications.models import ApplicationStatus, QuotaBasis
from applications.selectors import edition_rules, grantable_minutes
from portal.models import FindplaceKind
from tests.factories import (
    ApplicationFactory,
    CoordinatorFactory,
    FindplaceFactory,
    NetworkFactory,
    PsychologistFactory,
    call,
    edition,
)

pytestmark = pytest.mark.django_db

HOUR = 60
EXCLUSIONS = (
    "employed_by_requester",
    "regular_mission",
    "funded_otherwise",
    "target_not_in_contact",
    "clients_in_care",
)


def codes(excinfo) -> set[str]:
    return {error.code for error in excinfo.value.error_list}


@pytest.fixture
def coordinator():
    return CoordinatorFactory(networks=[NetworkFactory(code="PAKT", name="Het PAKT")])


def approve(application, coordinator, minutes, **kwargs):
    return services.approve_application(
        application, actor=coordinator, granted_minutes=minutes, **kwargs
    )


def refused_approval(application, coordinator, minutes) -> set[str]:
    with pytest.raises(ValidationError) as excinfo:
        approve(application, coordinator, minutes)
    return codes(excinfo)


def submit_codes(application) -> set[str]:
    """The refusal codes of submitting `application` (empty: it was submitted)."""
    try:
        services.submit_application(
            application, actor=application.psychologist.user, absolute_url=str
        )
    except ValidationError as error:
        return {e.code for e in error.error_list}
    return set()


def draft(number: int, **values):
    """A draft of call `number` that breaks no rule unless `values` say otherwise."""
    defaults = {"call": call(number), "status": ApplicationStatus.DRAFT}
    if number == 2:
        defaults |= {
            "findplace": FindplaceFactory(kind=FindplaceKind.LOCAL_SERVICE_CENTRE),
            "weekly_individual_minutes": 4 * HOUR,
        }
    return ApplicationFactory(**(defaults | values))


def call2(findplace, hours, *, minutes=0, **values):
    return ApplicationFactory(
        call=call(2),
        findplace=findplace,
        requested_minutes=hours * HOUR + minutes,
        weekly_individual_minutes=4 * HOUR,
        **values,
    )


# --- The seeded calls (migration 0003) as the database holds them ------------------------


@pytest.mark.parametrize(
    ("number", "quota", "basis"),
    [
        (1, 4 * HOUR, QuotaBasis.PSYCHOLOGIST_FINDPLACE),
        (2, 48 * HOUR, QuotaBasis.FINDPLACE),
        (3, 48 * HOUR, QuotaBasis.AGREEMENT),
        (4, 10 * HOUR, QuotaBasis.PSYCHOLOGIST),
    ],
)
def test_seeded_call_quota_and_basis_match_domain(number, quota, basis):
    seeded = edition(number)
    assert (seeded.quota_minutes, seeded.quota_basis, seeded.window_months) == (quota, basis, 12)


def test_seeded_call1_start_bonus_is_2_hours_for_6_months():
    assert (edition(1).start_bonus_minutes, edition(1).start_bonus_months) == (2 * HOUR, 6)


def test_seeded_call2_overkophuis_exception_is_96_hours():
    assert edition(2).exception_quota_minutes == 96 * HOUR


def test_seeded_call2_eligibility_is_4_hours_a_week_or_3_group_trajectories():
    assert (edition(2).min_weekly_individual_minutes, edition(2).min_group_trajectories) == (
        4 * HOUR,
        3,
    )


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_seeded_calls_are_closed_to_education_and_count_prep_against_quota(number):
    seeded = edition(number)
    assert (seeded.open_for_education, seeded.prep_counts_against_quota) == (False, True)


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, {"consultation": (1, None, None, 0, False)}),
        (2, {"presence": (1, None, None, 0, False)}),
        (
            3,
            {
                "advice": (1, None, None, 0, False),
                "orientation": (1, None, None, 0, False),
                "co_consult": (1, None, None, 0, True),
                "case_intervision": (3, None, None, 0, False),
                "theme_intervision": (3, 2 * HOUR, 4 * HOUR, HOUR, False),
                "workshop": (3, 2 * HOUR, 4 * HOUR, HOUR, False),
            },
        ),
        (
            4,
            {
                "theme_intervision": (3, 2 * HOUR, 4 * HOUR, HOUR, False),
                "workshop": (3, 2 * HOUR, 4 * HOUR, HOUR, False),
            },
        ),
    ],
)
def test_seeded_work_form_table_matches_domain(number, expected):
    rules = edition_rules(edition(number)).work_forms
    assert {
        name: (r.min_attendees, r.min_minutes, r.max_minutes, r.prep_minutes, r.requires_consent)
        for name, r in rules.items()
    } == expected


@pytest.mark.parametrize(
    ("number", "flags"),
    [
        (1, (True, False, True, False)),
        (2, (True, True, False, False)),
        (3, (False, False, False, True)),
        (4, (False, False, False, True)),
    ],
)
def test_seeded_eligibility_flags_match_domain(number, flags):
    seeded = edition(number)
    assert (
        seeded.requires_findplace,
        seeded.requires_leisure_findplace,
        seeded.requires_structural_offer,
        seeded.exclusions_apply,
    ) == flags


# --- 12-month window -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end"),
    [(date(2025, 3, 1), date(2026, 2, 28)), (date(2025, 1, 31), date(2026, 1, 30))],
    ids=str,
)
def test_allocation_window_is_12_months_from_the_start_date(coordinator, start, end):
    allocation = approve(ApplicationFactory(start_date=start), coordinator, 4 * HOUR)
    assert (allocation.window_start, allocation.window_end) == (start, end)


def test_allocation_window_starts_on_the_coordinators_start_date(coordinator):
    application = ApplicationFactory(start_date=date(2025, 1, 1))
    allocation = approve(application, coordinator, 4 * HOUR, start_date=date(2025, 4, 1))
    assert (allocation.window_start, allocation.window_end) == (date(2025, 4, 1), date(2026, 3, 31))


# --- Call 1: 4 h per psychologist per findplace, +2 h start bonus --------------------------


def test_call1_quota_is_shared_by_one_psychologist_at_one_findplace(coordinator):
    first = approve(ApplicationFactory(), coordinator, 3 * HOUR)
    second = ApplicationFactory(
        psychologist=first.psychologist, findplace=first.findplace, start_date=date(2025, 6, 1)
    )
    assert grantable_minutes(second) == HOUR
    assert refused_approval(second, coordinator, HOUR + 1) == {"hours_above_max"}
    assert approve(second, coordinator, HOUR).granted_minutes == HOUR


def test_call1_quota_is_full_at_another_findplace_of_the_same_psychologist(coordinator):
    first = approve(ApplicationFactory(), coordinator, 4 * HOUR)
    other = ApplicationFactory(psychologist=first.psychologist)
    assert approve(other, coordinator, 4 * HOUR).granted_minutes == 4 * HOUR


def test_call1_quota_is_full_for_another_psychologist_at_the_same_findplace(coordinator):
    first = approve(ApplicationFactory(), coordinator, 4 * HOUR)
    other = ApplicationFactory(findplace=first.findplace)
    assert approve(other, coordinator, 4 * HOUR).granted_minutes == 4 * HOUR


def test_call1_quota_is_full_again_in_the_next_window(coordinator):
    first = approve(ApplicationFactory(), coordinator, 4 * HOUR)
    next_year = ApplicationFactory(
        psychologist=first.psychologist, findplace=first.findplace, start_date=date(2026, 1, 1)
    )
    assert approve(next_year, coordinator, 4 * HOUR).granted_minutes == 4 * HOUR


@pytest.mark.parametrize(
    ("findplace_start", "bonus_until"),
    [(date(2025, 1, 1), date(2025, 7, 1)), (date(2025, 12, 31), date(2026, 6, 30))],
    ids=["first_day_of_window", "last_day_of_window"],
)
def test_call1_start_bonus_when_start_at_findplace_is_on_a_window_edge(
    coordinator, findplace_start, bonus_until
):
    application = ApplicationFactory(
        start_date=date(2025, 1, 1), findplace_start_date=findplace_start
    )
    allocation = approve(application, coordinator, 4 * HOUR)
    assert (allocation.bonus_minutes, allocation.bonus_until) == (2 * HOUR, bonus_until)
    assert allocation.total_minutes == 6 * HOUR


@pytest.mark.parametrize(
    "findplace_start",
    [None, date(2024, 12, 31), date(2026, 1, 1)],
    ids=["no_start_date", "day_before_window", "day_after_window"],
)
def test_call1_no_start_bonus_when_start_at_findplace_is_outside_the_window(
    coordinator, findplace_start
):
    application = ApplicationFactory(
        start_date=date(2025, 1, 1), findplace_start_date=findplace_start
    )
    allocation = approve(application, coordinator, 4 * HOUR)
    assert (allocation.bonus_minutes, allocation.bonus_until) == (0, None)


def test_call1_start_bonus_is_granted_once_per_psychologist_and_findplace(coordinator):
    first = approve(
        ApplicationFactory(findplace_start_date=date(2025, 7, 1)), coordinator, 2 * HOUR
    )
    second = ApplicationFactory(
        psychologist=first.psychologist,
        findplace=first.findplace,
        start_date=date(2025, 6, 1),
        findplace_start_date=date(2025, 7, 1),
    )
    allocation = approve(second, coordinator, 2 * HOUR)
    assert first.bonus_minutes == 2 * HOUR
    assert (allocation.bonus_minutes, allocation.bonus_until) == (0, None)


def test_call1_start_bonus_of_another_findplace_does_not_count(coordinator):
    first = approve(
        ApplicationFactory(findplace_start_date=date(2025, 1, 1)), coordinator, 4 * HOUR
    )
    other = ApplicationFactory(
        psychologist=first.psychologist, findplace_start_date=date(2025, 1, 1)
    )
    assert approve(other, coordinator, 4 * HOUR).bonus_minutes == 2 * HOUR


def test_call1_start_bonus_is_not_part_of_the_granted_4_hours(coordinator):
    application = ApplicationFactory(findplace_start_date=date(2025, 1, 1))
    assert refused_approval(application, coordinator, 4 * HOUR + 1) == {"hours_above_max"}


def test_call1_without_structural_offer_cannot_be_submitted():
    assert submit_codes(draft(1, structural_offer=False)) == {"no_structural_offer"}


def test_call1_without_findplace_cannot_be_submitted():
    assert submit_codes(draft(1, findplace=None)) == {"findplace_required"}


# --- Call 2: leisure findplaces, eligibility, 48 h per findplace, OverKophuis 96 h ---------


@pytest.mark.parametrize(
    ("weekly", "groups", "expected"),
    [
        (3 * HOUR, 2, {"offer_too_small"}),
        (4 * HOUR - 1, 2, {"offer_too_small"}),
        (4 * HOUR, 0, set()),
        (0, 3, set()),
    ],
    ids=["3h_2_groups", "239min_2_groups", "4h_a_week", "3_group_trajectories"],
)
def test_example_4_call2_eligibility_on_submit(weekly, groups, expected):
    application = draft(2, weekly_individual_minutes=weekly, group_trajectories=groups)
    assert submit_codes(application) == expected


@pytest.mark.parametrize(
    "kind",
    [
        FindplaceKind.GP_PRACTICE,
        FindplaceKind.COMMUNITY_HEALTH_CENTRE,
        FindplaceKind.NURSING_HOME,
        FindplaceKind.SOCIAL_SERVICE,
    ],
)
def test_call2_at_a_findplace_without_leisure_moments_cannot_be_submitted(kind):
    application = draft(2, findplace=FindplaceFactory(kind=kind))
    assert submit_codes(application) == {"not_leisure_findplace"}


@pytest.mark.parametrize(
    "kind",
    [
        FindplaceKind.OVERKOPHUIS,
        FindplaceKind.LOCAL_SERVICE_CENTRE,
        FindplaceKind.YOUTH_HOUSE,
        FindplaceKind.COMMUNITY_HOUSE,
    ],
)
def test_call2_at_a_leisure_findplace_can_be_submitted(kind):
    assert submit_codes(draft(2, findplace=FindplaceFactory(kind=kind))) == set()


def test_call2_one_psychologist_may_get_exactly_48_hours(coordinator):
    findplace = FindplaceFactory(kind=FindplaceKind.LOCAL_SERVICE_CENTRE)
    assert refused_approval(call2(findplace, 48, minutes=1), coordinator, 48 * HOUR + 1) == {
        "hours_above_max"
    }
    allocation = approve(call2(findplace, 48), coordinator, 48 * HOUR)
    assert (allocation.granted_minutes, allocation.exclusive) == (48 * HOUR, False)


def test_example_3_call2_second_grant_of_18_hours_and_1_minute_is_refused(coordinator):
    findplace = FindplaceFactory(kind=FindplaceKind.LOCAL_SERVICE_CENTRE)
    approve(call2(findplace, 30), coordinator, 30 * HOUR)
    second = call2(findplace, 20, start_date=date(2025, 6, 1))
    assert grantable_minutes(second) == 18 * HOUR
    assert refused_approval(second, coordinator, 18 * HOUR + 1) == {"hours_above_max"}
    assert approve(second, coordinator, 18 * HOUR).granted_minutes == 18 * HOUR


def test_call2_window_ending_on_the_first_day_of_another_shares_the_cap(coordinator):
    findplace = FindplaceFactory(kind=FindplaceKind.YOUTH_HOUSE)
    approve(call2(findplace, 48), coordinator, 48 * HOUR)  # 2025-01-01 … 2025-12-31
    earlier = call2(findplace, 10, start_date=date(2024, 1, 2))  # … 2025-01-01
    assert refused_approval(earlier, coordinator, HOUR) == {"findplace_cap_reached"}


def test_call2_window_ending_the_day_before_another_does_not_share_the_cap(coordinator):
    findplace = FindplaceFactory(kind=FindplaceKind.YOUTH_HOUSE)
    approve(call2(findplace, 48), coordinator, 48 * HOUR)
    earlier = call2(findplace, 48, start_date=date(2024, 1, 1))  # … 2024-12-31
    assert approve(earlier, coordinator, 48 * HOUR).granted_minutes == 48 * HOUR


def test_call2_cap_is_per_findplace(coordinator):
    approve(call2(FindplaceFactory(kind=FindplaceKind.YOUTH_HOUSE), 48), coordinator, 48 * HOUR)
    other = call2(FindplaceFactory(kind=FindplaceKind.YOUTH_HOUSE), 48)
    assert approve(other, coordinator, 48 * HOUR).granted_minutes == 48 * HOUR


def test_call2_withdrawn_allocation_frees_the_cap(coordinator):
    findplace = FindplaceFactory(kind=FindplaceKind.YOUTH_HOUSE)
    first = call2(findplace, 48)
    approve(first, coordinator, 48 * HOUR)
    services.withdraw_application(first, actor=first.psychologist.user)
    assert approve(call2(findplace, 48), coordinator, 48 * HOUR).granted_minutes == 48 * HOUR


def test_call2_cap_counts_only_allocations_whose_windows_overlap_each_other(coordinator):
    findplace = FindplaceFactory(kind=FindplaceKind.LOCAL_SERVICE_CENTRE)
    approve(call2(findplace, 30), coordinator, 30 * HOUR)
    approve(call2(findplace, 30, start_date=date(2026, 1, 1)), coordinator, 30 * HOUR)
    middle = call2(findplace, 18, start_date=date(2025, 7, 1))
    assert approve(middle, coordinator, 18 * HOUR).granted_minutes == 18 * HOUR


def test_call2_same_three_windows_approved_in_another_order_are_all_granted(coordinator):
    findplace = FindplaceFactory(kind=FindplaceKind.LOCAL_SERVICE_CENTRE)
    approve(call2(findplace, 18, start_date=date(2025, 7, 1)), coordinator, 18 * HOUR)
    approve(call2(findplace, 30), coordinator, 30 * HOUR)
    late = approve(call2(findplace, 30, start_date=date(2026, 1, 1)), coordinator, 30 * HOUR)
    assert late.granted_minutes == 30 * HOUR


def test_call2_overkophuis_exception_of_96_hours_and_1_minute_is_refused(coordinator):
    findplace = FindplaceFactory(kind=FindplaceKind.OVERKOPHUIS)
    application = call2(findplace, 97, overkophuis_exception=True)
    assert grantable_minutes(application) == 96 * HOUR
    assert refused_approval(application, coordinator, 96 * HOUR + 1) == {"hours_above_max"}
    assert approve(application, coordinator, 96 * HOUR).exclusive


def test_call2_overkophuis_without_exception_is_capped_at_48_hours(coordinator):
    application = call2(FindplaceFactory(kind=FindplaceKind.OVERKOPHUIS), 96)
    assert refused_approval(application, coordinator, 48 * HOUR + 1) == {"hours_above_max"}


@pytest.mark.parametrize(
    "kind",
    [FindplaceKind.LOCAL_SERVICE_CENTRE, FindplaceKind.YOUTH_HOUSE, FindplaceKind.COMMUNITY_HOUSE],
)
def test_call2_exception_is_only_for_an_overkophuis(coordinator, kind):
    application = call2(FindplaceFactory(kind=kind), 96, overkophuis_exception=True)
    assert grantable_minutes(application) == 48 * HOUR
    assert refused_approval(application, coordinator, 48 * HOUR + 1) == {"hours_above_max"}


@pytest.mark.parametrize(
    ("start", "expected"),
    [(date(2025, 12, 31), 0), (date(2026, 1, 1), 48 * HOUR)],
    ids=["overlaps_last_day", "day_after_window"],
)
def test_call2_exclusive_overkophuis_grant_blocks_only_overlapping_windows(
    coordinator, start, expected
):
    findplace = FindplaceFactory(kind=FindplaceKind.OVERKOPHUIS)
    approve(call2(findplace, 96, overkophuis_exception=True), coordinator, 96 * HOUR)
    assert grantable_minutes(call2(findplace, 48, start_date=start)) == expected


def test_call2_exception_grant_within_48_hours_is_not_exclusive(coordinator):
    findplace = FindplaceFactory(kind=FindplaceKind.OVERKOPHUIS)
    first = approve(call2(findplace, 96, overkophuis_exception=True), coordinator, 40 * HOUR)
    assert not first.exclusive
    assert grantable_minutes(call2(findplace, 20, start_date=date(2025, 3, 1))) == 8 * HOUR


def test_call2_extra_hours_on_an_exclusive_grant_stop_at_96_hours(coordinator):
    findplace = FindplaceFactory(kind=FindplaceKind.OVERKOPHUIS)
    allocation = approve(call2(findplace, 90, overkophuis_exception=True), coordinator, 90 * HOUR)
    request = services.request_extra_hours(
        allocation, actor=allocation.psychologist.user, minutes=10 * HOUR, motivation="Zomer."
    )
    with pytest.raises(ValidationError) as excinfo:
        services.decide_extra_hours(request, actor=coordinator, granted_minutes=6 * HOUR + 1)
    assert codes(excinfo) == {"hours_above_max"}
    services.decide_extra_hours(request, actor=coordinator, granted_minutes=6 * HOUR)
    allocation.refresh_from_db()
    assert allocation.granted_minutes + allocation.extra_minutes == 96 * HOUR


# --- Call 3: 48 h per cooperation agreement, exclusions ------------------------------------


def test_call3_grant_of_48_hours_and_1_minute_is_refused(coordinator):
    application = ApplicationFactory(call=call(3), requested_minutes=48 * HOUR + 1)
    assert refused_approval(application, coordinator, 48 * HOUR + 1) == {"hours_above_max"}
    assert approve(application, coordinator, 48 * HOUR).granted_minutes == 48 * HOUR


def test_call3_each_cooperation_agreement_has_its_own_48_hours(coordinator):
    psychologist = PsychologistFactory()
    for partner in ("OCMW Gent", "Kinderopvang De Pluim"):
        application = ApplicationFactory(
            call=call(3), psychologist=psychologist, partner_name=partner
        )
        assert approve(application, coordinator, 48 * HOUR).granted_minutes == 48 * HOUR


@pytest.mark.parametrize("number", [3, 4])
@pytest.mark.parametrize("exclusion", EXCLUSIONS)
def test_support_mission_exclusion_is_refused_on_submit(number, exclusion):
    assert submit_codes(draft(number, **{exclusion: True})) == {exclusion}


@pytest.mark.parametrize("number", [3, 4])
def test_support_mission_call_without_findplace_can_be_submitted(number):
    application = draft(number, findplace=None, partner_kind=FindplaceKind.SOCIAL_SERVICE)
    assert submit_codes(application) == set()


# --- Call 4: 10 h per psychologist ---------------------------------------------------------


def test_call4_grant_of_10_hours_and_1_minute_is_refused(coordinator):
    application = ApplicationFactory(call=call(4), requested_minutes=10 * HOUR + 1)
    assert refused_approval(application, coordinator, 10 * HOUR + 1) == {"hours_above_max"}
    assert approve(application, coordinator, 10 * HOUR).granted_minutes == 10 * HOUR


def test_call4_quota_is_shared_by_overlapping_allocations_of_one_psychologist(coordinator):
    first = approve(ApplicationFactory(call=call(4)), coordinator, 6 * HOUR)
    second = ApplicationFactory(
        call=call(4), psychologist=first.psychologist, start_date=date(2025, 9, 1)
    )
    assert grantable_minutes(second) == 4 * HOUR
    assert refused_approval(second, coordinator, 4 * HOUR + 1) == {"hours_above_max"}


def test_call4_full_quota_leaves_nothing_for_an_overlapping_allocation(coordinator):
    first = approve(ApplicationFactory(call=call(4)), coordinator, 10 * HOUR)
    second = ApplicationFactory(
        call=call(4), psychologist=first.psychologist, start_date=date(2025, 12, 31)
    )
    assert grantable_minutes(second) == 0
    with pytest.raises(ValidationError):
        approve(second, coordinator, HOUR)


def test_call4_quota_is_per_psychologist(coordinator):
    approve(ApplicationFactory(call=call(4)), coordinator, 10 * HOUR)
    other = ApplicationFactory(call=call(4))
    assert approve(other, coordinator, 10 * HOUR).granted_minutes == 10 * HOUR


def test_call4_quota_is_full_again_in_the_next_window(coordinator):
    first = approve(ApplicationFactory(call=call(4)), coordinator, 10 * HOUR)
    next_year = ApplicationFactory(
        call=call(4), psychologist=first.psychologist, start_date=date(2026, 1, 1)
    )
    assert approve(next_year, coordinator, 10 * HOUR).granted_minutes == 10 * HOUR


@pytest.mark.parametrize("number", [1, 4])
def test_motivated_extra_hours_above_the_quota_are_the_coordinators_call(coordinator, number):
    allocation = approve(
        ApplicationFactory(call=call(number)), coordinator, edition(number).quota_minutes
    )
    request = services.request_extra_hours(
        allocation, actor=allocation.psychologist.user, minutes=5 * HOUR, motivation="Meer vraag."
    )
    services.decide_extra_hours(request, actor=coordinator, granted_minutes=5 * HOUR)
    allocation.refresh_from_db()
    assert allocation.extra_minutes == 5 * HOUR


# --- Education not yet open ----------------------------------------------------------------


@pytest.mark.parametrize(
    "kind", [FindplaceKind.PRIMARY_SCHOOL, FindplaceKind.SECONDARY_SCHOOL, FindplaceKind.CLB]
)
@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_example_9_education_findplace_is_not_yet_open_on_submit(number, kind):
    application = draft(number, findplace=FindplaceFactory(kind=kind))
    assert "education_not_open" in submit_codes(application)


@pytest.mark.parametrize(
    "kind", [FindplaceKind.PRIMARY_SCHOOL, FindplaceKind.SECONDARY_SCHOOL, FindplaceKind.CLB]
)
@pytest.mark.parametrize("number", [3, 4])
def test_example_9_education_partner_is_not_yet_open_on_submit(number, kind):
    application = draft(number, findplace=None, partner_kind=kind)
    assert submit_codes(application) == {"education_not_open"}


def test_higher_education_is_not_part_of_the_education_closure():
    application = draft(3, findplace=None, partner_kind=FindplaceKind.HIGHER_EDUCATION)
    assert submit_codes(application) == set()


def test_education_closure_is_also_checked_at_approval(coordinator):
    application = ApplicationFactory(
        call=call(3), findplace=None, partner_kind=FindplaceKind.SECONDARY_SCHOOL
    )
    assert refused_approval(application, coordinator, HOUR) == {"education_not_open"}


def test_network_setting_reopens_education_for_a_support_mission_call():
    application = draft(4, findplace=None, partner_kind=FindplaceKind.CLB)
    application.network.education_open = True
    application.network.save()
    assert submit_codes(application) == set()
