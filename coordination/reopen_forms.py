"""The form with which a coordinator reopens a closed month for one psychologist; the rules
(month closed, until when, a reason) are checked by `registrations.closing_services`. The
psychologist is typed (RIZIV number or name, with suggestions), never a dropdown of all."""

from datetime import timedelta

from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.forms.fields import DateInput
from portal.fields import MonthField
from portal.models import Network, Role
from portal.permissions import followed_networks
from portal.psychologist_search import PsychologistField, searchable_psychologists, suggest_attrs

# Refusal code of the service → the field it is about.
REOPEN_REFUSAL_FIELDS = {
    "month_not_closed_yet": "month",
    "reopen_until_out_of_range": "until",
    "reopen_reason_required": "reason",
    "psychologist_not_in_network": "psychologist",
}
DEFAULT_REOPEN_DAYS = 7


class ReopenMonthForm(forms.Form):
    network = forms.ModelChoiceField(
        label=_("Netwerk"), queryset=Network.objects.none(), empty_label=None
    )
    psychologist = PsychologistField(
        label=_("Psycholoog"),
        help_text=_("Typ een deel van de naam of het RIZIV-nummer en kies uit de suggesties."),
        widget=forms.TextInput(attrs=suggest_attrs(reverse_lazy("psychologist_suggestions"))),
    )
    month = MonthField(
        label=_("Maand"), help_text=_("De afgesloten maand, als JJJJ-MM, bijvoorbeeld 2025-03.")
    )
    until = forms.DateField(
        label=_("Heropend tot en met"),
        widget=DateInput(),
        help_text=_("Hoogstens 31 dagen vanaf vandaag."),
    )
    reason = forms.CharField(
        label=_("Reden"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bv. een vergeten activiteit; de psycholoog en de historiek zien ze."),
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        networks = followed_networks(user, Role.COORDINATOR)
        self.fields["network"].queryset = networks
        self.fields["psychologist"].queryset = searchable_psychologists(user, Role.COORDINATOR)
        if not self.is_bound:
            self.initial.setdefault(
                "until", timezone.localdate() + timedelta(days=DEFAULT_REOPEN_DAYS)
            )

    def add_refusals(self, error) -> None:
        for item in error.error_list:
            field = REOPEN_REFUSAL_FIELDS.get(item.code)
            self.add_error(field if field in self.fields else None, item)
