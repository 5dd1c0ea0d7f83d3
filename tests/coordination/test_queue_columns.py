"""The queue says what to do first: the engine's verdict on each waiting application (the
review page's), its partner's state and the days it waited; ready ones first, then the
oldest; filters on each; and a number of queries that does not grow with the queue."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications.models import Application, ApplicationStatus
from applications.selectors import grantable_minutes, review_refusals
from applications.verdicts import waiting_verdicts
from coordination.selectors.queue import queue_rows, with_verdict_data
from coordination.views import queue as queue_views
from tests.coordination.conftest import make_application
from tests.factories import (
    AllocationFactory,
    ApplicationFactory,
    FindplaceFactory,
    PsychologistFactory,
    call,
)

QUEUE = reverse("coordination:queue")
# Session, user, groups, the user's network ids, status counts; the waiting rows, their
# editions, the editions' calls and work forms; the allocations of their quotas; the decided
# rows (count, the page's ids, its rows); call choices; extra hours (list + count): 16
# whatever the number of rows.
QUEUE_MAX_QUERIES = 16


def listed(client, **params):
    return [a.pk for a in client.get(QUEUE, params).context["page_obj"]]


def row_of(client, application, **params):
    return next(a for a in client.get(QUEUE, params).context["page_obj"] if a.pk == application.pk)


def unconfirmed(network, **fields):
    """A submitted call-1 application whose partner has not answered."""
    return make_application(network, partner_confirmed_at=None, **fields)


def call2_application(network, findplace, **fields):
    return make_application(
        network,
        call=call(2),
        findplace=findplace,
        weekly_individual_minutes=240,
        requested_minutes=8 * 60,
        **fields,
    )


def without_findplace(network, number: int, *, days_ago=1, **fields):
    """A submitted application of call 3 or 4 (no findplace)."""
    fields.setdefault("psychologist", PsychologistFactory(networks=[network]))
    return ApplicationFactory(
        network=network,
        call=call(number),
        findplace=None,
        submitted_at=timezone.now() - timedelta(days=days_ago),
        **fields,
    )


def call4_application(network, **fields):
    return without_findplace(network, 4, **fields)


# --- The verdict ------------------------------------------------------------------------


def test_an_eligible_application_is_ready_to_decide(coordinator_client, network):
    application = make_application(network)
    row = row_of(coordinator_client, application)
    assert row.verdict.eligible
    assert row.verdict.grantable == application.requested_minutes
    assert 'data-verdict="ready"' in coordinator_client.get(QUEUE).content.decode()


def test_the_verdict_gives_the_reason_the_review_page_gives(coordinator_client, network):
    application = unconfirmed(network)
    row = row_of(coordinator_client, application)
    assert not row.verdict.eligible
    assert [r.code for r in row.verdict.refusals] == ["partner_not_confirmed"]
    html = coordinator_client.get(QUEUE).content.decode()
    assert 'data-refusal="partner_not_confirmed"' in html
    assert "De partner heeft de samenwerking nog niet bevestigd." in html


def test_a_quota_already_granted_blocks_the_application(coordinator_client, network):
    application = make_application(network, start_date=timezone.localdate())
    AllocationFactory(
        application__psychologist=application.psychologist,
        application__findplace=application.findplace,
        application__start_date=timezone.localdate() - timedelta(days=30),
    )
    row = row_of(coordinator_client, application)
    assert [r.code for r in row.verdict.refusals] == ["findplace_cap_reached"]
    assert row.verdict.grantable == 0


def test_another_psychologists_grant_at_the_findplace_counts_for_call_2(
    coordinator_client, network
):
    findplace = FindplaceFactory(network=network, kind="youth_house")
    application = call2_application(network, findplace, start_date=timezone.localdate())
    other = call2_application(
        network,
        findplace,
        status=ApplicationStatus.APPROVED,
        start_date=timezone.localdate() - timedelta(days=30),
    )
    AllocationFactory(application=other, granted_minutes=45 * 60)
    row = row_of(coordinator_client, application)
    assert row.verdict.eligible
    assert row.verdict.grantable == 3 * 60  # 48 h at the findplace, 45 h held by the other


def test_the_queue_verdict_is_the_review_pages_for_every_call(coordinator_client, network):
    today = timezone.localdate()
    findplace = FindplaceFactory(network=network, kind="youth_house")
    psychologist = PsychologistFactory(networks=[network])
    applications = [
        make_application(network, start_date=today),
        unconfirmed(network),
        call2_application(network, findplace, start_date=today),
        without_findplace(network, 3, psychologist=psychologist, partner_name="CAW Oost"),
        without_findplace(network, 3, psychologist=psychologist, partner_name="OCMW"),
        without_findplace(network, 3, agreement=False),
        call4_application(network, psychologist=psychologist, start_date=today),
        call4_application(network, portfolio="", start_date=today),
    ]
    AllocationFactory(
        application__psychologist=psychologist,
        application__call=call(3),
        application__findplace=None,
        application__partner_name="CAW Oost",
    )
    AllocationFactory(application__findplace=findplace, application__call=call(2))
    AllocationFactory(
        application__psychologist=psychologist,
        application__call=call(4),
        application__findplace=None,
        application__start_date=today - timedelta(days=10),
        granted_minutes=4 * 60,
    )
    loaded = with_verdict_data(
        queue_rows(Application.objects.filter(pk__in=[a.pk for a in applications]))
    )
    verdicts = waiting_verdicts(list(loaded))
    for application in applications:
        grantable = grantable_minutes(application, application.start_date)
        expected = [r.code for r in review_refusals(application, grantable)]
        assert [r.code for r in verdicts[application.pk].refusals] == expected, application
        assert verdicts[application.pk].grantable == grantable, application
    assert any(not v.eligible for v in verdicts.values())
    assert any(v.eligible for v in verdicts.values())


def test_a_decided_application_has_no_verdict_and_no_checkbox(coordinator_client, network):
    decided = make_application(network, status=ApplicationStatus.APPROVED)
    row = row_of(coordinator_client, decided)
    assert not hasattr(row, "verdict")
    assert f'value="{decided.pk}"' not in coordinator_client.get(QUEUE).content.decode()


# --- Partner state and days waiting ---------------------------------------------------------


@pytest.mark.parametrize(
    "fields, state",
    [
        ({}, "confirmed"),
        ({"partner_confirmed_at": None}, "waiting"),
        ({"partner_confirmed_at": None, "partner_declined_at": timezone.now()}, "declined"),
    ],
)
def test_the_partner_state_is_shown(coordinator_client, network, fields, state):
    application = make_application(network, **fields)
    assert row_of(coordinator_client, application).partner_state == state
    assert f'data-partner-state="{state}"' in coordinator_client.get(QUEUE).content.decode()


def test_a_call_without_partner_confirmation_says_not_needed(coordinator_client, network):
    application = call4_application(network)
    assert row_of(coordinator_client, application).partner_state == "not_needed"


def test_days_waiting_count_from_the_submission(coordinator_client, network):
    application = make_application(network, days_ago=12)
    assert row_of(coordinator_client, application).days_waiting == 12
    assert 'data-days-waiting="12"' in coordinator_client.get(QUEUE).content.decode()


# --- The order --------------------------------------------------------------------------


def test_ready_applications_come_first_then_the_oldest(coordinator_client, network):
    old_blocked = unconfirmed(network, days_ago=30)
    newer_ready = make_application(network, days_ago=2)
    older_ready = make_application(network, days_ago=10)
    decided = make_application(network, days_ago=40, status=ApplicationStatus.REJECTED)
    assert listed(coordinator_client) == [
        older_ready.pk,
        newer_ready.pk,
        old_blocked.pk,
        decided.pk,
    ]


def test_oldest_first_ignores_the_verdict(coordinator_client, network):
    old_blocked = unconfirmed(network, days_ago=30)
    ready = make_application(network, days_ago=2)
    assert listed(coordinator_client, sort="oldest") == [old_blocked.pk, ready.pk]


def test_the_decided_applications_follow_on_the_next_page(coordinator_client, network, monkeypatch):
    monkeypatch.setattr(queue_views, "QUEUE_PAGE_SIZE", 2)
    waiting = [make_application(network, days_ago=d) for d in (3, 2, 1)]
    decided = [
        make_application(network, days_ago=d, status=ApplicationStatus.APPROVED) for d in (9, 8)
    ]
    pages = [listed(coordinator_client, page=n) for n in (1, 2, 3)]
    assert pages == [
        [waiting[0].pk, waiting[1].pk],
        [waiting[2].pk, decided[0].pk],
        [decided[1].pk],
    ]


def test_the_decided_applications_of_a_page_are_read_with_their_columns_in_one_query(
    coordinator_client, network, monkeypatch
):
    monkeypatch.setattr(queue_views, "QUEUE_PAGE_SIZE", 2)
    decided = [
        make_application(network, days_ago=d, status=ApplicationStatus.APPROVED) for d in (9, 8)
    ]
    with CaptureQueriesContext(connection) as queries:
        rows = coordinator_client.get(QUEUE).context["page_obj"].object_list
    assert [row.pk for row in rows] == [a.pk for a in decided]
    assert [row.psychologist.user.get_full_name() for row in rows] == [
        a.psychologist.user.get_full_name() for a in decided
    ]
    joined = [q["sql"] for q in queries if '"applications_application"."id" IN (' in q["sql"]]
    assert len(joined) == 1 and '"portal_user"' in joined[0]


# --- The filters ------------------------------------------------------------------------


def test_filter_on_ready_to_decide(coordinator_client, network):
    unconfirmed(network)
    ready = make_application(network)
    make_application(network, status=ApplicationStatus.APPROVED)
    assert listed(coordinator_client, verdict="ready") == [ready.pk]


def test_filter_on_blocked(coordinator_client, network):
    blocked = unconfirmed(network)
    make_application(network)
    assert listed(coordinator_client, verdict="blocked") == [blocked.pk]


def test_filter_on_partner_state(coordinator_client, network):
    make_application(network)
    declined = make_application(
        network, partner_confirmed_at=None, partner_declined_at=timezone.now()
    )
    assert listed(coordinator_client, partner_state="declined") == [declined.pk]


def test_filter_on_days_waiting(coordinator_client, network):
    make_application(network, days_ago=3)
    long_waiting = make_application(network, days_ago=8)
    make_application(network, days_ago=20, status=ApplicationStatus.APPROVED)
    assert listed(coordinator_client, min_days_waiting=7) == [long_waiting.pk]


@pytest.mark.parametrize("value", ["1e999", "-1", str(2**63), "x"])
def test_unreadable_days_waiting_is_a_form_error(coordinator_client, network, value):
    make_application(network)
    response = coordinator_client.get(QUEUE, {"min_days_waiting": value})
    assert response.status_code == 200
    assert response.context["filter"].form.errors["min_days_waiting"]


def test_an_unknown_verdict_is_a_form_error(coordinator_client, network):
    response = coordinator_client.get(QUEUE, {"verdict": "maybe"})
    assert response.status_code == 200
    assert response.context["filter"].form.errors["verdict"]


# --- Queries ----------------------------------------------------------------------------


def fill_queue(network, rows: int) -> None:
    """`rows` waiting applications of every call and partner state, half of them with a
    grant on their quota, and as many decided ones."""
    findplace = FindplaceFactory(network=network, kind="youth_house")
    makers = [
        lambda: make_application(network),
        lambda: unconfirmed(network),
        lambda: call2_application(network, findplace),
        lambda: without_findplace(network, 3),
        lambda: call4_application(network),
    ]
    for index in range(rows):
        application = makers[index % len(makers)]()
        if index % 2:
            AllocationFactory(
                application__psychologist=application.psychologist,
                application__call=application.call,
                application__findplace=application.findplace,
            )
        make_application(network, status=ApplicationStatus.REJECTED)


@pytest.mark.parametrize("rows", [2, 25])
def test_the_queue_with_its_columns_runs_a_bounded_number_of_queries(
    coordinator_client, network, rows, django_assert_max_num_queries
):
    fill_queue(network, rows)
    with django_assert_max_num_queries(QUEUE_MAX_QUERIES):
        response = coordinator_client.get(QUEUE)
    assert sum(hasattr(a, "verdict") for a in response.context["page_obj"]) == rows


def test_the_number_of_queries_does_not_grow_with_the_queue(coordinator_client, network):
    fill_queue(network, 2)
    coordinator_client.get(QUEUE)  # the session and the caches warm
    with CaptureQueriesContext(connection) as small:
        coordinator_client.get(QUEUE)
    fill_queue(network, 23)
    with CaptureQueriesContext(connection) as large:
        coordinator_client.get(QUEUE)
    assert len(large.captured_queries) == len(small.captured_queries)
