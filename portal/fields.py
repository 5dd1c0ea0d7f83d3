"""Form fields more than one app's forms share."""

import calendar
import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MONTH = re.compile(r"(\d{4})-(\d{1,2})")


def last_day_of(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


class MonthInput(forms.DateInput):
    input_type = "month"


class MonthField(forms.Field):
    """A month as `<input type="month">` sends it (2025-03; 2025-3 too), cleaned to the
    month's last day. Anything else, a year beyond 9999 or month 13, is a form error."""

    widget = MonthInput
    default_error_messages = {
        "invalid": _("Geef een maand in als JJJJ-MM, bijvoorbeeld 2025-03."),
    }

    def to_python(self, value):
        text = str(value or "").strip()
        if not text:
            return None
        match = MONTH.fullmatch(text)
        try:
            if match is None:
                raise ValueError(text)
            return last_day_of(int(match[1]), int(match[2]))
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid_month") from None
