"""How each user wants their non-urgent e-mail (at once, in a daily digest, not at all) and
the items that wait for that user's next digest.

Kept apart from portal/models.py (the directory) so that module stays small; Django finds
the models here because portal/models.py imports this module. See docs/notifications.md.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    """What a user gets of the notifications that follow their choice (DigestKind)."""

    IMMEDIATE = "immediate", _("Meteen, één e-mail per melding")
    DIGEST = "digest", _("Eén overzicht per dag")
    NONE = "none", _("Geen e-mail")


def delivery_field() -> models.CharField:
    """`User.notification_delivery`: how the user gets the notifications of DigestKind
    (decisions on their own application always come at once)."""
    return models.CharField(
        _("e-mailmeldingen"), max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE
    )


class DigestKind(models.TextChoices):
    """The notifications that follow the user's choice, by the name of their e-mail
    (templates/emails/<name>/); the label heads their group in the digest, whose order is
    this one. Every other e-mail is urgent and always sent at once (portal.notifications)."""

    APPLICATION_SUBMITTED = "coordinator_application_submitted", _("Ingediende aanvragen")
    PARTNER_ANSWER = "coordinator_partner_answered", _("Antwoorden van partners")
    EXTRA_HOURS_REQUESTED = "coordinator_extra_hours_requested", _("Aanvragen voor extra uren")
    EVALUATION_REMINDER = "evaluation_reminder", _("Jaarlijkse evaluaties")
    OWN_PARTNER_ANSWER = "partner_answered", _("Antwoorden van uw partners")
    CLOSING_REMINDER = "closing_reminder", _("Maanden die afsluiten")


class DigestItem(models.Model):
    """One notification kept for the user's next digest: what happened (the subject of its
    e-mail, in the user's language), the link to the page where they act, and when.
    `sent_at` is set in the transaction that writes the digest to the outbox."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="digest_items",
        verbose_name=_("gebruiker"),
    )
    kind = models.CharField(_("soort"), max_length=40, choices=DigestKind.choices)
    summary = models.CharField(_("wat er gebeurde"), max_length=300)
    link = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("gemeld op"), auto_now_add=True)
    sent_at = models.DateTimeField(_("verstuurd in overzicht op"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("melding voor het dagoverzicht")
        verbose_name_plural = _("meldingen voor het dagoverzicht")
        indexes = [
            models.Index(
                fields=["user", "created_at"],
                condition=models.Q(sent_at__isnull=True),
                name="digest_item_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.summary}"
