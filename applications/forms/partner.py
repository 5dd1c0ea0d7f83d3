"""Sections about who the psychologist works with: the partner who confirms the cooperation
and, for call 3, the written cooperation agreement with that partner."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.engine import admission, bounds
from applications.forms.fields import CodesField, DateInput, HoursField, PdfField, raise_first
from applications.forms.section import Section
from portal.models import FindplaceKind


class PartnerSection(Section):
    """The first-line actor or service who confirms the cooperation from an e-mailed link."""

    fieldset = ("partner", _("Partner"))
    required_on_submit = ("partner_name", "partner_email")
    refusal_fields = {
        "education_not_open": "partner_kind",
        "partner_email_required": "partner_email",
    }

    partner_name = forms.CharField(
        label=_("Naam van de partner (eerstelijnsactor of eerstelijnsdienst)"),
        max_length=160,
        required=False,
    )
    partner_kind = forms.ChoiceField(
        label=_("Soort partner"),
        choices=[("", "---------"), *FindplaceKind.choices],
        required=False,
    )
    partner_email = forms.EmailField(
        label=_("E-mailadres van de partner"),
        max_length=254,
        required=False,
        help_text=_(
            "De partner krijgt na het indienen een e-mail om de samenwerking te bevestigen."
        ),
    )

    @classmethod
    def asked(cls, edition, *, network_count):
        return edition.requires_partner_confirmation and not edition.requires_findplace


class FindplaceContactSection(PartnerSection):
    """At a findplace the partner is the contact person there; the kind is the findplace's."""

    partner_kind = None

    @classmethod
    def asked(cls, edition, *, network_count):
        return edition.requires_partner_confirmation and edition.requires_findplace

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner_name"].label = _("Naam van uw contactpersoon op de vindplaats")
        self.fields["partner_email"].label = _("E-mailadres van die contactpersoon")


class AgreementSection(Section):
    """Call 3: what the written cooperation agreement states, and the signed PDF."""

    fieldset = ("agreement", _("Samenwerkingsovereenkomst"))
    html_prefix = "agreement_"
    html_names = {"minimum_minutes": "minimum_hours"}
    service_key = "agreement"
    refusal_fields = {
        "agreement_minimum_required": "minimum_minutes",
        "agreement_periodicity_required": "periodicity",
        "agreement_work_forms_required": "work_forms",
        "agreement_work_form_not_allowed": "work_forms",
        "agreement_contact_required": "contact_arrangement",
        "agreement_evaluation_required": "evaluation_arrangement",
        "evaluation_date_required": "next_evaluation_date",
        "evaluation_too_late": "next_evaluation_date",
        "evaluation_date_out_of_range": "next_evaluation_date",
        "agreement_signature_required": "signed_pdf",
    }

    minimum_minutes = HoursField(
        _("Minimaal aantal uren dat u samen wilt gebruiken"),
        max_hours=999,
        min_hours=Decimal(0),
        required=False,
    )
    periodicity = forms.CharField(
        label=_("Regelmaat / periodiciteit"),
        max_length=160,
        required=False,
        help_text=_("Bv. elke eerste vrijdag van de maand."),
    )
    work_forms = CodesField(label=_("Afgesproken werkvormen"), choices=())
    contact_arrangement = forms.CharField(
        label=_("Wijze van contacteren"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    evaluation_arrangement = forms.CharField(
        label=_("Afspraken over de evaluatie"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    next_evaluation_date = forms.DateField(
        label=_("Datum van de volgende evaluatie"),
        required=False,
        widget=DateInput(),
        help_text=_("De samenwerking wordt minstens jaarlijks geëvalueerd."),
    )
    signed_pdf = PdfField(
        label=_("Ondertekende overeenkomst (PDF, hoogstens 10 MB)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    @classmethod
    def asked(cls, edition, *, network_count):
        return edition.requires_agreement

    def __init__(self, *args, application, **kwargs):
        self.agreement = getattr(application, "agreement", None) if application else None
        super().__init__(*args, application=application, **kwargs)
        self.fields["work_forms"].choices = [
            (wf.work_form, wf.get_work_form_display()) for wf in self.edition.work_forms.all()
        ]

    def initial_from(self, application):
        if self.agreement is None:
            return {}
        names = [name for name in self.base_fields if name != "signed_pdf"]
        return {name: self.agreement.serializable_value(name) for name in names}

    def clean_next_evaluation_date(self):
        day = self.cleaned_data["next_evaluation_date"]
        raise_first(bounds.evaluation_date_refusals(day, timezone.localdate()))
        return day

    def check(self, answers):
        start = answers.get("start_date")
        if self.submitting:
            terms = self.terms()
            self.show_refusals(admission.agreement_refusals(self.rules, terms, start))
        else:
            # A draft may be incomplete, but never plans the evaluation too late.
            day = self.cleaned_data.get("next_evaluation_date")
            self.show_refusals(admission.evaluation_refusals(start, day))

    def terms(self) -> admission.AgreementTerms:
        data = self.cleaned_data
        return admission.AgreementTerms(
            minimum_minutes=data.get("minimum_minutes", 0),
            periodicity=data.get("periodicity", ""),
            work_forms=tuple(code for code in data.get("work_forms", "").split(",") if code),
            contact_arrangement=data.get("contact_arrangement", ""),
            evaluation_arrangement=data.get("evaluation_arrangement", ""),
            next_evaluation_date=data.get("next_evaluation_date"),
            signed=bool(data.get("signed_pdf") or (self.agreement and self.agreement.signed_pdf)),
        )
