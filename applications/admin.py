"""Admin for calls, applications and allocations; the audit trail is read-only."""

from django.contrib import admin

from applications.models import (
    Allocation,
    Application,
    AuditEntry,
    Call,
    CallWorkForm,
    CooperationAgreement,
    ExtraHoursRequest,
)
from portal.admin import ReadOnlyAdmin


class CallWorkFormInline(admin.TabularInline):
    model = CallWorkForm
    extra = 0


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ("number", "name", "quota_minutes", "quota_basis", "window_months")
    list_filter = ("quota_basis",)
    search_fields = ("name",)
    inlines = [CallWorkFormInline]


@admin.register(CallWorkForm)
class CallWorkFormAdmin(admin.ModelAdmin):
    list_display = ("call", "work_form", "min_attendees", "min_minutes", "max_minutes")
    list_filter = ("call", "work_form")
    search_fields = ("work_form",)


class AgreementInline(admin.StackedInline):
    model = CooperationAgreement
    extra = 0


class AuditInline(admin.TabularInline):
    model = AuditEntry
    extra = 0
    can_delete = False
    readonly_fields = ("at", "actor", "action", "from_value", "to_value", "reason")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
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
class CooperationAgreementAdmin(admin.ModelAdmin):
    list_display = ("__str__", "minimum_minutes", "next_evaluation_date")
    search_fields = ("application__partner_name",)
    list_filter = ("next_evaluation_date",)


@admin.register(Allocation)
class AllocationAdmin(admin.ModelAdmin):
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
class ExtraHoursRequestAdmin(admin.ModelAdmin):
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
