"""Use cases that change applications and allocations: the only place that writes them.

One module per family of actions (the Zulip way, `zerver/actions/*`): `drafts`,
`submission`, `decisions` (and `bulk_decisions`, many of them through the single ones),
`extra_hours`, `partner_answers`, `reminders`, `evaluations`, and `common` for the refusal, audit and
lock helpers they share. Each service opens a transaction,
locks the rows whose totals it checks, asks the engine, writes, records the audit entry,
and writes its e-mail to the outbox in the same transaction.

Decision: this package exposes every public use case, so callers keep writing
`services.approve_application(...)`. The package is the app's one door for writes (views,
tasks, the demo, other apps' services and the tests all come through it), so a caller
never needs to know which family module holds a use case, and a use case can move between
modules without touching its callers. The family modules import `common`, never this
file, so there is no import cycle; `__all__` is the list of what the app offers.
"""

from applications.services.bulk_decisions import MAX_BULK_SELECTION, bulk_decide
from applications.services.common import EDITABLE, audit, raise_if_refused
from applications.services.decisions import (
    approve_application,
    reject_application,
    request_changes,
)
from applications.services.drafts import (
    answer_warnings,
    delete_draft,
    preview_refusals,
    propose_findplace,
    save_draft,
)
from applications.services.evaluations import evaluation_warnings, record_evaluation
from applications.services.extra_hours import (
    decide_extra_hours,
    extra_hours_warnings,
    request_extra_hours,
)
from applications.services.partner_answers import record_partner_answer
from applications.services.reminders import REMINDER_INTERVAL, send_evaluation_reminder
from applications.services.submission import submit_application, withdraw_application

__all__ = [
    "EDITABLE",
    "MAX_BULK_SELECTION",
    "REMINDER_INTERVAL",
    "answer_warnings",
    "approve_application",
    "audit",
    "bulk_decide",
    "decide_extra_hours",
    "delete_draft",
    "evaluation_warnings",
    "extra_hours_warnings",
    "preview_refusals",
    "propose_findplace",
    "raise_if_refused",
    "record_evaluation",
    "record_partner_answer",
    "reject_application",
    "request_changes",
    "request_extra_hours",
    "save_draft",
    "send_evaluation_reminder",
    "submit_application",
    "withdraw_application",
]
