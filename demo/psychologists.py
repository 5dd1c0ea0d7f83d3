"""The demo psychologists of Oost-Vlaanderen: who they are, where they work, and invoice data
a network may bill (made-up enterprise numbers and IBANs with valid check digits, the
self-billing terms in force accepted), except one who has billable hours but no
enterprise number yet, so the pages that list who cannot be billed show someone.
"""

from billing.services.self_billing import accept_terms
from demo.numbers import made_up_enterprise_number, made_up_iban
from portal.models import Psychologist
from portal.validators import normalize_bic

PSYCHOLOGISTS = [
    ("an.peeters", "An", "Peeters", "PAKT", "Gent", ["emotieregulatie", "angst"]),
    ("bert.maes", "Bert", "Maes", "PAKT", "Gent", ["rouw en verlies"]),
    ("carla.janssens", "Carla", "Janssens", "PAKT", "Eeklo", ["stress en burn-out"]),
    ("dirk.claes", "Dirk", "Claes", "ADS", "Aalst", ["verslaving"]),
    ("els.wouters", "Els", "Wouters", "ADS", "Sint-Niklaas", ["emotieregulatie"]),
    ("frank.goossens", "Frank", "Goossens", "ADS", "Dendermonde", []),
    ("greet.dewilde", "Greet", "De Wilde", "RADAR", "Oudenaarde", ["angst", "rouw en verlies"]),
    ("hans.vandamme", "Hans", "Van Damme", "RADAR", "Ronse", ["stress en burn-out"]),
]

POSTCODES = {
    "Gent": "9000",
    "Eeklo": "9900",
    "Aalst": "9300",
    "Sint-Niklaas": "9100",
    "Dendermonde": "9200",
    "Oudenaarde": "9700",
    "Ronse": "9600",
}
# Billable hours but no enterprise number yet: the runs page and the run page list him
# among the psychologists who cannot be billed, and he got the e-mail saying what to fill in.
WITHOUT_ENTERPRISE_NUMBER = "hans.vandamme"

# Psychologists who agreed to be named on the published offer, with the languages they work in.
LISTED_PUBLICLY = {
    "an.peeters": ["nl-be", "en"],
    "dirk.claes": ["nl-be"],
    "greet.dewilde": ["nl-be", "fr-be"],
}


def load_psychologists(networks, themes, make_user) -> dict[str, Psychologist]:
    """Every demo psychologist by username, created or brought back to this data;
    `make_user(username, first, last)` gives their account."""
    result = {}
    for number, (username, first, last, code, town, theme_names) in enumerate(PSYCHOLOGISTS):
        user = make_user(username, first, last)
        iban = made_up_iban(number + 1)
        psychologist, _created = Psychologist.objects.update_or_create(
            user=user,
            defaults={
                "riziv_number": f"9{number + 1:02d}12345{number:03d}",
                "enterprise_number": (
                    ""
                    if username == WITHOUT_ENTERPRISE_NUMBER
                    else made_up_enterprise_number(number + 1)
                ),
                "municipality": town,
                "street": "Kerkstraat 1",
                "postal_code": POSTCODES[town],
                "iban": iban,
                "bic": normalize_bic("", iban),
                "listed_publicly": username in LISTED_PUBLICLY,
                "languages": LISTED_PUBLICLY.get(username, ["nl-be"]),
            },
        )
        psychologist.networks.set([networks[code]])
        psychologist.themes.set([themes[name] for name in theme_names])
        # Every demo psychologist accepted the self-billing terms of their network.
        accept_terms(psychologist, networks[code])
        result[username] = psychologist
    return result
