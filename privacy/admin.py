"""The administrator's erasure on request: choose the account, the portal anonymises it
and says what it had to keep (privacy.erasure). The records themselves never change."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from privacy.erasure import anonymise
from privacy.models import Erasure, ErasureReason


class ErasureForm(forms.ModelForm):
    class Meta:
        model = Erasure
        fields = ["user"]
        help_texts = {
            "user": gettext_lazy(
                "Naam, e-mail, login en profiel worden gewist; facturen in hun wettelijke "
                "bewaartermijn blijven bewaard. Dit kan niet ongedaan worden gemaakt."
            )
        }


@admin.register(Erasure)
class ErasureAdmin(admin.ModelAdmin):
    form = ErasureForm
    list_display = ["user", "reason", "done_by", "done_at", "kept_invoices", "kept_until"]
    list_filter = ["reason"]
    date_hierarchy = "done_at"
    raw_id_fields = ["user"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_form(self, request, form, change):
        """The erasure is the service's work; the admin only shows its record."""
        erasure = anonymise(
            form.cleaned_data["user"], reason=ErasureReason.REQUEST, actor=request.user
        )
        messages.warning(request, kept_message(erasure))
        return erasure

    def save_model(self, request, obj, form, change):
        """Saved by `anonymise` already."""

    def save_related(self, request, form, formsets, change):
        """Nothing related to save."""


def kept_message(erasure: Erasure) -> str:
    if not erasure.kept_invoices:
        return _("Het account is geanonimiseerd; er moest niets bewaard blijven.")
    return _(
        "Het account is geanonimiseerd. %(count)s facturen en creditnota's blijven bewaard "
        "tot en met %(until)s, zoals de boekhoudwetgeving vraagt."
    ) % {"count": erasure.kept_invoices, "until": erasure.kept_until.strftime("%d/%m/%Y")}
