"""The quota minutes an allocation has used, summed once instead of on every page.

The follow-up page lists thousands of allocations with their usage; summing three years of
registrations for each on every request cost seconds at national scale (issue 17). The
row is kept by registrations.usage; no row means nothing used yet. The engine never reads
it: a quota check sums the registrations themselves, under the allocation's lock.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from applications.models import Allocation
from portal.models import Network, Psychologist


class AllocationUsage(models.Model):
    allocation = models.OneToOneField(
        Allocation, primary_key=True, on_delete=models.CASCADE, related_name="quota_usage"
    )
    minutes = models.PositiveIntegerField(_("gebruikte minuten"), default=0)

    class Meta:
        verbose_name = _("gebruik van een toekenning")
        verbose_name_plural = _("gebruik van toekenningen")

    def __str__(self) -> str:
        return f"{self.allocation_id}: {self.minutes} min"


class AllocationMonthUsage(models.Model):
    """What an allocation's counting registrations of one month add up to: the quota
    minutes they use and how many of those are billed, their activity minutes and how many
    of those answer a support request. The uptake page and its funnel sum these for a range
    of months instead of a year of the country's registrations (about a million). Kept by
    registrations.usage; no row, no registration that month."""

    # The unique (allocation, month) index serves every lookup by allocation.
    allocation = models.ForeignKey(
        Allocation, on_delete=models.CASCADE, related_name="monthly_usage", db_index=False
    )
    # The allocation's network, which never changes: a network's months are read through
    # the (network, month) index, not by joining every allocation of the country.
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+", db_index=False)
    # And its psychologist, which never changes either: the uptake of all networks per
    # psychologist sums a year of month rows without joining 110,000 allocations.
    psychologist = models.ForeignKey(
        Psychologist, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    month = models.DateField(_("maand"))  # its first day
    registered_minutes = models.PositiveIntegerField(_("geregistreerde minuten"), default=0)
    billed_minutes = models.PositiveIntegerField(_("gefactureerde minuten"), default=0)
    duration_minutes = models.PositiveIntegerField(_("activiteitsminuten"), default=0)
    request_duration_minutes = models.PositiveIntegerField(
        _("activiteitsminuten op een ondersteuningsvraag"), default=0
    )

    class Meta:
        verbose_name = _("maandgebruik van een toekenning")
        verbose_name_plural = _("maandgebruik van toekenningen")
        constraints = [
            models.UniqueConstraint(fields=["allocation", "month"], name="month_usage_once")
        ]
        indexes = [
            models.Index(fields=["network", "month"], name="month_usage_network"),
            # The months of every network at once (a coordinator of all networks), per
            # network, month or psychologist: read from the index alone, 250,000 rows of
            # a year in half the time of the table.
            models.Index(
                fields=["month"],
                include=["network", "psychologist", "registered_minutes", "billed_minutes"],
                name="month_usage_all_networks",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.allocation_id} {self.month:%Y-%m}: {self.registered_minutes} min"
