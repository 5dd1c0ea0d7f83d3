"""A psychologist's application under one call, and the cooperation agreement of call 3."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from applications.models.calls import Call, WorkForm, labels_of
from applications.models.editions import CallEdition
from portal.models import Findplace, FindplaceKind, Network, Psychologist, Theme


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    SUBMITTED = "submitted", _("Ingediend")
    CHANGES_REQUESTED = "changes_requested", _("Aanpassing gevraagd")
    APPROVED = "approved", _("Goedgekeurd")
    REJECTED = "rejected", _("Afgewezen")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


class BulkAction(models.TextChoices):
    """What one decision on many applications of the queue does to each
    (services.bulk_decisions)."""

    APPROVE = "approve", _("Goedkeuren met de gevraagde uren")
    REQUEST_CHANGES = "request_changes", _("Aanpassing vragen")
    REJECT = "reject", _("Afwijzen")


class CareFunction(models.TextChoices):
    COMMUNITY = "1", _("Functie 1: gemeenschapsgerichte interventies")
    SUPPORT = "2", _("Functie 2: psychologische ondersteuning eerste lijn")
    TREATMENT = "3", _("Functie 3: psychologische behandeling eerste lijn")


class Application(models.Model):
    """A psychologist's request under one call, with that call's answers."""

    psychologist = models.ForeignKey(
        Psychologist, on_delete=models.PROTECT, related_name="applications"
    )
    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="applications")
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications")
    # The edition in force on the start date (set with it, by the services); an approved
    # application's allocation keeps it for its whole window.
    edition = models.ForeignKey(
        CallEdition,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("editie"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default="draft"
    )
    findplace = models.ForeignKey(
        Findplace, null=True, blank=True, on_delete=models.PROTECT, related_name="applications"
    )
    partner_name = models.CharField(
        _("partner (eerstelijnsactor of dienst)"), max_length=160, blank=True
    )
    partner_kind = models.CharField(
        _("soort partner"), max_length=32, choices=FindplaceKind.choices, blank=True
    )
    partner_email = models.EmailField(_("e-mail partner"), blank=True)
    partner_confirmed_at = models.DateTimeField(null=True, blank=True)
    partner_declined_at = models.DateTimeField(null=True, blank=True)
    start_date = models.DateField(_("gewenste startdatum"))
    requested_minutes = models.PositiveIntegerField(_("gevraagde minuten"))
    motivation = models.TextField(_("motivatie"), blank=True)
    # Call 1
    findplace_start_date = models.DateField(_("startdatum op de vindplaats"), null=True, blank=True)
    structural_offer = models.BooleanField(_("structureel aanbod op de vindplaats"), default=False)
    care_functions = models.CharField(_("zorgfuncties"), max_length=10, blank=True)
    # Call 2
    weekly_individual_minutes = models.PositiveIntegerField(
        _("individuele sessies per week (minuten)"), default=0
    )
    group_trajectories = models.PositiveSmallIntegerField(_("groepstrajecten per jaar"), default=0)
    overkophuis_exception = models.BooleanField(
        _("uitzondering OverKophuis gevraagd"), default=False
    )
    # Calls 3 and 4
    portfolio = models.TextField(_("portfolio"), blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="applications")
    employed_by_requester = models.BooleanField(
        _("in loondienst van de aanvragende organisatie"), default=False
    )
    regular_mission = models.BooleanField(_("al deel van de reguliere opdracht"), default=False)
    funded_otherwise = models.BooleanField(_("al op een andere wijze gefinancierd"), default=False)
    target_not_in_contact = models.BooleanField(
        _("doelgroep niet in rechtstreeks contact"), default=False
    )
    clients_in_care = models.BooleanField(_("over cliënten in lopende begeleiding"), default=False)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_reason = models.TextField(_("motivering beslissing"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("aanvraag")
        verbose_name_plural = _("aanvragen")
        indexes = [
            models.Index(fields=["network", "status", "submitted_at"]),
            # The queue's order: its decided applications are paged by it (all networks').
            models.Index(fields=["submitted_at", "id"], name="application_queue_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(requested_minutes__gt=0), name="application_requested_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.call} – {self.psychologist}"

    @property
    def partner_answer(self) -> str:
        """'confirmed', 'declined' or 'waiting' (the partner has not answered yet)."""
        if self.partner_confirmed_at:
            return "confirmed"
        if self.partner_declined_at:
            return "declined"
        return "waiting"

    def care_function_labels(self) -> list[str]:
        """The care functions of the structural offer by name (stored as "1,3")."""
        return labels_of(CareFunction, self.care_functions)


class CooperationAgreement(models.Model):
    """The written structural cooperation of call 3 (samenwerkingsovereenkomst)."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="agreement"
    )
    minimum_minutes = models.PositiveIntegerField(_("minimaal aantal minuten"), default=0)
    periodicity = models.CharField(_("regelmaat"), max_length=160, blank=True)
    work_forms = models.CharField(_("afgesproken werkvormen"), max_length=255, blank=True)
    contact_arrangement = models.TextField(_("wijze van contacteren"), blank=True)
    evaluation_arrangement = models.TextField(_("afspraken evaluatie"), blank=True)
    next_evaluation_date = models.DateField(_("volgende evaluatie"), null=True, blank=True)
    signed_pdf = models.FileField(
        _("ondertekende overeenkomst (PDF)"), upload_to="agreements/%Y/", blank=True
    )
    # The day the last evaluation reminder went out: makes the daily job idempotent and weekly.
    last_reminder_on = models.DateField(
        _("laatste herinnering evaluatie"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("samenwerkingsovereenkomst")
        verbose_name_plural = _("samenwerkingsovereenkomsten")

    def __str__(self) -> str:
        return f"{_('Overeenkomst')} {self.application.partner_name}"

    def work_form_labels(self) -> list[str]:
        """The agreed work forms by name (stored as "advice,co_consult")."""
        return labels_of(WorkForm, self.work_forms)
