"""The forms of a network's staff for calls and editions: they parse, the service checks.

One form holds an edition's rules and, per work form of the catalogue, whether it is
allowed and with which bounds; `values()` and `work_forms()` are what
`applications.services.edition_changes` takes. The limits on the fields come from the
engine (`engine.editions`), so the form and the service refuse the same.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import construct_instance
from django.utils.translation import gettext_lazy as _

from applications.engine import editions as limits
from applications.forms.fields import DateInput
from applications.models import CallEdition, WorkForm
from applications.services.edition_changes import EDITION_FIELDS

# Which field a refusal of the service is about (the others are shown above the form).
REFUSAL_FIELDS = {
    "quota_not_positive": "quota_minutes",
    "window_out_of_range": "window_months",
    "bonus_not_in_window": "start_bonus_months",
    "editions_overlap": "valid_from",
    "edition_starts_in_past": "valid_from",
    "validity_missing": "valid_from",
    "call_code_taken": "code",
}
WORK_FORM_NUMBERS = {
    "min_attendees": (_("minimum aanwezigen"), 1, limits.MAX_ATTENDEES),
    "min_minutes": (_("minimumduur (minuten)"), 0, limits.MAX_ACTIVITY_MINUTES),
    "max_minutes": (_("maximumduur (minuten)"), 0, limits.MAX_ACTIVITY_MINUTES),
    "prep_minutes": (_("voorbereiding (minuten)"), 0, limits.MAX_ACTIVITY_MINUTES),
}


class EditionForm(forms.ModelForm):
    class Meta:
        model = CallEdition
        fields = EDITION_FIELDS
        widgets = {"valid_from": DateInput(), "valid_until": DateInput()}

    def __init__(self, *args, template: CallEdition | None = None, **kwargs):
        initial = kwargs.pop("initial", {}) or {}
        if template is not None:
            initial = {**{name: getattr(template, name) for name in EDITION_FIELDS}, **initial}
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["quota_minutes"].max_value = limits.MAX_QUOTA_MINUTES
        self.fields["notes"].widget.attrs["rows"] = 2
        allowed = {wf.work_form: wf for wf in template.work_forms.all()} if template else {}
        for code, label in WorkForm.choices:
            rule = allowed.get(code)
            self.fields[f"wf_{code}"] = forms.BooleanField(
                label=_("Werkvorm toegelaten: %(form)s") % {"form": label},
                required=False,
                initial=rule is not None,
            )
            for name, (field_label, low, high) in WORK_FORM_NUMBERS.items():
                self.fields[f"wf_{code}_{name}"] = forms.IntegerField(
                    label=f"{label}: {field_label}",
                    required=False,
                    min_value=low,
                    max_value=high,
                    initial=getattr(rule, name)
                    if rule
                    else (1 if name == "min_attendees" else None),
                )
            self.fields[f"wf_{code}_requires_consent"] = forms.BooleanField(
                label=_("%(form)s: toestemming cliënt vereist") % {"form": label},
                required=False,
                initial=bool(rule and rule.requires_consent),
            )

    def _post_clean(self):
        """The model's field checks (a number a column cannot hold), not its constraints:
        the service checks the edition (engine.editions) with messages that say what to do
        next, and the constraints stay the database's last line."""
        try:
            self.instance = construct_instance(self, self.instance, self._meta.fields)
            self.instance.full_clean(
                exclude=self._get_validation_exclusions(),
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            self._update_errors(error)

    def values(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in EDITION_FIELDS}

    def work_forms(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "work_form": code,
                "min_attendees": data.get(f"wf_{code}_min_attendees") or 1,
                "min_minutes": data.get(f"wf_{code}_min_minutes"),
                "max_minutes": data.get(f"wf_{code}_max_minutes"),
                "prep_minutes": data.get(f"wf_{code}_prep_minutes") or 0,
                "requires_consent": bool(data.get(f"wf_{code}_requires_consent")),
            }
            for code, _label in WorkForm.choices
            if data.get(f"wf_{code}")
        ]

    def work_form_rows(self):
        """Per work form of the catalogue: its label and its bound fields (for the table)."""
        for code, label in WorkForm.choices:
            yield (
                label,
                self[f"wf_{code}"],
                [self[f"wf_{code}_{name}"] for name in WORK_FORM_NUMBERS],
                self[f"wf_{code}_requires_consent"],
            )

    def rule_fields(self):
        return [self[name] for name in EDITION_FIELDS]

    def add_refusals(self, error: ValidationError) -> None:
        for item in error.error_list:
            # A refusal about a field of another form on the page (the new call's code)
            # goes above this one.
            field = REFUSAL_FIELDS.get(item.code)
            self.add_error(field if field in self.fields else None, item)


class NewCallForm(forms.Form):
    """What a new call of the network is called; its rules come with its first edition."""

    number = forms.IntegerField(label=_("Nummer van de oproep"), min_value=1, max_value=99)
    code = forms.SlugField(
        label=_("Code"),
        max_length=30,
        help_text=_("Korte naam in het adres van de oproep, bv. bru-1; uniek in het portaal."),
    )
    name = forms.CharField(label=_("Naam"), max_length=160)
    description = forms.CharField(
        label=_("Uitleg voor psychologen"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
