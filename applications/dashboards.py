"""Read queries behind the coordinator pages: queue, review, follow-up, uptake and register.

Every function is scoped to the networks the user follows and costs a fixed number of
queries whatever the number of rows (annotated, select_related, aggregated in SQL).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from applications import admission, engine
from applications.access import (
    coordinated_agreements,
    coordinated_allocations,
    coordinated_extra_hours,
)
from applications.models import (
    Allocation,
    Application,
    ApplicationStatus,
    AuditEntry,
    Call,
    ExtraHoursStatus,
)
from applications.selectors import due_agreements
from portal import formatting
from portal.models import FindplaceKind, Network, Psychologist, Role
from portal.permissions import followed_networks

# The call whose admitted psychologists form the register shared with existing services.
REGISTER_CALL_NUMBER = 4
# Follow-up thresholds (Decision, see the follow-up page): allocations ending within
# 60 days; evaluations due within 30 days; "little use" = past the middle of the
# window with less than a quarter of the allocation's minutes used.
ENDING_WITHIN_DAYS = 60
LOW_USE_NUMERATOR, LOW_USE_DENOMINATOR = 1, 4  # 25 %

QUEUE_STATUSES = [s for s in ApplicationStatus if s != ApplicationStatus.DRAFT]

# Quota minutes of the registrations that count (not reversed by a credit note).
COUNTING = Q(registrations__is_credited=False)
USED_MINUTES = Coalesce(Sum("registrations__quota_minutes", filter=COUNTING), Value(0))
TOTAL_MINUTES = F("granted_minutes") + F("bonus_minutes") + F("extra_minutes")


# --- Queue ---------------------------------------------------------------------------


def queue_rows(queryset):
    """Rows of the queue with what the table shows; waiting ones first (`waiting` = 0)."""
    return queryset.select_related("psychologist__user", "call", "findplace", "network").annotate(
        waiting=Case(
            When(status=ApplicationStatus.SUBMITTED, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    )


def status_counts(queryset) -> list[dict]:
    """How many applications per status, in one aggregate query."""
    totals = queryset.aggregate(
        **{status.value: Count("pk", filter=Q(status=status)) for status in QUEUE_STATUSES}
    )
    return [
        {"value": status.value, "label": status.label, "count": totals[status.value]}
        for status in QUEUE_STATUSES
    ]


def waiting_extra_hours(user):
    return (
        coordinated_extra_hours(user)
        .filter(status=ExtraHoursStatus.SUBMITTED)
        .select_related(
            "allocation__psychologist__user", "allocation__call", "allocation__findplace"
        )
        .order_by("created_at", "pk")
    )


# --- Review ----------------------------------------------------------------------------

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


def partner_status(application: Application) -> str:
    """'confirmed', 'declined' or 'waiting' (the partner has not answered yet)."""
    if application.partner_confirmed_at:
        return "confirmed"
    if application.partner_declined_at:
        return "declined"
    return "waiting"


def partner_confirmation_missing(application: Application) -> bool:
    """The call needs the partner's confirmation and it is not there (yet): approving then
    needs an explicit, motivated override (admission.partner_refusals)."""
    return application.call.requires_partner_confirmation and (
        partner_status(application) != "confirmed"
    )


def partner_override(audit: list[dict]) -> dict | None:
    """The audit row of an approval without the partner's confirmation, if there was one."""
    return next((row for row in audit if row["code"] == "partner_override"), None)


def audit_trail(application: Application) -> list[dict]:
    """The audit entries of an application, readable: who, when, what, from → to, why."""
    entries = AuditEntry.objects.filter(application=application).select_related("actor")
    return [_audit_row(entry) for entry in entries]


def _audit_row(entry: AuditEntry) -> dict:
    actor = entry.actor
    return {
        "code": entry.action,
        "at": entry.at,
        "actor": (actor.get_full_name() or actor.username) if actor else _("systeem"),
        "action": entry.action_label(),
        "from_value": entry.value_label(entry.from_value),
        "to_value": entry.value_label(entry.to_value),
        "reason": entry.reason,
    }


# --- Follow-up -------------------------------------------------------------------------


def coordinator_allocations(user):
    return (
        coordinated_allocations(user)
        .filter(is_active=True)
        .select_related("psychologist__user", "call", "findplace", "application")
        .annotate(used_minutes=USED_MINUTES, total=TOTAL_MINUTES)
    )


def ending_allocations(user, today: date):
    """Active allocations whose window ends within the next 60 days."""
    return (
        coordinator_allocations(user)
        .filter(window_end__gte=today, window_end__lte=today + timedelta(days=ENDING_WITHIN_DAYS))
        .order_by("window_end", "pk")
    )


def is_low_use(allocation, today: date) -> bool:
    """Past the middle of the window and less than 25 % of the minutes used."""
    half = (allocation.window_end - allocation.window_start) / 2
    past_middle = today > allocation.window_start + half
    used, total = allocation.used_minutes, allocation.total
    return past_middle and used * LOW_USE_DENOMINATOR < total * LOW_USE_NUMERATOR


