"""Billing: hourly rates, billing runs, invoices and credit notes with their lines and items.

Issued invoices never change: the models refuse a second save or a delete, the services
have no update path and the admin is read-only. Invariants live in database constraints.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import formatting
from portal.models import Network, Psychologist, User
from registrations.models import Registration

PSEUDOCODE = "726994"
PSEUDOCODE_DESCRIPTION = "vindplaatsgericht werken – voorbereiding"


def _max_length(model, field_name: str) -> int:
    return model._meta.get_field(field_name).max_length


# Every value copied onto an invoice fits by construction: its field is as long as the
# field it is copied from (a longer source field shows up as a migration here).
# The payee's name is `User.get_full_name()`, "first last" (or the shorter username).
PAYEE_NAME_LENGTH = _max_length(User, "first_name") + 1 + _max_length(User, "last_name")


class RateQuerySet(models.QuerySet):
    def in_force_on(self, day: date) -> "Rate | None":
        return self.filter(effective_from__lte=day).order_by("-effective_from").first()


class Rate(models.Model):
    """The hourly rate of pseudocode 726994 from a date on (until the next rate)."""

    effective_from = models.DateField(_("geldig vanaf"), unique=True)
    hourly_rate = models.DecimalField(_("uurtarief (EUR)"), max_digits=8, decimal_places=2)

    objects = RateQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("tarief")
        verbose_name_plural = _("tarieven")
        constraints = [models.CheckConstraint(condition=Q(hourly_rate__gt=0), name="rate_positive")]

    def __str__(self) -> str:
        return f"{formatting.money(self.hourly_rate)} ({_('vanaf')} {self.effective_from:%d/%m/%Y})"


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    RUNNING = "running", _("Bezig")
    DONE = "done", _("Klaar")
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


class InvoiceSequence(models.Model):
    """The last number used per network per year; locked to hand out gapless numbers."""

    # Indexed by the unique (network, year) constraint, which leads with it.
    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="+", db_index=False)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("factuurnummering")
        verbose_name_plural = _("factuurnummering")
        constraints = [
            models.UniqueConstraint(fields=["network", "year"], name="invoice_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.network.code}-{self.year}: {self.last_number}"


class InvoiceKind(models.TextChoices):
    INVOICE = "invoice", _("Factuur")
    CREDIT_NOTE = "credit_note", _("Creditnota")


class ImmutableModel(models.Model):
    """Written once by a service; a second save or a delete is a programming error."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(
                _("Een uitgegeven factuur kan niet gewijzigd worden."), code="immutable"
            )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(
            _("Een uitgegeven factuur kan niet verwijderd worden."), code="immutable"
        )


class Invoice(ImmutableModel):
    """An invoice or credit note of one psychologist to one network, with a gapless number.

    Payer and payee details are copied at issue time: the document stays what was sent,
    even when an address or IBAN changes later.
    """

    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, related_name="invoices", verbose_name=_("netwerk")
    )
    # Indexed by the (psychologist, network, -id) index, which leads with it.
    psychologist = models.ForeignKey(
        Psychologist,
        on_delete=models.PROTECT,
        related_name="invoices",
        verbose_name=_("psycholoog"),
        db_index=False,
    )
    run = models.ForeignKey(
        BillingRun,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invoices",
        verbose_name=_("facturatierun"),
    )
    number = models.CharField(_("nummer"), max_length=30, unique=True)
    kind = models.CharField(
        _("soort"), max_length=12, choices=InvoiceKind.choices, default=InvoiceKind.INVOICE
    )
    issue_date = models.DateField(_("factuurdatum"))
    period_start = models.DateField(_("begin periode"))
    period_end = models.DateField(_("einde periode"))
    # Negative on a credit note.
    hours = models.IntegerField(_("uren"))
    unit_price = models.DecimalField(_("eenheidsprijs (EUR)"), max_digits=8, decimal_places=2)
    amount = models.DecimalField(_("bedrag (EUR)"), max_digits=12, decimal_places=2)
    minutes_carried_in = models.PositiveIntegerField(_("overgedragen minuten (in)"))
    minutes_carried_out = models.PositiveIntegerField(_("overgedragen minuten (uit)"))
    credited_invoice = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="credit_notes",
        verbose_name=_("gecrediteerde factuur"),
    )
    reason = models.TextField(_("reden"), blank=True)
    payer_name = models.CharField(max_length=_max_length(Network, "name"))
    payer_address = models.TextField(blank=True)
    payer_company_number = models.CharField(
        max_length=_max_length(Network, "company_number"), blank=True
    )
    payee_name = models.CharField(max_length=PAYEE_NAME_LENGTH)
    payee_riziv_number = models.CharField(max_length=_max_length(Psychologist, "riziv_number"))
    # Street, postcode and municipality on two lines: a TextField holds any combination.
    payee_address = models.TextField(blank=True)
    payee_iban = models.CharField(max_length=_max_length(Psychologist, "iban"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issue_date", "-number"]
        verbose_name = _("factuur")
        verbose_name_plural = _("facturen")
        indexes = [models.Index(fields=["psychologist", "network", "-id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "psychologist"],
                condition=Q(kind="invoice"),
                name="invoice_one_per_psychologist_per_run",
            ),
            models.CheckConstraint(
                condition=Q(kind="credit_note", credited_invoice__isnull=False)
                | Q(kind="invoice", credited_invoice__isnull=True, run__isnull=False),
                name="invoice_kind_consistent",
            ),
            models.CheckConstraint(
                condition=Q(minutes_carried_out__lt=60), name="invoice_carry_below_an_hour"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_credit_note(self) -> bool:
        return self.kind == InvoiceKind.CREDIT_NOTE


class InvoiceLine(ImmutableModel):
    """A billed line: pseudocode, hours, unit price and amount."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="lines")
    pseudocode = models.CharField(_("pseudocode"), max_length=10, default=PSEUDOCODE)
    description = models.CharField(
        _("omschrijving"), max_length=160, default=PSEUDOCODE_DESCRIPTION
    )
    hours = models.IntegerField(_("uren"))
    unit_price = models.DecimalField(_("eenheidsprijs (EUR)"), max_digits=8, decimal_places=2)
    amount = models.DecimalField(_("bedrag (EUR)"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["invoice", "id"]
        verbose_name = _("factuurlijn")
        verbose_name_plural = _("factuurlijnen")

    def __str__(self) -> str:
        return f"{self.pseudocode} × {self.hours}"


class InvoiceItem(ImmutableModel):
    """A registration an invoice bills (or a credit note reverses): the itemisation.

    `kind` is copied from the invoice so the database can guarantee that a registration
    is billed at most once and credited at most once.
    """

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="items")
    registration = models.ForeignKey(
        Registration, on_delete=models.PROTECT, related_name="invoice_items"
    )
    kind = models.CharField(max_length=12, choices=InvoiceKind.choices)
    minutes = models.PositiveIntegerField(_("minuten"))
    prep_minutes = models.PositiveIntegerField(_("voorbereiding (minuten)"), default=0)

    class Meta:
        ordering = ["registration__date", "registration__start_time", "id"]
        verbose_name = _("gefactureerde registratie")
        verbose_name_plural = _("gefactureerde registraties")
        constraints = [
            models.UniqueConstraint(
                fields=["registration"],
                condition=Q(kind="invoice"),
                name="registration_billed_once",
            ),
            models.UniqueConstraint(
                fields=["registration"],
                condition=Q(kind="credit_note"),
                name="registration_credited_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invoice} – {self.registration}"

    @property
    def billed_minutes(self) -> int:
        return self.minutes + self.prep_minutes
