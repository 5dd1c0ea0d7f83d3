"""The record of each person erased or anonymised: by whom, when, why, and what was kept.

It holds no name (that is what was removed): the account's id and role say who it was to
an administrator who has the request in hand.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ErasureReason(models.TextChoices):
    REQUEST = "request", _("Op verzoek van de persoon")
    RETENTION = "retention", _("Bewaartermijn verstreken")


class Erasure(models.Model):
    """One account anonymised; invoices still in their legal period are kept, and said so."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="erasure",
        verbose_name=_("account"),
    )
    reason = models.CharField(_("reden"), max_length=12, choices=ErasureReason.choices)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uitgevoerd door"),
    )
    done_at = models.DateTimeField(_("uitgevoerd op"), auto_now_add=True)
    kept_invoices = models.PositiveIntegerField(_("bewaarde facturen en creditnota's"), default=0)
    kept_until = models.DateField(_("bewaard tot en met"), null=True, blank=True)

    class Meta:
        ordering = ["-done_at"]
        verbose_name = _("wissing van persoonsgegevens")
        verbose_name_plural = _("wissingen van persoonsgegevens")

    def __str__(self) -> str:
        return f"#{self.user_id} {self.get_reason_display()} {self.done_at:%d/%m/%Y}"
