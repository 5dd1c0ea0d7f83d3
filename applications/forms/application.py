"""The application form of one call: the sections the call's rules ask for, as one form.

Which sections apply is data on `Call` (each section's `asked`). The sections' cleaned data
together are what `services.save_draft` takes; the engine's refusals are shown on the field
they are about. The page sees one form: fields, errors and fieldsets by the names it posts.
It never saves by itself.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.utils import ErrorDict, ErrorList

from applications.forms.findplace import (
    FindplaceSection,
    NetworkSection,
    NewFindplaceSection,
    OfferSizeSection,
    OverkophuisSection,
    StartBonusSection,
    StructuralOfferSection,
)
from applications.forms.partner import AgreementSection, FindplaceContactSection, PartnerSection
from applications.forms.request import (
    ChosenHoursRequestSection,
    ExclusionsSection,
    PortfolioSection,
    RequestSection,
)
from applications.forms.section import Section

# In the order of the page.
SECTIONS: list[type[Section]] = [
    NetworkSection,
    FindplaceSection,
    NewFindplaceSection,
    StartBonusSection,
    StructuralOfferSection,
    OfferSizeSection,
    OverkophuisSection,
    FindplaceContactSection,
    PartnerSection,
    AgreementSection,
    PortfolioSection,
    ExclusionsSection,
    RequestSection,
    ChosenHoursRequestSection,
]


class ApplicationForm:
    """The questions of one call. Pass `submitting=True` when the user clicks "Indienen"."""

    def __init__(
        self,
        data=None,
        files=None,
        *,
        edition,
        psychologist,
        application=None,
        submitting: bool = False,
    ):
        self.edition = edition
        self.is_bound = data is not None or files is not None
        network_count = psychologist.networks.count()
        self.sections = [
            section(
                data,
                files,
                edition=edition,
                psychologist=psychologist,
                application=application,
                submitting=submitting,
            )
            for section in SECTIONS
            if section.asked(edition, network_count=network_count)
        ]
        # The page's name of every field → its section and the field's name there.
        self._by_html_name = {
            section.add_prefix(name): (section, name)
            for section in self.sections
            for name in section.fields
        }
        self._other_errors = ErrorList(error_class="nonfield")
        self._checked = False

    # --- the one form the page sees ------------------------------------------------------

    def __getitem__(self, html_name: str):
        section, name = self._by_html_name[html_name]
        return section[name]

    @property
    def initial(self) -> dict:
        """The stored answers as the page shows them ("ja", hours, the codes checked)."""
        return {
            html: section.fields[name].prepare_value(section.initial[name])
            for html, (section, name) in self._by_html_name.items()
            if name in section.initial
        }

    @property
    def fields(self) -> dict:
        return {html: section.fields[name] for html, (section, name) in self._by_html_name.items()}

    def fieldsets(self) -> list[dict]:
        """The page's fieldsets, in order, each with the fields this call asks."""
        result = {}
        for section in self.sections:
            key, title = section.fieldset
            fieldset = result.setdefault(key, {"key": key, "title": title, "fields": []})
            fieldset["fields"] += [section[name] for name in section.fields]
        return list(result.values())

    @property
    def errors(self) -> ErrorDict:
        self._check()
        errors = ErrorDict()
        for section in self.sections:
            for name, messages in section.errors.items():
                if name != NON_FIELD_ERRORS:
                    errors[section.add_prefix(name)] = messages
        if others := self.non_field_errors():
            errors[NON_FIELD_ERRORS] = others
        return errors

    def non_field_errors(self) -> ErrorList:
        self._check()
        errors = [*self._other_errors.as_data()]
        for section in self.sections:
            errors += section.non_field_errors().as_data()
        return ErrorList(errors, error_class="nonfield")

    def is_valid(self) -> bool:
        return self.is_bound and not self.errors

    def _check(self) -> None:
        """Each section's own validation, then the rules across sections, once."""
        if self._checked or not self.is_bound:
            return
        self._checked = True
        for section in self.sections:
            section.full_clean()
        answers = self.service_data()
        for section in self.sections:
            section.check(answers)

    # --- values for the service, refusals from it ----------------------------------------

    def service_data(self) -> dict:
        """The cleaned answers as `services.save_draft` takes them (only this call's)."""
        data = {}
        for section in self.sections:
            cleaned = getattr(section, "cleaned_data", {})
            if section.service_key:
                data[section.service_key] = cleaned or None
            else:
                data |= cleaned
        return data

    def add_refusals(self, error: ValidationError) -> None:
        """Show a service's refusals on the field they are about (or above the form)."""
        for item in error.error_list:
            section = next((s for s in self.sections if s.field_of(item)), None)
            if section is None:
                self._other_errors.extend([item])
            else:
                section.add_error(section.field_of(item), item)
