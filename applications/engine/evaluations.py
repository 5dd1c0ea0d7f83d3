"""The yearly evaluation of a call-3 cooperation agreement (domain: "Evaluated at least
yearly"): what a recorded evaluation must hold, and when a late one blocks registering.

* An evaluation took place (not in the future, not before the agreement's window began)
  and plans the next one at most 12 months later, as the agreement itself must.
* **Decision — the block**: an agreement whose planned evaluation is more than two
  calendar months past takes no new registrations of activities on those days until an
  evaluation is recorded (an activity exactly two months after the planned date is still
  allowed). The activity's date decides, not the day it is typed in: an activity that
  took place while the agreement was in order may still be registered late. Recording the
  evaluation moves the planned date, which lifts the block. Changing an existing
  registration stays allowed: a correction must not wait for a meeting. An agreement
  without a planned date (older data) is not blocked; the follow-up page lists it as due.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.translation import gettext as _

from applications.engine.admission import EVALUATION_MONTHS
from applications.engine.calls import Refusal
from portal.dates import add_months

# How late an evaluation may be before the agreement takes no new registrations.
OVERDUE_GRACE_MONTHS = 2
_ONE_DAY = timedelta(days=1)


def _day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def blocked_since(next_evaluation: date | None) -> date | None:
    """The first day on which a late evaluation blocks new registrations (None: never)."""
    if next_evaluation is None:
        return None
    return add_months(next_evaluation, OVERDUE_GRACE_MONTHS) + _ONE_DAY


def is_overdue(next_evaluation: date | None, day: date) -> bool:
    """Is the evaluation over two months late on `day` (activities then are blocked)?"""
    since = blocked_since(next_evaluation)
    return since is not None and day >= since


def overdue_refusals(next_evaluation: date | None, activity_date: date) -> list[Refusal]:
    """A new activity on a day the agreement's evaluation was over two months late."""
    if not is_overdue(next_evaluation, activity_date):
        return []
    return [
        Refusal(
            "evaluation_overdue",
            _(
                "De jaarlijkse evaluatie van deze samenwerkingsovereenkomst was gepland op "
                "%(planned)s; vanaf %(since)s is ze meer dan twee maanden te laat. Activiteiten "
                "vanaf die dag kunt u pas registreren als de evaluatie geregistreerd is. Houd "
                "de evaluatie met uw partner en registreer ze via Mijn toekenningen, bij de "
                "evaluaties van de overeenkomst."
            )
            % {"planned": _day(next_evaluation), "since": _day(blocked_since(next_evaluation))},
        )
    ]


def record_refusals(
    held_on: date | None, next_evaluation: date | None, *, window_start: date, today: date
) -> list[Refusal]:
    """What a recorded evaluation must hold."""
    refusals = []
    if held_on is None:
        refusals.append(
            Refusal(
                "evaluation_held_on_required", _("Vul de datum in waarop de evaluatie plaatsvond.")
            )
        )
    elif held_on > today:
        refusals.append(
            Refusal(
                "evaluation_in_future",
                _(
                    "Registreer een evaluatie nadat ze plaatsvond: de datum ligt na vandaag. "
                    "Plan ze anders als volgende evaluatie."
                ),
            )
        )
    elif held_on < window_start:
        refusals.append(
            Refusal(
                "evaluation_before_start",
                _(
                    "De evaluatie ligt voor het begin van de samenwerking (%(start)s). Kies de "
                    "datum waarop ze plaatsvond."
                )
                % {"start": _day(window_start)},
            )
        )
    if next_evaluation is None:
        refusals.append(
            Refusal(
                "next_evaluation_required",
                _("Vul de datum van de volgende evaluatie in (uiterlijk 12 maanden later)."),
            )
        )
    elif held_on is not None and next_evaluation <= held_on:
        refusals.append(
            Refusal(
                "next_evaluation_not_after",
                _(
                    "De volgende evaluatie ligt na de evaluatie die u nu registreert. Kies een latere datum."
                ),
            )
        )
    elif held_on is not None and next_evaluation > add_months(held_on, EVALUATION_MONTHS):
        refusals.append(
            Refusal(
                "next_evaluation_too_late",
                _(
                    "De samenwerking wordt minstens jaarlijks geëvalueerd: plan de volgende "
                    "evaluatie uiterlijk op %(latest)s (12 maanden na deze evaluatie)."
                )
                % {"latest": _day(add_months(held_on, EVALUATION_MONTHS))},
            )
        )
    return refusals
