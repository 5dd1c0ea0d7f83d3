"""Calls, applications, allocations, cooperation agreements, extra hours and the audit trail.

One module per family; this package exposes them all, so `applications.models.X` is the
one name every other module uses. The four calls are data (seeded by a migration): every
rule that differs between calls is a field, read by the engine, never an `if call == 3`.
"""

from applications.models.allocations import (
    Allocation,
    AllocationQuerySet,
    ExtraHoursRequest,
    ExtraHoursStatus,
)
from applications.models.applications import (
    Application,
    ApplicationStatus,
    CareFunction,
    CooperationAgreement,
)
from applications.models.audit import (
    MINUTE_ACTIONS,
    STATUS_ACTIONS,
    AuditAction,
    AuditEntry,
    OverriddenPartnerAnswer,
)
from applications.models.calls import Call, CallWorkForm, QuotaBasis, WorkForm, labels_of

__all__ = [
    "MINUTE_ACTIONS",
    "STATUS_ACTIONS",
    "Allocation",
    "AllocationQuerySet",
    "Application",
    "ApplicationStatus",
    "AuditAction",
    "AuditEntry",
    "Call",
    "CallWorkForm",
    "CareFunction",
    "CooperationAgreement",
    "ExtraHoursRequest",
    "ExtraHoursStatus",
    "OverriddenPartnerAnswer",
    "QuotaBasis",
    "WorkForm",
    "labels_of",
]
