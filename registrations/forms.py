"""The registration form: the fields of the allocation's call, parsed into service input.

Work forms are limited to the call's own (the EditionWorkForm rows of its edition); the
client-consent box only appears when one of them needs consent; the request question only
for calls 3 and 4 with a matched request to choose. Rule checks are the engine's (via
services).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications import engine
from applications.models import WorkForm
from demand.services.hours import linkable_requests, links_requests
from portal import client_data, formatting

# The fields the live preview needs before it can say anything about the rules.
PREVIEW_FIELDS = ("date", "start_time", "duration_minutes", "work_form", "attendees")

# Which field an engine refusal is about; others are shown above the form.
REFUSAL_FIELDS = {
    "too_short": "duration_minutes",
    "too_long": "duration_minutes",
    "quota_exceeded": "duration_minutes",
    "too_few_attendees": "attendees",
    "too_many_attendees": "attendees",
    "longer_than_a_day": "duration_minutes",
    "start_time_required": "start_time",
    "subject_required": "subject",
    "attendee_roles_required": "attendee_roles",
    "consent_required": "client_consent",
    "outside_window": "date",
    "in_future": "date",
    "month_closed": "date",
    "evaluation_overdue": "date",
    "overlap": "start_time",
    "work_form_not_allowed": "work_form",
    "request_not_matched_to_you": "support_request",
    "request_not_for_this_call": "support_request",
}


class DurationField(forms.IntegerField):
    """A duration typed as hours and minutes ("1:30", "1 u 30", "1,5 u") or minutes ("90")."""

    widget = forms.TextInput

    def widget_attrs(self, widget):
        # A text input: the typed "1 u 30" is no number; no min/max/step attributes.
        return {"autocomplete": "off", "spellcheck": "false"}

    def prepare_value(self, value):
        return formatting.hours(value) if isinstance(value, int) else value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return formatting.parse_duration(value)
        except ValueError:
            raise ValidationError(
                _("Geef de duur in uren en minuten (1:30 of 1 u 30) of in minuten (90)."),
                code="invalid",
            ) from None


class RegistrationForm(forms.Form):
    date = forms.DateField(
        label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    start_time = forms.TimeField(
        label=_("Beginuur"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    duration_minutes = DurationField(
        label=_("Duur"),
        min_value=1,
        max_value=engine.MAX_ACTIVITY_MINUTES,
        error_messages={
            "min_value": _("De duur is minstens 1 minuut."),
            "max_value": _(
                "De duur is hoogstens 24 uur; registreer een langere activiteit per dag."
            ),
        },
        help_text=_(
            "In uren en minuten (1:30 of 1 u 30) of in minuten (90). Zonder voorbereiding; "
            "die rekent het portaal zelf bij waar ze geldt."
        ),
    )
    work_form = forms.ChoiceField(label=_("Werkvorm"), choices=())
    attendees = forms.IntegerField(
        label=_("Aantal aanwezigen (eerstelijnsactoren)"),
        min_value=1,
        max_value=engine.MAX_ATTENDEES,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": "1"}),
    )
    attendee_roles = forms.CharField(
        label=_("Functie/rol van de aanwezigen"),
        max_length=255,
        help_text=_("Bv. huisartsen, maatschappelijk werker, vrijwilligers."),
    )
    subject = forms.CharField(
        label=_("Onderwerp / korte omschrijving"),
        max_length=255,
        help_text=_("Geen namen of andere gegevens waarmee een cliënt herkend kan worden."),
    )
    place = forms.CharField(label=_("Plaats"), max_length=160, required=False)
    client_consent = forms.BooleanField(
        label=_("De cliënt gaf vooraf toestemming (enkel bij een co-consult)"), required=False
    )
    support_request = forms.ModelChoiceField(
        label=_("Ondersteuningsvraag die deze activiteit beantwoordt"),
        queryset=None,
        required=False,
        empty_label=_("Geen (niet op vraag van een eerstelijnsactor)"),
        help_text=_(
            "Een vraag waarvan u het voorstel aanvaardde, in het netwerk van deze toekenning."
        ),
    )

    def __init__(self, *args, allocation, preview: bool = False, **kwargs):
        self.allocation = allocation
        if kwargs.get("initial") is None:
            kwargs["initial"] = {"date": default_date(allocation)}
        super().__init__(*args, **kwargs)
        if preview:
            # The live preview only needs what the rules read; text can come later.
            for name in ("attendee_roles", "subject", "place"):
                self.fields[name].required = False
        work_forms = list(allocation.edition.work_forms.all())
        self.fields["work_form"].choices = [
            (wf.work_form, wf.get_work_form_display()) for wf in work_forms
        ]
        if len(work_forms) > 1:
            self.fields["work_form"].choices.insert(0, ("", "---------"))
        if not any(wf.requires_consent for wf in work_forms):
            del self.fields["client_consent"]
        self._offer_requests(allocation)

    def _offer_requests(self, allocation) -> None:
        """The matched requests this activity may answer; no question without one."""
        requests = linkable_requests(allocation.psychologist, allocation)
        if not links_requests(allocation) or not requests.exists():
            del self.fields["support_request"]
            return
        field = self.fields["support_request"]
        field.queryset = requests
        field.label_from_instance = _request_label

    def typed_problems(self) -> list[str]:
        """For the live preview: what is wrong with the fields typed so far, each with its
        name ("Duur: …"); a field not filled in yet is not a problem yet."""
        return [
            f"{self[name].label}: {message}"
            for name in PREVIEW_FIELDS
            if name in self.fields and str(self.data.get(name, "")).strip()
            for message in self.errors.get(name, ())
        ]

    def add_refusals(self, error: ValidationError) -> None:
        for item in error.error_list:
            name = client_data.field_of(item) or REFUSAL_FIELDS.get(item.code)
            self.add_error(name if name in self.fields else None, item)


def _request_label(support_request) -> str:
    return f"#{support_request.pk} {support_request.organisation} ({support_request.municipality})"


def default_date(allocation):
    """A new registration is dated today, or the window's last day once it has ended."""
    today = timezone.localdate()
    if today > allocation.window_end:
        return allocation.window_end
    return today if today >= allocation.window_start else None


class SeriesForm(RegistrationForm):
    """A weekly series of presence: the registration's fields, with a first and a last date
    instead of one date (registrations.series)."""

    first_date = forms.DateField(
        label=_("Eerste datum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("De reeks herhaalt elke week op dezelfde weekdag."),
    )
    last_date = forms.DateField(
        label=_("Laatste datum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    field_order = ["first_date", "last_date"]

    def __init__(self, *args, allocation, **kwargs):
        kwargs.setdefault("initial", {})
        super().__init__(*args, allocation=allocation, **kwargs)
        for name in ("date", "support_request", "client_consent"):
            self.fields.pop(name, None)
        self.fields["work_form"].choices = [
            choice for choice in self.fields["work_form"].choices if choice[0] == WorkForm.PRESENCE
        ]
        self.fields["work_form"].initial = WorkForm.PRESENCE

    def add_refusals(self, error: ValidationError) -> None:
        for item in error.error_list:
            name = client_data.field_of(item) or SERIES_REFUSAL_FIELDS.get(item.code)
            self.add_error(name if name in self.fields else None, item)


SERIES_REFUSAL_FIELDS = {
    "series_end_before_start": "last_date",
    "series_too_long": "last_date",
    "series_presence_only": "work_form",
}
