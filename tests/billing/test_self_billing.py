"""A psychologist reads each network's self-billing terms and accepts them once per network
and version; the date and version are kept, a new version asks again, and nobody accepts
for someone else."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from billing.models import SelfBillingAcceptance
from billing.self_billing import SELF_BILLING_TERMS_VERSION
from billing.services.self_billing import accept_terms
from tests.factories import AllocationFactory, NetworkFactory, PsychologistFactory, StaffFactory

PAGE = reverse("billing:self_billing")


def accept_url(network) -> str:
    return reverse("billing:self_billing_accept", args=[network.pk])


@pytest.fixture
def psychologist(network):
    return PsychologistFactory(
        networks=[network], self_billing=False, user__first_name="An", user__last_name="Peeters"
    )


@pytest.fixture
def psy_client(client, psychologist):
    client.force_login(psychologist.user)
    return client


# --- The service ----------------------------------------------------------------------------


def test_accepting_keeps_the_version_and_the_moment(psychologist, network):
    acceptance, created = accept_terms(psychologist, network)

    assert created
    stored = SelfBillingAcceptance.objects.get()
    assert (stored.psychologist, stored.network) == (psychologist, network)
    assert stored.version == SELF_BILLING_TERMS_VERSION
    assert stored.accepted_at == acceptance.accepted_at


def test_accepting_twice_changes_nothing(psychologist, network):
    first, _created = accept_terms(psychologist, network)

    again, created = accept_terms(psychologist, network)

    assert not created
    assert again == first
    assert SelfBillingAcceptance.objects.get().accepted_at == first.accepted_at


def test_terms_of_a_version_no_longer_in_force_are_refused(psychologist, network):
    with pytest.raises(ValidationError) as refused:
        accept_terms(psychologist, network, version="2020-01")

    assert refused.value.code == "terms_version_outdated"
    assert SELF_BILLING_TERMS_VERSION in refused.value.messages[0]
    assert not SelfBillingAcceptance.objects.exists()


def test_terms_of_a_network_that_is_not_the_psychologists_are_refused(psychologist):
    with pytest.raises(ValidationError) as refused:
        accept_terms(psychologist, NetworkFactory(code="ADS", name="GG ADS"))

    assert refused.value.code == "terms_network_not_yours"


def test_a_network_that_granted_hours_outside_the_convention_may_be_accepted(psychologist):
    other = NetworkFactory(code="ADS", name="GG ADS")
    AllocationFactory(application__psychologist=psychologist, application__network=other)

    _acceptance, created = accept_terms(psychologist, other)

    assert created


def test_accepting_raises_the_data_version_of_the_overview(psychologist, network):
    before = psychologist.data_version

    accept_terms(psychologist, network)

    psychologist.refresh_from_db()
    assert psychologist.data_version == before + 1


# --- The page -------------------------------------------------------------------------------


def test_the_page_shows_the_terms_with_the_network_and_psychologist_filled_in(psy_client):
    page = psy_client.get(PAGE).content.decode()

    assert f"Voorwaarden voor autofacturatie – versie {SELF_BILLING_TERMS_VERSION}" in page
    assert "An Peeters (de psycholoog) en Het PAKT (het netwerk)" in page
    assert "Ik aanvaard de voorwaarden van Het PAKT" in page


def test_the_page_shows_the_terms_of_each_network_to_accept_separately(psychologist, psy_client):
    other = NetworkFactory(code="ADS", name="GG ADS")
    psychologist.networks.add(other)

    page = psy_client.get(PAGE).content.decode()

    assert accept_url(other) in page
    assert "Het PAKT (het netwerk)" in page and "GG ADS (het netwerk)" in page


def test_accepting_on_the_page_records_it_and_says_so(psy_client, psychologist, network):
    response = psy_client.post(
        accept_url(network), {"version": SELF_BILLING_TERMS_VERSION}, follow=True
    )

    assert "U aanvaardde de voorwaarden voor autofacturatie van Het PAKT." in (
        response.content.decode()
    )
    acceptance = SelfBillingAcceptance.objects.get(psychologist=psychologist, network=network)
    page = response.content.decode()
    assert f"(versie {SELF_BILLING_TERMS_VERSION})" in page
    assert accept_url(network) not in page  # accepted: no button any more
    assert acceptance.accepted_at.date() <= date.today()


def test_accepting_twice_on_the_page_changes_nothing(psy_client, psychologist, network):
    psy_client.post(accept_url(network), {"version": SELF_BILLING_TERMS_VERSION})
    first = SelfBillingAcceptance.objects.get()

    response = psy_client.post(
        accept_url(network), {"version": SELF_BILLING_TERMS_VERSION}, follow=True
    )

    assert "er verandert niets" in response.content.decode()
    assert list(SelfBillingAcceptance.objects.all()) == [first]
    assert SelfBillingAcceptance.objects.get().accepted_at == first.accepted_at


def test_a_new_version_asks_again_and_names_the_one_accepted_before(
    psy_client, psychologist, network
):
    SelfBillingAcceptance.objects.create(
        psychologist=psychologist, network=network, version="2020-01"
    )

    page = psy_client.get(PAGE).content.decode()

    assert "versie 2020-01" in page
    assert "De voorwaarden zijn sindsdien gewijzigd" in page
    assert accept_url(network) in page


def test_accepting_the_new_version_keeps_the_old_acceptance(psy_client, psychologist, network):
    SelfBillingAcceptance.objects.create(
        psychologist=psychologist, network=network, version="2020-01"
    )

    psy_client.post(accept_url(network), {"version": SELF_BILLING_TERMS_VERSION})

    assert sorted(
        SelfBillingAcceptance.objects.filter(psychologist=psychologist).values_list(
            "version", flat=True
        )
    ) == ["2020-01", SELF_BILLING_TERMS_VERSION]


def test_terms_read_in_an_outdated_version_are_refused_on_the_page(psy_client, network):
    response = psy_client.post(accept_url(network), {"version": "2020-01"})

    assert response.status_code == 422
    assert "niet meer van kracht" in response.content.decode()
    assert not SelfBillingAcceptance.objects.exists()


# --- Nobody accepts for someone else ----------------------------------------------------------


def test_another_networks_id_is_not_found(psy_client):
    other = NetworkFactory(code="ADS", name="GG ADS")

    response = psy_client.post(accept_url(other), {"version": SELF_BILLING_TERMS_VERSION})

    assert response.status_code == 404
    assert not SelfBillingAcceptance.objects.exists()


def test_a_posted_psychologist_id_accepts_nothing_for_that_psychologist(
    psy_client, psychologist, network
):
    other = PsychologistFactory(networks=[network], self_billing=False)

    psy_client.post(
        accept_url(network),
        {"version": SELF_BILLING_TERMS_VERSION, "psychologist": other.pk, "user": other.user_id},
    )

    assert list(SelfBillingAcceptance.objects.values_list("psychologist", flat=True)) == [
        psychologist.pk
    ]


def test_the_page_shows_only_the_signed_in_psychologists_own_acceptances(client, network):
    accepted = PsychologistFactory(networks=[network])
    client.force_login(PsychologistFactory(networks=[network], self_billing=False).user)

    page = client.get(PAGE).content.decode()

    assert accepted.name not in page
    assert accept_url(network) in page


def test_staff_cannot_open_the_self_billing_page(client, network):
    client.force_login(StaffFactory(networks=[network]))

    assert client.get(PAGE).status_code == 403
    assert client.post(accept_url(network), {"version": "x"}).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login(client, network):
    assert client.get(PAGE).status_code == 302
    assert client.post(accept_url(network)).status_code == 302
    assert not SelfBillingAcceptance.objects.exists()


def test_accepting_asks_for_a_post(psy_client, network):
    assert psy_client.get(accept_url(network)).status_code == 405


@pytest.mark.parametrize(
    "posted",
    [
        {},
        {"version": ""},
        {"version": "v" * 10_000},
        {"version": "2026-12\x00"},
        {"version": ["a", "b"]},
    ],
)
def test_garbage_instead_of_a_version_is_refused_without_error(psy_client, network, posted):
    response = psy_client.post(accept_url(network), posted)

    assert response.status_code == 422
    assert not SelfBillingAcceptance.objects.exists()


def test_an_id_beyond_any_network_is_not_found(psy_client):
    url = reverse("billing:self_billing_accept", args=[2**63])

    assert psy_client.post(url, {"version": SELF_BILLING_TERMS_VERSION}).status_code == 404


# --- Profile and overview ---------------------------------------------------------------------


def test_the_overview_links_to_the_terms_while_not_accepted(psy_client, network):
    page = psy_client.get(reverse("applications:overview")).content.decode()

    assert "Autofacturatie Het PAKT: voorwaarden nog niet aanvaard" in page
    assert f"{PAGE}#terms-{network.pk}" in page


def test_the_overview_shows_when_and_which_version_was_accepted(psy_client, network):
    psy_client.get(reverse("applications:overview"))  # cached before the acceptance
    psy_client.post(accept_url(network), {"version": SELF_BILLING_TERMS_VERSION})

    page = psy_client.get(reverse("applications:overview")).content.decode()

    assert "Autofacturatie Het PAKT: voorwaarden aanvaard op" in page
    assert f"(versie {SELF_BILLING_TERMS_VERSION})" in page
    assert f"{PAGE}#terms-{network.pk}" not in page


def test_the_profile_shows_the_acceptance_state(psy_client, network):
    page = psy_client.get(reverse("profile")).content.decode()

    assert "Autofacturatie Het PAKT: voorwaarden nog niet aanvaard" in page
