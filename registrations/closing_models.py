"""What month closing keeps (docs/month-closing.md): a month a coordinator reopened for one
psychologist, and the one reminder a psychologist gets before a month closes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.models import Network, Psychologist


class MonthReopening(models.Model):
    """A closed month of a network, open again for one psychologist up to `until`."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    psychologist = models.ForeignKey(
        Psychologist, on_delete=models.CASCADE, related_name="month_reopenings"
    )
    # The first day of the month that is reopened.
    month = models.DateField(_("maand"))
    until = models.DateField(_("heropend tot en met"))
    reason = models.TextField(_("reden"))
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("heropend door"),
    )
    created_at = models.DateTimeField(_("heropend op"), auto_now_add=True)
    # Who reopened or extended it and when: a second reopening of the month changes this row.
    history = HistoricalRecords(
        verbose_name=_("historiek van een heropende maand"),
        verbose_name_plural=_("historiek van heropende maanden"),
    )

    class Meta:
        ordering = ["-month", "-pk"]
        verbose_name = _("heropende maand")
        verbose_name_plural = _("heropende maanden")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "psychologist", "month"], name="one_reopening_per_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%m/%Y} {self.psychologist} ({self.until:%d/%m/%Y})"


class ClosingReminder(models.Model):
    """The reminder a psychologist got before a month of a network closed: at most one."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    psychologist = models.ForeignKey(Psychologist, on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("maand"))
    sent_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("herinnering maandafsluiting")
        verbose_name_plural = _("herinneringen maandafsluiting")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "psychologist", "month"], name="one_closing_reminder"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%m/%Y} {self.psychologist}"
