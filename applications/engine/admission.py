"""The engine's admission rules: what an application must carry to be submitted or approved,
and which applications may not compete for one quota.

Pure like the rest of the engine: plain values and model instances already loaded, no
queries, no writes. Services load what a rule needs and ask here; forms ask here for a
preview. Whether the application itself is eligible is in eligibility.py.

Decision — what a submitted application carries. A call with `requires_portfolio`
(3 and 4) needs a portfolio; a call with `requires_agreement` (3) needs a cooperation
agreement that states the minimum hours, the regularity, the agreed work forms (of this
call), the way of contacting, the evaluation arrangement and the date of the next
evaluation, at most 12 months after the start date (evaluated at least yearly), and is
uploaded signed. Checked at submit and again at approval.

Decision — the partner confirms before approval. Where the call asks it (calls 1–3) an
application whose partner has not confirmed (or declined) is not approved, unless the
coordinator overrides with a reason; the service audits the override.

Decision — one quota, one open application. Submitting is refused when
- another application of the same psychologist on the same quota is still open
  (submitted, or sent back for changes) and their windows overlap
  (`pending_application_exists`); or
- the quota is already fully granted in an overlapping window, so nothing could be
  granted (`quota_used_up`).
"The same quota" follows the call's quota basis:
- per psychologist (call 4): the same call;
- per psychologist per findplace (call 1): the same call and findplace;
- per findplace (call 2): the same call and findplace; open applications count for this
  psychologist only, granted hours of every psychologist there count;
- per agreement (call 3): the same call and the same partner: the same e-mail address, or
  the same name (case and spacing ignored).
A second open application can only get what the first one leaves: the psychologist waits
for the decision (and asks extra hours on the allocation), or withdraws or edits the open
one. Approval is not blocked by an open sibling: the coordinator picks one, and the quota
(grants.grantable_minutes) then refuses the other.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from applications.engine.calls import CallRules, Refusal
from applications.engine.grants import GrantedSlice
from applications.engine.windows import windows_overlap
from applications.models import ApplicationStatus, QuotaBasis
from portal.dates import add_months

# Applications that still compete for their quota: waiting for a decision, or sent back.
OPEN_STATUSES = (ApplicationStatus.SUBMITTED, ApplicationStatus.CHANGES_REQUESTED)
EVALUATION_MONTHS = 12
# Every code agreement_refusals returns: the review page shows them on one line.
AGREEMENT_CODES = frozenset(
    {
        "agreement_required",
        "agreement_minimum_required",
        "agreement_periodicity_required",
        "agreement_work_forms_required",
        "agreement_work_form_not_allowed",
        "agreement_contact_required",
        "agreement_evaluation_required",
        "evaluation_date_required",
        "evaluation_too_late",
        "agreement_signature_required",
    }
)


def _day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


# --- Portfolio -------------------------------------------------------------------------


def portfolio_refusals(rules: CallRules, portfolio: str) -> list[Refusal]:
    if rules.requires_portfolio and not (portfolio or "").strip():
        return [
            Refusal(
                "portfolio_required",
                _(
                    "Deze oproep vraagt een portfolio van uw expertise en ervaring met "
                    "ondersteunende opdrachten. Vul het portfolio in en dien opnieuw in."
                ),
            )
        ]
    return []


# --- The cooperation agreement (call 3) ------------------------------------------------


@dataclass(frozen=True)
class AgreementTerms:
    """What a cooperation agreement states, as plain values (from the model or a form)."""

    minimum_minutes: int = 0
    periodicity: str = ""
    work_forms: tuple[str, ...] = ()
    contact_arrangement: str = ""
    evaluation_arrangement: str = ""
    next_evaluation_date: date | None = None
    signed: bool = False

    @classmethod
    def from_agreement(cls, agreement) -> AgreementTerms:
        return cls(
            minimum_minutes=agreement.minimum_minutes or 0,
            periodicity=agreement.periodicity,
            work_forms=tuple(w for w in agreement.work_forms.split(",") if w),
            contact_arrangement=agreement.contact_arrangement,
            evaluation_arrangement=agreement.evaluation_arrangement,
            next_evaluation_date=agreement.next_evaluation_date,
            signed=bool(agreement.signed_pdf),
        )


def evaluation_refusals(start_date: date | None, next_evaluation: date | None) -> list[Refusal]:
    """The agreement is evaluated at least yearly: the next evaluation is at most 12 months
    after the start date (exactly 12 months is still in time)."""
    if start_date is None or next_evaluation is None:
        return []
    latest = add_months(start_date, EVALUATION_MONTHS)
    if next_evaluation > latest:
        return [
            Refusal(
                "evaluation_too_late",
                _(
                    "De samenwerking wordt minstens jaarlijks geëvalueerd: kies een datum van "
                    "de volgende evaluatie uiterlijk op %(latest)s (12 maanden na de startdatum)."
                )
                % {"latest": _day(latest)},
            )
        ]
    return []


def agreement_refusals(
    rules: CallRules, terms: AgreementTerms | None, start_date: date | None
) -> list[Refusal]:
    """Every rule the cooperation agreement breaks (none when the call needs no agreement)."""
    if not rules.requires_agreement:
        return []
    if terms is None:
        return [
            Refusal(
                "agreement_required",
                _(
                    "Deze oproep vraagt een schriftelijke samenwerkingsovereenkomst met de "
                    "partner. Vul de afspraken van de overeenkomst in en laad ze ondertekend op."
                ),
            )
        ]
    missing = [
        (
            terms.minimum_minutes <= 0,
            "agreement_minimum_required",
            _("Vermeld in de overeenkomst het minimaal aantal uren dat u samen gebruikt."),
        ),
        (
            not terms.periodicity.strip(),
            "agreement_periodicity_required",
            _("Vermeld in de overeenkomst de regelmaat (bv. elke eerste vrijdag van de maand)."),
        ),
        (
            not terms.work_forms,
            "agreement_work_forms_required",
            _("Duid in de overeenkomst minstens één afgesproken werkvorm aan."),
        ),
        (
            not terms.contact_arrangement.strip(),
            "agreement_contact_required",
            _("Vermeld in de overeenkomst hoe de partner u contacteert."),
        ),
        (
            not terms.evaluation_arrangement.strip(),
            "agreement_evaluation_required",
            _("Vermeld in de overeenkomst de afspraken over de evaluatie."),
        ),
        (
            terms.next_evaluation_date is None,
            "evaluation_date_required",
            _(
                "Vul de datum van de volgende evaluatie in: de samenwerking wordt minstens "
                "jaarlijks geëvalueerd."
            ),
        ),
        (
            not terms.signed,
            "agreement_signature_required",
            _("Laad de ondertekende samenwerkingsovereenkomst op (PDF)."),
        ),
    ]
    refusals = [Refusal(code, message) for broken, code, message in missing if broken]
    unknown = [w for w in terms.work_forms if w not in rules.work_forms]
    if unknown:
        refusals.append(
            Refusal(
                "agreement_work_form_not_allowed",
                _(
                    "De overeenkomst noemt een werkvorm die niet bij oproep %(call)d hoort. "
                    "Kies enkel werkvormen van deze oproep."
                )
                % {"call": rules.number},
            )
        )
    refusals.extend(evaluation_refusals(start_date, terms.next_evaluation_date))
    return refusals


# --- The partner's confirmation (calls 1-3) --------------------------------------------


def partner_refusals(
    rules: CallRules, application, *, override: bool = False, override_reason: str = ""
) -> list[Refusal]:
    """Approval needs the partner's confirmation, unless the coordinator overrides it with
    a reason."""
    if not rules.requires_partner_confirmation or application.partner_confirmed_at:
        return []
    if override:
        if override_reason.strip():
            return []
        return [
            Refusal(
                "override_reason_required",
                _(
                    "Motiveer waarom u goedkeurt zonder bevestiging van de partner, of wacht "
                    "op die bevestiging."
                ),
            )
        ]
    if application.partner_declined_at:
        return [
            Refusal(
                "partner_declined",
                _(
                    "De partner heeft de samenwerking geweigerd. Wijs de aanvraag af, vraag een "
                    "aanpassing (een andere partner), of keur goed met een gemotiveerde "
                    "uitzondering."
                ),
            )
        ]
    return [
        Refusal(
            "partner_not_confirmed",
            _(
                "De partner heeft de samenwerking nog niet bevestigd. Wacht op die bevestiging, "
                "of keur goed met een gemotiveerde uitzondering."
            ),
        )
    ]


# --- Competing for one quota -----------------------------------------------------------


def _normal(text: str) -> str:
    return " ".join((text or "").split()).casefold()


def same_partner(application, other) -> bool:
    """The same partner: the same e-mail address, or the same name (case and spacing ignored)."""
    email, other_email = _normal(application.partner_email), _normal(other.partner_email)
    name, other_name = _normal(application.partner_name), _normal(other.partner_name)
    return bool((email and email == other_email) or (name and name == other_name))


def same_quota(rules: CallRules, application, other) -> bool:
    """Do two applications under this call draw on one quota? (see the Decision above)"""
    if rules.quota_basis == QuotaBasis.AGREEMENT:
        return same_partner(application, other)
    if rules.quota_basis in (QuotaBasis.FINDPLACE, QuotaBasis.PSYCHOLOGIST_FINDPLACE):
        return application.findplace_id is not None and (
            application.findplace_id == other.findplace_id
        )
    return True


def shares_quota(rules: CallRules, application, allocation, start: date, end: date) -> bool:
    """Does `allocation` draw on the quota of `application`, whose window runs from `start`
    to `end`? An active allocation of the same call in an overlapping window, on the same
    quota (see the Decision above): granted hours of every psychologist at the findplace
    count for call 2, the psychologist's own for the other calls. Never its own allocation.
    """
    if (
        not allocation.is_active
        or allocation.application_id == application.pk
        or allocation.call_id != application.call_id
        or not (allocation.window_start <= end and start <= allocation.window_end)
    ):
        return False
    basis = rules.quota_basis
    if basis == QuotaBasis.AGREEMENT:
        return allocation.psychologist_id == application.psychologist_id and same_partner(
            application, allocation.application
        )
    same_findplace = allocation.findplace_id == application.findplace_id
    same_psychologist = allocation.psychologist_id == application.psychologist_id
    if basis == QuotaBasis.FINDPLACE:
        return same_findplace
    if basis == QuotaBasis.PSYCHOLOGIST_FINDPLACE:
        return same_findplace and same_psychologist
    return same_psychologist


def _described(rules: CallRules, application) -> str:
    """ "oproep 4 vanaf 01/01/2025", with the findplace or partner where the quota is theirs."""
    text = _("oproep %(call)d vanaf %(start)s") % {
        "call": rules.number,
        "start": _day(application.start_date),
    }
    if rules.quota_basis == QuotaBasis.AGREEMENT and application.partner_name:
        text += " " + _("met %(partner)s") % {"partner": application.partner_name}
    elif application.findplace_id and application.findplace is not None:
        text += " " + _("bij %(findplace)s") % {"findplace": application.findplace.name}
    return text


def pending_refusals(rules: CallRules, application, others: Iterable) -> list[Refusal]:
    """Another open application of the same psychologist on the same quota, overlapping.

    `others` are the psychologist's other applications under this call (any status).
    """
    competing = [
        other
        for other in others
        if other.status in OPEN_STATUSES
        and same_quota(rules, application, other)
        and windows_overlap(rules, application.start_date, other.start_date)
    ]
    if not competing:
        return []
    other = competing[0]
    if other.status == ApplicationStatus.CHANGES_REQUESTED:
        message = _(
            "U heeft al een aanvraag voor %(other)s die op uw aanpassing wacht; beide aanvragen "
            "gebruiken hetzelfde quotum. Pas die aanvraag aan en dien ze opnieuw in, of trek "
            "ze in en dien dan deze aanvraag in."
        )
    else:
        message = _(
            "U heeft al een aanvraag voor %(other)s die op een beslissing wacht; beide "
            "aanvragen gebruiken hetzelfde quotum. Wacht op de beslissing (en vraag daarna zo "
            "nodig extra uren aan op de toekenning), of trek die aanvraag in en dien dan deze "
            "aanvraag in."
        )
    return [Refusal("pending_application_exists", message % {"other": _described(rules, other)})]


def quota_used_up_refusals(
    rules: CallRules, grantable: int, held: Sequence[GrantedSlice] = ()
) -> list[Refusal]:
    """At submit: nothing could be granted, the quota is held in an overlapping window."""
    if grantable > 0:
        return []
    ends = [grant.end for grant in held if grant.end]
    until = _day(max(ends)) if ends else ""
    if rules.quota_shared_at_findplace:
        message = _(
            "Het maximum van deze vindplaats is al toegekend in een overlappende periode "
            "(tot %(until)s). Kies een latere startdatum of een andere vindplaats."
        )
    else:
        message = _(
            "U kreeg het volledige quotum hiervoor al op een toekenning die loopt tot "
            "%(until)s. Vraag extra uren aan op die toekenning, of kies een startdatum na "
            "%(until)s."
        )
    return [Refusal("quota_used_up", message % {"until": until or "–"})]
