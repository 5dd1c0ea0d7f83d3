"""The filter of the uptake in depth: a range of months, the grouping and a network."""

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.dates import add_months
from portal.fields import MonthField
from portal.models import Network, Role
from portal.permissions import followed_networks

MAX_MONTHS = 36
GROUP_CHOICES = [
    ("psychologist", _("per psycholoog")),
    ("findplace", _("per vindplaats")),
    ("call", _("per oproep")),
]


class UptakeDetailForm(forms.Form):
    van = MonthField(label=_("Van maand"), required=False, help_text=_("JJJJ-MM"))
    tot = MonthField(label=_("Tot en met maand"), required=False, help_text=_("JJJJ-MM"))
    indeling = forms.ChoiceField(label=_("Indeling"), choices=GROUP_CHOICES, required=False)
    netwerk = forms.ModelChoiceField(
        label=_("Netwerk"),
        queryset=Network.objects.none(),
        required=False,
        empty_label=_("Al mijn netwerken"),
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["netwerk"].queryset = followed_networks(user, Role.COORDINATOR)

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        # MonthField cleans to the month's last day; the range starts on the first.
        end = data.get("tot") or add_months(today.replace(day=1), 1) - timedelta(days=1)
        start = (data.get("van") or today.replace(month=1)).replace(day=1)
        if end < start:
            raise ValidationError(
                _("De laatste maand ligt voor de eerste. Kies een latere 'tot en met'-maand."),
                code="range_reversed",
            )
        if len_months(start, end) > MAX_MONTHS:
            raise ValidationError(
                _("Kies hoogstens %(max)d maanden."),
                code="range_too_long",
                params={"max": MAX_MONTHS},
            )
        data["start"], data["end"] = start, end
        data["group"] = data.get("indeling") or "psychologist"
        return data


def len_months(start, end) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1
