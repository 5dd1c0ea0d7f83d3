"""A network's settings change only through portal.network_settings: staff of that network,
valid numbers in their normal form, an address in full, postcodes no other network covers,
a prefix of its own, and every change in the history with who made it."""

import pytest
from django.core.exceptions import ValidationError

from portal.models import Network, PostcodeRange
from portal.network_settings import update_network_settings
from tests.factories import CoordinatorFactory, NetworkFactory
from tests.networks.conftest import settings_data

pytestmark = pytest.mark.django_db


def codes(excinfo) -> set[str]:
    return {error.code for error in excinfo.value.error_list}


def refused(network, actor, **changes) -> set[str]:
    with pytest.raises(ValidationError) as excinfo:
        update_network_settings(network, settings_data(**changes), actor=actor)
    return codes(excinfo)


def test_staff_save_the_settings_of_their_network_in_normal_form(network, staff):
    update_network_settings(network, settings_data(postal_code="B-9000"), actor=staff)

    network.refresh_from_db()
    assert network.enterprise_number == "0812345702"
    assert network.enterprise_number_display == "0812.345.702"
    assert network.iban == "BE02068241735040"
    assert network.bic == "GKCCBEBB"
    assert network.postal_code == "9000"
    assert network.postal_address == "Voorbeeldlaan 12\n9000 Gent"
    assert network.covered_postcodes == "9000-9099, 9150"


def test_staff_of_another_network_are_refused_by_the_service(network, other_staff):
    assert refused(network, other_staff, municipality="Elders") == {"network_not_followed"}
    network.refresh_from_db()
    assert network.municipality == ""


def test_a_coordinator_of_the_network_is_refused(network):
    coordinator = CoordinatorFactory(networks=[network])
    assert refused(network, coordinator) == {"network_not_followed"}


def test_an_enterprise_number_with_wrong_check_digits_is_refused(network, staff):
    assert refused(network, staff, enterprise_number="0812.345.703") == {
        "invalid_enterprise_number"
    }


def test_an_iban_of_a_bank_code_nobody_has_is_refused(network, staff):
    assert refused(network, staff, iban="BE68 5390 0754 7034") == {"invalid_iban"}


def test_a_bic_of_another_bank_than_the_iban_is_refused(network, staff):
    assert refused(network, staff, bic="KREDBEBB") == {"bic_mismatch"}


def test_half_an_address_is_refused(network, staff):
    assert refused(network, staff, municipality="") == {"incomplete_address"}


def test_no_address_at_all_is_accepted(network, staff):
    data = settings_data(street="", postal_code="", municipality="")
    update_network_settings(network, data, actor=staff)
    assert Network.objects.get(pk=network.pk).postal_address == ""


@pytest.mark.parametrize("days", [0, 61, -1, "1e999"])
def test_a_payment_term_outside_1_to_60_days_is_refused(network, staff, days):
    assert refused(network, staff, payment_term_days=days) == {"payment_term_out_of_range"}


@pytest.mark.parametrize("days", [1, 60])
def test_a_payment_term_of_1_or_60_days_is_accepted(network, staff, days):
    update_network_settings(network, settings_data(payment_term_days=days), actor=staff)
    assert Network.objects.get(pk=network.pk).payment_term_days == days


@pytest.mark.parametrize("day", [0, 29, -1, "tiende"])
def test_a_closing_day_outside_1_to_28_is_refused(network, staff, day):
    assert refused(network, staff, registration_closing_day=day) == {"closing_day_out_of_range"}


@pytest.mark.parametrize(("day", "stored"), [(1, 1), (28, 28), ("", None), (None, None)])
def test_a_closing_day_of_1_to_28_or_none_is_accepted(network, staff, day, stored):
    update_network_settings(network, settings_data(registration_closing_day=day), actor=staff)
    assert Network.objects.get(pk=network.pk).registration_closing_day == stored


@pytest.mark.parametrize("languages", [[], ["de"], ["nl-be", "x"]])
def test_languages_outside_nl_fr_en_or_none_are_refused(network, staff, languages):
    assert refused(network, staff, languages=languages) == {"invalid_languages"}


def test_languages_are_stored_in_a_fixed_order(network, staff):
    update_network_settings(network, settings_data(languages=["en", "fr-be"]), actor=staff)
    assert Network.objects.get(pk=network.pk).languages == ["fr-be", "en"]


def test_every_refusal_is_given_at_once(network, staff):
    assert refused(network, staff, enterprise_number="1", iban="x", postcodes="Gent") == {
        "invalid_enterprise_number",
        "invalid_iban",
        "invalid_postcodes",
    }


def test_text_longer_than_its_column_is_refused(network, staff):
    assert refused(network, staff, street="s" * 161) == {"text_too_long"}


