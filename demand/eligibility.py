"""May this support request be taken up at all: the rules of the intake, pure.

No queries: the caller loads the network the postcode routes to (or None) and passes what
it needs. Each broken rule is a `Refusal(code, message)` whose Dutch message says which
rule was hit and what to do next. The form previews them (the live check); the intake
service asks again before it writes, so every way in obeys them. The bounds:

| value | from | to | code |
|---|---|---|---|
| expected number of first-line actors | 1 | 999, as for a registered activity | `too_few_attendees`, `too_many_attendees` |
| wished period | today | today + 366 days: nobody plans support further ahead | `period_in_past`, `period_too_far`; the end not before the start: `period_not_ordered` |
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from applications.engine.bounds import START_DAYS_AHEAD
from applications.engine.calls import Refusal
from applications.engine.registrations import MAX_ATTENDEES
from portal.models import EDUCATION_KINDS

MIN_ATTENDEES = 1


@dataclass(frozen=True)
class RequestFacts:
    """What the rules read from a request (typed values, not yet saved)."""

    place_kind: str
    # Has the network the postcode routes to opened its offer to schools and CLBs?
    # False when no network covers the postcode.
    education_open: bool
    in_direct_contact: bool
    about_clients_in_care: bool
    expected_attendees: int | None
    wished_from: date | None = None
    wished_until: date | None = None


def latest_wished_day(today: date) -> date:
    return today + timedelta(days=START_DAYS_AHEAD)


def request_refusals(facts: RequestFacts, today: date) -> list[Refusal]:
    """Every rule the request breaks, in the order the form asks them."""
    return (
        _education_refusals(facts)
        + _declaration_refusals(facts)
        + attendee_refusals(facts.expected_attendees)
        + period_refusals(facts.wished_from, facts.wished_until, today)
    )


def _education_refusals(facts: RequestFacts) -> list[Refusal]:
    if facts.place_kind not in EDUCATION_KINDS or facts.education_open:
        return []
    return [
        Refusal(
            "education_not_open",
            _(
                "Vragen van basisscholen, secundaire scholen en CLB's kunnen nog niet: de "
                "afstemming met de CLB's loopt nog. Neem voor nu contact op met uw CLB of "
                "met het netwerk geestelijke gezondheid van uw regio."
            ),
        )
    ]


def _declaration_refusals(facts: RequestFacts) -> list[Refusal]:
    refusals = []
    if not facts.in_direct_contact:
        refusals.append(
            Refusal(
                "not_in_direct_contact",
                _(
                    "Ondersteuning is er enkel voor eerstelijnsactoren die rechtstreeks in "
                    "contact komen met de doelgroep. Vraag ze aan voor de medewerkers die dat "
                    "wel doen."
                ),
            )
        )
    if facts.about_clients_in_care:
        refusals.append(
            Refusal(
                "clients_in_care",
                _(
                    "Een vraag over cliënten in lopende begeleiding bij een psycholoog hoort "
                    "bij die psycholoog, niet hier. Stel hier een vraag over uw eigen werking "
                    "als eerstelijnsactor."
                ),
            )
        )
    return refusals


def attendee_refusals(expected: int | None) -> list[Refusal]:
    """The expected number of first-line actors: at least one, at most MAX_ATTENDEES."""
    if expected is None:
        return []
    if expected < MIN_ATTENDEES:
        return [
            Refusal(
                "too_few_attendees",
                _("Geef op hoeveel eerstelijnsactoren deelnemen: minstens %(min)d.")
                % {"min": MIN_ATTENDEES},
            )
        ]
    if expected > MAX_ATTENDEES:
        return [
            Refusal(
                "too_many_attendees",
                _(
                    "Geef hoogstens %(max)d eerstelijnsactoren op; verdeel een grotere groep "
                    "over meerdere vragen."
                )
                % {"max": MAX_ATTENDEES},
            )
        ]
    return []


def period_refusals(first: date | None, last: date | None, today: date) -> list[Refusal]:
    """The wished period: from today on, at most a year ahead, its end not before its start."""
    if first is not None and last is not None and last < first:
        return [
            Refusal(
                "period_not_ordered",
                _(
                    "De gewenste periode eindigt vóór ze begint. Kies een einddatum na de begindatum."
                ),
            )
        ]
    days = [day for day in (first, last) if day is not None]
    if any(day < today for day in days):
        return [
            Refusal(
                "period_in_past",
                _("De gewenste periode ligt (deels) in het verleden. Kies data vanaf %(today)s.")
                % {"today": f"{today:%d/%m/%Y}"},
            )
        ]
    latest = latest_wished_day(today)
    if any(day > latest for day in days):
        return [
            Refusal(
                "period_too_far",
                _(
                    "De gewenste periode ligt te ver vooruit. Kies data tot %(last)s; vraag "
                    "later opnieuw voor wat verder ligt."
                )
                % {"last": f"{latest:%d/%m/%Y}"},
            )
        ]
    return []
