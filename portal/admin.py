"""Admin for accounts and the directory."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from portal.models import Findplace, Network, Psychologist, Theme, User


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records that must never change once written (audit trail, invoices)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, (_("Netwerken"), {"fields": ("networks",)}))
    filter_horizontal = (*BaseUserAdmin.filter_horizontal, "networks")
    list_filter = (*BaseUserAdmin.list_filter, "networks")


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "education_open")
    list_filter = ("education_open",)
    search_fields = ("name", "code")


@admin.register(Findplace)
class FindplaceAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "municipality", "network")
    list_filter = ("network", "kind")
    search_fields = ("name", "municipality", "postal_code")


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    search_fields = ("name",)


@admin.register(Psychologist)
class PsychologistAdmin(admin.ModelAdmin):
    list_display = ("__str__", "riziv_number", "municipality", "employer")
    list_filter = ("networks", "themes")
    search_fields = ("user__first_name", "user__last_name", "user__username", "riziv_number")
    filter_horizontal = ("networks", "themes")
    list_select_related = ("user",)
