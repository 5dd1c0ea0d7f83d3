"""The part of the application form one call rule asks for: a section, itself a small form.

A section's fields are named after the model's fields and clean to the model's values, so
its cleaned data is what `services.save_draft` takes, as it is. The page still posts each
field under the name it always had (`html_prefix`, `html_names`).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from applications import engine
from applications.forms.fields import YesNoField
from portal import client_data

MISSING = _("Vul dit in voor u de aanvraag indient.")
UNANSWERED = _("Beantwoord deze vraag met ja of nee.")


class Section(forms.Form):
    """One section of the application form; see `ApplicationForm` for how they combine."""

    # The fieldset of the page it is shown in: (key, title).
    fieldset: tuple[str, str]
    # Put before every field's name on the page, and the names the page posts otherwise.
    html_prefix = ""
    html_names: dict[str, str] = {}
    # Set: the cleaned data goes to the service under this key (a dict), else it is merged.
    service_key: str | None = None
    # What must be answered before submitting (a draft may leave it empty).
    required_on_submit: tuple[str, ...] = ()
    # Which field an engine refusal (by code) is about; the others are shown above the form.
    refusal_fields: dict[str, str] = {}

    @classmethod
    def asked(cls, edition, *, network_count: int) -> bool:
        """Whether the edition (the rules of the call) asks this section's questions."""
        raise NotImplementedError

    def __init__(self, data=None, files=None, *, edition, psychologist, application, submitting):
        self.edition = edition
        self.psychologist = psychologist
        self.application = application
        self.submitting = submitting
        initial = self.initial_from(application) if application is not None else None
        super().__init__(data, files, initial=initial)

    def add_prefix(self, field_name: str) -> str:
        return self.html_prefix + self.html_names.get(field_name, field_name)

    def initial_from(self, application) -> dict:
        """The stored answers (a foreign key as its id); the fields show them as typed."""
        return {name: application.serializable_value(name) for name in self.base_fields}

    def clean(self):
        data = super().clean()
        if self.submitting:
            for name in self.required_on_submit:
                if name not in self.errors and data.get(name) in (None, ""):
                    message = UNANSWERED if isinstance(self.fields[name], YesNoField) else MISSING
                    self.add_error(name, ValidationError(message, code="required"))
        # An open yes/no question of a draft is stored as "no".
        for name, field in self.fields.items():
            if isinstance(field, YesNoField) and data.get(name, False) is None:
                data[name] = False
        return data

    def check(self, answers: dict) -> None:
        """The rules that need other sections' answers (`answers`: all cleaned data)."""

    @property
    def rules(self) -> engine.CallRules:
        return engine.CallRules.from_edition(self.edition)

    def show_refusals(self, refusals: list[engine.Refusal]) -> None:
        """The engine's refusals at the field they are about, unless it has an error already."""
        for refusal in refusals:
            name = self.field_for(refusal.code)
            if name is not None and name in self.errors:
                continue
            self.add_error(name, ValidationError(refusal.message, code=refusal.code))

    def field_for(self, code: str) -> str | None:
        name = self.refusal_fields.get(code)
        return name if name in self.fields else None

    def field_of(self, error: ValidationError) -> str | None:
        """The field of this section a service's refusal is about: the one a client-data
        refusal names, else the one of its code."""
        name = client_data.field_of(error)
        if name is not None:
            return name if name in self.fields else None
        return self.field_for(error.code)
