"""The calls (oproepen) and their work forms: every rule that sets a call apart is a field
here, read by the engine, never an `if call == 3` in code."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class WorkForm(models.TextChoices):
    CONSULTATION = "consultation", _("Overleg met de vindplaats")
    PRESENCE = "presence", _("Presentie")
    ADVICE = "advice", _("Advies en kennisdeling")
    ORIENTATION = "orientation", _("Oriëntatie")
    CO_CONSULT = "co_consult", _("Co-consult")
    CASE_INTERVISION = "case_intervision", _("Casusbespreking / casusspecifieke intervisie")
    THEME_INTERVISION = "theme_intervision", _("Themaspecifieke intervisie")
    WORKSHOP = "workshop", _("Toelichting / vorming / workshop")


def labels_of(choices: type[models.TextChoices], codes: str) -> list[str]:
    """The labels of comma-separated codes of `choices`; an unknown code stays as it is."""
    names = dict(choices.choices)
    return [str(names.get(code, code)) for code in codes.split(",") if code]


class QuotaBasis(models.TextChoices):
    """What a call's quota is counted per."""

    PSYCHOLOGIST_FINDPLACE = "psychologist_findplace", _("per psycholoog per vindplaats")
    FINDPLACE = "findplace", _("per vindplaats")
    AGREEMENT = "agreement", _("per samenwerkingsovereenkomst")
    PSYCHOLOGIST = "psychologist", _("per psycholoog")


class Call(models.Model):
    """One of the four calls (oproepen) and every rule that sets it apart."""

    number = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    name = models.CharField(_("naam"), max_length=160)
    quota_minutes = models.PositiveIntegerField(_("quotum (minuten)"))
    quota_basis = models.CharField(_("quotum per"), max_length=32, choices=QuotaBasis.choices)
    window_months = models.PositiveSmallIntegerField(_("looptijd (maanden)"), default=12)
    start_bonus_minutes = models.PositiveIntegerField(_("startbonus (minuten)"), default=0)
    start_bonus_months = models.PositiveSmallIntegerField(
        _("startbonus geldig (maanden)"), default=0
    )
    exception_quota_minutes = models.PositiveIntegerField(
        _("uitzonderingsquotum OverKophuis (minuten)"), default=0
    )
    requires_findplace = models.BooleanField(_("vindplaats verplicht"), default=False)
    requires_leisure_findplace = models.BooleanField(
        _("enkel vindplaatsen met vrije tijd en ontmoeting"), default=False
    )
    requires_structural_offer = models.BooleanField(_("structureel aanbod vereist"), default=False)
    requires_agreement = models.BooleanField(_("samenwerkingsovereenkomst vereist"), default=False)
    requires_partner_confirmation = models.BooleanField(
        _("bevestiging door de partner vereist"), default=False
    )
    requires_portfolio = models.BooleanField(_("portfolio vereist"), default=False)
    min_weekly_individual_minutes = models.PositiveIntegerField(
        _("minimum individuele sessies per week (minuten)"), default=0
    )
    min_group_trajectories = models.PositiveSmallIntegerField(
        _("minimum groepstrajecten per jaar"), default=0
    )
    exclusions_apply = models.BooleanField(_("uitsluitingen van toepassing"), default=False)
    open_for_education = models.BooleanField(_("open voor onderwijs"), default=False)
    prep_counts_against_quota = models.BooleanField(
        _("voorbereiding telt mee in het quotum"), default=True
    )
    hours_chosen_by_applicant = models.BooleanField(
        _("aanvrager kiest het aantal uren"), default=False
    )
    description = models.TextField(_("uitleg"), blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("oproep")
        verbose_name_plural = _("oproepen")
        constraints = [
            models.CheckConstraint(
                condition=Q(window_months__gte=1), name="call_window_at_least_one_month"
            )
        ]

    def __str__(self) -> str:
        return f"{_('Oproep')} {self.number}: {self.name}"


class CallWorkForm(models.Model):
    """A work form allowed in a call, with its attendee, duration and preparation rules."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="work_forms")
    work_form = models.CharField(_("werkvorm"), max_length=32, choices=WorkForm.choices)
    min_attendees = models.PositiveSmallIntegerField(_("minimum aanwezigen"), default=1)
    min_minutes = models.PositiveIntegerField(_("minimumduur (minuten)"), null=True, blank=True)
    max_minutes = models.PositiveIntegerField(_("maximumduur (minuten)"), null=True, blank=True)
    prep_minutes = models.PositiveIntegerField(_("voorbereiding (minuten)"), default=0)
    requires_consent = models.BooleanField(_("toestemming cliënt vereist"), default=False)

    class Meta:
        ordering = ["call", "id"]
        verbose_name = _("werkvorm van een oproep")
        verbose_name_plural = _("werkvormen van oproepen")
        constraints = [
            models.UniqueConstraint(fields=["call", "work_form"], name="call_work_form_unique"),
            models.CheckConstraint(
                condition=Q(min_minutes__isnull=True)
                | Q(max_minutes__isnull=True)
                | Q(min_minutes__lte=F("max_minutes")),
                name="call_work_form_bounds_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.call.number}: {self.get_work_form_display()}"
