"""Admin for accounts and the directory, and the read-only bases the other admins share.

What the administrator may do here, per model, and why:

* **User, Theme, Findplace, Psychologist**: editable (a user's preferred language too; a
  theme's name per language, django-modeltranslation's admin: Dutch required). They are the directory, not rule
  decisions: the engine reads a findplace's kind or a psychologist's employer when an
  application is checked, and what it granted then stays granted (allocations and
  registrations are read-only in their own admins).
* **Network**: editable (name, address, company number, the education setting that reopens
  schools and CLBs), except its `code` once created: it prefixes the gapless invoice
  numbers of the year, so a new code mid-year would break the series.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from portal.models import Findplace, Network, Psychologist, Theme, User


class ReadOnly:
    """No add, change or delete: the record is written only by its service (or never
    changes once written: audit trail, invoices). Viewing stays allowed."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnly, admin.ModelAdmin):
    actions = None


class ReadOnlyTabularInline(ReadOnly, admin.TabularInline):
    extra = 0
    can_delete = False


class ReadOnlyStackedInline(ReadOnly, admin.StackedInline):
    extra = 0
    can_delete = False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Netwerken"), {"fields": ("networks",)}),
        (_("Taal"), {"fields": ("language",)}),
    )
    filter_horizontal = (*BaseUserAdmin.filter_horizontal, "networks")
    list_filter = (*BaseUserAdmin.list_filter, "networks", "language")


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "education_open")
    list_filter = ("education_open",)
    search_fields = ("name", "code")

    def get_readonly_fields(self, request, obj=None):
        return ("code",) if obj else ()


@admin.register(Findplace)
class FindplaceAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "municipality", "network")
    list_filter = ("network", "kind")
    search_fields = ("name", "municipality", "postal_code")


@admin.register(Theme)
class ThemeAdmin(TranslationAdmin):
    search_fields = ("name",)


@admin.register(Psychologist)
class PsychologistAdmin(admin.ModelAdmin):
    list_display = ("__str__", "riziv_number", "municipality", "employer")
    list_filter = ("networks", "themes")
    search_fields = ("user__first_name", "user__last_name", "user__username", "riziv_number")
    filter_horizontal = ("networks", "themes")
    list_select_related = ("user",)
