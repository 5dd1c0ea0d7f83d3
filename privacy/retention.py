"""What the portal keeps for how long, applied every night (docs/privacy.md).

- A support request never confirmed goes 7 days after it was sent (its link is dead then).
- A closed support request loses its contact data 24 months after closing, on that day;
  the funnel's anonymous counts stay (demand.services.erasure).
- Sent (or failed) e-mails leave the outbox after 90 days, with their logs and the sent
  items of the digest; a message still queued stays.
- Expired sessions go (Django's clearsessions); axes's record of logins after a year.
- A psychologist who left is anonymised once no invoice of theirs is in its legal period
  and nothing of theirs waits to be billed (privacy.erasure).
- The access log keeps a year (portal.access_log).

Invoices, credit notes and the registrations they bill are never deleted here.
"""

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from importlib import import_module

from axes.models import AccessLog
from django.conf import settings
from django.utils import timezone
from post_office.models import STATUS, Email

from demand.models import RequestState, SupportRequest
from demand.services.erasure import erase_contact_data
from portal.access_log import purge_access_log
from portal.dates import add_months
from portal.models import DigestItem
from privacy.erasure import anonymise_departed

UNCONFIRMED_DAYS = 7
CLOSED_CONTACT_MONTHS = 24
OUTBOX_DAYS = 90
LOGIN_RECORD_DAYS = 365


@dataclass
class RetentionReport:
    unconfirmed_requests_deleted: int = 0
    request_contacts_erased: int = 0
    emails_deleted: int = 0
    digest_items_deleted: int = 0
    login_records_deleted: int = 0
    access_log_entries_deleted: int = 0
    psychologists_anonymised: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


def apply_retention(now: datetime | None = None) -> RetentionReport:
    """Every rule above, each in its own transaction; run again, it finds nothing new."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    report = RetentionReport(
        unconfirmed_requests_deleted=delete_unconfirmed_requests(now),
        request_contacts_erased=erase_closed_requests(today),
        emails_deleted=delete_old_emails(now),
        digest_items_deleted=delete_sent_digest_items(now),
        login_records_deleted=delete_old_login_records(now),
        access_log_entries_deleted=purge_access_log(now),
        psychologists_anonymised=anonymise_departed(today),
    )
    clear_expired_sessions()
    return report


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


def delete_sent_digest_items(now: datetime) -> int:
    cutoff = now - timedelta(days=OUTBOX_DAYS)
    return DigestItem.objects.filter(sent_at__lt=cutoff).delete()[0]


def delete_old_login_records(now: datetime) -> int:
    cutoff = now - timedelta(days=LOGIN_RECORD_DAYS)
    return AccessLog.objects.filter(attempt_time__lt=cutoff).delete()[0]


def clear_expired_sessions() -> None:
    """What `manage.py clearsessions` does, for the configured session engine."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
