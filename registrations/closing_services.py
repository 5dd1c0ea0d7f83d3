"""Month closing's writes (docs/month-closing.md): a coordinator reopens a closed month for
one psychologist, and the daily reminder before a month closes.

The rule itself (when a month closes, the refusals) is `applications.engine.closing`; the
registration services apply it to every registration, change and deletion.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.access import coordinates
from applications.engine import closing
from applications.models import Allocation
from applications.services import raise_if_refused
from portal.dates import add_months
from portal.links import site_url
from portal.models import Network, Psychologist
from portal.notifications import tell
from registrations.models import ClosingReminder, MonthReopening, Registration

# The reminder goes out from this many days before the last open day (and on it, at the
# latest): a worker down for a day still sends it.
REMINDER_DAYS_BEFORE = 3


def reopen_month(
    network: Network,
    psychologist: Psychologist,
    month: date,
    *,
    until,
    reason: str,
    actor,
    today=None,
) -> MonthReopening:
    """Reopen a closed `month` of `network` for one psychologist up to `until` (included).
    Reopening it again moves its end and reason; the history keeps every version."""
    today = today or timezone.localdate()
    if not coordinates(actor, network.pk):
        raise ValidationError(
            _("U bent geen lokale coördinator van dit netwerk."), code="network_not_followed"
        )
    if not psychologist.networks.filter(pk=network.pk).exists():
        raise ValidationError(
            _("Deze psycholoog werkt niet in uw netwerk."), code="psychologist_not_in_network"
        )
    if not reason.strip():
        raise ValidationError(
            _("Vermeld waarom u de maand heropent, bv. een vergeten activiteit."),
            code="reopen_reason_required",
        )
    month = closing.month_of(month)
    raise_if_refused(closing.reopen_refusals(month, network.registration_closing_day, until, today))
    with transaction.atomic():
        # The psychologist's row serialises two coordinators reopening the same month.
        list(Psychologist.objects.select_for_update().filter(pk=psychologist.pk))
        reopening = (
            MonthReopening.objects.select_for_update()
            .filter(network=network, psychologist=psychologist, month=month)
            .first()
        ) or MonthReopening(network=network, psychologist=psychologist, month=month)
        reopening.until, reopening.reason, reopening.reopened_by = until, reason.strip(), actor
        reopening._history_user = actor
        reopening.save()
    return reopening


def closing_soon(network: Network, today: date) -> date | None:
    """The month of `network` whose last open day is within REMINDER_DAYS_BEFORE of today."""
    if network.registration_closing_day is None:
        return None
    month = add_months(closing.month_of(today), -1)
    last = closing.last_open_day(month, network.registration_closing_day)
    return month if last - timedelta(days=REMINDER_DAYS_BEFORE) <= today <= last else None


def _without_activity(network: Network, month: date):
    """Psychologists with an active allocation of `network` running in `month` and no
    registration in it, not reminded of it yet."""
    month_end = add_months(month, 1) - timedelta(days=1)
    running = Allocation.objects.filter(
        psychologist=OuterRef("pk"),
        network=network,
        is_active=True,
        window_start__lte=month_end,
        window_end__gte=month,
    )
    registered = Registration.objects.filter(
        psychologist=OuterRef("pk"),
        allocation__network=network,
        date__range=(month, month_end),
    )
    reminded = ClosingReminder.objects.filter(
        psychologist=OuterRef("pk"), network=network, month=month
    )
    return (
        Psychologist.objects.filter(Exists(running))
        .exclude(Exists(registered))
        .exclude(Exists(reminded))
        .select_related("user")
    )


def send_closing_reminders(today: date | None = None) -> int:
    """Remind, once per network and month, each psychologist who registered nothing yet
    in the month that closes soon. Idempotent: the reminder row is unique, and written in
    the transaction that writes the e-mail to the outbox."""
    today = today or timezone.localdate()
    sent = 0
    for network in Network.objects.exclude(registration_closing_day=None).order_by("pk"):
        month = closing_soon(network, today)
        if month is None:
            continue
        last = closing.last_open_day(month, network.registration_closing_day)
        for psychologist in _without_activity(network, month):
            with transaction.atomic():
                _reminder, created = ClosingReminder.objects.get_or_create(
                    network=network, psychologist=psychologist, month=month
                )
                if created:
                    context = {
                        "network": network,
                        "month": month,
                        "last_open_day": last,
                        "link": site_url(reverse("registrations:list")),
                    }
                    tell(psychologist.user, "closing_reminder", context)
                    sent += 1
    return sent