def low_use_allocations(user, today: date) -> list:
    """Allocations running today with little use halfway (filtered in Python: one query)."""
    running = coordinator_allocations(user).filter(window_start__lte=today, window_end__gte=today)
    return [a for a in running.order_by("window_end", "pk") if is_low_use(a, today)]


def coordinator_due_agreements(user, today: date):
    return due_agreements(today, coordinated_agreements(user))


# --- Uptake ----------------------------------------------------------------------------


@dataclass
class UptakeRow:
    key: object
    label: str
    granted: int = 0
    registered: int = 0
    billed: int = 0
    short_label: str = ""  # for the chart, where long names do not fit on a phone

    @property
    def percent(self) -> int | None:
        """Registered as a whole percentage of granted, rounded (None without a grant)."""
        return formatting.rounded_percent(self.registered, self.granted)

    def add(self, other: UptakeRow) -> None:
        self.granted += other.granted
        self.registered += other.registered
        self.billed += other.billed


@dataclass
class NetworkUptake:
    network: Network
    by_call: list[UptakeRow] = field(default_factory=list)
    by_kind: list[UptakeRow] = field(default_factory=list)
    total: UptakeRow | None = None


NO_FINDPLACE = _("Zonder vindplaats")


def uptake(user, year: int) -> list[NetworkUptake]:
    """Minutes granted, registered and billed this calendar year, per call and findplace kind.

    Granted: total minutes (granted + bonus + extra) of active allocations whose window
    overlaps the year. Registered and billed: quota minutes of registrations dated in the
    year (billed = already on an invoice). Four queries in all.
    """
    start, end = date(year, 1, 1), date(year, 12, 31)
    networks = list(followed_networks(user, Role.COORDINATOR))
    calls = list(Call.objects.order_by("number"))
    group = ("network_id", "call__number", "findplace__kind")
    granted = (
        coordinated_allocations(user)
        .overlapping(start, end)
        .values(*group)
        .annotate(minutes=Sum(TOTAL_MINUTES))
        .order_by()
    )
    in_year = COUNTING & Q(registrations__date__range=(start, end))
    used = (
        coordinated_allocations(user)
        .filter(in_year)
        .values(*group)
        .annotate(
            registered=Sum("registrations__quota_minutes", filter=in_year),
            billed=Sum(
                "registrations__quota_minutes", filter=in_year & Q(registrations__is_billed=True)
            ),
        )
        .order_by()
    )
    cells: dict[tuple, UptakeRow] = {}
    for row in granted:
        cells.setdefault(tuple(row[k] for k in group), UptakeRow(None, "")).granted += (
            row["minutes"] or 0
        )
    for row in used:
        cell = cells.setdefault(tuple(row[k] for k in group), UptakeRow(None, ""))
        cell.registered += row["registered"] or 0
        cell.billed += row["billed"] or 0
    kind_labels = dict(FindplaceKind.choices)
    result = []
    for network in networks:
        by_call = {
            c.number: UptakeRow(c.number, str(c), short_label=f"{_('Oproep')} {c.number}")
            for c in calls
        }
        by_kind: dict[str | None, UptakeRow] = {}
        total = UptakeRow(None, str(_("Totaal")))
        for (network_id, number, kind), cell in cells.items():
            if network_id != network.pk:
                continue
            by_call.setdefault(number, UptakeRow(number, str(number))).add(cell)
            label = str(kind_labels.get(kind, NO_FINDPLACE)) if kind else str(NO_FINDPLACE)
            by_kind.setdefault(kind, UptakeRow(kind, label)).add(cell)
            total.add(cell)
        result.append(
            NetworkUptake(
                network=network,
                by_call=list(by_call.values()),
                by_kind=sorted(by_kind.values(), key=lambda r: r.label),
                total=total,
            )
        )
    return result


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


# --- Register --------------------------------------------------------------------------


def register_allocations(today: date):
    """Approved call-4 allocations running today (admission to the register)."""
    return Allocation.objects.active_on(today).filter(
        call__number=REGISTER_CALL_NUMBER, application__status=ApplicationStatus.APPROVED
    )


def register_psychologists(today: date):
    """Psychologists in the call-4 register, with their themes, networks and admissions."""
    admitted = register_allocations(today)
    return (
        Psychologist.objects.filter(pk__in=admitted.values("psychologist_id"))
        .select_related("user")
        .prefetch_related(
            "themes",
            "networks",
            Prefetch(
                "allocations",
                queryset=admitted.select_related("network", "application").prefetch_related(
                    "application__themes"
                ),
                to_attr="register_allocations",
            ),
        )
        .order_by("user__last_name", "user__first_name", "pk")
    )


def register_themes(psychologist) -> list:
    """The psychologist's themes: their profile and those of their call-4 applications."""
    themes = {t.pk: t for t in psychologist.themes.all()}
    for allocation in psychologist.register_allocations:
        themes.update({t.pk: t for t in allocation.application.themes.all()})
    return sorted(themes.values(), key=lambda t: t.name)
