"""How the coordinator pages say things: the rule checklist of the review page, the audit
trail in words, the outcome of a bulk decision, the labelled uptake tables and the
geometry of the uptake chart.

No queries: it turns what the selectors read into what the templates and the CSV show.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.utils.translation import gettext_lazy as _

from applications import engine
from applications.engine import admission
from applications.models import BulkAction
from coordination.selectors.uptake import Figures, NetworkTotals, NetworkUptake
from portal import formatting
from portal.models import FindplaceKind, Network

# --- The rule checklist of the review page ---------------------------------------------

# Each eligibility rule of engine.application_refusals, with a Dutch description and when
# it applies to a call. Keep in step with the engine: a code it returns that is missing
# here is still shown (as a failed rule with the engine's message).
RULES = [
    (
        "education_not_open",
        _("Geen samenwerking met basisscholen, secundaire scholen of CLB's (nog niet open)"),
        lambda rules: not rules.open_for_education,
    ),
    (
        "findplace_required",
        _("Een vindplaats is gekozen"),
        lambda rules: rules.requires_findplace,
    ),
    (
        "not_leisure_findplace",
        _("De vindplaats organiseert structureel vrijetijds- en ontmoetingsmomenten"),
        lambda rules: rules.requires_leisure_findplace,
    ),
    (
        "offer_too_small",
        _("Voldoende aanbod op de vindplaats (individuele sessies per week of groepstrajecten)"),
        lambda rules: bool(rules.min_weekly_individual_minutes or rules.min_group_trajectories),
    ),
    (
        "no_structural_offer",
        _("Structureel aanbod in een van de drie zorgfuncties op de vindplaats"),
        lambda rules: rules.requires_structural_offer,
    ),
    (
        "employed_by_requester",
        _("Niet in loondienst van de aanvragende organisatie"),
        lambda rules: rules.exclusions_apply,
    ),
    (
        "regular_mission",
        _("Geen deel van de reguliere opdracht van de organisatie"),
        lambda rules: rules.exclusions_apply,
    ),
    (
        "funded_otherwise",
        _("Niet al op een andere wijze gefinancierd"),
        lambda rules: rules.exclusions_apply,
    ),
    (
        "target_not_in_contact",
        _("Eerstelijnsactoren in rechtstreeks contact met de doelgroep"),
        lambda rules: rules.exclusions_apply,
    ),
    (
        "clients_in_care",
        _("Niet over concrete cliënten in lopende begeleiding"),
        lambda rules: rules.exclusions_apply,
    ),
    (
        "portfolio_required",
        _("Een portfolio van expertise en ervaring met ondersteunende opdrachten"),
        lambda rules: rules.requires_portfolio,
    ),
    (
        "agreement_required",
        _(
            "Een volledige, ondertekende samenwerkingsovereenkomst (minimaal aantal uren, "
            "regelmaat, werkvormen, contact, evaluatie binnen 12 maanden)"
        ),
        lambda rules: rules.requires_agreement,
    ),
    (
        "partner_not_confirmed",
        _("De partner heeft de samenwerking bevestigd"),
        lambda rules: rules.requires_partner_confirmation,
    ),
    (
        "findplace_cap_reached",
        _("Er is nog quotum vrij in deze periode"),
        lambda rules: False,  # shown only when it fails: the hours card shows what is left
    ),
]
# Refusals shown on the line of another rule: every flaw of the agreement on its line,
# a declined partner on the confirmation line.
CHECKLIST_LINE = dict.fromkeys(admission.AGREEMENT_CODES, "agreement_required") | {
    "partner_declined": "partner_not_confirmed"
}


def rule_checklist(rules: engine.CallRules, refusals: list[engine.Refusal]) -> list[dict]:
    """The engine's verdict per rule that applies to this call: passed, or failed and why."""
    failed: dict[str, str] = {}
    for refusal in refusals:
        line = CHECKLIST_LINE.get(refusal.code, refusal.code)
        failed[line] = " ".join(filter(None, (failed.get(line), refusal.message)))
    checklist = [
        {
            "code": code,
            "label": label,
            "passed": code not in failed,
            "message": failed.get(code, ""),
        }
        for code, label, applies in RULES
        if applies(rules) or code in failed
    ]
    known = {code for code, _label, _applies in RULES}
    checklist += [
        {"code": code, "label": message, "passed": False, "message": message}
        for code, message in failed.items()
        if code not in known
    ]
    return checklist


# --- The audit trail -------------------------------------------------------------------


def audit_rows(entries) -> list[dict]:
    """Audit entries, readable: who, when, what, from → to, why."""
    return [_audit_row(entry) for entry in entries]


def _audit_row(entry) -> dict:
    return {
        "code": entry.action,
        "at": entry.at,
        "actor": entry.actor_label,
        "action": entry.action_label(),
        "from_value": entry.from_label,
        "to_value": entry.to_label,
        "reason": entry.reason,
    }


def partner_override(rows: list[dict]) -> dict | None:
    """The audit row of an approval without the partner's confirmation, if there was one."""
    return next((row for row in rows if row["code"] == "partner_override"), None)


def group_label(group: str) -> str:
    """The heading of the first column of the uptake in depth."""
    labels = {"psychologist": _("Psycholoog"), "findplace": _("Vindplaats"), "call": _("Oproep")}
    return str(labels[group])


