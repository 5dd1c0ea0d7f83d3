"""The yearly evaluation of a cooperation agreement, as its coordinator or psychologist
records it; the rules are checked by `services.record_evaluation` and shown on their field."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from applications.forms.fields import DateInput, PdfField
from applications.models import EvaluationOutcome
from portal import client_data

# Refusal code of `engine.evaluations.record_refusals` → the field it is about.
REFUSAL_FIELDS = {
    "evaluation_held_on_required": "held_on",
    "evaluation_in_future": "held_on",
    "evaluation_before_start": "held_on",
    "next_evaluation_required": "next_evaluation_date",
    "next_evaluation_not_after": "next_evaluation_date",
    "next_evaluation_too_late": "next_evaluation_date",
}


class EvaluationForm(forms.Form):
    held_on = forms.DateField(label=_("Datum van de evaluatie"), widget=DateInput())
    outcome = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=EvaluationOutcome.choices,
        widget=forms.RadioSelect,
    )
    notes = forms.CharField(
        label=_("Notities"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat werd besproken en afgesproken. Geen gegevens over cliënten."),
    )
    next_evaluation_date = forms.DateField(
        label=_("Volgende evaluatie"),
        widget=DateInput(),
        help_text=_("Uiterlijk 12 maanden na deze evaluatie."),
    )
    signed_pdf = PdfField(
        label=_("Nieuwe ondertekende overeenkomst (PDF, optioneel)"),
        required=False,
        help_text=_("Enkel als de afspraken veranderden: de nieuwe versie vervangt de vorige."),
    )

    def add_refusals(self, error: ValidationError) -> None:
        for item in error.error_list:
            field = client_data.field_of(item) or REFUSAL_FIELDS.get(item.code)
            self.add_error(field if field in self.fields else None, item)
