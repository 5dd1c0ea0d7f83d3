"""Which applications may be granted at all: the eligibility rules and exclusions of each call.

What the application says about the place and the offer decides it: education is not
yet open, calls 1 and 2 need a findplace (call 2 one that organises leisure and meeting
moments, with enough offer there), call 1 a structural offer, and calls 3 and 4 refuse
the five exclusions of support missions, each with its own reason. What an application
must carry besides (portfolio, agreement, the partner's confirmation) is in admission.py.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from applications.engine.calls import CallRules, Refusal
from portal.formatting import hours
from portal.models import EDUCATION_KINDS, LEISURE_KINDS


def application_refusals(rules: CallRules, application, *, education_open: bool) -> list[Refusal]:
    """Every eligibility rule an application breaks (empty: it may be approved)."""
    refusals = []
    findplace = application.findplace
    kinds = {application.partner_kind} | ({findplace.kind} if findplace else set())
    if kinds & EDUCATION_KINDS and not (education_open or rules.open_for_education):
        refusals.append(
            Refusal(
                "education_not_open",
                _(
                    "Aanvragen met basisscholen, secundaire scholen of CLB's zijn nog niet open: de "
                    "afstemming met de CLB's loopt nog. Kies een andere vindplaats of partner."
                ),
            )
        )
    if rules.requires_findplace and findplace is None:
        refusals.append(
            Refusal(
                "findplace_required",
                _(
                    "Deze oproep vraagt een vindplaats. Kies een bestaande vindplaats of stel er een voor."
                ),
            )
        )
    if rules.requires_leisure_findplace and findplace and findplace.kind not in LEISURE_KINDS:
        refusals.append(
            Refusal(
                "not_leisure_findplace",
                _(
                    "Presentie kan enkel op een vindplaats die structureel vrijetijds- en "
                    "ontmoetingsmomenten organiseert (OverKophuis, lokaal dienstencentrum, jeugdhuis, "
                    "buurthuis …). Kies zo'n vindplaats of dien een aanvraag in onder een andere oproep."
                ),
            )
        )
    if rules.min_weekly_individual_minutes or rules.min_group_trajectories:
        enough_sessions = (
            application.weekly_individual_minutes >= rules.min_weekly_individual_minutes
        )
        enough_groups = application.group_trajectories >= rules.min_group_trajectories
        if not (enough_sessions or enough_groups):
            refusals.append(
                Refusal(
                    "offer_too_small",
                    ngettext(
                        "U komt in aanmerking vanaf %(hours)s individuele sessies per week en/of "
                        "%(groups)d groepstraject per jaar op deze vindplaats. Breid eerst uw aanbod "
                        "op de vindplaats uit.",
                        "U komt in aanmerking vanaf %(hours)s individuele sessies per week en/of "
                        "%(groups)d groepstrajecten per jaar op deze vindplaats. Breid eerst uw aanbod "
                        "op de vindplaats uit.",
                        rules.min_group_trajectories,
                    )
                    % {
                        "hours": hours(rules.min_weekly_individual_minutes),
                        "groups": rules.min_group_trajectories,
                    },
                )
            )
    if rules.requires_structural_offer and not application.structural_offer:
        refusals.append(
            Refusal(
                "no_structural_offer",
                _(
                    "Overleg wordt enkel vergoed bij een structurele samenwerking: een terugkerend vast "
                    "aanbod in een van de drie zorgfuncties op de vindplaats. Start eerst zo'n aanbod."
                ),
            )
        )
    if rules.exclusions_apply:
        refusals.extend(exclusion_refusals(application))
    return refusals


def exclusion_refusals(application) -> list[Refusal]:
    """The exclusions of calls 3 and 4 (support missions), each with its own reason."""
    exclusions = [
        (
            "employed_by_requester",
            application.employed_by_requester,
            _(
                "U bent in loondienst van de organisatie die de ondersteuning vraagt en kunt uw "
                "eigen collega's niet ondersteunen binnen Art. 8."
            ),
        ),
        (
            "regular_mission",
            application.regular_mission,
            _(
                "Deze ondersteuning maakt al deel uit van de reguliere opdracht van de organisatie "
                "die ze aanbiedt en kan niet via Art. 8 gefactureerd worden."
            ),
        ),
        (
            "funded_otherwise",
            application.funded_otherwise,
            _(
                "Deze ondersteuning wordt al op een andere wijze gefinancierd en kan niet ook via "
                "Art. 8 gefactureerd worden."
            ),
        ),
        (
            "target_not_in_contact",
            application.target_not_in_contact,
            _(
                "De ondersteuning is enkel voor eerstelijnsactoren die rechtstreeks in contact komen "
                "met de doelgroep (dus bv. niet voor keukenpersoneel)."
            ),
        ),
        (
            "clients_in_care",
            application.clients_in_care,
            _(
                "Overleg over concrete cliënten in lopende begeleiding valt onder de gewone "
                "sessievergoeding, niet onder Art. 8."
            ),
        ),
    ]
    return [Refusal(code, message) for code, applies, message in exclusions if applies]
