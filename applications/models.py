"""Calls, applications, allocations, cooperation agreements, extra hours and the audit trail.

The four calls are data (seeded by a migration): every rule that differs between calls
is a field here, read by the engine, never an `if call == 3` in code.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from portal import formatting
from portal.models import Findplace, FindplaceKind, Network, Psychologist, Theme


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


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    SUBMITTED = "submitted", _("Ingediend")
    CHANGES_REQUESTED = "changes_requested", _("Aanpassing gevraagd")
    APPROVED = "approved", _("Goedgekeurd")
    REJECTED = "rejected", _("Afgewezen")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


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
        indexes = [models.Index(fields=["network", "status", "submitted_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(requested_minutes__gt=0), name="application_requested_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.call} – {self.psychologist}"

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


class AllocationQuerySet(models.QuerySet):
    def active_on(self, day: date):
        return self.filter(window_start__lte=day, window_end__gte=day, is_active=True)

    def overlapping(self, start: date, end: date):
        return self.filter(window_start__lte=end, window_end__gte=start, is_active=True)


class Allocation(models.Model):
    """The hours granted by an approved application for one 12-month window (toekenning)."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="allocation"
    )
    psychologist = models.ForeignKey(
        Psychologist, on_delete=models.PROTECT, related_name="allocations"
    )
    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="allocations")
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="allocations")
    findplace = models.ForeignKey(
        Findplace, null=True, blank=True, on_delete=models.PROTECT, related_name="allocations"
    )
    window_start = models.DateField(_("begin"))
    window_end = models.DateField(_("einde (inbegrepen)"))
    granted_minutes = models.PositiveIntegerField(_("toegekende minuten"))
    bonus_minutes = models.PositiveIntegerField(_("startbonus (minuten)"), default=0)
    bonus_until = models.DateField(_("startbonus geldig tot (exclusief)"), null=True, blank=True)
    extra_minutes = models.PositiveIntegerField(_("extra toegekende minuten"), default=0)
    exclusive = models.BooleanField(_("uitzondering OverKophuis (exclusief)"), default=False)
    is_active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AllocationQuerySet.as_manager()

    class Meta:
        ordering = ["-window_start"]
        verbose_name = _("toekenning")
        verbose_name_plural = _("toekenningen")
        indexes = [
            models.Index(fields=["findplace", "call", "window_start", "window_end"]),
            models.Index(fields=["psychologist", "window_start"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(window_end__gte=F("window_start")), name="allocation_window_ordered"
            ),
            models.CheckConstraint(
                condition=Q(bonus_minutes=0) | Q(bonus_until__isnull=False),
                name="allocation_bonus_has_end",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.call} – {self.psychologist} ({self.window_start:%d/%m/%Y})"

    @property
    def total_minutes(self) -> int:
        return self.granted_minutes + self.bonus_minutes + self.extra_minutes


class ExtraHoursStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Ingediend")
    APPROVED = "approved", _("Toegekend")
    REJECTED = "rejected", _("Afgewezen")


class ExtraHoursRequest(models.Model):
    """A motivated request for more hours on an allocation, and its decision."""

    allocation = models.ForeignKey(
        Allocation, on_delete=models.PROTECT, related_name="extra_hours_requests"
    )
    requested_minutes = models.PositiveIntegerField(_("gevraagde minuten"))
    motivation = models.TextField(_("motivatie"))
    status = models.CharField(
        max_length=20, choices=ExtraHoursStatus.choices, default=ExtraHoursStatus.SUBMITTED
    )
    granted_minutes = models.PositiveIntegerField(_("toegekende minuten"), default=0)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(_("motivering beslissing"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("aanvraag extra uren")
        verbose_name_plural = _("aanvragen extra uren")
        constraints = [
            models.CheckConstraint(
                condition=Q(requested_minutes__gt=0), name="extra_hours_requested_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.allocation}: +{self.requested_minutes} min ({self.get_status_display()})"


class AuditEntry(models.Model):
    """One state change or grant of hours: who, when, from what to what, and why. Never edited."""

    # A deleted draft leaves its entries behind, named by `application_label`.
    application = models.ForeignKey(
        Application,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    application_label = models.CharField(_("aanvraag"), max_length=255, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=40)
    from_value = models.CharField(max_length=80, blank=True)
    to_value = models.CharField(max_length=80, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("auditregel")
        verbose_name_plural = _("audittrail")

    def __str__(self) -> str:
        return (
            f"{self.at:%d/%m/%Y %H:%M} {self.action_label()}: "
            f"{self.value_label(self.from_value) or '–'} → {self.value_label(self.to_value) or '–'}"
        )

    def action_label(self) -> str:
        return str(AUDIT_ACTIONS.get(self.action, self.action))

    def value_label(self, value: str) -> str:
        """A stored from/to value as people read it: a status by name, minutes as hours."""
        if not value:
            return ""
        if self.action == "partner_override" and value in PARTNER_STATES:
            return str(PARTNER_STATES[value])
        if self.action in STATUS_ACTIONS:
            return str(dict(ApplicationStatus.choices).get(value, value))
        if self.action in MINUTE_ACTIONS and value.isdigit():
            return formatting.hours(int(value))
        return value


# What each audit action means; its from/to values are statuses or minutes (see below).
AUDIT_ACTIONS = {
    "created": _("Aanvraag aangemaakt"),
    "status": _("Status gewijzigd"),
    "partner_confirmed": _("Partner heeft bevestigd"),
    "partner_declined": _("Partner heeft geweigerd"),
    "granted_minutes": _("Uren toegekend"),
    "partner_override": _("Goedgekeurd zonder bevestiging van de partner"),
    "extra_hours_requested": _("Extra uren gevraagd"),
    "extra_minutes": _("Beslissing extra uren"),
    "draft_deleted": _("Concept verwijderd"),
}
STATUS_ACTIONS = {"created", "status", "draft_deleted", "partner_override"}
# The partner's answer an override went past (from_value of "partner_override").
PARTNER_STATES = {"waiting": _("wacht op bevestiging"), "declined": _("geweigerd")}
MINUTE_ACTIONS = {"granted_minutes", "extra_hours_requested", "extra_minutes"}
