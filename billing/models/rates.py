"""Hourly rates of pseudocode 726994 with their effective dates, per network or shared."""

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal import formatting
from portal.models import Network


class RateQuerySet(models.QuerySet):
    def applicable_to(self, network: Network | None) -> "RateQuerySet":
        """The network's own rates and the shared ones (None: the shared ones only)."""
        if network is None:
            return self.filter(network__isnull=True)
        return self.filter(Q(network=network) | Q(network__isnull=True))

    def in_force_on(self, day: date, network: Network | None = None) -> "Rate | None":
        """The rate of `network` on `day`: its own latest rate from that day or before, else
        the latest shared one (None: the shared one)."""
        if network is None:
            return self.in_force_for(day, [])[None]
        return self.in_force_for(day, [network])[network.pk]

    def in_force_for(self, day: date, networks) -> "dict[int | None, Rate | None]":
        """`in_force_on` for several networks at once, by network id (None: the shared
        rate), in one query: a page listing every network reads no rate per network."""
        ids = [network.pk for network in networks]
        candidates = self.filter(effective_from__lte=day).filter(
            Q(network_id__in=ids) | Q(network__isnull=True)
        )
        latest: dict[int | None, Rate] = {}
        for rate in candidates.order_by("-effective_from"):
            latest.setdefault(rate.network_id, rate)
        shared = latest.get(None)
        return {None: shared} | {pk: latest.get(pk, shared) for pk in ids}


class Rate(models.Model):
    """The hourly rate of pseudocode 726994 from a date on (until the next rate), of one
    network or shared by every network (`network` empty). A network's own rate wins over
    the shared one from its date on (`RateQuerySet.in_force_on`)."""

    network = models.ForeignKey(
        Network,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rates",
        verbose_name=_("netwerk"),
        help_text=_("Leeg: gedeeld door elk netwerk zonder eigen tarief."),
    )
    effective_from = models.DateField(_("geldig vanaf"))
    hourly_rate = models.DecimalField(_("uurtarief (EUR)"), max_digits=8, decimal_places=2)
    history = HistoricalRecords(
        verbose_name=_("historiek van een tarief"),
        verbose_name_plural=_("historiek van tarieven"),
    )

    objects = RateQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("tarief")
        verbose_name_plural = _("tarieven")
        constraints = [
            models.CheckConstraint(condition=Q(hourly_rate__gt=0), name="rate_positive"),
            models.UniqueConstraint(
                fields=["network", "effective_from"],
                condition=Q(network__isnull=False),
                name="rate_unique_per_network_and_date",
            ),
            models.UniqueConstraint(
                fields=["effective_from"],
                condition=Q(network__isnull=True),
                name="rate_shared_unique_per_date",
            ),
        ]

    def __str__(self) -> str:
        owner = self.network.name if self.network_id else _("gedeeld")
        return (
            f"{formatting.money(self.hourly_rate)} ({owner}, "
            f"{_('vanaf')} {self.effective_from:%d/%m/%Y})"
        )