# --- Postcodes ----------------------------------------------------------------------------


def test_a_postcode_another_network_covers_is_refused_naming_that_network(
    network, staff, other_network, other_staff
):
    update_network_settings(other_network, {"postcodes": "9100-9199"}, actor=other_staff)

    with pytest.raises(ValidationError) as excinfo:
        update_network_settings(network, settings_data(postcodes="9000-9100"), actor=staff)

    assert codes(excinfo) == {"postcode_covered_elsewhere"}
    assert "GG ADS" in excinfo.value.messages[0]
    assert network.postcode_ranges.count() == 0


def test_a_range_ending_just_before_another_networks_range_is_accepted(
    network, staff, other_network, other_staff
):
    update_network_settings(other_network, {"postcodes": "9100-9199"}, actor=other_staff)

    update_network_settings(network, settings_data(postcodes="9000-9099, 9200"), actor=staff)

    assert network.covers("9099") and not network.covers("9100")
    assert other_network.covers("9100") and other_network.covers("9199")
    assert list(Network.objects.covering("9099")) == [network]
    assert list(Network.objects.covering("9100")) == [other_network]
    assert list(Network.objects.covering("9201")) == []


def test_a_network_may_extend_its_own_ranges(network, staff):
    update_network_settings(network, {"postcodes": "9000-9099"}, actor=staff)
    update_network_settings(network, {"postcodes": "9000-9199"}, actor=staff)
    assert network.covered_postcodes == "9000-9199"


def test_a_postcode_that_is_not_belgian_routes_nowhere(network, staff):
    update_network_settings(network, {"postcodes": "1000-9999"}, actor=staff)
    assert list(Network.objects.covering("99999")) == []
    assert network.covers("1000") and network.covers("9999")


# --- Invoice prefix -----------------------------------------------------------------------


def test_the_invoice_prefix_defaults_to_the_code_in_capitals(db):
    assert NetworkFactory(code="radar").number_prefix == "RADAR"


def test_a_prefix_is_stored_in_capitals(network, staff):
    update_network_settings(network, settings_data(invoice_prefix="ggpakt"), actor=staff)
    assert Network.objects.get(pk=network.pk).number_prefix == "GGPAKT"


@pytest.mark.parametrize("prefix", ["PA-KT", "PAKT 2", "É", "x" * 13])
def test_a_prefix_of_other_characters_is_refused(network, staff, prefix):
    assert refused(network, staff, invoice_prefix=prefix) == {"invalid_invoice_prefix"}


def test_the_prefix_of_another_network_is_refused(network, staff, other_network):
    assert refused(network, staff, invoice_prefix="ads") == {"invoice_prefix_taken"}


def test_a_prefix_another_network_had_before_is_refused(network, staff, other_network, other_staff):
    update_network_settings(other_network, {"invoice_prefix": "OLD"}, actor=other_staff)
    update_network_settings(other_network, {"invoice_prefix": "NEW"}, actor=other_staff)

    assert refused(network, staff, invoice_prefix="OLD") == {"invoice_prefix_taken"}


# --- History ------------------------------------------------------------------------------


def test_a_change_is_in_the_history_with_its_user_and_fields(network, staff):
    update_network_settings(network, settings_data(), actor=staff)
    update_network_settings(network, settings_data(municipality="Gentbrugge"), actor=staff)

    latest = network.history.order_by("-history_id").first()
    assert latest.history_user == staff
    changed = latest.diff_against(latest.prev_record).changed_fields
    assert changed == ["municipality"]


def test_saving_unchanged_settings_writes_no_history(network, staff):
    update_network_settings(network, settings_data(), actor=staff)
    count = network.history.count()

    update_network_settings(network, settings_data(), actor=staff)

    assert network.history.count() == count


def test_postcodes_taken_away_and_added_are_in_the_history_with_their_user(network, staff):
    update_network_settings(network, {"postcodes": "9000-9099"}, actor=staff)
    update_network_settings(network, {"postcodes": "9150"}, actor=staff)

    rows = PostcodeRange.history.filter(network_id=network.pk).order_by("history_id")
    assert [(r.history_type, r.first, r.last, r.history_user) for r in rows] == [
        ("+", 9000, 9099, staff),
        ("-", 9000, 9099, staff),
        ("+", 9150, 9150, staff),
    ]


def test_typing_the_code_as_prefix_keeps_the_default_and_writes_no_history(network, staff):
    count = network.history.count()

    update_network_settings(network, {"invoice_prefix": "pakt"}, actor=staff)

    assert Network.objects.get(pk=network.pk).invoice_prefix == ""
    assert network.history.count() == count
