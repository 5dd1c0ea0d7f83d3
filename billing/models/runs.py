"""Billing runs: one billing of one network for one period, the psychologists it could not
bill, and what happened to it outside its normal course."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import Network, Psychologist


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    RUNNING = "running", _("Bezig")
    DONE = "done", _("Klaar")
    FAILED = "failed", _("Mislukt")


class ZipStatus(models.TextChoices):
    NONE = "", _("Niet gevraagd")
    QUEUED = "queued", _("In de wachtrij")
    BUILDING = "building", _("Wordt gemaakt")
    READY = "ready", _("Klaar")
    FAILED = "failed", _("Mislukt")


class BillingRun(models.Model):
    """One billing of one network for one period; executed by a Celery task, resumable."""

    # Indexed by the unique (network, period_end) constraint, which leads with it.
    network = models.ForeignKey(
        Network,
        on_delete=models.PROTECT,
        related_name="billing_runs",
        verbose_name=_("netwerk"),
        db_index=False,
    )
    period_start = models.DateField(_("begin periode"))
    period_end = models.DateField(_("einde periode"))
    # Fixed when the run is created, so a run resumed on a later day issues the same dates.
    issue_date = models.DateField(_("factuurdatum"))
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    invoice_count = models.PositiveIntegerField(_("aantal facturen"), default=0)
    total_hours = models.PositiveIntegerField(_("totaal uren"), default=0)
    total_amount = models.DecimalField(
        _("totaalbedrag (EUR)"), max_digits=12, decimal_places=2, default=Decimal("0.00")
    )
    progress_done = models.PositiveIntegerField(_("psychologen verwerkt"), default=0)
    progress_total = models.PositiveIntegerField(_("psychologen in totaal"), default=0)
    error = models.TextField(_("foutmelding"), blank=True)
    zip_path = models.CharField(_("ZIP met PDF's"), max_length=255, blank=True)
    # The ZIP is built in the background (billing.tasks): its state and progress, so a
    # second click finds it building instead of starting it twice.
    zip_status = models.CharField(
        _("ZIP"), max_length=10, choices=ZipStatus.choices, default=ZipStatus.NONE, blank=True
    )
    zip_done = models.PositiveIntegerField(_("PDF's in de ZIP"), default=0)
    zip_total = models.PositiveIntegerField(_("PDF's in totaal"), default=0)
    zip_requested_at = models.DateTimeField(null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("gestart door"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # When the run was last put in the queue: a run queued for long had its task lost.
    queued_at = models.DateTimeField(_("in de wachtrij sinds"), default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Started again after it was done: bill only the psychologists it could not bill.
    retrying = models.BooleanField(_("herneming van niet-gefactureerden"), default=False)

    class Meta:
        ordering = ["-period_end", "network__name"]
        verbose_name = _("facturatierun")
        verbose_name_plural = _("facturatieruns")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "period_end"], name="billing_run_unique_per_period"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="billing_run_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.network} {self.period_start:%m/%Y}"

    @property
    def is_active(self) -> bool:
        return self.status in (RunStatus.QUEUED, RunStatus.RUNNING)


class FailureReason(models.TextChoices):
    INCOMPLETE = (
        "incomplete",
        _("Gegevens voor de factuur ontbreken of de autofacturatie is niet aanvaard."),
    )
    INVALID_DATA = "invalid_data", _("Een gegeven van deze psycholoog past niet op de factuur.")
    CONFLICT = (
        "conflict",
        _("De factuur botst met een andere factuur of met een registratie die net veranderde."),
    )
    ERROR = "error", _("Onverwachte fout bij het factureren.")


class BillingRunFailure(models.Model):
    """A psychologist a run could not bill, and why; gone once a later attempt bills them."""

    run = models.ForeignKey(BillingRun, on_delete=models.CASCADE, related_name="failures")
    psychologist = models.ForeignKey(
        Psychologist, on_delete=models.PROTECT, related_name="+", verbose_name=_("psycholoog")
    )
    reason = models.CharField(_("reden"), max_length=20, choices=FailureReason.choices)
    detail = models.TextField(_("technische melding"), blank=True)
    failed_at = models.DateTimeField(_("mislukt op"), default=timezone.now)

    class Meta:
        ordering = ["run", "psychologist__user__last_name", "psychologist__user__first_name"]
        verbose_name = _("niet-gefactureerde psycholoog")
        verbose_name_plural = _("niet-gefactureerde psychologen")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "psychologist"], name="billing_run_failure_once_per_psychologist"
            )
        ]

    def __str__(self) -> str:
        return f"{self.run} – {self.psychologist}"


class RunEventKind(models.TextChoices):
    BROKER_UNAVAILABLE = (
        "broker_unavailable",
        _("Achtergrondverwerking niet bereikbaar; de run start zodra ze weer beschikbaar is"),
    )
    RESUMED = "resumed", _("Onderbroken, automatisch hervat")
    REQUEUED = "requeued", _("Bleef in de wachtrij, automatisch opnieuw aangeboden")
    RETRY = "retry", _("Opnieuw gestart voor de niet-gefactureerde psychologen")


class BillingRunEvent(models.Model):
    """What happened to a run outside its normal course, for the run page."""

    run = models.ForeignKey(BillingRun, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("wat"), max_length=20, choices=RunEventKind.choices)
    at = models.DateTimeField(_("op"), default=timezone.now)

    class Meta:
        ordering = ["run", "at", "id"]
        verbose_name = _("gebeurtenis van een facturatierun")
        verbose_name_plural = _("gebeurtenissen van facturatieruns")

    def __str__(self) -> str:
        return f"{self.run} – {self.get_kind_display()}"
