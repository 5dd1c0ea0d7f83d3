"""Admin for calls, applications and allocations: what the administrator may do, and why.

* **Call**: its texts per language (django-modeltranslation's admin) and its networks.
* **CallEdition, EditionWorkForm**: read-only. An edition is made, changed and scheduled
  on the network pages (`applications.services.editions`), which validate it (bounds
  ordered, quotas positive, no overlap) and keep its history; an admin edit would not.
* **Application, CooperationAgreement**: read-only. An application changes state only
  through `applications.services` (submit, withdraw, approve, reject, ask for changes),
  which check the engine's rules and write the audit entry; its agreement is edited with
  the draft. Deleting one would also delete its audit trail.
* **AgreementEvaluation**: read-only. An evaluation is recorded by
  `services.record_evaluation`, which checks its dates and moves the agreement's next
  evaluation with an audit entry.
* **Allocation, ExtraHoursRequest**: read-only. Hours are granted only by
  `approve_application` and `decide_extra_hours`, with the engine's caps (call 2's 48 h
  per findplace, the quotas) and an audit entry; an admin edit would bypass both.
* **AuditEntry**: read-only, it is the trail itself.
"""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from applications.models import (
    AgreementEvaluation,
    Allocation,
    Application,
    AuditEntry,
    Call,
    CallEdition,
    CooperationAgreement,
    EditionWorkForm,
    ExtraHoursRequest,
)
from portal.admin import ReadOnlyAdmin, ReadOnlyStackedInline, ReadOnlyTabularInline


class EditionWorkFormInline(ReadOnlyTabularInline):
    model = EditionWorkForm


@admin.register(EditionWorkForm)
class EditionWorkFormAdmin(ReadOnlyAdmin):
    list_display = ("edition", "work_form", "min_attendees", "min_minutes", "max_minutes")
    list_filter = ("work_form",)
    list_select_related = ("edition__call",)
    search_fields = ("work_form",)


@admin.register(CallEdition.history.model)
class HistoricalCallEditionAdmin(ReadOnlyAdmin):
    list_display = ["history_date", "history_type", "history_user", "call", "valid_from"]
    list_filter = ["history_type"]
    search_fields = ["notes"]
    date_hierarchy = "history_date"


@admin.register(Call)
class CallAdmin(TranslationAdmin):
    list_display = ("number", "code", "name")
    list_filter = ("networks",)
    search_fields = ("name", "code")
    filter_horizontal = ("networks",)


@admin.register(CallEdition)
class CallEditionAdmin(ReadOnlyAdmin):
    list_display = ("call", "valid_from", "valid_until", "quota_minutes", "quota_basis")
    search_fields = ("call__name", "notes")
    list_filter = ("call__networks", "quota_basis")
    list_select_related = ("call",)
    inlines = [EditionWorkFormInline]


class AgreementInline(ReadOnlyStackedInline):
    model = CooperationAgreement


class AuditInline(ReadOnlyTabularInline):
    model = AuditEntry
    fields = ("at", "actor", "action", "from_value", "to_value", "reason")
    readonly_fields = fields


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = (
        "__str__",
        "network",
        "status",
        "start_date",
        "requested_minutes",
        "submitted_at",
    )
    list_filter = ("status", "call", "network", "findplace__kind")
    search_fields = (
        "psychologist__user__first_name",
        "psychologist__user__last_name",
        "findplace__name",
        "partner_name",
    )
    date_hierarchy = "submitted_at"
    list_select_related = ("call", "network", "psychologist__user")
    raw_id_fields = ("psychologist", "findplace", "decided_by")
    inlines = [AgreementInline, AuditInline]


@admin.register(CooperationAgreement)
class CooperationAgreementAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "minimum_minutes", "next_evaluation_date")
    search_fields = ("application__partner_name",)
    list_filter = ("next_evaluation_date",)


@admin.register(AgreementEvaluation)
class AgreementEvaluationAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "outcome", "next_evaluation_date", "recorded_by", "recorded_at")
    search_fields = ("agreement__application__partner_name",)
    list_filter = ("outcome",)


@admin.register(Allocation)
class AllocationAdmin(ReadOnlyAdmin):
    list_display = (
        "__str__",
        "network",
        "window_start",
        "window_end",
        "granted_minutes",
        "extra_minutes",
        "bonus_minutes",
        "is_active",
    )
    list_filter = ("call", "network", "is_active", "exclusive")
    search_fields = (
        "psychologist__user__first_name",
        "psychologist__user__last_name",
        "findplace__name",
    )
    date_hierarchy = "window_start"
    list_select_related = ("call", "network", "psychologist__user")
    raw_id_fields = ("application", "psychologist", "findplace")


@admin.register(ExtraHoursRequest)
class ExtraHoursRequestAdmin(ReadOnlyAdmin):
    list_display = ("allocation", "requested_minutes", "granted_minutes", "status", "created_at")
    list_filter = ("status",)
    search_fields = ("allocation__psychologist__user__last_name", "motivation")
    raw_id_fields = ("allocation", "decided_by")


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "application", "actor", "action", "from_value", "to_value")
    list_filter = ("action",)
    search_fields = ("reason", "application__psychologist__user__last_name")
    date_hierarchy = "at"
