"""Admin of billing: what the administrator may do here, per model, and why.

* **Rate**: adding goes through `billing.services.rates.add_rate` (its checks: never inside a
  period billed for a network it applies to, one rate per network and date) and deleting
  through `delete_rate` (only a rate no billed period has used), with the administrator
  as the actor of the history. A rate is never changed: a run that billed with it must
  stay reproducible, so a new rate is added from a later date instead.
* **BillingRun, Invoice, InvoiceLine, InvoiceItem, InvoiceSequence**: read-only. Issued
  invoices are immutable and numbered without gaps; runs and numbers are written only by
  the billing services, and a correction is a credit note, made by a service.
* **InvoicePayment** and its history: read-only. Staff record and undo payments on the
  invoice page (`billing.services.payments`: only staff of the invoice's network, with
  its checks); the history keeps who recorded and who undid each one.
* **SelfBillingAcceptance**: read-only. Only the psychologist accepts the self-billing
  terms (`billing.services.self_billing`); the row is the record of when and which version.
"""

from django import forms
from django.contrib import admin

from billing.models import (
    BillingRun,
    BillingRunEvent,
    BillingRunFailure,
    Invoice,
    InvoiceItem,
    InvoiceLine,
    InvoicePayment,
    InvoiceSequence,
    Rate,
    SelfBillingAcceptance,
)
from billing.services import rates
from portal.admin import NoRestoreHistoryAdmin, ReadOnlyAdmin, ReadOnlyTabularInline


class RateAdminForm(forms.ModelForm):
    class Meta:
        model = Rate
        fields = ["network", "effective_from", "hourly_rate"]

    def clean(self):
        cleaned = super().clean()
        effective_from = cleaned.get("effective_from")
        refusal = effective_from and rates.rate_refusal(effective_from, cleaned.get("network"))
        if refusal:
            raise refusal
        return cleaned


@admin.register(Rate)
class RateAdmin(NoRestoreHistoryAdmin):
    form = RateAdminForm
    list_display = ["effective_from", "network", "hourly_rate"]
    list_filter = ["network"]
    search_fields = ["network__name"]
    list_select_related = ["network"]
    actions = None

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return super().has_delete_permission(request)
        return super().has_delete_permission(request, obj) and not rates.rate_refusal(
            obj.effective_from, obj.network
        )

    def save_model(self, request, obj, form, change):
        rate = rates.add_rate(obj.effective_from, obj.hourly_rate, obj.network, actor=request.user)
        obj.pk = rate.pk
        obj._state.adding = False

    def delete_model(self, request, obj):
        rates.delete_rate(obj, actor=request.user)


@admin.register(Rate.history.model)
class HistoricalRateAdmin(ReadOnlyAdmin):
    list_display = ["history_date", "history_type", "history_user", "network", "effective_from"]
    list_filter = ["history_type", "network"]
    search_fields = ["network__name"]
    date_hierarchy = "history_date"


class InvoiceLineInline(ReadOnlyTabularInline):
    model = InvoiceLine


class InvoiceItemInline(ReadOnlyTabularInline):
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


@admin.register(SelfBillingAcceptance)
class SelfBillingAcceptanceAdmin(ReadOnlyAdmin):
    list_display = ["psychologist", "network", "version", "accepted_at"]
    list_filter = ["version", "network"]
    search_fields = ["psychologist__user__last_name", "psychologist__riziv_number"]
    list_select_related = ["psychologist__user", "network"]


@admin.register(InvoicePayment)
class InvoicePaymentAdmin(ReadOnlyAdmin):
    list_display = ["invoice", "paid_on", "recorded_by", "recorded_at"]
    list_filter = ["paid_on", "invoice__network"]
    search_fields = ["invoice__number", "invoice__payee_name"]
    list_select_related = ["invoice", "recorded_by"]


@admin.register(InvoicePayment.history.model)
class HistoricalInvoicePaymentAdmin(ReadOnlyAdmin):
    list_display = ["history_date", "history_type", "history_user", "invoice", "paid_on"]
    list_filter = ["history_type"]
    search_fields = ["invoice__number"]
    date_hierarchy = "history_date"
