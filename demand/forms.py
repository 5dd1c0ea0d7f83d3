"""Forms of the demand side's answers; they parse, the services decide (demand.services)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom gaat u niet in op dit voorstel?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Het netwerk leest deze reden. Geen namen van cliënten."),
        error_messages={"required": _("Geef kort de reden.")},
    )
