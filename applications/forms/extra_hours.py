"""The psychologist's request for extra hours on an allocation (the coordinator decides)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from applications.engine import bounds
from applications.forms.fields import HoursField


class ExtraHoursForm(forms.Form):
    # Cleaned to minutes, as `services.request_extra_hours` takes them.
    hours = HoursField(
        _("Aantal extra uren"),
        max_hours=bounds.MAX_EXTRA_MINUTES // 60,
        help_text=_("Per kwartier, bv. 2 of 1,5."),
    )
    motivation = forms.CharField(
        label=_("Motivatie"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Waarom heeft u meer uren nodig? Uw lokale coördinator beslist."),
    )
