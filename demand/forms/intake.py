"""The support-request form: who asks, what, and the declarations; parsing only.

The same form serves the public page and the page where an existing service or
coordinator enters a request on someone's behalf (`OnBehalfForm` adds the network). Its
limits are the model's columns; the eligibility rules are the engine's
(demand.eligibility), which the live check previews and the intake service decides.
`website` is a honeypot: hidden from people, filled in by bots.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from applications.engine.registrations import MAX_ATTENDEES
from applications.forms.fields import DateInput, YesNoField
from applications.models import WorkForm
from demand.eligibility import MIN_ATTENDEES
from demand.models import Setting, SupportRequest
from portal import client_data, postcodes
from portal.models import FindplaceKind, Theme
from portal.validators import normalize_phone

# Which field a refusal of the service is shown on (the others go above the form).
REFUSAL_FIELDS = {
    "education_not_open": "place_kind",
    "not_in_direct_contact": "in_direct_contact",
    "clients_in_care": "about_clients_in_care",
    "too_few_attendees": "expected_attendees",
    "too_many_attendees": "expected_attendees",
    "period_not_ordered": "wished_until",
    "period_in_past": "wished_from",
    "period_too_far": "wished_until",
}


def _text(name: str, **kwargs) -> forms.CharField:
    field = SupportRequest._meta.get_field(name)
    kwargs.setdefault("label", str(field.verbose_name).capitalize())
    return forms.CharField(max_length=field.max_length, **kwargs)


class SupportRequestForm(forms.Form):
    requester_name = _text("requester_name", label=_("Uw naam"))
    requester_role = _text(
        "requester_role",
        label=_("Uw functie"),
        help_text=_("Bv. huisarts, maatschappelijk werker, jeugdwerker."),
    )
    organisation = _text("organisation", label=_("Organisatie"))
    email = forms.EmailField(label=_("E-mailadres"), max_length=254)
    phone = _text("phone", label=_("Telefoon"), required=False)
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=10,
        help_text=_("Van de plaats waar de ondersteuning nodig is."),
    )
    municipality = _text("municipality", label=_("Gemeente"))
    place_kind = forms.ChoiceField(
        label=_("Soort organisatie of plaats"), choices=[("", "---------"), *FindplaceKind.choices]
    )
    question = forms.CharField(
        label=_("Uw vraag"),
        max_length=SupportRequest._meta.get_field("question").max_length,
        # The warning beside it (no client data) is on the page: #no-client-data.
        widget=forms.Textarea(attrs={"rows": 6, "aria-describedby": "no-client-data"}),
    )
    work_form = forms.ChoiceField(
        label=_("Gewenste werkvorm"),
        choices=[("", _("Weet ik niet / laat de psycholoog voorstellen")), *WorkForm.choices],
        required=False,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    expected_attendees = forms.IntegerField(
        label=_("Hoeveel eerstelijnsactoren nemen deel?"),
        min_value=0,
        max_value=32767,
        widget=forms.NumberInput(attrs={"min": MIN_ATTENDEES, "max": MAX_ATTENDEES}),
    )
    wished_from = forms.DateField(label=_("Gewenst vanaf"), required=False, widget=DateInput())
    wished_until = forms.DateField(label=_("Gewenst tot"), required=False, widget=DateInput())
    setting = forms.ChoiceField(
        label=_("Ter plaatse of op afstand"), choices=Setting.choices, initial=Setting.EITHER
    )
    in_direct_contact = YesNoField(
        label=_(
            "Komen de eerstelijnsactoren die de ondersteuning krijgen rechtstreeks in contact met de doelgroep?"
        ),
        required=True,
    )
    about_clients_in_care = YesNoField(
        label=_("Gaat de vraag over cliënten die al in begeleiding zijn bij een psycholoog?"),
        required=True,
    )
    website = forms.CharField(label=_("Laat dit veld leeg"), required=False, max_length=200)

    fieldsets = (
        (
            _("Wie vraagt?"),
            (
                "requester_name",
                "requester_role",
                "organisation",
                "email",
                "phone",
                "postcode",
                "municipality",
                "place_kind",
            ),
        ),
        (
            _("Wat vraagt u?"),
            (
                "question",
                "work_form",
                "themes",
                "expected_attendees",
                "wished_from",
                "wished_until",
                "setting",
            ),
        ),
        (_("Verklaringen"), ("in_direct_contact", "about_clients_in_care")),
    )

    def clean_postcode(self) -> str:
        number = postcodes.postcode_number(self.cleaned_data["postcode"])
        if number is None:
            raise ValidationError(
                _("Geef een Belgische postcode van vier cijfers, bv. 9300."),
                code="invalid_postcode",
            )
        return str(number)

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        return normalize_phone(phone) if phone else ""

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    @property
    def is_bot(self) -> bool:
        """The honeypot was filled in: a person never sees that field."""
        return bool(self.data.get("website"))

    def grouped(self):
        return [(title, [self[name] for name in names]) for title, names in self.fieldsets]

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("website", None)
        data.pop("network", None)
        return data

    def preview_data(self) -> dict:
        """What the live check can already judge: the fields typed so far that parse; an
        unanswered declaration is not (yet) a refusal."""
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        if data.get("in_direct_contact") is None:
            data["in_direct_contact"] = True
        if data.get("about_clients_in_care") is None:
            data["about_clients_in_care"] = False
        return data

    def add_refusals(self, error: ValidationError) -> None:
        """Show the service's refusals on the field they concern (others above the form)."""
        if hasattr(error, "error_dict"):  # the model's own checks, per field
            for name, errors in error.error_dict.items():
                self.add_error(name if name in self.fields else None, errors)
            return
        for item in error.error_list:
            field = client_data.field_of(item) or REFUSAL_FIELDS.get(item.code)
            self.add_error(field if field in self.fields else None, item)


class OnBehalfForm(SupportRequestForm):
    """The same questions, entered by an existing service or coordinator for one of their
    networks (the request then goes to that network, whatever its postcode)."""

    network = forms.ModelChoiceField(label=_("Netwerk"), queryset=None, empty_label=None)

    fieldsets = ((_("Netwerk"), ("network",)), *SupportRequestForm.fieldsets)

    def __init__(self, *args, networks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = networks
        del self.fields["website"]


class FeedbackForm(forms.Form):
    """The requester's answer to the feedback question (demand.services.feedback decides)."""

    score = forms.TypedChoiceField(
        label=_("Was de ondersteuning nuttig?"),
        choices=[
            (1, _("1 – helemaal niet nuttig")),
            (2, _("2 – weinig nuttig")),
            (3, _("3 – redelijk nuttig")),
            (4, _("4 – nuttig")),
            (5, _("5 – heel nuttig")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Opmerking (niet verplicht)"),
        required=False,
        max_length=SupportRequest._meta.get_field("feedback_comment").max_length,
        # The warning beside it (no client data) is on the page: #no-client-data.
        widget=forms.Textarea(attrs={"rows": 4, "aria-describedby": "no-client-data"}),
    )
