"""What a requester types into the request form, as a POST (override per test)."""

from portal.models import FindplaceKind, PostcodeRange
from tests.factories import NetworkFactory


def aalst_network():
    """A network covering Aalst (9300)."""
    network = NetworkFactory(code="ADS", name="Netwerk Aalst-Dendermonde")
    PostcodeRange.objects.get_or_create(network=network, first=9300, last=9399)
    return network


def form_post(**overrides) -> dict:
    data = {
        "requester_name": "Els De Smet",
        "requester_role": "Huisarts",
        "organisation": "Huisartsenpraktijk De Linde",
        "email": "els@example.org",
        "phone": "053 12 34 56",
        "postcode": "9300",
        "municipality": "Aalst",
        "place_kind": FindplaceKind.GP_PRACTICE,
        "question": "Een workshop over emotieregulatie voor ons team.",
        "work_form": "workshop",
        "expected_attendees": "8",
        "setting": "on_site",
        "in_direct_contact": "ja",
        "about_clients_in_care": "nee",
        "website": "",
    }
    data.update(overrides)
    return data
