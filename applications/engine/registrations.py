"""Whether an activity may be registered or changed: the registration rules of every call.

A registration lies inside its allocation's window, on or before today, on an approved
allocation, with a work form of the call and its durations and attendees, without
overlapping another activity of the psychologist, and within what is left of the quota
(extra hours included). Only an activity that passes every other rule is weighed against
the quota, so a refused one never also reads "quota exceeded". A billed registration is
locked: corrections go through a credit note, which opens it again for the correction
(docs/credit-notes.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from applications.engine.calls import CallRules, Refusal, WorkFormRule
from applications.engine.quota_use import Usage, counted_minutes, remaining_minutes
from portal.formatting import hours

# An activity lasts at most a day (the database constraint on registrations reads this
# too) and has at most this many attendees: more is a typing error, not a workshop.
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


def keeps_consent(rules: CallRules, work_form: str) -> bool:
    """Is the client's consent stored with an activity of this work form? Only where the
    work form asks for it (co-consult): the portal keeps nothing about clients it does not
    need."""
    rule = rules.work_forms.get(work_form)
    return bool(rule and rule.requires_consent)


def change_refusals(is_billed: bool, is_credited: bool = False) -> list[Refusal]:
    """A billed registration is locked: corrections go through a credit note. A credited
    one is open again for its correction, unless it was withdrawn (billed and credited:
    its invoice and credit note keep it, and it is never billed again)."""
    if is_billed and is_credited:
        return [
            Refusal(
                "withdrawn",
                _(
                    "Deze registratie werd gecrediteerd en ingetrokken; ze kan niet meer gewijzigd "
                    "of verwijderd worden. Vond de activiteit toch plaats? Registreer ze opnieuw."
                ),
            )
        ]
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
