"""Who saw what (docs/access-log.md): one row each time a page or a file with a
psychologist's personal data is opened, kept for a year (portal.access_log).

Kept apart from portal/models.py (the directory) so that module stays small; Django finds
the model here because portal/models.py imports this module.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccessKind(models.TextChoices):
    """What was opened: a page, a document, or one of the exports (every CSV, SEPA and ZIP
    download of billing, registrations and coordination)."""

    PSYCHOLOGIST_PROFILE = "psychologist_profile", _("Profiel van een psycholoog")
    APPLICATION = "application", _("Aanvraag")
    APPLICATION_FILE = "application_file", _("Aanvraagdossier (PDF)")
    AGREEMENT_PDF = "agreement_pdf", _("Ondertekende samenwerkingsovereenkomst (PDF)")
    INVOICE = "invoice", _("Factuur")
    INVOICE_PDF = "invoice_pdf", _("Factuur (PDF)")
    REGISTRATIONS_CSV = "registrations_csv", _("Export: registraties (CSV)")
    RUN_CSV = "run_csv", _("Export: boekhouding van een facturatierun (CSV)")
    SEPA_FILE = "sepa_file", _("Export: SEPA-overschrijvingen van een facturatierun")
    RUN_ZIP = "run_zip", _("Export: facturen van een facturatierun (ZIP)")
    UPTAKE_CSV = "uptake_csv", _("Export: benutting (CSV)")
    UPTAKE_DETAIL_CSV = "uptake_detail_csv", _("Export: benutting in detail (CSV)")
    FUNNEL_CSV = "funnel_csv", _("Export: vragen (CSV)")


class AccessLogEntry(models.Model):
    """One view. The user's and the object's names are kept as text, so the entry still
    says who saw what once the account or the object is gone; only the path is kept of the
    URL, never its query string (a filter may hold a name)."""

    at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gebruiker"),
    )
    user_label = models.CharField(_("door"), max_length=320)
    kind = models.CharField(_("soort"), max_length=30, choices=AccessKind.choices)
    object_label = models.CharField(_("wat"), max_length=300, blank=True)
    object_id = models.PositiveBigIntegerField(_("id van het object"), null=True, blank=True)
    psychologist = models.ForeignKey(
        "portal.Psychologist",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("psycholoog van wie de gegevens zijn"),
    )
    path = models.CharField(_("pad"), max_length=500)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("raadpleging")
        verbose_name_plural = _("raadplegingen")

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.user_label}: {self.object_label}"
