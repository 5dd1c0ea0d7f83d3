"""Forms of a coordinator's decisions: approve, reject, ask for changes, decide extra hours,
and one of those on many applications of the queue at once.

They parse input only (hours as Decimal → integer minutes, never float); the services
check every rule and the views show the services' refusals on these forms.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from applications.models import BulkAction
from portal import formatting

MINUTES_PER_HOUR = Decimal(formatting.MINUTES_PER_HOUR)
# The field of a decision form a service's refusal is about (others are shown on top).
REFUSAL_FIELDS = {
    "hours_above_max": "hours",
    "findplace_cap_reached": "hours",
    "start_out_of_range": "start_date",
    "partner_not_confirmed": "partner_override",
    "partner_declined": "partner_override",
    "override_reason_required": "override_reason",
    # The bulk decision of the queue.
    "no_action": "action",
    "selection_empty": "applications",
    "selection_too_large": "applications",
    "reason_required": "message",
}
# An id as the queue sends it: a positive whole number that fits the id column.
ID_PATTERN = re.compile(r"[1-9][0-9]{0,17}")


class HoursField(forms.Field):
    """Hours typed as a decimal number ("1,5" or "1.5"), cleaned to whole minutes."""

    widget = forms.NumberInput

    def __init__(self, *, allow_zero: bool = False, **kwargs):
        self.allow_zero = allow_zero
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"step": "0.25", "min": "0", "inputmode": "decimal"})
        return attrs

    def prepare_value(self, value):
        if isinstance(value, int):
            return formatting.hours_input(value)
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip().replace(",", ".")
        try:
            hours = Decimal(text)
        except InvalidOperation:
            raise ValidationError(
                _("Geef een aantal uren in, bijvoorbeeld 2 of 1,5."), code="invalid"
            ) from None
        if not hours.is_finite():
            raise ValidationError(_("Geef een aantal uren in, bijvoorbeeld 2 of 1,5."))
        minutes = hours * MINUTES_PER_HOUR
        if minutes != minutes.to_integral_value():
            raise ValidationError(
                _("Geef een aantal uren dat een geheel aantal minuten is (bv. 1,25 of 2,5)."),
                code="invalid",
            )
        minutes = int(minutes)
        if minutes < 0 or (minutes == 0 and not self.allow_zero):
            raise ValidationError(_("Geef een aantal uren groter dan nul."), code="hours_above_max")
        return minutes


def _reason_field(label, required=True, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Geef een motivering op.")},
    )


class ApproveForm(forms.Form):
    hours = HoursField(
        label=_("Toe te kennen uren"),
        help_text=_("In uren, bv. 3,5 voor 3 u 30 min. Hoogstens het getoonde maximum."),
        error_messages={"required": _("Geef het aantal toe te kennen uren in.")},
    )
    start_date = forms.DateField(
        label=_("Startdatum"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        help_text=_("Begin van de periode van 12 maanden."),
        error_messages={"required": _("Geef een startdatum in.")},
    )
    reason = _reason_field(_("Motivering (optioneel)"), required=False)
    partner_override = forms.BooleanField(
        label=_("Goedkeuren zonder bevestiging van de partner"),
        required=False,
        help_text=_("Een uitzondering: motiveer ze hieronder. Ze komt in de audittrail."),
    )
    override_reason = _reason_field(
        _("Waarom keurt u goed zonder bevestiging van de partner?"), required=False
    )

    def __init__(self, *args, partner_missing: bool = False, **kwargs):
        """The override fields exist only while the partner has not confirmed."""
        super().__init__(*args, **kwargs)
        if not partner_missing:
            del self.fields["partner_override"]
            del self.fields["override_reason"]


class RejectForm(forms.Form):
    reason = _reason_field(
        _("Reden van de afwijzing"), help_text=_("De psycholoog krijgt deze reden per e-mail.")
    )


class RequestChangesForm(forms.Form):
    question = forms.CharField(
        label=_("Wat moet de psycholoog aanpassen?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De psycholoog krijgt deze vraag per e-mail en kan de aanvraag aanpassen."),
        error_messages={"required": _("Geef aan wat er aangepast moet worden.")},
    )


class ExtraHoursGrantForm(forms.Form):
    hours = HoursField(
        label=_("Extra uren toe te kennen"),
        help_text=_("In uren, bv. 2 of 1,5."),
        error_messages={"required": _("Geef het aantal extra uren in.")},
    )
    reason = _reason_field(_("Motivering (optioneel)"), required=False)


class ExtraHoursRefuseForm(forms.Form):
    reason = _reason_field(
        _("Reden van de weigering"), help_text=_("De psycholoog krijgt deze reden per e-mail.")
    )


class ApplicationIdsField(forms.Field):
    """The applications ticked in the queue: their ids, whole numbers, each once. How many
    may be chosen is the service's rule (bulk_decisions.selection_refusals)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[int]:
        values = [value] if isinstance(value, str) else list(value or ())
        ids = []
        for item in values:
            text = str(item).strip()
            if not text:
                continue
            if not ID_PATTERN.fullmatch(text):
                raise ValidationError(
                    _(
                        "Een gekozen aanvraag is niet geldig. Laad de lijst opnieuw en kies opnieuw."
                    ),
                    code="invalid",
                )
            ids.append(int(text))
        return list(dict.fromkeys(ids))


class BulkDecisionForm(forms.Form):
    """One decision on the applications ticked in the queue."""

    applications = ApplicationIdsField(required=False, label=_("Aangevinkte aanvragen"))
    action = forms.ChoiceField(
        label=_("Wat gebeurt er met de aangevinkte aanvragen?"),
        choices=BulkAction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat er met de selectie moet gebeuren.")},
    )
    message = forms.CharField(
        label=_("Motivering of vraag"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Verplicht bij aanpassing vragen en afwijzen; elke psycholoog krijgt deze tekst "
            "per e-mail. Bij goedkeuren een optionele motivering."
        ),
    )

    def selected_ids(self) -> set[int]:
        """The ticked ids as sent, to tick them again when the page shows errors."""
        raw = self.data.getlist("applications") if hasattr(self.data, "getlist") else []
        return {int(v) for v in raw if ID_PATTERN.fullmatch(str(v).strip())}


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's refusals on the form: at the field they are about, others on top."""
    for item in error.error_list:
        target = REFUSAL_FIELDS.get(item.code)
        form.add_error(target if target in form.fields else None, item)
