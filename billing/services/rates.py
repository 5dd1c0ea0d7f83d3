"""Hourly rates: the rate in force on a day, and adding or removing one.

A rate is never added or removed inside a period that has already been billed: the
invoices of that period were issued with the rates as they are.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.engine import bounds
from applications.services import raise_if_refused
from billing.models import BillingRun, Rate, RunStatus


def rate_on(day: date) -> Decimal:
    rate = Rate.objects.in_force_on(day)
    if rate is None:
        raise ValidationError(
            _("Er is geen uurtarief van kracht op %(day)s.") % {"day": f"{day:%d/%m/%Y}"},
            code="no_rate",
        )
    return rate.hourly_rate


def rate_refusal(effective_from: date) -> ValidationError | None:
    """Why a rate from `effective_from` on may not be added or removed, or None: a period
    that ends on or after that date has already been billed with the rates as they are."""
    billed = BillingRun.objects.filter(period_end__gte=effective_from).exclude(
        status=RunStatus.QUEUED
    )
    if billed.exists():
        return ValidationError(
            _(
                "Er is al gefactureerd voor een periode die op of na deze datum eindigt; "
                "kies een latere datum."
            ),
            code="rate_in_billed_period",
        )
    return None


def add_rate(effective_from: date, hourly_rate: Decimal) -> Rate:
    """Add a rate from a date on; never inside a period that has already been billed."""
    raise_if_refused(bounds.rate_refusals(effective_from, hourly_rate, timezone.localdate()))
    with transaction.atomic():
        list(Rate.objects.select_for_update().all())
        refusal = rate_refusal(effective_from)
        if refusal:
            raise refusal
        if Rate.objects.filter(effective_from=effective_from).exists():
            raise ValidationError(
                _("Er bestaat al een tarief vanaf deze datum."), code="rate_exists"
            )
        return Rate.objects.create(effective_from=effective_from, hourly_rate=hourly_rate)


def delete_rate(rate: Rate) -> None:
    """Remove a rate no billed period has used yet (a mistyped future rate)."""
    with transaction.atomic():
        list(Rate.objects.select_for_update().all())
        refusal = rate_refusal(rate.effective_from)
        if refusal:
            raise refusal
        Rate.objects.filter(pk=rate.pk).delete()