def monthly_chart(months) -> dict:
    """The uptake chart of a range month by month: per month what was registered and
    billed up to and including it, against the hours granted in the range."""
    rows, registered, billed = [], 0, 0
    for month, figures in months:
        registered += figures.registered
        billed += figures.billed
        label = formatting.month_name(month)
        rows.append(
            UptakeRow(
                granted=figures.granted,
                registered=registered,
                billed=billed,
                key=month,
                label=label,
            )
        )
    return chart(rows)


# --- A bulk decision of the queue ------------------------------------------------------


def bulk_outcome(outcome) -> dict:
    """What the result page of a bulk decision lists, as plain values (it is kept in the
    session between the decision and the page): done, and not done with the reasons."""
    return {
        "action": outcome.action,
        "action_label": str(BulkAction(outcome.action).label),
        "done": [_bulk_row(item) for item in outcome.done],
        "not_done": [_bulk_row(item) for item in outcome.not_done],
    }


def _bulk_row(item) -> dict:
    application = item.application
    return {
        "id": item.application_id,
        "found": application is not None,
        "label": _application_label(application)
        if application
        else str(_("Aanvraag nr. %(id)s") % {"id": item.application_id}),
        "refusals": [{"code": code, "message": str(message)} for code, message in item.refusals],
    }


def _application_label(application) -> str:
    """ "An Peeters – Oproep 1 – Huisartsenpraktijk De Linde" (the partner without findplace)."""
    where = application.findplace.name if application.findplace else application.partner_name
    parts = (application.psychologist.name, f"{_('Oproep')} {application.call.number}", where)
    return " – ".join(str(part) for part in parts if part)


# --- Uptake: the labelled tables --------------------------------------------------------

NO_FINDPLACE = _("Zonder vindplaats")


@dataclass
class UptakeRow(Figures):
    """One labelled line of the uptake tables, the chart and the CSV."""

    key: object = None  # the call's number, the findplace kind, or None for the total
    label: str = ""
    short_label: str = ""  # for the chart, where long names do not fit on a phone
    href: str = ""  # a network's line links to its own tables
    current: bool = False  # the network whose tables the page shows


@dataclass
class UptakeTables:
    network: Network
    by_call: list[UptakeRow]
    by_kind: list[UptakeRow]
    total: UptakeRow


def _row(figures: Figures, key, label, short_label="") -> UptakeRow:
    return UptakeRow(**asdict(figures), key=key, label=str(label), short_label=short_label)


def uptake_tables(uptake: NetworkUptake) -> UptakeTables:
    """The figures of one network with the labels of their calls and findplace kinds."""
    kind_labels = dict(FindplaceKind.choices)
    by_kind = [
        _row(figures, kind, kind_labels.get(kind, NO_FINDPLACE) if kind else NO_FINDPLACE)
        for kind, figures in uptake.by_kind.items()
    ]
    return UptakeTables(
        network=uptake.network,
        by_call=[
            _row(figures, call.number, call, short_label=f"{_('Oproep')} {call.number}")
            for call, figures in uptake.by_call.items()
        ],
        by_kind=sorted(by_kind, key=lambda row: row.label),
        total=_row(uptake.total, None, _("Totaal")),
    )


def network_table(totals: NetworkTotals, year: int, chosen: Network) -> dict:
    """A line per network, each linking to its own tables, and their total."""
    rows = []
    for item in totals.rows:
        row = _row(item.figures, item.network.pk, item.network.name)
        row.href = f"?jaar={year}&netwerk={item.network.pk}#network-{item.network.pk}"
        row.current = item.network == chosen
        rows.append(row)
    return {"rows": rows, "total": _row(totals.total, None, _("Totaal"))}


# --- Uptake: the chart -----------------------------------------------------------------

CHART_SERIES = [
    ("granted", _("Toegekend")),
    ("registered", _("Geregistreerd")),
    ("billed", _("Gefactureerd")),
]
CHART_BAR_HEIGHT, CHART_GAP, CHART_LABEL_HEIGHT = 14, 4, 20
CHART_MAX_WIDTH = 55  # % of the chart width; the rest holds the value text


def chart(rows: list[UptakeRow]) -> dict:
    """Geometry of a horizontal bar chart (SVG, server-rendered): one group per row."""
    largest = max((getattr(r, key) for r in rows for key, _l in CHART_SERIES), default=0) or 1
    groups, y = [], 0
    for row in rows:
        label_y = y + CHART_LABEL_HEIGHT - 6
        y += CHART_LABEL_HEIGHT
        bars = []
        for index, (key, label) in enumerate(CHART_SERIES):
            minutes = getattr(row, key)
            width = minutes * CHART_MAX_WIDTH // largest
            bars.append(
                {
                    "series": key,
                    "label": label,
                    "y": y,
                    "text_y": y + CHART_BAR_HEIGHT - 3,
                    "width": width,
                    "text_x": width + 1,
                    "value": formatting.hours(minutes),
                    "index": index,
                }
            )
            y += CHART_BAR_HEIGHT + CHART_GAP
        groups.append({"label": row.short_label or row.label, "label_y": label_y, "bars": bars})
        y += CHART_GAP
    return {"groups": groups, "height": y, "series": CHART_SERIES}
