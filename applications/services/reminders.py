"""Reminders that a call-3 cooperation agreement is due for its yearly evaluation.

The daily task (applications.tasks) calls `send_evaluation_reminder` per due agreement;
the agreement row remembers its last reminder, so each is reminded at most once a week.
"""

from datetime import timedelta

from django.db import transaction

from applications.models import CooperationAgreement
from portal.notifications import coordinators_of, tell

# While an evaluation is due, a reminder goes out once a week, not every day of the month.
REMINDER_INTERVAL = timedelta(days=7)


def reminder_due(last_reminder_on, today) -> bool:
    return last_reminder_on is None or today - last_reminder_on >= REMINDER_INTERVAL


def send_evaluation_reminder(agreement_id: int, *, today) -> bool:
    """E-mail the psychologist and the network's coordinators that an evaluation is due.

    At most once per agreement per REMINDER_INTERVAL: the agreement row is locked and
    stamped with `last_reminder_on`, so a second run (or a concurrent one) sends nothing.
    """
    with transaction.atomic():
        agreement = (
            CooperationAgreement.objects.select_for_update(of=("self",))
            .select_related("application__psychologist__user", "application__network")
            .get(pk=agreement_id)
        )
        if not reminder_due(agreement.last_reminder_on, today):
            return False
        agreement.last_reminder_on = today
        agreement.save(update_fields=["last_reminder_on"])
        application = agreement.application
        # A reminder is not urgent: it follows each user's choice (docs/notifications.md).
        for user in [application.psychologist.user, *coordinators_of(application.network_id)]:
            tell(
                user,
                "evaluation_reminder",
                {"agreement": agreement, "application": application},
            )
    return True
