"""Registrations: each performed activity, registered afterwards as justification.

Minutes are integers. Prep minutes are derived from the call's work form when the
registration is saved by the service, so a later change of the rules never rewrites history.
Every creation, change and deletion is kept in `Registration.history` (who, when, the
state after it; a deleted registration's last state stays there).
"""

from django.db import models
from django.db.models import OuterRef, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from applications import engine
from applications.models import Allocation, WorkForm
from portal.models import Psychologist
from registrations.closing_models import ClosingReminder, MonthReopening
from registrations.usage_models import AllocationMonthUsage, AllocationUsage

__all__ = [
    "AllocationMonthUsage",
    "AllocationUsage",
    "ClosingReminder",
    "MonthReopening",
    "Registration",
    "RegistrationQuerySet",
]


class RegistrationQuerySet(models.QuerySet):
    def counting(self):
        """Registrations that use quota (engine.counting_registrations)."""
        return self.filter(engine.counting_registrations())

    def billable(self):
        """Registrations a billing run may take: those that count, not billed yet."""
        return self.counting().filter(is_billed=False)

    def billable_of_outer_allocation(self):
        """The billable registrations of the allocation an Exists() asks about, by its
        psychologist and its own id: the two columns of the partial index that serves it
        (Meta.indexes, registration_billable)."""
        return self.billable().filter(
            psychologist=OuterRef("psychologist"), allocation=OuterRef("pk")
        )


class Registration(models.Model):
    # No index of their own on the two foreign keys: the (allocation, date) and
    # (psychologist, date) indexes lead with them and serve every lookup by one of them,
    # and each index less makes the billing run's UPDATE of the billed flags cheaper.
    allocation = models.ForeignKey(
        Allocation,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("toekenning"),
        db_index=False,
    )
    # Denormalised from the allocation: the overlap check and billing filter on it.
    psychologist = models.ForeignKey(
        Psychologist, on_delete=models.PROTECT, related_name="registrations", db_index=False
    )
    date = models.DateField(_("datum"))
    start_time = models.TimeField(_("beginuur"))
    duration_minutes = models.PositiveIntegerField(_("duur (minuten)"))
    prep_minutes = models.PositiveIntegerField(_("voorbereiding (minuten)"), default=0)
    # What the activity takes from the allocation's quota (duration, plus prep when the
    # call counts prep against the quota), fixed when saved so usage is one SUM.
    quota_minutes = models.PositiveIntegerField(_("minuten op het quotum"), default=0)
    work_form = models.CharField(_("werkvorm"), max_length=32, choices=WorkForm.choices)
    attendees = models.PositiveSmallIntegerField(_("aantal aanwezigen"))
    attendee_roles = models.CharField(
        _("functie/rol van de aanwezigen"), max_length=255, blank=True
    )
    subject = models.CharField(_("onderwerp / korte omschrijving"), max_length=255, blank=True)
    place = models.CharField(_("plaats"), max_length=160, blank=True)
    client_consent = models.BooleanField(_("toestemming cliënt (co-consult)"), default=False)
    # The matched support request this activity answers (calls 3 and 4), if any.
    support_request = models.ForeignKey(
        "demand.SupportRequest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
        verbose_name=_("ondersteuningsvraag"),
    )
    # The two flags make four states (docs/credit-notes.md): neither, open (counts, billable,
    # editable); billed (counts, locked); credited (a credit note reversed it and unlocked
    # it: counts for nothing until the psychologist corrects it, which clears the flag, or
    # deletes it); billed and credited, withdrawn (kept for its invoice and credit note,
    # counts for nothing, locked for good; registrations credited before corrections
    # existed are in this state too).
    is_billed = models.BooleanField(_("gefactureerd"), default=False)
    # Credited and not corrected yet: held out of the quota and of billing until the
    # psychologist corrects it (or deletes it); the correction starts its next round.
    is_credited = models.BooleanField(_("gecrediteerd"), default=False)
    # Raised by each credit note on the registration: its invoice items carry the round,
    # so a corrected registration is billed again without breaking "billed once".
    billing_round = models.PositiveSmallIntegerField(_("facturatieronde"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RegistrationQuerySet.as_manager()
    # The user comes from the request (simple_history's middleware). The billing flags
    # are left out: the billing run sets them with one bulk UPDATE, which writes no
    # history, and the invoice is the record of billing. So is `updated_at`, which moves
    # with them.
    history = HistoricalRecords(
        excluded_fields=["is_billed", "is_credited", "billing_round", "updated_at"],
        verbose_name=_("historiek van een registratie"),
        verbose_name_plural=_("historiek van registraties"),
    )

    class Meta:
        ordering = ["-date", "-start_time"]
        verbose_name = _("registratie")
        verbose_name_plural = _("registraties")
        indexes = [
            models.Index(fields=["psychologist", "date"]),
            models.Index(fields=["allocation", "date"]),
            models.Index(
                fields=["date"], name="registration_unbilled_date", condition=Q(is_billed=False)
            ),
            # What a billing run's batch of psychologists bills, and which of their
            # allocations have something to bill (billing.services, readiness_selectors):
            # read from the few registrations not billed yet, not among three years of them.
            # The psychologist leads: an index by allocation alone made the planner read
            # every billable row of the country for each batch (the run 14.8 → 24.7 s).
            models.Index(
                fields=["psychologist", "allocation"],
                name="registration_billable",
                condition=Q(is_billed=False) & engine.counting_registrations(),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gt=0), name="registration_duration_positive"
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__lte=engine.MAX_ACTIVITY_MINUTES),
                name="registration_duration_max_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.get_work_form_display()} ({self.duration_minutes} min)"

    @property
    def awaits_correction(self) -> bool:
        """Credited and open again: to be corrected (and billed again) or deleted."""
        return self.is_credited and not self.is_billed

    @property
    def is_withdrawn(self) -> bool:
        """Credited and closed: kept for its invoice and credit note, never billed again."""
        return self.is_credited and self.is_billed

    @property
    def billing_status(self) -> str:
        """What billing did with it, in the words of the psychologist's pages."""
        if self.is_withdrawn:
            return _("gecrediteerd en ingetrokken")
        if self.awaits_correction:
            return _("gecrediteerd — corrigeer en dien opnieuw in")
        return _("ja") if self.is_billed else _("nee")
