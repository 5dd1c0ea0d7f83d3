"""The published offer (/aanbod/): public pages for first-line actors that name only the
psychologists who agreed to it, with only their name, themes, municipality and languages."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import ApplicationStatus
from demand.selectors.offer import calls_on_offer
from portal.models import Theme
from tests.factories import (
    AllocationFactory,
    ApplicationFactory,
    ExistingServiceFactory,
    FindplaceFactory,
    NetworkFactory,
    PsychologistFactory,
    call,
)

pytestmark = pytest.mark.django_db

BAR = re.compile(r"<rect [^>]*><title>([^<]+): (\d+) psycholo\w+(?:, (\d+) vindplaats\w*)?</title>")


@pytest.fixture
def network():
    network = NetworkFactory(code="ADS", name="GG ADS", municipality="Aalst")
    network.postcode_ranges.create(first=9100, last=9499)
    return network


def theme(name):
    return Theme.objects.get_or_create(name=name)[0]


def running(network, psychologist=None, *, number=1, findplace=None, themes=(), start=None):
    """An approved allocation of `psychologist` in `network` whose window runs today."""
    psychologist = psychologist or PsychologistFactory(networks=[network])
    application = ApplicationFactory(
        psychologist=psychologist,
        network=network,
        call=call(number),
        findplace=findplace if number in (1, 2) else None,
        status=ApplicationStatus.APPROVED,
        start_date=start or timezone.localdate() - timedelta(days=10),
    )
    application.themes.set([theme(name) for name in themes])
    AllocationFactory(application=application)
    return psychologist


def page(client, network):
    response = client.get(reverse("demand:offer_network", args=[network.code]))
    assert response.status_code == 200
    return response.content.decode()


def test_offer_lists_every_network_with_its_postcodes_without_login(client, network):
    NetworkFactory(code="PAKT", name="Het PAKT")
    response = client.get(reverse("demand:offer"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "GG ADS" in html and "Het PAKT" in html
    assert "9100-9499" in html
    assert reverse("demand:offer_network", args=["ADS"]) in html
    assert 'href="/vraag/"' in html


def test_network_page_needs_no_login_and_has_the_ask_button(client, network):
    assert 'href="/vraag/"' in page(client, network)


def test_unknown_network_code_is_not_found(client, network):
    assert client.get(reverse("demand:offer_network", args=["NOPE"])).status_code == 404
    assert client.get("/aanbod/ads/").status_code == 404  # the code exactly as written


def test_only_psychologists_who_opted_in_are_named_and_only_with_public_fields(client, network):
    listed = PsychologistFactory(
        networks=[network],
        listed_publicly=True,
        municipality="Dendermonde",
        street="Geheimstraat 7",
        iban="BE68539007547034",
        riziv_number="12345678901",
        languages=["nl-be", "fr-be"],
    )
    listed.themes.set([theme("verslaving")])
    unlisted = PsychologistFactory(networks=[network], listed_publicly=False)
    running(network, listed)
    running(network, unlisted)

    html = page(client, network)

    assert listed.user.get_full_name() in html
    assert "Dendermonde" in html and "verslaving" in html
    assert "Nederlands, Frans" in html
    assert unlisted.user.get_full_name() not in html
    for private in (listed.user.email, "12345678901", "Geheimstraat", "BE68539007547034"):
        assert private not in html


def test_a_listed_psychologist_without_a_running_allocation_is_not_named(client, network):
    ended = PsychologistFactory(networks=[network], listed_publicly=True)
    running(network, ended, start=timezone.localdate() - timedelta(days=400))
    other_network = NetworkFactory(code="RADAR", name="RADAR")
    elsewhere = PsychologistFactory(networks=[other_network], listed_publicly=True)
    running(other_network, elsewhere)

    html = page(client, network)

    assert ended.user.get_full_name() not in html
    assert elsewhere.user.get_full_name() not in html


def test_a_psychologist_whose_application_is_not_approved_is_not_on_offer(client, network):
    psychologist = PsychologistFactory(networks=[network], listed_publicly=True)
    ApplicationFactory(psychologist=psychologist, network=network, status="submitted")
    assert psychologist.user.get_full_name() not in page(client, network)


def test_theme_counts_are_psychologists_per_theme_across_calls(client, network):
    first = PsychologistFactory(networks=[network])
    first.themes.set([theme("angst")])
    running(network, first, number=1)
    running(network, first, number=4, themes=["angst", "emotieregulatie"])  # counted once
    running(network, number=4, themes=["emotieregulatie"])
    running(NetworkFactory(code="RADAR"), number=4, themes=["angst"])  # another network

    html = page(client, network)

    assert "emotieregulatie: 2 psychologen" in html
    assert "angst: 1 psycholoog" in html


def test_chart_has_one_bar_per_municipality_with_its_numbers(client, network):
    aalst = FindplaceFactory(network=network, municipality="Aalst")
    other_aalst = FindplaceFactory(network=network, municipality="Aalst")
    running(network, findplace=aalst)
    running(network, findplace=other_aalst)
    running(network, PsychologistFactory(networks=[network], municipality="Lede"), number=4)

    bars = BAR.findall(page(client, network))

    assert bars == [("Aalst", "2", "2"), ("Lede", "1", "")]


def test_chart_numbers_are_also_in_a_table(client, network):
    running(network, findplace=FindplaceFactory(network=network, municipality="Ninove"))
    html = page(client, network)
    assert re.search(r'<th scope="row">Ninove</th><td>1</td><td>1</td>', html)


def test_a_network_without_psychologists_says_so_and_draws_no_chart(client, network):
    html = page(client, network)
    assert "<svg" not in html
    assert "Er werkt nog geen psycholoog voor dit netwerk." in html


def test_existing_services_of_the_network_are_shown_with_their_contact(client, network):
    ExistingServiceFactory(
        network=network, name="Advies & coaching", email="advies@example.org", phone="053 12 34"
    )
    ExistingServiceFactory(network=NetworkFactory(code="RADAR"), name="Crosslink")

    html = page(client, network)

    assert "Advies &amp; coaching" in html
    assert 'href="mailto:advies@example.org"' in html and 'href="tel:0531234"' in html
    assert "Crosslink" not in html


def test_the_networks_calls_are_on_offer_with_their_editions_work_forms(network):
    calls = calls_on_offer(network)
    assert [c.number for c in calls] == [1, 2, 3, 4]
    assert calls[3].work_forms == ["theme_intervision", "workshop"]


def test_a_network_without_calls_offers_none_of_another_networks_calls():
    assert calls_on_offer(NetworkFactory(code="BRU", name="Bruxelles", calls=[])) == []


@pytest.mark.parametrize(
    "query",
    ["?code=%00", "?page=-1&postcode=" + "9" * 5000, "?%ff=%fe", "?q=<script>alert(1)</script>"],
)
def test_hostile_query_strings_never_give_a_server_error(client, network, query):
    assert client.get(reverse("demand:offer") + query).status_code == 200
    assert client.get(reverse("demand:offer_network", args=["ADS"]) + query).status_code == 200


@pytest.mark.parametrize("code", ["%00", "ADS%2F..", "x" * 500, "<b>"])
def test_hostile_network_codes_are_not_found(client, network, code):
    assert client.get(f"/aanbod/{code}/").status_code == 404


def test_offer_counts_only_psychologists_with_a_running_approved_allocation(client, network):
    busy = running(network, number=1)
    running(network, busy, number=4)  # the same psychologist once
    running(network, start=timezone.localdate() - timedelta(days=400))  # window over
    ApplicationFactory(network=network, status="submitted")
    html = client.get(reverse("demand:offer")).content.decode()
    assert "1 psycholoog werkt nu voor dit netwerk" in html
