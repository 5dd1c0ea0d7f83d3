"""What a call edition must hold before it may be saved or scheduled (pure, no queries).

A network's staff configure their calls without a deploy, so an edition is checked here
the same way whatever page or command writes it: quotas and windows positive and
plausible, every bound in order, at least one work form, and no two editions of one call
in force on the same day (an application must fall under exactly one).
"""

from datetime import date

from django.utils.translation import gettext as _

from applications.engine.calls import Refusal

# Plausible ceilings: four times the largest quota of the first edition (96 h), at most
# two years of window or bonus, a day of activity, and a large room of attendees.
MAX_QUOTA_MINUTES = 400 * 60
MAX_WINDOW_MONTHS = 24
MAX_ACTIVITY_MINUTES = 24 * 60
MAX_ATTENDEES = 999


def edition_refusals(values: dict, work_forms: list[dict]) -> list[Refusal]:
    """The refusals of an edition's own values (`values`: the CallEdition fields)."""
    refusals = []
    quota = values.get("quota_minutes") or 0
    exception = values.get("exception_quota_minutes") or 0
    window = values.get("window_months") or 0
    if not 1 <= quota <= MAX_QUOTA_MINUTES or not 0 <= exception <= MAX_QUOTA_MINUTES:
        refusals.append(
            Refusal(
                "quota_not_positive",
                _(
                    "Het quotum moet minstens 1 minuut zijn en hoogstens %(most)s uur. Vul "
                    "het quotum in minuten in (48 uur = 2880)."
                )
                % {"most": MAX_QUOTA_MINUTES // 60},
            )
        )
    if not 1 <= window <= MAX_WINDOW_MONTHS:
        refusals.append(
            Refusal(
                "window_out_of_range",
                _("De looptijd moet tussen 1 en %(most)s maanden liggen.")
                % {"most": MAX_WINDOW_MONTHS},
            )
        )
    if (values.get("start_bonus_months") or 0) > window or (
        bool(values.get("start_bonus_minutes")) != bool(values.get("start_bonus_months"))
    ):
        refusals.append(
            Refusal(
                "bonus_not_in_window",
                _(
                    "Een startbonus heeft uren én een geldigheid van hoogstens de looptijd. "
                    "Vul beide in, of laat beide op 0."
                ),
            )
        )
    if exception and exception < quota:
        refusals.append(
            Refusal(
                "bounds_not_ordered",
                _("Het uitzonderingsquotum moet groter zijn dan het gewone quotum, of 0."),
            )
        )
    refusals += _validity_refusals(values.get("valid_from"), values.get("valid_until"))
    refusals += work_form_refusals(work_forms)
    return refusals


def _validity_refusals(valid_from: date | None, valid_until: date | None) -> list[Refusal]:
    if valid_from is None:
        return [Refusal("validity_missing", _("Vul in vanaf welke dag deze editie geldt."))]
    if valid_until is not None and valid_until < valid_from:
        return [
            Refusal(
                "bounds_not_ordered",
                _("De editie kan niet eindigen voor ze begint. Kies een latere einddatum."),
            )
        ]
    return []


def work_form_refusals(work_forms: list[dict]) -> list[Refusal]:
    if not work_forms:
        return [
            Refusal(
                "work_forms_required",
                _("Een editie laat minstens één werkvorm toe. Vink er minstens één aan."),
            )
        ]
    refusals = []
    for rule in work_forms:
        low, high = rule.get("min_minutes"), rule.get("max_minutes")
        attendees = rule.get("min_attendees") or 0
        in_range = all(
            value is None or 0 <= value <= MAX_ACTIVITY_MINUTES
            for value in (low, high, rule.get("prep_minutes"))
        )
        if not in_range or not 1 <= attendees <= MAX_ATTENDEES:
            refusals.append(
                Refusal(
                    "work_form_out_of_range",
                    _(
                        "%(form)s: duur en voorbereiding liggen tussen 0 en 24 uur, het "
                        "minimum aantal aanwezigen tussen 1 en %(most)s."
                    )
                    % {"form": rule["label"], "most": MAX_ATTENDEES},
                )
            )
        elif low is not None and high is not None and low > high:
            refusals.append(
                Refusal(
                    "bounds_not_ordered",
                    _(
                        "%(form)s: de minimumduur is langer dan de maximumduur. Wissel ze om "
                        "of pas er een aan."
                    )
                    % {"form": rule["label"]},
                )
            )
    return refusals


def overlap_refusals(
    valid_from: date, valid_until: date | None, others: list[tuple[date, date | None]]
) -> list[Refusal]:
    """Refused when [valid_from, valid_until] shares a day with another edition's validity."""
    end = valid_until or date.max
    for other_from, other_until in others:
        if valid_from <= (other_until or date.max) and other_from <= end:
            until = f"{other_until:%d/%m/%Y}" if other_until else "…"
            return [
                Refusal(
                    "editions_overlap",
                    _(
                        "Deze oproep heeft al een editie van %(start)s tot %(end)s. Twee "
                        "edities mogen niet op dezelfde dag gelden: kies een andere "
                        "geldigheid."
                    )
                    % {"start": f"{other_from:%d/%m/%Y}", "end": until},
                )
            ]
    return []
