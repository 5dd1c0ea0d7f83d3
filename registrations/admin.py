"""Admin for registrations: read-only, with their history.

* **Registration**: read-only, since every change must pass the engine's quota checks in
  `registrations.services` (and billed ones only change through a credit note). Its
  history page lists every creation, change and deletion (django-simple-history); a past
  version can be viewed there but never restored, since a restore would skip the engine.
* **Historical registration**: read-only; the one place to find the last state of a
  deleted registration.
* **MonthReopening** (and its history), **ClosingReminder**: read-only. A coordinator
  reopens a month through `registrations.closing_services.reopen_month`, which checks the
  month is closed and how long it may open; the reminders are the daily task's record
  that it wrote each one once.
* **AllocationUsage**, **AllocationMonthUsage**: read-only, sums kept by
  `registrations.usage` from the registrations themselves.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from portal.admin import ReadOnly, ReadOnlyAdmin
from registrations.models import (
    AllocationMonthUsage,
    AllocationUsage,
    ClosingReminder,
    MonthReopening,
    Registration,
)


@admin.register(Registration)
class RegistrationAdmin(ReadOnly, SimpleHistoryAdmin):
    actions = None
    list_display = (
        "date",
        "start_time",
        "psychologist",
        "work_form",
        "duration_minutes",
        "prep_minutes",
        "attendees",
        "is_billed",
        "is_credited",
    )
    list_filter = (
        "work_form",
        "is_billed",
        "is_credited",
        "allocation__call",
        "allocation__network",
    )
    search_fields = ("subject", "place", "psychologist__user__last_name")
    date_hierarchy = "date"
    list_select_related = ("psychologist__user",)
    history_list_display = ("date", "start_time", "duration_minutes", "work_form")

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple_history saves a POST here as a restore of that version, even without the
        # change permission; a registration only changes through its service.
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(Registration.history.model)
class HistoricalRegistrationAdmin(ReadOnlyAdmin):
    list_display = ("history_date", "history_type", "history_user", "id", "date", "psychologist")
    list_filter = ("history_type",)
    search_fields = ("subject", "place", "psychologist__user__last_name")
    date_hierarchy = "history_date"
    list_select_related = ("history_user", "psychologist__user")


@admin.register(MonthReopening)
class MonthReopeningAdmin(ReadOnlyAdmin):
    list_display = ("month", "psychologist", "network", "until", "reopened_by", "created_at")
    list_filter = ("network",)
    search_fields = ("psychologist__user__last_name", "reason")
    list_select_related = ("psychologist__user", "network", "reopened_by")


@admin.register(MonthReopening.history.model)
class HistoricalMonthReopeningAdmin(ReadOnlyAdmin):
    list_display = ("history_date", "history_user", "month", "psychologist", "until")
    search_fields = ("psychologist__user__last_name",)


@admin.register(ClosingReminder)
class ClosingReminderAdmin(ReadOnlyAdmin):
    list_display = ("month", "psychologist", "network", "sent_at")
    list_filter = ("network",)
    search_fields = ("psychologist__user__last_name",)


@admin.register(AllocationUsage)
class AllocationUsageAdmin(ReadOnlyAdmin):
    list_display = ("allocation", "minutes")
    search_fields = ("allocation__psychologist__user__last_name",)
    list_select_related = ("allocation__psychologist__user", "allocation__call")


@admin.register(AllocationMonthUsage)
class AllocationMonthUsageAdmin(AllocationUsageAdmin):
    list_display = ("allocation", "month", "registered_minutes", "billed_minutes")
