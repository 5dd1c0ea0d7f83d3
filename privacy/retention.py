"""What the portal keeps for how long, applied every night (docs/privacy.md).

- A support request never confirmed goes 7 days after it was sent (its link is dead then).
- A closed support request loses its contact data 24 months after closing, on that day;
  the funnel's anonymous counts stay (demand.services.erasure).
- Sent (or failed) e-mails leave the outbox after 90 days; a message still queued stays.
- A psychologist who left is anonymised once no invoice of theirs is in its legal period
  and nothing of theirs waits to be billed (privacy.erasure).
- The access log keeps a year (portal.access_log).

Invoices, credit notes and the registrations they bill are never deleted here.
"""

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone
from post_office.models import STATUS, Email

from demand.models import RequestState, SupportRequest
from demand.services.erasure import erase_contact_data
from portal.dates import add_months
from privacy.erasure import anonymise_departed

UNCONFIRMED_DAYS = 7
CLOSED_CONTACT_MONTHS = 24
OUTBOX_DAYS = 90


@dataclass
class RetentionReport:
    unconfirmed_requests_deleted: int = 0
    request_contacts_erased: int = 0
    emails_deleted: int = 0
    psychologists_anonymised: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


def apply_retention(now: datetime | None = None) -> RetentionReport:
    """Every rule above, each in its own transaction; run again, it finds nothing new."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    return RetentionReport(
        unconfirmed_requests_deleted=delete_unconfirmed_requests(now),
        request_contacts_erased=erase_closed_requests(today),
        emails_deleted=delete_old_emails(now),
        psychologists_anonymised=anonymise_departed(today),
    )


def delete_unconfirmed_requests(now: datetime) -> int:
    """Requests still NEW a full 7 days after they were sent (to the second)."""
    cutoff = now - timedelta(days=UNCONFIRMED_DAYS)
    stale = SupportRequest.objects.filter(state=RequestState.NEW, created_at__lt=cutoff)
    return stale.delete()[1].get(SupportRequest._meta.label, 0)


def closed_before_erasure(today: date) -> datetime:
    """The moment before which a closing is 24 months old today (from the local midnight
    of the day 24 months ago: a request closed that day is erased today)."""
    first_kept_day = add_months(today, -CLOSED_CONTACT_MONTHS) + timedelta(days=1)
    midnight = datetime.combine(first_kept_day, datetime.min.time())
    return timezone.make_aware(midnight)


def erase_closed_requests(today: date) -> int:
    due = SupportRequest.objects.filter(
        closed_at__lt=closed_before_erasure(today), erased_at__isnull=True
    ).only("pk")
    return sum(erase_contact_data(support_request) for support_request in due)


def delete_old_emails(now: datetime) -> int:
    cutoff = now - timedelta(days=OUTBOX_DAYS)
    old = Email.objects.filter(created__lt=cutoff, status__in=[STATUS.sent, STATUS.failed])
    return old.delete()[1].get(Email._meta.label, 0)
