"""Invoices and credit notes with their lines and itemised registrations, and the gapless
numbering per network and year.

Issued invoices never change: the models refuse a second save or a delete, the services
have no update path and the admin is read-only. Invariants live in database constraints.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from billing.models.runs import BillingRun
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
# An enterprise number of 10 digits with its two dots.
ENTERPRISE_NUMBER_PRINTED_LENGTH = _max_length(Network, "enterprise_number") + 2


class InvoiceSequence(models.Model):
    """The last number used per network per year; locked to hand out gapless numbers."""

    # Indexed by the unique (network, year) constraint, which leads with it.
    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="+", db_index=False)
    year = models.PositiveSmallIntegerField()
    # The network's prefix when the year's first number was taken: a series keeps its
    # prefix all year, a new prefix starts with the next year's series.
    prefix = models.CharField(max_length=_max_length(Network, "invoice_prefix"), blank=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("factuurnummering")
        verbose_name_plural = _("factuurnummering")
        constraints = [
            models.UniqueConstraint(fields=["network", "year"], name="invoice_sequence_unique"),
            # Numbers are unique across networks (portal.network_settings keeps prefixes apart).
            models.UniqueConstraint(
                fields=["prefix", "year"],
                condition=~Q(prefix=""),
                name="invoice_sequence_prefix_unique_per_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last_number}"


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
    # Set on every invoice: issue date + the network's payment term. Empty on a credit note
    # (nothing to pay) and on the invoices issued before due dates existed were filled in.
    due_date = models.DateField(_("vervaldatum"), null=True, blank=True)
    # The Belgian structured communication (OGM/VCS) the transfer repeats: 12 digits, the
    # last two the mod-97 check (`billing.structured_communication`). Unique per document.
    structured_communication = models.CharField(
        _("gestructureerde mededeling"), max_length=12, unique=True
    )
    payer_name = models.CharField(max_length=_max_length(Network, "name"))
    # Street, postcode and municipality on two lines: a TextField holds any combination.
    payer_address = models.TextField(blank=True)
    # The enterprise number as printed (0123.456.749: 12 characters); the column keeps the
    # 20 it had when the number was free text, for the invoices issued then.
    payer_company_number = models.CharField(
        max_length=max(ENTERPRISE_NUMBER_PRINTED_LENGTH, 20), blank=True
    )
    payee_name = models.CharField(max_length=PAYEE_NAME_LENGTH)
    payee_riziv_number = models.CharField(max_length=_max_length(Psychologist, "riziv_number"))
    # Street, postcode and municipality on two lines: a TextField holds any combination.
    payee_address = models.TextField(blank=True)
    payee_iban = models.CharField(max_length=_max_length(Psychologist, "iban"), blank=True)
    payee_bic = models.CharField(max_length=_max_length(Psychologist, "bic"), blank=True)
    payee_enterprise_number = models.CharField(
        max_length=ENTERPRISE_NUMBER_PRINTED_LENGTH, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issue_date", "-number"]
        verbose_name = _("factuur")
        verbose_name_plural = _("facturen")
        indexes = [
            models.Index(fields=["psychologist", "network", "-id"]),
            # The staff invoice list, newest first: a page reads its rows from this index
            # instead of sorting every invoice of the country (issue 17).
            models.Index(fields=["-issue_date", "-number"], name="invoice_newest_first"),
        ]
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
            models.CheckConstraint(
                condition=Q(kind="credit_note") | Q(due_date__isnull=False),
                name="invoice_has_due_date",
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
    # The registration's billing round (`Registration.billing_round`) when itemised: a
    # credited and corrected registration is billed again in its next round.
    round = models.PositiveSmallIntegerField(_("facturatieronde"), default=1)
    minutes = models.PositiveIntegerField(_("minuten"))
    prep_minutes = models.PositiveIntegerField(_("voorbereiding (minuten)"), default=0)

    class Meta:
        ordering = ["registration__date", "registration__start_time", "id"]
        verbose_name = _("gefactureerde registratie")
        verbose_name_plural = _("gefactureerde registraties")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "round"],
                condition=Q(kind="invoice"),
                name="registration_billed_once_per_round",
            ),
            models.UniqueConstraint(
                fields=["registration", "round"],
                condition=Q(kind="credit_note"),
                name="registration_credited_once_per_round",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invoice} – {self.registration}"

    @property
    def billed_minutes(self) -> int:
        return self.minutes + self.prep_minutes

    @property
    def is_reversed(self) -> bool:
        """An invoice's item a credit note reversed: its registration moved on to a later
        round (a credit note raises it), or is credited in this one (withdrawn, or
        credited before rounds existed). Reads only the registration (select it along)."""
        registration = self.registration
        return self.round < registration.billing_round or registration.is_credited


class InvoicePayment(models.Model):
    """That an invoice was paid: when, and who recorded it. The invoice itself never
    changes; its payment state is read from this row and from its credit notes."""

    invoice = models.OneToOneField(
        Invoice, on_delete=models.PROTECT, related_name="payment", verbose_name=_("factuur")
    )
    paid_on = models.DateField(_("betaald op"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("geregistreerd door"),
    )
    recorded_at = models.DateTimeField(_("geregistreerd op"), auto_now_add=True)
    history = HistoricalRecords(
        verbose_name=_("historiek van een betaling"),
        verbose_name_plural=_("historiek van betalingen"),
    )

    class Meta:
        verbose_name = _("betaling")
        verbose_name_plural = _("betalingen")

    def __str__(self) -> str:
        return f"{self.invoice} – {self.paid_on:%d/%m/%Y}"


class SelfBillingAcceptance(models.Model):
    """A psychologist accepted a network's self-billing terms (which version, when): the
    network may then draw up invoices in their name (`billing.self_billing`)."""

    psychologist = models.ForeignKey(
        Psychologist,
        on_delete=models.CASCADE,
        related_name="self_billing_acceptances",
        verbose_name=_("psycholoog"),
    )
    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, related_name="+", verbose_name=_("netwerk")
    )
    version = models.CharField(_("versie van de voorwaarden"), max_length=20)
    accepted_at = models.DateTimeField(_("aanvaard op"), default=timezone.now)

    class Meta:
        ordering = ["psychologist", "network", "-accepted_at"]
        verbose_name = _("aanvaarding van autofacturatie")
        verbose_name_plural = _("aanvaardingen van autofacturatie")
        constraints = [
            models.UniqueConstraint(
                fields=["psychologist", "network", "version"],
                name="self_billing_accepted_once_per_version",
            )
        ]

    def __str__(self) -> str:
        return f"{self.psychologist} – {self.network} ({self.version})"
