"""The allocation engine: every hour quota and eligibility rule of the four calls.

Pure functions over plain values and model instances that are already loaded: no
queries, no writes, no request. Services load what a rule needs, lock it, and ask here.
Each refusal carries a stable code (tests assert on it) and a Dutch message that says
which rule was hit and what to do next. What an application must carry to be submitted
or approved (portfolio, cooperation agreement, the partner's confirmation) and which
applications compete for one quota are the engine's admission rules, in admission.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from applications.models import QuotaBasis
from portal.dates import add_months
from portal.formatting import hours
from portal.models import EDUCATION_KINDS, LEISURE_KINDS


class Refusal(NamedTuple):
    code: str
    message: str


@dataclass(frozen=True)
class WorkFormRule:
    work_form: str
    min_attendees: int = 1
    min_minutes: int | None = None
    max_minutes: int | None = None
    prep_minutes: int = 0
    requires_consent: bool = False


@dataclass(frozen=True)
class CallRules:
    """The rules of one call as plain values (built from a `Call` and its work forms)."""

    number: int
    quota_minutes: int
    window_months: int = 12
    quota_basis: str = QuotaBasis.PSYCHOLOGIST
    # Call 2: one quota per findplace, shared by every psychologist there.
    quota_shared_at_findplace: bool = False
    start_bonus_minutes: int = 0
    start_bonus_months: int = 0
    exception_quota_minutes: int = 0
    requires_findplace: bool = False
    requires_leisure_findplace: bool = False
    requires_structural_offer: bool = False
    min_weekly_individual_minutes: int = 0
    min_group_trajectories: int = 0
    requires_agreement: bool = False
    requires_portfolio: bool = False
    requires_partner_confirmation: bool = False
    exclusions_apply: bool = False
    open_for_education: bool = False
    prep_counts_against_quota: bool = True
    work_forms: dict[str, WorkFormRule] = field(default_factory=dict)

    @classmethod
    def from_call(cls, call) -> CallRules:
        """Build from a `Call` model; prefetch `work_forms` to keep this query-free."""
        return cls(
            number=call.number,
            quota_minutes=call.quota_minutes,
            quota_basis=call.quota_basis,
            quota_shared_at_findplace=call.quota_basis == QuotaBasis.FINDPLACE,
            window_months=call.window_months,
            start_bonus_minutes=call.start_bonus_minutes,
            start_bonus_months=call.start_bonus_months,
            exception_quota_minutes=call.exception_quota_minutes,
            requires_findplace=call.requires_findplace,
            requires_leisure_findplace=call.requires_leisure_findplace,
            requires_structural_offer=call.requires_structural_offer,
            min_weekly_individual_minutes=call.min_weekly_individual_minutes,
            min_group_trajectories=call.min_group_trajectories,
            requires_agreement=call.requires_agreement,
            requires_portfolio=call.requires_portfolio,
            requires_partner_confirmation=call.requires_partner_confirmation,
            exclusions_apply=call.exclusions_apply,
            open_for_education=call.open_for_education,
            prep_counts_against_quota=call.prep_counts_against_quota,
            work_forms={
                wf.work_form: WorkFormRule(
                    work_form=wf.work_form,
                    min_attendees=wf.min_attendees,
                    min_minutes=wf.min_minutes,
                    max_minutes=wf.max_minutes,
                    prep_minutes=wf.prep_minutes,
                    requires_consent=wf.requires_consent,
                )
                for wf in call.work_forms.all()
            },
        )


# --- Windows and the start bonus -------------------------------------------------------


def window(rules: CallRules, start: date) -> tuple[date, date]:
    """The allocation window: from `start` up to and including the day before start + N months."""
    return start, add_months(start, rules.window_months) - timedelta(days=1)


def start_bonus(
    rules: CallRules,
    window_start: date,
    window_end: date,
    findplace_start: date | None,
    *,
    already_granted: bool = False,
) -> tuple[int, date | None]:
    """Bonus minutes and the first day they no longer apply.

    Decision (domain.md): a psychologist "starts" at a findplace when their start date
    there lies inside the window; the bonus covers activities before start + 6 months.
    A psychologist starts at a findplace once: a second allocation there (one granted
    under the quota, say) gets no second bonus.
    """
    if not rules.start_bonus_minutes or findplace_start is None or already_granted:
        return 0, None
    if not window_start <= findplace_start <= window_end:
        return 0, None
    return rules.start_bonus_minutes, add_months(findplace_start, rules.start_bonus_months)


# --- Applications ----------------------------------------------------------------------


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


class GrantedSlice(NamedTuple):
    """Minutes already granted on the same quota basis in an overlapping window (from
    `start` to `end`; without them, the slice counts on every day of the new window)."""

    minutes: int
    exclusive: bool = False
    start: date | None = None
    end: date | None = None


def peak_minutes(granted: Sequence[GrantedSlice], window_start: date | None = None) -> int:
    """The most minutes granted on any one day from `window_start` on.

    The quota caps the allocations whose windows overlap each other; windows (intervals)
    that overlap each other pairwise share a day, so that is the largest total on one day.
    The total only rises where a window starts, so those days are the ones to check.
    Allocations in windows that do not overlap each other (2025 and 2026) each use the
    quota in full, next to a third window that overlaps both.
    """
    days = {window_start} | {
        g.start for g in granted if g.start and (window_start is None or g.start > window_start)
    }

    def active(grant: GrantedSlice, day: date | None) -> bool:
        return day is None or (
            (grant.start is None or grant.start <= day) and (grant.end is None or day <= grant.end)
        )

    return max(sum(g.minutes for g in granted if active(g, day)) for day in days)


def grantable_minutes(
    rules: CallRules,
    requested_minutes: int,
    overlapping: Sequence[GrantedSlice] = (),
    *,
    window_start: date | None = None,
    exception_requested: bool = False,
    findplace_is_overkophuis: bool = False,
) -> int:
    """The most a coordinator may grant now: the request, capped by what the quota leaves.

    The quota is shared by every allocation on the same basis whose window overlaps
    (call 2: all psychologists at one findplace), on its busiest day (`peak_minutes`). An
    OverKophuis exception raises the cap for one single psychologist, so it needs a
    findplace with no overlapping grant, and once granted it leaves nothing for anyone
    else (Decision in domain.md).
    """
    if any(grant.exclusive for grant in overlapping):
        return 0
    used = peak_minutes(overlapping, window_start)
    cap = rules.quota_minutes
    if (
        exception_requested
        and findplace_is_overkophuis
        and rules.exception_quota_minutes
        and not overlapping
    ):
        cap = rules.exception_quota_minutes
    return max(0, min(requested_minutes, cap - used))


def approval_refusals(rules: CallRules, granted_minutes: int, grantable: int) -> list[Refusal]:
    """Refusals of granting `granted_minutes` when the engine allows `grantable`."""
    if granted_minutes <= 0:
        return [
            Refusal("hours_above_max", _("Ken minstens één minuut toe, of wijs de aanvraag af."))
        ]
    if grantable <= 0:
        return [quota_full_refusal(rules)]
    if granted_minutes > grantable:
        return [
            Refusal(
                "hours_above_max",
                _("U kunt hoogstens %(max)s toekennen voor deze aanvraag. Verlaag het aantal uren.")
                % {"max": hours(grantable)},
            )
        ]
    return []


def quota_full_refusal(rules: CallRules) -> Refusal:
    """Nothing can be granted: the quota is already held in an overlapping window."""
    message = (
        _(
            "Het maximum voor deze vindplaats is al toegekend aan andere psychologen in een "
            "overlappende periode. Er kan niets meer toegekend worden; wijs af of kies een "
            "latere startdatum."
        )
        if rules.quota_shared_at_findplace
        else _(
            "Deze psycholoog kreeg het volledige quotum van deze oproep al in een "
            "overlappende periode. Er kan niets meer toegekend worden; wijs af, kies een "
            "latere startdatum, of laat de psycholoog extra uren aanvragen op de lopende "
            "toekenning."
        )
    )
    return Refusal("findplace_cap_reached", message)


def is_exclusive_grant(rules: CallRules, granted_minutes: int) -> bool:
    """A grant above the normal quota uses the OverKophuis exception."""
    return bool(rules.exception_quota_minutes) and granted_minutes > rules.quota_minutes


# --- Quota use of an allocation --------------------------------------------------------


class Usage(NamedTuple):
    """Minutes used on an allocation before and from the day the start bonus ends."""

    before_bonus_end: int = 0
    after_bonus_end: int = 0

    @property
    def total(self) -> int:
        return self.before_bonus_end + self.after_bonus_end


def usage(records: Iterable[tuple[date, int]], bonus_until: date | None) -> Usage:
    """Split (date, minutes) records at the bonus end date."""
    before = after = 0
    for day, minutes in records:
        if bonus_until is not None and day < bonus_until:
            before += minutes
        else:
            after += minutes
    return Usage(before, after)


def remaining_minutes(allocation, used: Usage, on: date) -> int:
    """Minutes still registrable on an allocation for an activity dated `on`.

    With u1 minutes used before the bonus end and u2 after, the rule is
    u1 + u2 <= base + min(bonus, u1): the bonus only counts for time used in the
    first months. Base is the granted minutes plus extra hours granted later.
    """
    base = allocation.granted_minutes + allocation.extra_minutes
    bonus = allocation.bonus_minutes
    bonus_open = allocation.bonus_until is not None and on < allocation.bonus_until
    if bonus_open:
        left = base + bonus - used.total
    else:
        left = base + min(bonus, used.before_bonus_end) - used.total
    return max(0, left)


def counted_minutes(rules: CallRules, work_form: str, duration_minutes: int) -> int:
    """Minutes a registration takes from the quota: its duration plus prep where it counts."""
    return duration_minutes + (
        prep_minutes(rules, work_form) if rules.prep_counts_against_quota else 0
    )


def prep_minutes(rules: CallRules, work_form: str) -> int:
    rule = rules.work_forms.get(work_form)
    return rule.prep_minutes if rule else 0


# --- Registrations ---------------------------------------------------------------------


# An activity lasts at most a day (the database has the same constraint) and has at most
# this many attendees: more is a typing error, not a workshop.
MAX_ACTIVITY_MINUTES = 24 * 60
MAX_ATTENDEES = 999


@dataclass(frozen=True)
class Activity:
    """A registration as the engine sees it (new, or the new values of an edit)."""

    date: date
    start_time: object  # datetime.time; None when the form left it empty
    duration_minutes: int
    work_form: str
    attendees: int
    client_consent: bool = False

    def interval(self) -> tuple[int, int] | None:
        """Start and end in minutes since the first day of the calendar: integers, so an
        activity on 31/12/9999 that runs past midnight cannot overflow a datetime."""
        if self.start_time is None:
            return None
        start = self.date.toordinal() * 1440 + self.start_time.hour * 60 + self.start_time.minute
        return start, start + self.duration_minutes


def overlaps(activity: Activity, others: Iterable[Activity]) -> bool:
    """Does the activity overlap in time with another activity of the same psychologist?"""
    interval = activity.interval()
    if interval is None:
        return False
    start, end = interval
    for other in others:
        other_interval = other.interval()
        if other_interval and other_interval[0] < end and start < other_interval[1]:
            return True
    return False


def registration_refusals(
    rules: CallRules,
    allocation,
    activity: Activity,
    *,
    today: date,
    used: Usage,
    others_that_day: Iterable[Activity] = (),
) -> list[Refusal]:
    """Every rule a registration breaks; `used` excludes the registration being edited."""
    refusals = []
    if not allocation.is_active:
        refusals.append(
            Refusal(
                "not_approved",
                _(
                    "Deze toekenning is niet (meer) goedgekeurd. U kunt er geen activiteiten op "
                    "registreren; neem contact op met uw lokale coördinator."
                ),
            )
        )
    if not allocation.window_start <= activity.date <= allocation.window_end:
        refusals.append(
            Refusal(
                "outside_window",
                _(
                    "De datum valt buiten de periode van deze toekenning (%(start)s tot en met "
                    "%(end)s). Kies een datum binnen die periode of registreer op een andere toekenning."
                )
                % {
                    "start": allocation.window_start.strftime("%d/%m/%Y"),
                    "end": allocation.window_end.strftime("%d/%m/%Y"),
                },
            )
        )
    if activity.date > today:
        refusals.append(
            Refusal(
                "in_future",
                _(
                    "U kunt enkel activiteiten registreren die al plaatsvonden. Registreer deze "
                    "activiteit na afloop."
                ),
            )
        )
    if activity.duration_minutes > MAX_ACTIVITY_MINUTES:
        refusals.append(
            Refusal(
                "longer_than_a_day",
                _(
                    "Een activiteit duurt hoogstens %(max)s. Registreer een langere activiteit als "
                    "meerdere activiteiten."
                )
                % {"max": hours(MAX_ACTIVITY_MINUTES)},
            )
        )
    if activity.attendees > MAX_ATTENDEES:
        refusals.append(
            Refusal(
                "too_many_attendees",
                _("Geef hoogstens %(max)d aanwezigen op. Controleer het aantal.")
                % {"max": MAX_ATTENDEES},
            )
        )
    rule = rules.work_forms.get(activity.work_form)
    if rule is None:
        refusals.append(
            Refusal(
                "work_form_not_allowed",
                _(
                    "Deze werkvorm hoort niet bij oproep %(call)d. Kies een van de werkvormen van "
                    "deze oproep."
                )
                % {"call": rules.number},
            )
        )
    else:
        refusals.extend(_work_form_refusals(rule, activity))
    if overlaps(activity, others_that_day):
        refusals.append(
            Refusal(
                "overlap",
                _(
                    "U heeft op dat moment al een andere activiteit geregistreerd. Controleer het "
                    "beginuur en de duur."
                ),
            )
        )
    if activity.duration_minutes > 0 and not refusals:
        needed = counted_minutes(rules, activity.work_form, activity.duration_minutes)
        left = remaining_minutes(allocation, used, activity.date)
        if needed > left:
            refusals.append(
                Refusal(
                    "quota_exceeded",
                    _(
                        "Deze activiteit telt voor %(needed)s, maar op deze toekenning blijft nog "
                        "%(left)s over: u komt %(missing)s tekort. Registreer een kortere duur of "
                        "vraag extra uren aan bij uw lokale coördinator."
                    )
                    % {
                        "needed": hours(needed),
                        "left": hours(left),
                        "missing": hours(needed - left),
                    },
                )
            )
    return refusals


def _work_form_refusals(rule: WorkFormRule, activity: Activity) -> list[Refusal]:
    refusals = []
    duration = activity.duration_minutes
    if duration <= 0 or (rule.min_minutes is not None and duration < rule.min_minutes):
        refusals.append(
            Refusal(
                "too_short",
                _("Deze werkvorm duurt minstens %(min)s. Pas de duur aan.")
                % {"min": hours(rule.min_minutes or 1)},
            )
        )
    if rule.max_minutes is not None and duration > rule.max_minutes:
        refusals.append(
            Refusal(
                "too_long",
                _(
                    "Deze werkvorm duurt hoogstens %(max)s. Registreer een langere activiteit als "
                    "meerdere activiteiten of pas de duur aan."
                )
                % {"max": hours(rule.max_minutes)},
            )
        )
    if activity.attendees < rule.min_attendees:
        refusals.append(
            Refusal(
                "too_few_attendees",
                ngettext(
                    "Voor deze werkvorm moet minstens %(count)d eerstelijnsactor aanwezig zijn.",
                    "Voor deze werkvorm moeten minstens %(count)d eerstelijnsactoren aanwezig zijn.",
                    rule.min_attendees,
                )
                % {"count": rule.min_attendees},
            )
        )
    if rule.requires_consent and not activity.client_consent:
        refusals.append(
            Refusal(
                "consent_required",
                _(
                    "Een co-consult kan enkel met voorafgaande toestemming van de cliënt. Vraag eerst "
                    "die toestemming."
                ),
            )
        )
    return refusals


def change_refusals(is_billed: bool) -> list[Refusal]:
    """A billed registration is locked: corrections go through a credit note."""
    if is_billed:
        return [
            Refusal(
                "already_billed",
                _(
                    "Deze registratie is al gefactureerd en kan niet meer gewijzigd of verwijderd "
                    "worden. Vraag een creditnota aan bij uw netwerk."
                ),
            )
        ]
    return []
