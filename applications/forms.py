"""Forms of the psychologist's journeys: applying under a call and asking for extra hours.

The application form is built from the call's fields (which questions apply is data on
`Call`), parses the answers into the values `services.save_draft` takes, and shows the
engine's refusals on the field they are about. It never saves by itself.
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from applications import engine
from applications.engine import admission, bounds
from applications.models import Application, CareFunction
from portal import formatting
from portal.models import Findplace, FindplaceKind, Theme

MAX_PDF_BYTES = 10 * 1024 * 1024
PDF_MAGIC = b"%PDF-"

YES, NO = "ja", "nee"
YES_NO = [(YES, _("Ja")), (NO, _("Nee"))]

# Which field an engine refusal is about; others are shown above the form.
REFUSAL_FIELDS = {
    "education_not_open": ("findplace", "partner_kind"),
    "findplace_required": ("findplace",),
    "not_leisure_findplace": ("findplace",),
    "offer_too_small": ("weekly_individual_hours",),
    "no_structural_offer": ("structural_offer",),
    "employed_by_requester": ("employed_by_requester",),
    "regular_mission": ("regular_mission",),
    "funded_otherwise": ("funded_otherwise",),
    "target_not_in_contact": ("target_not_in_contact",),
    "clients_in_care": ("clients_in_care",),
    "partner_email_required": ("partner_email",),
    "portfolio_required": ("portfolio",),
    "agreement_minimum_required": ("agreement_minimum_hours",),
    "agreement_periodicity_required": ("agreement_periodicity",),
    "agreement_work_forms_required": ("agreement_work_forms",),
    "agreement_work_form_not_allowed": ("agreement_work_forms",),
    "agreement_contact_required": ("agreement_contact_arrangement",),
    "agreement_evaluation_required": ("agreement_evaluation_arrangement",),
    "evaluation_date_required": ("agreement_next_evaluation_date",),
    "evaluation_too_late": ("agreement_next_evaluation_date",),
    "agreement_signature_required": ("agreement_signed_pdf",),
    "start_out_of_range": ("start_date",),
    "findplace_start_out_of_range": ("findplace_start_date",),
    "evaluation_date_out_of_range": ("agreement_next_evaluation_date",),
    "requested_out_of_range": ("requested_hours",),
    "weekly_hours_out_of_range": ("weekly_individual_hours",),
    "group_trajectories_out_of_range": ("group_trajectories",),
}

EXCLUSION_QUESTIONS = {
    "employed_by_requester": _(
        "Bent u in loondienst van de organisatie die de ondersteuning vraagt?"
    ),
    "regular_mission": _(
        "Maakt deze ondersteuning al deel uit van de reguliere opdracht van de organisatie "
        "die ze aanbiedt?"
    ),
    "funded_otherwise": _("Wordt deze ondersteuning al op een andere wijze gefinancierd?"),
    "target_not_in_contact": _(
        "Is de ondersteuning voor medewerkers die niet rechtstreeks in contact komen met de "
        "doelgroep (bv. keukenpersoneel)?"
    ),
    "clients_in_care": _("Gaat het over concrete cliënten die bij u in lopende begeleiding zijn?"),
}

NEW_FINDPLACE_FIELDS = (
    "new_findplace_name",
    "new_findplace_kind",
    "new_findplace_street",
    "new_findplace_postal_code",
    "new_findplace_municipality",
)


class YesNoField(forms.TypedChoiceField):
    """An explicit yes/no question as two radio buttons; unanswered is None."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(
            choices=YES_NO,
            coerce=lambda value: value == YES,
            empty_value=None,
            widget=forms.RadioSelect,
            **kwargs,
        )


