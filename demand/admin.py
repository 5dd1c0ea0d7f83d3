"""Admin of support requests: read-only. A request changes only through demand.services
(state machine, history, e-mails); the admin is for looking, and for an administrator's
erasure on request (a service as well)."""

from django.contrib import admin

from demand.models import Proposal, RequestEvent, SupportRequest
from portal.admin import ReadOnlyAdmin, ReadOnlyTabularInline


class ProposalInline(ReadOnlyTabularInline):
    model = Proposal


class RequestEventInline(ReadOnlyTabularInline):
    model = RequestEvent


@admin.register(SupportRequest)
class SupportRequestAdmin(ReadOnlyAdmin):
    list_display = ["pk", "organisation", "network", "state", "created_at"]
    list_filter = ["state", "network"]
    search_fields = ["organisation", "municipality", "postcode"]
    inlines = [ProposalInline, RequestEventInline]


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ["request", "psychologist", "state", "created_at"]
    list_filter = ["state"]
    search_fields = ["psychologist__user__last_name"]


@admin.register(RequestEvent)
class RequestEventAdmin(ReadOnlyAdmin):
    list_display = ["request", "kind", "at", "actor"]
    list_filter = ["kind"]
    search_fields = ["note"]
