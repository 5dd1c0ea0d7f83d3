"""The demand funnel on the uptake page and in its CSV, on a small hand-made year: each
figure in the month of its own moment; unconfirmed requests never count."""

import csv
import io
from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from coordination.selectors.funnel import funnel
from demand.models import RequestState
from tests.demand.factories import SupportRequestFactory
from tests.factories import (
    AllocationFactory,
    ApplicationFactory,
    PsychologistFactory,
    RegistrationFactory,
    call,
)

pytestmark = pytest.mark.django_db

YEAR = 2025
FUNNEL_CSV = reverse("coordination:funnel_csv")
# The user's network ids, networks, received, matched, closed, feedback, hours.
FUNNEL_QUERIES = 7


def at(month: int, day: int, year: int = YEAR) -> datetime:
    return timezone.make_aware(datetime(year, month, day, 12, 0))


def request_in(network, state, confirmed, matched=None, closed=None, score=None, feedback=None):
    return SupportRequestFactory(
        network=network,
        state=state,
        confirmed_at=confirmed,
        matched_at=matched,
        closed_at=closed,
        feedback_score=score,
        feedback_at=feedback,
    )


def registration_in(network, number, day, minutes, support_request=None):
    psychologist = PsychologistFactory(networks=[network])
    application = ApplicationFactory(
        psychologist=psychologist, network=network, call=call(number), status="approved"
    )
    work_form = {1: "consultation", 3: "advice", 4: "workshop"}[number]
    return RegistrationFactory(
        allocation=AllocationFactory(application=application),
        date=day,
        duration_minutes=minutes,
        quota_minutes=minutes,
        work_form=work_form,
        support_request=support_request,
    )


@pytest.fixture
def year_of_requests(network, other_network):
    """March: 3 received, 2 matched (4 and 2 days). April: 3 received, 1 matched (11 days),
    2 done, 1 not eligible, 1 answered otherwise, 1 withdrawn, 2 h on a request, 1 h
    without, feedback 5 and 3."""
    done_early = request_in(
        network, RequestState.DONE, at(3, 5), at(3, 9), at(4, 2), score=5, feedback=at(4, 10)
    )
    request_in(network, RequestState.MATCHED, at(3, 20), at(3, 22))
    request_in(
        network, RequestState.DONE, at(3, 25), at(4, 5), at(4, 20), score=3, feedback=at(4, 25)
    )
    request_in(network, RequestState.NOT_ELIGIBLE, at(4, 1), closed=at(4, 1))
    request_in(network, RequestState.ANSWERED_OTHERWISE, at(4, 3), closed=at(4, 4))
    request_in(network, RequestState.WITHDRAWN, at(4, 6), closed=at(4, 7))
    request_in(network, RequestState.NEW, at(3, 1))  # never confirmed by its requester
    request_in(network, RequestState.CONFIRMED, at(12, 30, YEAR - 1))  # last year
    request_in(other_network, RequestState.CONFIRMED, at(3, 1))  # another network
    registration_in(network, 4, date(YEAR, 4, 1), 120, support_request=done_early)
    registration_in(network, 3, date(YEAR, 4, 15), 60)
    registration_in(network, 1, date(YEAR, 4, 15), 90)  # call 1: not demand-driven
    registration_in(other_network, 4, date(YEAR, 4, 15), 45)
    return network


def own_funnel(coordinator):
    (item,) = funnel(coordinator, YEAR)
    return item


def test_requests_are_received_in_the_month_they_were_confirmed(coordinator, year_of_requests):
    item = own_funnel(coordinator)
    assert (item.months[3].received, item.months[4].received) == (3, 3)
    assert item.total.received == 6


def test_an_unconfirmed_request_is_never_received(coordinator, network):
    request_in(network, RequestState.NEW, at(3, 1))
    assert own_funnel(coordinator).total.received == 0


def test_matches_count_in_their_month_with_the_median_days(coordinator, year_of_requests):
    item = own_funnel(coordinator)
    assert (item.months[3].matched, item.months[3].median_days) == (2, 3.0)
    assert (item.months[4].matched, item.months[4].median_days) == (1, 11.0)
    assert (item.total.matched, item.total.median_days) == (3, 4.0)


def test_closed_requests_count_in_the_month_they_were_closed(coordinator, year_of_requests):
    april = own_funnel(coordinator).months[4]
    assert (april.done, april.not_eligible, april.answered_otherwise, april.withdrawn) == (
        2,
        1,
        1,
        1,
    )


def test_hours_on_requests_and_call3_or_4_hours_without_one(coordinator, year_of_requests):
    april = own_funnel(coordinator).months[4]
    assert (april.request_minutes, april.other_minutes) == (120, 60)


def test_feedback_is_averaged_with_its_number_of_answers(coordinator, year_of_requests):
    april = own_funnel(coordinator).months[4]
    assert (april.feedback_average, april.feedback_count) == (4.0, 2)


def test_the_funnel_takes_a_fixed_number_of_queries(
    coordinator, year_of_requests, django_assert_max_num_queries
):
    with django_assert_max_num_queries(FUNNEL_QUERIES + 1):
        funnel(coordinator, YEAR)


def test_the_uptake_page_shows_the_funnel(coordinator_client, year_of_requests):
    response = coordinator_client.get(reverse("coordination:uptake"), {"jaar": YEAR})
    page = response.content.decode()
    assert "Vragen van eerstelijnsactoren" in page
    assert 'id="funnel-csv"' in page


def test_the_funnel_csv_has_its_columns_and_a_row_per_month(coordinator_client, year_of_requests):
    response = coordinator_client.get(FUNNEL_CSV, {"jaar": YEAR})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Netwerk",
        "Maand",
        "Ontvangen",
        "Gekoppeld",
        "Uitgevoerd",
        "Anders beantwoord",
        "Komt niet in aanmerking",
        "Ingetrokken",
        "Mediaan dagen tot koppeling",
        "Uren op vragen",
        "Uren oproep 3 en 4 zonder vraag",
        "Gemiddelde feedback",
        "Aantal feedback",
    ]
    april = next(row for row in rows if row[1] == f"{YEAR}-04")
    assert april == [
        "Het PAKT",
        f"{YEAR}-04",
        "3",
        "1",
        "2",
        "1",
        "1",
        "1",
        "11,0",
        "2,00",
        "1,00",
        "4,0",
        "2",
    ]
    assert rows[-1][1] == "Totaal"
    assert len(rows) == 1 + 12 + 1


def test_the_funnel_csv_is_for_coordinators_only(client, existing_service_user):
    client.force_login(existing_service_user)
    assert client.get(FUNNEL_CSV).status_code == 403


@pytest.mark.parametrize("year", ["abc", "-1", "99999999999999999999", "2025'"])
def test_a_hostile_year_never_gives_a_server_error(coordinator_client, year):
    assert coordinator_client.get(FUNNEL_CSV, {"jaar": year}).status_code == 200
