"""The audit trail of applications: who changed what, when, from what to what, and why."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from applications.models.applications import Application, ApplicationStatus
from portal import formatting


class AuditAction(models.TextChoices):
    """What an audit entry records; its from/to values are statuses or minutes (see below)."""

    CREATED = "created", _("Aanvraag aangemaakt")
    STATUS = "status", _("Status gewijzigd")
    PARTNER_CONFIRMED = "partner_confirmed", _("Partner heeft bevestigd")
    PARTNER_DECLINED = "partner_declined", _("Partner heeft geweigerd")
    GRANTED_MINUTES = "granted_minutes", _("Uren toegekend")
    PARTNER_OVERRIDE = "partner_override", _("Goedgekeurd zonder bevestiging van de partner")
    EXTRA_HOURS_REQUESTED = "extra_hours_requested", _("Extra uren gevraagd")
    EXTRA_MINUTES = "extra_minutes", _("Beslissing extra uren")
    DRAFT_DELETED = "draft_deleted", _("Concept verwijderd")
    EVALUATION = "evaluation", _("Evaluatie van de overeenkomst geregistreerd")


class OverriddenPartnerAnswer(models.TextChoices):
    """The partner's answer an approval went past (from_value of PARTNER_OVERRIDE)."""

    WAITING = "waiting", _("wacht op bevestiging")
    DECLINED = "declined", _("geweigerd")


# The actions whose from/to values are application statuses, and those that are minutes.
STATUS_ACTIONS = {
    AuditAction.CREATED,
    AuditAction.STATUS,
    AuditAction.DRAFT_DELETED,
    AuditAction.PARTNER_OVERRIDE,
}
MINUTE_ACTIONS = {
    AuditAction.GRANTED_MINUTES,
    AuditAction.EXTRA_HOURS_REQUESTED,
    AuditAction.EXTRA_MINUTES,
}


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
    action = models.CharField(max_length=40, choices=AuditAction.choices)
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
        return str(self.get_action_display())

    @property
    def from_label(self) -> str:
        return self.value_label(self.from_value)

    @property
    def to_label(self) -> str:
        return self.value_label(self.to_value)

    @property
    def actor_label(self) -> str:
        """Who made the change, by name; "systeem" for a task."""
        if self.actor is None:
            return str(_("systeem"))
        return self.actor.get_full_name() or self.actor.username

    def value_label(self, value: str) -> str:
        """A stored from/to value as people read it: a status by name, minutes as hours."""
        if not value:
            return ""
        if self.action == AuditAction.PARTNER_OVERRIDE and value in OverriddenPartnerAnswer.values:
            return str(OverriddenPartnerAnswer(value).label)
        if self.action in STATUS_ACTIONS:
            return str(dict(ApplicationStatus.choices).get(value, value))
        if self.action in MINUTE_ACTIONS and value.isdigit():
            return formatting.hours(int(value))
        return value
