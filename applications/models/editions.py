"""The editions of a call: every rule the engine reads, valid for a period.

Decision (domain, "Calls for every network"): a call's rules change by edition. An
application falls under the edition in force on its start date; an allocation keeps the
edition it was granted under for its whole window, so a newer edition never rewrites what
was granted. Every rule that sets a call apart is a field here, read by the engine through
`CallRules.from_edition`, never an `if call == 3` in code.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from applications.models.calls import Call, QuotaBasis, WorkForm


class CallEditionQuerySet(models.QuerySet):
    def in_force_on(self, day):
        return self.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day), valid_from__lte=day
        )


class CallEdition(models.Model):
    """The rules of one call from `valid_from` up to and including `valid_until` (open: none)."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="editions")
    valid_from = models.DateField(_("geldig vanaf"))
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)
    notes = models.TextField(_("wat deze editie verandert"), blank=True, max_length=2000)
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
    # The register that existing services search to match first-line questions (call 4).
    forms_register = models.BooleanField(_("vormt het register van psychologen"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(
        verbose_name=_("historiek van een editie"),
        verbose_name_plural=_("historiek van edities"),
    )

    objects = CallEditionQuerySet.as_manager()

    class Meta:
        ordering = ["call", "valid_from"]
        verbose_name = _("editie van een oproep")
        verbose_name_plural = _("edities van oproepen")
        constraints = [
            models.CheckConstraint(
                condition=Q(window_months__gte=1), name="edition_window_at_least_one_month"
            ),
            models.CheckConstraint(
                condition=Q(quota_minutes__gte=1), name="edition_quota_positive"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="edition_validity_ordered",
            ),
            models.UniqueConstraint(fields=["call", "valid_from"], name="edition_start_unique"),
        ]

    def __str__(self) -> str:
        until = f"{self.valid_until:%d/%m/%Y}" if self.valid_until else "…"
        return f"{self.call} ({self.valid_from:%d/%m/%Y} – {until})"

    # What the pages and forms show of the call itself, read through its edition.
    @property
    def number(self) -> int:
        return self.call.number

    @property
    def name(self) -> str:
        return self.call.name

    @property
    def description(self) -> str:
        return self.call.description

    def covers(self, day) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


class EditionWorkForm(models.Model):
    """A work form allowed in an edition, with its attendee, duration and preparation rules."""

    edition = models.ForeignKey(CallEdition, on_delete=models.CASCADE, related_name="work_forms")
    work_form = models.CharField(_("werkvorm"), max_length=32, choices=WorkForm.choices)
    min_attendees = models.PositiveSmallIntegerField(_("minimum aanwezigen"), default=1)
    min_minutes = models.PositiveIntegerField(_("minimumduur (minuten)"), null=True, blank=True)
    max_minutes = models.PositiveIntegerField(_("maximumduur (minuten)"), null=True, blank=True)
    prep_minutes = models.PositiveIntegerField(_("voorbereiding (minuten)"), default=0)
    requires_consent = models.BooleanField(_("toestemming cliënt vereist"), default=False)

    class Meta:
        ordering = ["edition", "id"]
        verbose_name = _("werkvorm van een editie")
        verbose_name_plural = _("werkvormen van edities")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "work_form"], name="edition_work_form_unique"
            ),
            models.CheckConstraint(
                condition=Q(min_minutes__isnull=True)
                | Q(max_minutes__isnull=True)
                | Q(min_minutes__lte=F("max_minutes")),
                name="edition_work_form_bounds_ordered",
            ),
            models.CheckConstraint(
                condition=Q(min_attendees__gte=1), name="edition_work_form_attendees_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.edition.call.number}: {self.get_work_form_display()}"
