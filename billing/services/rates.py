"""Hourly rates: the rate in force for a network on a day, and adding or removing one.

* **Decision — the network's own rate wins**: a network's rate in force on a day is its
  own latest rate on or before that day, else the latest shared rate (a rate without a
  network). A network that sets its own rate from 2026-01-01 keeps the shared rate for
  2025 and before.
* A rate is never added or removed inside a period that has already been billed for a
  network it applies to: the invoices of that period were issued with the rates as they
  are. A network's own rate: that network's billed periods. A shared rate: the billed
  periods of every network that used the shared rate then (no own rate yet).
* Network staff add and remove the rates of the networks they follow; a shared rate
  changes every network's invoices, so only an administrator (superuser) changes those.
  `actor=None` is the portal itself (a data migration, a script, the demo).
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.engine import bounds
from applications.services import raise_if_refused
from billing.models import BillingRun, Rate, RunStatus
from portal.access import manages
from portal.models import Network


def rate_on(network: Network, day: date) -> Decimal:
    """The hourly rate a run of `network` bills a period ending on `day` at."""
    rate = Rate.objects.in_force_on(day, network)
    if rate is None:
        raise ValidationError(
            _("Er is geen uurtarief van kracht op %(day)s.") % {"day": f"{day:%d/%m/%Y}"},
            code="no_rate",
        )
    return rate.hourly_rate


def first_rate_date(network: Network) -> date | None:
    """The first day any rate applies to the network (its own or a shared one)."""
    first = Rate.objects.applicable_to(network).order_by("effective_from").first()
    return first.effective_from if first else None


def rate_refusal(effective_from: date, network: Network | None = None) -> ValidationError | None:
    """Why a rate of `network` (None: shared) from `effective_from` on may not be added or
    removed, or None: a period ending on or after that date has been billed for a network
    the rate applies to."""
    billed = BillingRun.objects.filter(period_end__gte=effective_from).exclude(
        status=RunStatus.QUEUED
    )
    if network is not None:
        billed = billed.filter(network=network)
    else:
        own_rate_then = Rate.objects.filter(
            network=OuterRef("network"), effective_from__lte=OuterRef("period_end")
        )
        billed = billed.exclude(Exists(own_rate_then))
    if billed.exists():
        return ValidationError(
            _(
                "Er is al gefactureerd voor een periode die op of na deze datum eindigt; "
                "kies een latere datum."
            ),
            code="rate_in_billed_period",
        )
    return None


def permission_refusal(actor, network: Network | None) -> ValidationError | None:
    """Why `actor` may not change the rates of `network` (None: the shared rates), or None."""
    if actor is None or actor.is_superuser:
        return None
    if network is None:
        return ValidationError(
            _(
                "Een gedeeld tarief geldt voor elk netwerk zonder eigen tarief; enkel een "
                "beheerder wijzigt het. Voeg een tarief toe voor uw eigen netwerk."
            ),
            code="shared_rate_admin_only",
        )
    if not manages(actor, network):
        return ValidationError(
            _("U volgt het netwerk %(network)s niet op als netwerkmedewerker.")
            % {"network": network.name},
            code="network_not_followed",
        )
    return None


def _lock_rates() -> None:
    # Every rate row: a shared rate's check reads the networks' own rates.
    list(Rate.objects.select_for_update().order_by("pk"))


def add_rate(
    effective_from: date, hourly_rate: Decimal, network: Network | None = None, *, actor=None
) -> Rate:
    """Add a rate of `network` (None: shared) from a date on; never inside a period that
    has been billed for a network it applies to."""
    refusal = permission_refusal(actor, network)
    if refusal:
        raise refusal
    raise_if_refused(bounds.rate_refusals(effective_from, hourly_rate, timezone.localdate()))
    with transaction.atomic():
        _lock_rates()
        refusal = rate_refusal(effective_from, network)
        if refusal:
            raise refusal
        if Rate.objects.filter(network=network, effective_from=effective_from).exists():
            raise ValidationError(
                _("Er bestaat al een tarief vanaf deze datum."), code="rate_exists"
            )
        rate = Rate(network=network, effective_from=effective_from, hourly_rate=hourly_rate)
        rate._history_user = actor
        rate.save()
        return rate


def delete_rate(rate: Rate, *, actor=None) -> None:
    """Remove a rate no billed period has used yet (a mistyped future rate)."""
    refusal = permission_refusal(actor, rate.network)
    if refusal:
        raise refusal
    with transaction.atomic():
        _lock_rates()
        rate = Rate.objects.select_related("network").get(pk=rate.pk)
        refusal = rate_refusal(rate.effective_from, rate.network)
        if refusal:
            raise refusal
        rate._history_user = actor
        rate.delete()
