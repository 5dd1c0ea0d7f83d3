"""Admin for registrations: read-only, since every change must pass the engine's quota
checks in registrations.services (and billed ones only change through a credit note)."""

from django.contrib import admin

from portal.admin import ReadOnlyAdmin
from registrations.models import Registration


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
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
