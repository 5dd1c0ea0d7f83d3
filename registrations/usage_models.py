"""The quota minutes an allocation has used, summed once instead of on every page.

The follow-up page lists thousands of allocations with their usage; summing three years of
registrations for each on every request cost seconds at national scale (issue 17). The
row is kept by registrations.usage; no row means nothing used yet. The engine never reads
it: a quota check sums the registrations themselves, under the allocation's lock.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from applications.models import Allocation


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
