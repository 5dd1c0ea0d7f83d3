"""Fields that clean to the model's own values and show them as people type them.

Hours are typed as hours and cleaned to integer minutes, a set of codes is checked as
boxes and cleaned to the comma-separated string the model stores, a yes/no question is two
radio buttons. Each field also turns the stored value back into its input (initial values).
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal import formatting

MAX_PDF_BYTES = 10 * 1024 * 1024
PDF_MAGIC = b"%PDF-"

YES, NO = "ja", "nee"
YES_NO = [(YES, _("Ja")), (NO, _("Nee"))]


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

    def prepare_value(self, value):
        if isinstance(value, bool):
            return YES if value else NO
        return value


class HoursField(forms.DecimalField):
    """Hours per quarter as typed (1.5), cleaned to whole minutes (90); empty is 0 minutes."""

    def __init__(self, label, *, max_hours: int, min_hours: Decimal = Decimal("0.25"), **kwargs):
        super().__init__(
            label=label,
            min_value=min_hours,
            max_value=Decimal(max_hours),
            max_digits=6,
            decimal_places=2,
            widget=forms.NumberInput(attrs={"step": "0.25", "inputmode": "decimal"}),
            **kwargs,
        )

    def clean(self, value) -> int:
        return formatting.minutes_from_hours(super().clean(value))

    def prepare_value(self, value):
        # Stored minutes (an initial value) become hours; typed text stays as it was typed.
        if isinstance(value, int):
            return formatting.hours_input(value)
        return value


class CodesField(forms.MultipleChoiceField):
    """Check boxes cleaned to the codes the model stores comma-separated ("1,3")."""

    def __init__(self, *, sort: bool = False, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        self.sort = sort
        super().__init__(**kwargs)

    def clean(self, value) -> str:
        codes = super().clean(value) or []
        return ",".join(sorted(codes) if self.sort else codes)

    def prepare_value(self, value):
        if isinstance(value, str):
            return [code for code in value.split(",") if code]
        return value


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


def raise_first(refusals) -> None:
    """A range refusal of `bounds` as the field's error (the service checks it again)."""
    if refusals:
        raise ValidationError(refusals[0].message, code=refusals[0].code)
