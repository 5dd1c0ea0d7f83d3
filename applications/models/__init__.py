"""Calls, applications, allocations, cooperation agreements, extra hours and the audit trail.

One module per family; this package exposes them all, so `applications.models.X` is the
one name every other module uses. The calls are data (the four of Oost-Vlaanderen seeded by a migration), their rules
fields of their editions, read by the engine, never an `if call == 3`.
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
    BulkAction,
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
from applications.models.calls import (
    OOST_VLAANDEREN_CALL_CODES,
    Call,
    QuotaBasis,
    WorkForm,
    labels_of,
)
from applications.models.editions import CallEdition, CallEditionQuerySet, EditionWorkForm
from applications.models.evaluations import AgreementEvaluation, EvaluationOutcome

__all__ = [
    "OOST_VLAANDEREN_CALL_CODES",
    "MINUTE_ACTIONS",
    "STATUS_ACTIONS",
    "AgreementEvaluation",
    "Allocation",
    "AllocationQuerySet",
    "Application",
    "ApplicationStatus",
    "AuditAction",
    "AuditEntry",
    "BulkAction",
    "Call",
    "CallEdition",
    "CallEditionQuerySet",
    "CareFunction",
    "CooperationAgreement",
    "EditionWorkForm",
    "EvaluationOutcome",
    "ExtraHoursRequest",
    "ExtraHoursStatus",
    "OverriddenPartnerAnswer",
    "QuotaBasis",
    "WorkForm",
    "labels_of",
]
