"""The demo networks with their settings (address, enterprise number, bank account,
postcodes, languages) and their existing services, loaded idempotently."""

from applications.models import OOST_VLAANDEREN_CALL_CODES, Call
from portal.models import ExistingService, Network, PostcodeRange

# Fictitious addresses, enterprise numbers with valid check digits, IBANs of real bank
# codes with valid check digits (and that bank's BIC), postcodes of each region.
NETWORK_SETTINGS = {
    "PAKT": {
        "street": "Voorbeeldlaan 12",
        "postal_code": "9000",
        "municipality": "Gent",
        "enterprise_number": "0812345702",
        "iban": "BE02068241735040",
        "bic": "GKCCBEBB",
        "languages": ["nl-be", "en"],
    },
    "ADS": {
        "street": "Stationsplein 3 bus 2",
        "postal_code": "9300",
        "municipality": "Aalst",
        "enterprise_number": "0745821122",
        "iban": "BE31735482193755",
        "bic": "KREDBEBB",
        "languages": ["nl-be"],
    },
    "RADAR": {
        "street": "Marktstraat 45",
        "postal_code": "9700",
        "municipality": "Oudenaarde",
        "enterprise_number": "0661409247",
        "iban": "BE13363195270639",
        "bic": "BBRUBEBB",
        "payment_term_days": 45,
        # Ronse has language facilities for French speakers.
        "languages": ["nl-be", "fr-be"],
    },
}
# Each network's registrations of a month close on this day of the next month.
DEMO_CLOSING_DAY = 10
# As the settings page stores them: ranges that touch are one range.
NETWORK_POSTCODES = {
    "PAKT": [(9000, 9099), (9800, 9999)],
    "ADS": [(9100, 9499)],
    "RADAR": [(9500, 9799)],
}
EXISTING_SERVICES = [
    (
        "ADS",
        "Advies & coaching",
        "Eerstelijnsactoren met een vraag over het psychisch welzijn van wie ze begeleiden "
        "krijgen advies en coaching, en worden zo nodig gekoppeld aan een psycholoog uit "
        "het register.",
        "advies@ggads.example.org",
        "053 12 34 56",
        "https://ggads.example.org/advies",
        "Aalst",
    ),
    (
        "PAKT",
        "Netwerkpunt & assessmentteam",
        "Eén aanspreekpunt voor vragen van huisartsen, scholen en welzijnspartners: het "
        "team bekijkt de vraag en zoekt samen het passende aanbod, ook bij een psycholoog.",
        "netwerkpunt@hetpakt.example.org",
        "09 123 45 67",
        "https://hetpakt.example.org/netwerkpunt",
        "Gent",
    ),
    (
        "RADAR",
        "Crosslink",
        "Ondersteunt partners uit de jeugdhulp en het welzijnswerk met vragen over "
        "jongeren, bv. over emotieregulatie, en brengt ze in contact met psychologen.",
        "crosslink@radar.example.org",
        "055 12 34 56",
        "https://radar.example.org/crosslink",
        "Oudenaarde",
    ),
    (
        "RADAR",
        "Netwerkpunt & consult",
        "Voor vragen van eerstelijnsactoren over volwassenen: een consult op maat of een "
        "doorverwijzing naar het passende aanbod van het netwerk.",
        "netwerkpunt@radar.example.org",
        "055 65 43 21",
        "",
        "Geraardsbergen",
    ),
]


def _saved_if_changed(model, lookup: dict, values: dict):
    """The row of `lookup` with `values`, saved only when something differs: a second demo
    run leaves the history of networks and existing services as the first left it."""
    row = model.objects.filter(**lookup).first() or model(**lookup)
    if row.pk is None or any(getattr(row, name) != value for name, value in values.items()):
        for name, value in values.items():
            setattr(row, name, value)
        row.save()
    return row


def load_networks(networks) -> dict[str, Network]:
    """The networks of `networks` ((code, name, region) rows) by code, with their settings,
    postcodes and existing services."""
    loaded = {}
    for code, name, _region in networks:
        network = _saved_if_changed(
            Network,
            {"code": code},
            {
                "name": name,
                "registration_closing_day": DEMO_CLOSING_DAY,
                **NETWORK_SETTINGS[code],
            },
        )
        for first, last in NETWORK_POSTCODES[code]:
            PostcodeRange.objects.get_or_create(network=network, first=first, last=last)
        # The three networks of Oost-Vlaanderen publish the same four calls.
        network.calls.add(*Call.objects.filter(code__in=OOST_VLAANDEREN_CALL_CODES))
        loaded[code] = network
    for code, name, description, email, phone, website, town in EXISTING_SERVICES:
        _saved_if_changed(
            ExistingService,
            {"network": loaded[code], "name": name},
            {
                "description": description,
                "email": email,
                "phone": phone,
                "website": website,
                "municipality": town,
            },
        )
    return loaded
