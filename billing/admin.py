"""Admin of billing: rates are editable; runs, invoices and numbering are read-only.

Issued invoices are immutable and numbered without gaps, so the admin can neither
add, change nor delete them (a correction is a credit note, made by a service).
"""

from django.contrib import admin

from billing.models import (
    BillingRun,
    BillingRunEvent,
    BillingRunFailure,
    Invoice,
    InvoiceItem,
    InvoiceLine,
    InvoiceSequence,
    Rate,
)
from portal.admin import ReadOnlyAdmin


@admin.register(Rate)
class RateAdmin(admin.ModelAdmin):
    list_display = ["effective_from", "hourly_rate"]

    def has_delete_permission(self, request, obj=None):
        # A rate that has been used stays in the table: history is read from it.
        return (
            obj is None or not Invoice.objects.filter(period_end__gte=obj.effective_from).exists()
        )


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class InvoiceLineInline(ReadOnlyInline):
    model = InvoiceLine


class InvoiceItemInline(ReadOnlyInline):
    model = InvoiceItem
    raw_id_fields = ["registration"]


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdmin):
    list_display = ["number", "kind", "issue_date", "network", "payee_name", "hours", "amount"]
    list_filter = ["kind", "network", "issue_date"]
    search_fields = ["number", "payee_name", "payee_riziv_number"]
    inlines = [InvoiceLineInline, InvoiceItemInline]


@admin.register(BillingRun)
class BillingRunAdmin(ReadOnlyAdmin):
    list_display = ["network", "period_end", "status", "progress_done", "progress_total"]
    list_filter = ["status", "network"]
    search_fields = ["network__name", "network__code"]


@admin.register(BillingRunFailure)
class BillingRunFailureAdmin(ReadOnlyAdmin):
    list_display = ["run", "psychologist", "reason", "failed_at"]
    list_filter = ["reason"]
    search_fields = ["run__network__name", "psychologist__user__last_name", "detail"]


@admin.register(BillingRunEvent)
class BillingRunEventAdmin(ReadOnlyAdmin):
    list_display = ["run", "kind", "at"]
    list_filter = ["kind"]
    search_fields = ["run__network__name"]


@admin.register(InvoiceSequence)
class InvoiceSequenceAdmin(ReadOnlyAdmin):
    list_display = ["network", "year", "last_number"]
    list_filter = ["network", "year"]
    search_fields = ["network__name", "network__code"]


@admin.register(InvoiceLine)
class InvoiceLineAdmin(ReadOnlyAdmin):
    list_display = ["invoice", "pseudocode", "hours", "unit_price", "amount"]
    list_filter = ["pseudocode"]
    search_fields = ["invoice__number"]


@admin.register(InvoiceItem)
class InvoiceItemAdmin(ReadOnlyAdmin):
    list_display = ["invoice", "registration", "minutes", "prep_minutes"]
    search_fields = ["invoice__number"]
    raw_id_fields = ["registration"]
