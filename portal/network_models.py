"""What a network covers and who works for it besides the psychologists: its postcodes and
its existing services.

Kept apart from portal/models.py (the directory) so that module stays small; Django finds
the models here because portal/models.py imports this module.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal import postcodes


class PostcodeRange(models.Model):
    """Postcodes `first` to `last` (both included) that a network covers; two networks
    never cover the same postcode (`portal.network_settings` refuses it)."""

    network = models.ForeignKey(
        "portal.Network",
        on_delete=models.CASCADE,
        related_name="postcode_ranges",
        verbose_name=_("netwerk"),
    )
    first = models.PositiveSmallIntegerField(_("van postcode"))
    last = models.PositiveSmallIntegerField(_("tot en met postcode"))
    history = HistoricalRecords(
        verbose_name=_("historiek van postcodes"),
        verbose_name_plural=_("historiek van postcodes"),
    )

    class Meta:
        ordering = ["first"]
        verbose_name = _("postcodes van een netwerk")
        verbose_name_plural = _("postcodes van netwerken")
        indexes = [models.Index(fields=["first", "last"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(first__gte=postcodes.FIRST_POSTCODE)
                & Q(last__gte=F("first"))
                & Q(last__lte=postcodes.LAST_POSTCODE),
                name="postcode_range_ordered_belgian",
            )
        ]

    def __str__(self) -> str:
        return f"{self.network}: {postcodes.Range(self.first, self.last)}"


class ExistingService(models.Model):
    """An existing service of a network (bestaande werking: Advies & coaching, Netwerkpunt,
    Crosslink …) that matches first-line questions with psychologists; the published offer
    lists them with how to reach them."""

    network = models.ForeignKey(
        "portal.Network",
        on_delete=models.PROTECT,
        related_name="existing_services",
        verbose_name=_("netwerk"),
    )
    name = models.CharField(_("naam"), max_length=160)
    description = models.TextField(_("wat de werking doet"), max_length=2000)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    municipality = models.CharField(_("gemeente"), max_length=80, blank=True)
    # The history records the Dutch name and description; the translated columns that
    # django-modeltranslation adds after this class is built are not in it.
    history = HistoricalRecords(
        excluded_fields=[
            f"{field}_{language.replace('-', '_')}"
            for field in ("name", "description")
            for language, _name in settings.LANGUAGES
        ],
        verbose_name=_("historiek van een bestaande werking"),
        verbose_name_plural=_("historiek van bestaande werkingen"),
    )

    class Meta:
        ordering = ["network", "name"]
        verbose_name = _("bestaande werking")
        verbose_name_plural = _("bestaande werkingen")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "name"], name="existing_service_unique_per_network"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.network})"
