"""Allocations (toekenningen): the hours an approved application grants for one window,
and the extra hours asked on them."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from applications.models.applications import Application
from applications.models.calls import Call
from applications.models.editions import CallEdition
from portal.models import Findplace, Network, Psychologist


class AllocationQuerySet(models.QuerySet):
    def active_on(self, day: date):
        return self.filter(window_start__lte=day, window_end__gte=day, is_active=True)

    def overlapping(self, start: date, end: date):
        return self.windows_overlapping(start, end).filter(is_active=True)

    def windows_overlapping(self, start: date, end: date):
        """Active or not: every registration of an allocation lies in its window (the
        engine refuses any other date), so only these can have minutes from `start` to `end`."""
        return self.filter(window_start__lte=end, window_end__gte=start)


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
    # The edition granted under: its rules hold for the whole window, whatever comes later.
    edition = models.ForeignKey(
        CallEdition, on_delete=models.PROTECT, related_name="allocations", verbose_name=_("editie")
    )
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
