"""The daily digest: one e-mail per user listing the notifications kept for them since their
last digest (portal.notifications.tell), grouped by kind.

Run by beat once a day (portal.tasks.send_digests). The e-mail is written to the outbox and
its items marked sent in one transaction, under a lock on the user: a crash before the
commit keeps the items for the next run, a second run (or a concurrent one) finds them
sent, so nothing is lost and nothing is sent twice.
"""

import logging

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from portal.models import User
from portal.notification_models import Delivery, DigestItem, DigestKind
from portal.notifications import notify

logger = logging.getLogger(__name__)


def users_with_pending_items() -> list[int]:
    return list(
        DigestItem.objects.filter(sent_at__isnull=True)
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()
    )


def send_digest(user_id: int, *, now=None) -> bool:
    """E-mail the user their digest, if anything waits for it; True when one was written.

    A user who has since chosen no e-mail, was deactivated or has no address gets nothing,
    and their waiting items are dropped. One who has gone back to e-mails at once still
    gets what waited, in this last digest.
    """
    now = now or timezone.now()
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=user_id).first()
        if user is None:
            return False
        pending = DigestItem.objects.filter(user=user, sent_at__isnull=True)
        items = list(pending.order_by("created_at", "pk"))
        if not items:
            return False
        if not (user.is_active and user.email) or user.notification_delivery == Delivery.NONE:
            pending.delete()
            return False
        previous = DigestItem.objects.filter(user=user, sent_at__isnull=False).aggregate(
            last=Max("sent_at")
        )["last"]
        notify(user, "digest", {"groups": groups(items), "count": len(items), "since": previous})
        mark_sent(items, now)
    return True


def mark_sent(items: list[DigestItem], now) -> None:
    DigestItem.objects.filter(pk__in=[item.pk for item in items]).update(sent_at=now)


def groups(items: list[DigestItem]) -> list[dict]:
    """The items by kind, in the order of DigestKind, each group under the kind's label."""
    by_kind: dict[str, list[DigestItem]] = {}
    for item in items:
        by_kind.setdefault(item.kind, []).append(item)
    return [
        {"label": kind.label, "items": by_kind[kind.value]}
        for kind in DigestKind
        if kind.value in by_kind
    ]


def send_digests() -> int:
    """The digest of every user with waiting items; one user's failure does not stop the
    others (their items wait for the next run). The number of digests written."""
    sent = 0
    for user_id in users_with_pending_items():
        try:
            sent += send_digest(user_id)
        except Exception:
            logger.exception("Digest of user %s not sent; its items wait for the next run", user_id)
    return sent
