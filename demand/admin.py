"""Admin of support requests: read-only. A request changes only through demand.services
(state machine, history, e-mails); the admin is for looking, and for an administrator's
erasure on request (a service as well)."""

from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from demand.models import Proposal, RequestEvent, SupportRequest
from demand.services.erasure import erase_contact_data
from portal.admin import ReadOnlyAdmin, ReadOnlyTabularInline


class ProposalInline(ReadOnlyTabularInline):
    model = Proposal


class RequestEventInline(ReadOnlyTabularInline):
    model = RequestEvent


@admin.register(SupportRequest)
class SupportRequestAdmin(ReadOnlyAdmin):
    list_display = ["pk", "organisation", "network", "state", "created_at", "erased_at"]
    list_filter = ["state", "network"]
    # The e-mail address finds the requests of someone who asks to be erased.
    search_fields = ["organisation", "municipality", "postcode", "email", "requester_name"]
    inlines = [ProposalInline, RequestEventInline]
    actions = ["erase_contact_data"]

    @admin.action(
        description=gettext_lazy("Contactgegevens wissen (op verzoek)"),
        permissions=["view"],
    )
    def erase_contact_data(self, request, queryset):
        erased = sum(
            erase_contact_data(support_request, actor=request.user) for support_request in queryset
        )
        messages.success(
            request,
            ngettext(
                "De contactgegevens van %(count)d vraag zijn gewist; de anonieme tellingen blijven.",
                "De contactgegevens van %(count)d vragen zijn gewist; de anonieme tellingen blijven.",
                erased,
            )
            % {"count": erased},
        )
        if erased < len(queryset):
            messages.info(request, _("De andere gekozen vragen waren al gewist."))


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