def hours_field(
    label, *, max_hours: int, min_hours: Decimal = Decimal("0.25"), **kwargs
) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=min_hours,
        max_value=Decimal(max_hours),
        max_digits=6,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.25", "inputmode": "decimal"}),
        **kwargs,
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PdfField(forms.FileField):
    """A PDF, recognised by its content (not its name or type header), at most 10 MB."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload or upload is initial:
            return upload
        if upload.size > MAX_PDF_BYTES:
            raise ValidationError(
                _("Het bestand is groter dan 10 MB. Verklein de PDF en probeer opnieuw."),
                code="file_too_large",
            )
        upload.seek(0)
        head = upload.read(len(PDF_MAGIC))
        upload.seek(0)
        if head != PDF_MAGIC:
            raise ValidationError(
                _("Dit bestand is geen PDF. Laad de ondertekende overeenkomst op als PDF."),
                code="not_a_pdf",
            )
        return upload


class ApplicationForm(forms.Form):
    """The questions of one call. Pass `submitting=True` when the user clicks "Indienen"."""

    network = forms.ModelChoiceField(label=_("Netwerk"), queryset=None, required=False)
    # Findplace: an existing one (search) or a new proposal.
    findplace = forms.ModelChoiceField(
        label=_("Vindplaats"),
        queryset=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Kies een vindplaats uit de zoekresultaten.")},
    )
    new_findplace_name = forms.CharField(label=_("Naam"), max_length=160, required=False)
    new_findplace_kind = forms.ChoiceField(
        label=_("Soort vindplaats"),
        choices=[("", "---------"), *FindplaceKind.choices],
        required=False,
    )
    new_findplace_street = forms.CharField(
        label=_("Straat en nummer"), max_length=160, required=False
    )
    new_findplace_postal_code = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    new_findplace_municipality = forms.CharField(label=_("Gemeente"), max_length=80, required=False)
    findplace_start_date = forms.DateField(
        label=_("Startdatum van uw aanbod op de vindplaats"), required=False, widget=DateInput()
    )
    # Structural offer (call 1).
    structural_offer = YesNoField(
        label=_(
            "Is er op de vindplaats een terugkerend, vast aanbod van u in een of meer van de "
            "drie zorgfuncties?"
        )
    )
    care_functions = forms.MultipleChoiceField(
        label=_("Zorgfuncties van dat aanbod"),
        choices=CareFunction.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # Offer at the findplace (call 2).
    weekly_individual_hours = hours_field(
        _("Uren individuele sessies per week op deze vindplaats"),
        max_hours=bounds.MAX_WEEKLY_INDIVIDUAL_MINUTES // 60,
        min_hours=Decimal(0),
        required=False,
    )
    group_trajectories = forms.IntegerField(
        label=_("Groepstrajecten per jaar op deze vindplaats"),
        min_value=0,
        max_value=bounds.MAX_GROUP_TRAJECTORIES,
        required=False,
    )
    overkophuis_exception = forms.BooleanField(required=False)
    # Partner.
    partner_name = forms.CharField(max_length=160, required=False)
    partner_kind = forms.ChoiceField(
        label=_("Soort partner"),
        choices=[("", "---------"), *FindplaceKind.choices],
        required=False,
    )
    partner_email = forms.EmailField(
        max_length=254,
        required=False,
        help_text=_(
            "De partner krijgt na het indienen een e-mail om de samenwerking te bevestigen."
        ),
    )
    # Cooperation agreement.
    agreement_minimum_hours = hours_field(
        _("Minimaal aantal uren dat u samen wilt gebruiken"),
        max_hours=999,
        min_hours=Decimal(0),
        required=False,
    )
    agreement_periodicity = forms.CharField(
        label=_("Regelmaat / periodiciteit"),
        max_length=160,
        required=False,
        help_text=_("Bv. elke eerste vrijdag van de maand."),
    )
    agreement_work_forms = forms.MultipleChoiceField(
        label=_("Afgesproken werkvormen"),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    agreement_contact_arrangement = forms.CharField(
        label=_("Wijze van contacteren"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    agreement_evaluation_arrangement = forms.CharField(
        label=_("Afspraken over de evaluatie"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    agreement_next_evaluation_date = forms.DateField(
        label=_("Datum van de volgende evaluatie"),
        required=False,
        widget=DateInput(),
        help_text=_("De samenwerking wordt minstens jaarlijks geëvalueerd."),
    )
    agreement_signed_pdf = PdfField(
        label=_("Ondertekende overeenkomst (PDF, hoogstens 10 MB)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    # Portfolio and themes (calls 3 and 4).
    portfolio = forms.CharField(
        label=_("Portfolio: uw expertise en ervaring met ondersteunende opdrachten"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's waarover u intervisie of vorming kunt geven"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # Exclusions.
    employed_by_requester = YesNoField(label=EXCLUSION_QUESTIONS["employed_by_requester"])
    regular_mission = YesNoField(label=EXCLUSION_QUESTIONS["regular_mission"])
    funded_otherwise = YesNoField(label=EXCLUSION_QUESTIONS["funded_otherwise"])
    target_not_in_contact = YesNoField(label=EXCLUSION_QUESTIONS["target_not_in_contact"])
    clients_in_care = YesNoField(label=EXCLUSION_QUESTIONS["clients_in_care"])
    # Every call.
    start_date = forms.DateField(label=_("Gewenste startdatum"), widget=DateInput())
    requested_hours = forms.DecimalField(required=False)  # replaced in __init__
    motivation = forms.CharField(
        label=_("Motivatie"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(
        self,
        *args,
        call,
        psychologist,
        application: Application | None = None,
        submitting: bool = False,
        **kwargs,
    ):
        self.call = call
        self.psychologist = psychologist
        self.application = application
        self.submitting = submitting
        self.agreement = getattr(application, "agreement", None) if application else None
        if application is not None:
            kwargs.setdefault("initial", self.initial_from(application))
        super().__init__(*args, **kwargs)
        networks = psychologist.networks.all()
        self.fields["network"].queryset = networks
        self.fields["findplace"].queryset = Findplace.objects.filter(network__in=networks)
        self._configure_for_call(call, len(networks))

    # --- which questions this call asks --------------------------------------------------

    def _configure_for_call(self, call, network_count: int) -> None:
        fields = self.fields
        keep = {"start_date", "motivation"}
        if network_count > 1:
            keep.add("network")
        if call.requires_findplace:
            keep |= {"findplace", *NEW_FINDPLACE_FIELDS}
            if call.requires_leisure_findplace:
                fields["findplace"].help_text = _(
                    "Enkel een vindplaats die structureel vrijetijds- en ontmoetingsmomenten "
                    "organiseert: OverKophuis, lokaal dienstencentrum, jeugdhuis, buurthuis …"
                )
            if call.start_bonus_minutes:
                keep.add("findplace_start_date")
                fields["findplace_start_date"].help_text = ngettext_lazy(
                    "Start u in de periode van deze aanvraag op deze vindplaats, dan krijgt u "
                    "%(bonus)s extra, te gebruiken in de eerste %(months)d maand.",
                    "Start u in de periode van deze aanvraag op deze vindplaats, dan krijgt u "
                    "%(bonus)s extra, te gebruiken in de eerste %(months)d maanden.",
                    call.start_bonus_months,
                ) % {
                    "bonus": formatting.hours(call.start_bonus_minutes),
                    "months": call.start_bonus_months,
                }
        if call.requires_structural_offer:
            keep |= {"structural_offer", "care_functions"}
        if call.min_weekly_individual_minutes or call.min_group_trajectories:
            keep |= {"weekly_individual_hours", "group_trajectories"}
            fields["weekly_individual_hours"].help_text = ngettext_lazy(
                "U komt in aanmerking vanaf %(hours)s individuele sessies per week en/of "
                "%(groups)d groepstraject per jaar.",
                "U komt in aanmerking vanaf %(hours)s individuele sessies per week en/of "
                "%(groups)d groepstrajecten per jaar.",
                call.min_group_trajectories,
            ) % {
                "hours": formatting.hours(call.min_weekly_individual_minutes),
                "groups": call.min_group_trajectories,
            }
        if call.exception_quota_minutes:
            keep.add("overkophuis_exception")
            fields["overkophuis_exception"].label = _(
                "Ik vraag de uitzondering voor een OverKophuis aan (tot %(hours)s per 12 maanden, "
                "voor één psycholoog)"
            ) % {"hours": formatting.hours(call.exception_quota_minutes)}
        if call.requires_partner_confirmation:
            keep |= {"partner_name", "partner_email"}
            if call.requires_findplace:
                fields["partner_name"].label = _("Naam van uw contactpersoon op de vindplaats")
                fields["partner_email"].label = _("E-mailadres van die contactpersoon")
            else:
                keep.add("partner_kind")
                fields["partner_name"].label = _(
                    "Naam van de partner (eerstelijnsactor of eerstelijnsdienst)"
                )
                fields["partner_email"].label = _("E-mailadres van de partner")
        if call.requires_agreement:
            keep |= {name for name in fields if name.startswith("agreement_")}
            fields["agreement_work_forms"].choices = [
                (wf.work_form, wf.get_work_form_display()) for wf in call.work_forms.all()
            ]
        if call.requires_portfolio:
            keep |= {"portfolio", "themes"}
        if call.exclusions_apply:
            keep |= set(EXCLUSION_QUESTIONS)
        if call.hours_chosen_by_applicant:
            keep.add("requested_hours")
            most = max(call.quota_minutes, call.exception_quota_minutes)
            fields["requested_hours"] = hours_field(
                _("Gevraagd aantal uren per 12 maanden"),
                max_hours=most // 60,
                required=True,
                help_text=_("Hoogstens %(hours)s.") % {"hours": formatting.hours(most)},
            )
        for name in list(fields):
            if name not in keep:
                del fields[name]

    SECTIONS = (
        ("network", _("Netwerk"), ("network",)),
        ("findplace", _("Vindplaats"), ("findplace", *NEW_FINDPLACE_FIELDS)),
        (
            "offer",
            _("Uw aanbod op de vindplaats"),
            (
                "findplace_start_date",
                "structural_offer",
                "care_functions",
                "weekly_individual_hours",
                "group_trajectories",
                "overkophuis_exception",
            ),
        ),
        ("partner", _("Partner"), ("partner_name", "partner_kind", "partner_email")),
        (
            "agreement",
            _("Samenwerkingsovereenkomst"),
            (
                "agreement_minimum_hours",
                "agreement_periodicity",
                "agreement_work_forms",
                "agreement_contact_arrangement",
                "agreement_evaluation_arrangement",
                "agreement_next_evaluation_date",
                "agreement_signed_pdf",
            ),
        ),
        ("portfolio", _("Portfolio en thema's"), ("portfolio", "themes")),
        ("exclusions", _("Uitsluitingen"), tuple(EXCLUSION_QUESTIONS)),
        (
            "request",
            _("Uw aanvraag"),
            ("start_date", "requested_hours", "motivation"),
        ),
    )

    def sections(self) -> list[dict]:
        """The form's fieldsets, in order, with only the fields this call asks."""
        result = []
        for key, title, names in self.SECTIONS:
            present = [self[name] for name in names if name in self.fields]
            if present:
                result.append({"key": key, "title": title, "fields": present})
        return result

    # --- values in and out ---------------------------------------------------------------

    @staticmethod
    def initial_from(application: Application) -> dict:
        def yes_no(value: bool) -> str:
            return YES if value else NO

        initial = {
            "network": application.network_id,
            "findplace": application.findplace_id,
            "findplace_start_date": application.findplace_start_date,
            "structural_offer": yes_no(application.structural_offer),
            "care_functions": [c for c in application.care_functions.split(",") if c],
            "weekly_individual_hours": formatting.hours_input(
                application.weekly_individual_minutes
            ),
            "group_trajectories": application.group_trajectories,
            "overkophuis_exception": application.overkophuis_exception,
            "partner_name": application.partner_name,
            "partner_kind": application.partner_kind,
            "partner_email": application.partner_email,
            "portfolio": application.portfolio,
            "themes": list(application.themes.all()),
            "start_date": application.start_date,
            "requested_hours": formatting.hours_input(application.requested_minutes),
            "motivation": application.motivation,
        }
        for name in EXCLUSION_QUESTIONS:
            initial[name] = yes_no(getattr(application, name))
        agreement = getattr(application, "agreement", None)
        if agreement is not None:
            initial |= {
                "agreement_minimum_hours": formatting.hours_input(agreement.minimum_minutes),
                "agreement_periodicity": agreement.periodicity,
                "agreement_work_forms": [w for w in agreement.work_forms.split(",") if w],
                "agreement_contact_arrangement": agreement.contact_arrangement,
                "agreement_evaluation_arrangement": agreement.evaluation_arrangement,
                "agreement_next_evaluation_date": agreement.next_evaluation_date,
            }
        return initial

    def clean_start_date(self):
        start = self.cleaned_data["start_date"]
        _raise_first(bounds.start_date_refusals(start, timezone.localdate()))
        return start

    def clean_findplace_start_date(self):
        day = self.cleaned_data["findplace_start_date"]
        _raise_first(bounds.findplace_start_refusals(day, timezone.localdate()))
        return day

    def clean_agreement_next_evaluation_date(self):
        day = self.cleaned_data["agreement_next_evaluation_date"]
        _raise_first(bounds.evaluation_date_refusals(day, timezone.localdate()))
        return day

    def clean(self):
        data = super().clean()
        self._clean_findplace(data)
        if self.submitting:
            self._require_complete(data)
        elif "agreement_next_evaluation_date" in self.fields:
            # A draft may be incomplete, but never plans the evaluation too late.
            self._show_refusals(
                admission.evaluation_refusals(
                    data.get("start_date"), data.get("agreement_next_evaluation_date")
                )
            )
        return data

    def _show_refusals(self, refusals: list[engine.Refusal]) -> None:
        """The engine's refusals at the field they are about, unless it has an error already."""
        for refusal in refusals:
            names = [n for n in REFUSAL_FIELDS.get(refusal.code, ()) if n in self.fields]
            if names and names[0] in self.errors:
                continue
            self.add_error(
                names[0] if names else None, ValidationError(refusal.message, code=refusal.code)
            )

    def _agreement_terms(self, data) -> admission.AgreementTerms:
        return admission.AgreementTerms(
            minimum_minutes=formatting.minutes_from_hours(data.get("agreement_minimum_hours")),
            periodicity=data.get("agreement_periodicity", ""),
            work_forms=tuple(data.get("agreement_work_forms") or ()),
            contact_arrangement=data.get("agreement_contact_arrangement", ""),
            evaluation_arrangement=data.get("agreement_evaluation_arrangement", ""),
            next_evaluation_date=data.get("agreement_next_evaluation_date"),
            signed=bool(
                data.get("agreement_signed_pdf") or (self.agreement and self.agreement.signed_pdf)
            ),
        )

    def _clean_findplace(self, data) -> None:
        if "findplace" not in self.fields:
            return
        proposing = any(data.get(name) for name in NEW_FINDPLACE_FIELDS)
        if not proposing:
            return
        if data.get("findplace"):
            self.add_error(
                "new_findplace_name",
                ValidationError(
                    _("Kies een bestaande vindplaats óf stel een nieuwe voor, niet allebei."),
                    code="findplace_twice",
                ),
            )
            return
        for name in ("new_findplace_name", "new_findplace_kind", "new_findplace_municipality"):
            if not data.get(name):
                self.add_error(
                    name,
                    ValidationError(
                        _("Vul dit in om een nieuwe vindplaats voor te stellen."), code="required"
                    ),
                )

    def _require_complete(self, data) -> None:
        """What must be filled in before submitting (a draft may be incomplete)."""
        missing = _("Vul dit in voor u de aanvraag indient.")
        unanswered = _("Beantwoord deze vraag met ja of nee.")
        if "findplace" in self.fields and not (
            data.get("findplace") or data.get("new_findplace_name")
        ):
            self.add_error(
                "findplace",
                ValidationError(
                    _("Kies een bestaande vindplaats of stel er een voor."),
                    code="findplace_required",
                ),
            )
        for name in ("partner_name", "partner_email"):
            if name in self.fields and name not in self.errors and not data.get(name):
                self.add_error(name, ValidationError(missing, code="required"))
        # What the portfolio and the agreement must hold is the engine's (admission.py).
        rules = engine.CallRules.from_call(self.call)
        if "portfolio" in self.fields:
            self._show_refusals(admission.portfolio_refusals(rules, data.get("portfolio", "")))
        if "agreement_periodicity" in self.fields:
            terms = self._agreement_terms(data)
            self._show_refusals(admission.agreement_refusals(rules, terms, data.get("start_date")))
        for name in ("structural_offer", *EXCLUSION_QUESTIONS):
            if name in self.fields and name not in self.errors and data.get(name) is None:
                self.add_error(name, ValidationError(unanswered, code="required"))

    def service_data(self) -> dict:
        """The cleaned answers as `services.save_draft` takes them (only this call's fields)."""
        data = self.cleaned_data
        fields = self.fields
        result = {"start_date": data["start_date"], "motivation": data.get("motivation", "")}
        if data.get("network"):
            result["network"] = data["network"]
        if "findplace" in fields:
            result["findplace"] = data.get("findplace")
            if data.get("new_findplace_name"):
                result["new_findplace"] = {
                    "name": data["new_findplace_name"],
                    "kind": data["new_findplace_kind"],
                    "street": data.get("new_findplace_street", ""),
                    "postal_code": data.get("new_findplace_postal_code", ""),
                    "municipality": data["new_findplace_municipality"],
                }
        for name in ("findplace_start_date", "partner_name", "partner_kind", "partner_email"):
            if name in fields:
                result[name] = data.get(name) or ("" if name != "findplace_start_date" else None)
        for name in ("structural_offer", *EXCLUSION_QUESTIONS):
            if name in fields:
                result[name] = bool(data.get(name))
        if "care_functions" in fields:
            result["care_functions"] = ",".join(sorted(data.get("care_functions") or []))
        if "weekly_individual_hours" in fields:
            result["weekly_individual_minutes"] = formatting.minutes_from_hours(
                data.get("weekly_individual_hours")
            )
            result["group_trajectories"] = data.get("group_trajectories") or 0
        if "overkophuis_exception" in fields:
            result["overkophuis_exception"] = bool(data.get("overkophuis_exception"))
        if "portfolio" in fields:
            result["portfolio"] = data.get("portfolio", "")
            result["themes"] = list(data.get("themes") or [])
        if "requested_hours" in fields:
            result["requested_minutes"] = formatting.minutes_from_hours(data["requested_hours"])
        else:
            result["requested_minutes"] = self.call.quota_minutes
        if "agreement_periodicity" in fields:
            result["agreement"] = {
                "minimum_minutes": formatting.minutes_from_hours(
                    data.get("agreement_minimum_hours")
                ),
                "periodicity": data.get("agreement_periodicity", ""),
                "work_forms": ",".join(data.get("agreement_work_forms") or []),
                "contact_arrangement": data.get("agreement_contact_arrangement", ""),
                "evaluation_arrangement": data.get("agreement_evaluation_arrangement", ""),
                "next_evaluation_date": data.get("agreement_next_evaluation_date"),
                "signed_pdf": data.get("agreement_signed_pdf") or None,
            }
        return result

    def add_refusals(self, error: ValidationError) -> None:
        """Show a service's refusals on the field they are about (or above the form)."""
        for item in error.error_list:
            names = [n for n in REFUSAL_FIELDS.get(item.code, ()) if n in self.fields]
            self.add_error(names[0] if names else None, item)


def _raise_first(refusals: list[engine.Refusal]) -> None:
    """A range refusal of `bounds` as the field's error (the service checks it again)."""
    if refusals:
        raise ValidationError(refusals[0].message, code=refusals[0].code)


class ExtraHoursForm(forms.Form):
    hours = hours_field(
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

    def clean_hours(self) -> int:
        return formatting.minutes_from_hours(self.cleaned_data["hours"])
