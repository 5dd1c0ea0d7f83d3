"""A network's staff configure their calls without a deploy: a new call from a template,
a new edition scheduled from a date, an unused edition corrected. The only writers of
calls and editions outside migrations.

Each use case refuses staff who do not follow every network of the call (a call shared by
three networks changes only by someone who follows all three: `call_not_yours`), checks
the edition with the engine (`engine.editions`), locks the call so two schedules cannot
overlap, writes, and leaves the change in the edition's history (django-simple-history,
with the actor as the user).

* **Decision — nothing granted is rewritten**: an edition under which hours were granted
  is never changed (`edition_in_use`); copy it and schedule the copy instead. Scheduling
  closes the edition in force the day before the new one starts, and moves the undecided
  applications (draft, submitted, changes asked) whose start date falls in the new
  validity to it: their rules are the new ones from then on, as the domain asks.
* **Decision — no edition in the past of a used call**: a call with applications takes a
  new edition from today at the earliest (`edition_starts_in_past`), so no decided
  application ever falls under rules written after its decision.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.engine import editions as rules
from applications.models import (
    Application,
    ApplicationStatus,
    Call,
    CallEdition,
    EditionWorkForm,
    WorkForm,
)
from applications.services.common import raise_if_refused
from portal.access import manages
from portal.models import Network, Psychologist

EDITION_FIELDS = (
    "valid_from",
    "valid_until",
    "notes",
    "quota_minutes",
    "quota_basis",
    "window_months",
    "start_bonus_minutes",
    "start_bonus_months",
    "exception_quota_minutes",
    "requires_findplace",
    "requires_leisure_findplace",
    "requires_structural_offer",
    "requires_agreement",
    "requires_partner_confirmation",
    "requires_portfolio",
    "min_weekly_individual_minutes",
    "min_group_trajectories",
    "exclusions_apply",
    "open_for_education",
    "prep_counts_against_quota",
    "hours_chosen_by_applicant",
    "forms_register",
)
WORK_FORM_FIELDS = (
    "work_form",
    "min_attendees",
    "min_minutes",
    "max_minutes",
    "prep_minutes",
    "requires_consent",
)
UNDECIDED = (
    ApplicationStatus.DRAFT,
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.CHANGES_REQUESTED,
)


def values_of(edition: CallEdition) -> tuple[dict, list[dict]]:
    """An edition's values and work forms, as the use cases below take them (a template)."""
    values = {name: getattr(edition, name) for name in EDITION_FIELDS}
    forms = [
        {name: getattr(wf, name) for name in WORK_FORM_FIELDS} for wf in edition.work_forms.all()
    ]
    return values, forms


def create_call(
    network: Network,
    *,
    number: int,
    code: str,
    name: str,
    description: str,
    values: dict,
    work_forms: list[dict],
    actor,
) -> CallEdition:
    """A new call of `network` with its first edition (from a template, say)."""
    _refuse_unless_follows(actor, [network])
    if Call.objects.filter(code=code).exists():
        raise ValidationError(
            _("De code %(code)s is al in gebruik door een andere oproep. Kies een andere code.")
            % {"code": code},
            code="call_code_taken",
        )
    raise_if_refused(rules.edition_refusals(values, _labelled(work_forms)))
    with transaction.atomic():
        call = Call.objects.create(number=number, code=code, name=name, description=description)
        call.networks.add(network)
        return _write(CallEdition(call=call, created_by=actor), values, work_forms)


def schedule_edition(call: Call, values: dict, work_forms: list[dict], *, actor) -> CallEdition:
    """A new edition of `call` from `values["valid_from"]`; the one in force then ends the
    day before, and the undecided applications from that day on move to the new one."""
    _refuse_unless_follows(actor, call.networks.all())
    raise_if_refused(rules.edition_refusals(values, _labelled(work_forms)))
    start = values["valid_from"]
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call.pk)
        if start < timezone.localdate() and call.applications.exists():
            raise ValidationError(
                _(
                    "Deze oproep heeft al aanvragen: een nieuwe editie start ten vroegste "
                    "vandaag. Kies een startdatum vanaf vandaag."
                ),
                code="edition_starts_in_past",
            )
        current = call.editions.in_force_on(start).first()
        if current is not None and current.valid_from < start:
            current.valid_until = start - timedelta(days=1)
            current._change_reason = f"closed by the edition from {start:%Y-%m-%d}"
            current.save(update_fields=["valid_until"])
        others = call.editions.values_list("valid_from", "valid_until")
        raise_if_refused(rules.overlap_refusals(start, values.get("valid_until"), list(others)))
        edition = _write(CallEdition(call=call, created_by=actor), values, work_forms)
        moved = Application.objects.filter(call=call, status__in=UNDECIDED, start_date__gte=start)
        if edition.valid_until is not None:
            moved = moved.filter(start_date__lte=edition.valid_until)
        # No signal from update(): the moved applications' pages change, so say so.
        Psychologist.objects.filter(applications__in=moved).touch()
        moved.update(edition=edition)
    return edition


def update_edition(
    edition: CallEdition, values: dict, work_forms: list[dict], *, actor
) -> CallEdition:
    """Correct an edition under which nothing was granted yet."""
    _refuse_unless_follows(actor, edition.call.networks.all())
    raise_if_refused(rules.edition_refusals(values, _labelled(work_forms)))
    with transaction.atomic():
        Call.objects.select_for_update().get(pk=edition.call_id)
        edition = CallEdition.objects.select_for_update().get(pk=edition.pk)
        if edition.allocations.exists():
            raise ValidationError(
                _(
                    "Onder deze editie zijn al uren toegekend; haar regels veranderen niet "
                    "meer. Maak een kopie en plan die vanaf een datum in."
                ),
                code="edition_in_use",
            )
        others = edition.call.editions.exclude(pk=edition.pk).values_list(
            "valid_from", "valid_until"
        )
        raise_if_refused(
            rules.overlap_refusals(values["valid_from"], values.get("valid_until"), list(others))
        )
        edition.work_forms.all().delete()
        return _write(edition, values, work_forms)


def _write(edition: CallEdition, values: dict, work_forms: list[dict]) -> CallEdition:
    for name in EDITION_FIELDS:
        if name in values:
            setattr(edition, name, values[name])
    edition.save()
    EditionWorkForm.objects.bulk_create(
        EditionWorkForm(
            edition=edition, **{name: wf.get(name) for name in WORK_FORM_FIELDS if name in wf}
        )
        for wf in work_forms
    )
    return edition


def _labelled(work_forms: list[dict]) -> list[dict]:
    names = dict(WorkForm.choices)
    return [{**wf, "label": str(names.get(wf["work_form"], wf["work_form"]))} for wf in work_forms]


def _refuse_unless_follows(actor, networks) -> None:
    networks = list(networks)
    if actor is None or not networks or not all(manages(actor, network) for network in networks):
        names = ", ".join(network.name for network in networks)
        raise ValidationError(
            _(
                "Deze oproep hoort bij %(networks)s. Enkel wie al die netwerken opvolgt als "
                "netwerkmedewerker wijzigt haar edities; vraag het een collega die dat doet."
            )
            % {"networks": names or "-"},
            code="call_not_yours",
        )
