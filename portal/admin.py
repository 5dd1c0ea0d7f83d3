"""Admin for accounts and the directory, and the read-only bases the other admins share.

What the administrator may do here, per model, and why:

* **User, Theme, Findplace, Psychologist**: editable (a psychologist's enterprise number,
  IBAN and BIC with the checks of the profile page; a user's preferred language too; a
  theme's name per language, django-modeltranslation's admin: Dutch required). They are the directory, not rule
  decisions: the engine reads a findplace's kind or a psychologist's employer when an
  application is checked, and what it granted then stays granted (allocations and
  registrations are read-only in their own admins).
* **Network**: a network is created here (name and code) and renamed here; its `code`
  never changes once created (it is the default invoice prefix). Its settings (address,
  enterprise number, bank account, invoice prefix, postcodes, languages, education) are
  read-only here: they change on the network's settings page, through
  `portal.network_settings`, whose checks (check digits, postcodes no other network
  covers, a prefix of its own) and history (with the user) must hold for every change.
* **Existing service, postcodes of a network, the history models**: read-only, for the
  same reason; the history of a network, an existing service or a rate is never restored
  (a restore would skip the checks).
* **Access log**: read-only, and never deleted here: only the daily purge removes an
  entry, a year after it was written (portal.access_log, docs/access-log.md). Opening a
  psychologist's page here is itself logged, as a view of their profile.
* **Digest items**: read-only, a trace of what waited for (and went out in) a user's daily
  digest; only portal.notifications writes them and portal.digest marks them sent.
* **Worker heartbeat**: read-only, one row the heartbeat task rewrites every minute and
  the readiness probe reads (portal.readiness).
"""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from portal import access_log
from portal.forms import InvoiceDataFields
from portal.models import (
    AccessKind,
    AccessLogEntry,
    DigestItem,
    ExistingService,
    Findplace,
    Network,
    PostcodeRange,
    Psychologist,
    Theme,
    User,
    WorkerHeartbeat,
)
from portal.network_settings import SETTINGS_FIELDS
from portal.validators import masked_enterprise_number, masked_iban


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
        (_("Meldingen"), {"fields": ("notification_delivery",)}),
    )
    filter_horizontal = (*BaseUserAdmin.filter_horizontal, "networks")
    list_filter = (*BaseUserAdmin.list_filter, "networks", "language", "notification_delivery")


class NoRestoreHistoryAdmin(SimpleHistoryAdmin):
    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple_history saves a POST here as a restore of that version: it would skip
        # the checks of the service that is the only writer.
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class ReadOnlyHistoryAdmin(ReadOnly, NoRestoreHistoryAdmin):
    actions = None


@admin.register(Network)
class NetworkAdmin(NoRestoreHistoryAdmin):
    list_display = ("name", "code", "number_prefix", "municipality", "education_open")
    list_filter = ("education_open",)
    search_fields = ("name", "code", "municipality", "enterprise_number")

    def get_fields(self, request, obj=None):
        return ("name", "code", *SETTINGS_FIELDS) if obj else ("name", "code")

    def get_readonly_fields(self, request, obj=None):
        return ("code", *SETTINGS_FIELDS) if obj else ()


@admin.register(PostcodeRange)
class PostcodeRangeAdmin(ReadOnlyHistoryAdmin):
    list_display = ("network", "first", "last")
    list_filter = ("network",)
    search_fields = ("network__name",)


@admin.register(ExistingService)
class ExistingServiceAdmin(ReadOnlyHistoryAdmin):
    list_display = ("name", "network", "municipality", "email", "phone")
    list_filter = ("network",)
    search_fields = ("name", "description", "municipality")


for historical in (Network, PostcodeRange, ExistingService):

    @admin.register(historical.history.model)
    class HistoricalAdmin(ReadOnlyAdmin):
        list_display = ("history_date", "history_type", "history_user", "id")
        list_filter = ("history_type",)
        search_fields = ("history_user__username",)
        date_hierarchy = "history_date"


@admin.register(Findplace)
class FindplaceAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "municipality", "network")
    list_filter = ("network", "kind")
    search_fields = ("name", "municipality", "postal_code")


@admin.register(Theme)
class ThemeAdmin(TranslationAdmin):
    search_fields = ("name",)


class PsychologistAdminForm(InvoiceDataFields, forms.ModelForm):
    """The invoice data with the checks of the profile page (portal.validators): a number
    typed here reaches the invoices the network draws up in the psychologist's name."""

    class Meta:
        model = Psychologist
        fields = [
            "user",
            "riziv_number",
            "networks",
            "employer",
            "themes",
            "enterprise_number",
            "street",
            "postal_code",
            "municipality",
            "iban",
            "bic",
            "listed_publicly",
            "languages",
        ]


PROFILE = _("Profiel")


@admin.register(Psychologist)
class PsychologistAdmin(admin.ModelAdmin):
    form = PsychologistAdminForm
    # Numbers masked in the list (docs/privacy.md); in full on the change page.
    list_display = (
        "__str__",
        "riziv_number",
        "masked_enterprise_number",
        "masked_iban",
        "municipality",
        "employer",
    )
    list_filter = ("networks", "themes")
    search_fields = ("user__first_name", "user__last_name", "user__username", "riziv_number")
    filter_horizontal = ("networks", "themes")
    list_select_related = ("user",)

    @admin.display(description=_("ondernemingsnummer"))
    def masked_enterprise_number(self, psychologist):
        return masked_enterprise_number(psychologist.enterprise_number)

    @admin.display(description=_("IBAN"))
    def masked_iban(self, psychologist):
        return masked_iban(psychologist.iban)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Reached only once the admin has found the object and allowed the view.
        if obj is not None:
            access_log.record_view(
                request, AccessKind.PSYCHOLOGIST_PROFILE, obj=obj, psychologist=obj, label=PROFILE
            )
        return super().render_change_form(request, context, add, change, form_url, obj)


@admin.register(DigestItem)
class DigestItemAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "user", "kind", "summary", "sent_at")
    list_filter = ("kind",)
    search_fields = ("user__username", "summary")
    list_select_related = ("user",)
    date_hierarchy = "created_at"


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "user_label", "kind", "object_label", "psychologist", "path")
    list_filter = ("kind",)
    search_fields = (
        "user_label",
        "object_label",
        "psychologist__user__first_name",
        "psychologist__user__last_name",
        "psychologist__user__username",
    )
    list_select_related = ("psychologist__user",)
    date_hierarchy = "at"


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(ReadOnlyAdmin):
    """Read-only: only the heartbeat task writes it; /readyz/ reads it (portal.readiness)."""

    list_display = ("beat_at",)
