"""Forms of the billing pages: start a run for a network and month, issue a credit note."""

import calendar
from datetime import date, timedelta
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from billing.models import InvoiceItem
from portal.models import Network


def last_day_of(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


class MonthInput(forms.DateInput):
    input_type = "month"


class StartRunForm(forms.Form):
    network = forms.ModelChoiceField(
        label=_("Netwerk"), queryset=Network.objects.none(), empty_label=None
    )
    month = forms.CharField(
        label=_("Maand"),
        # No placeholder: HTML allows none on type="month"; the help text gives the format
        # for browsers that show a plain text box.
        widget=MonthInput,
        help_text=_(
            "De run factureert alle niet-gefactureerde registraties tot het einde van deze "
            "maand (JJJJ-MM, bijvoorbeeld 2025-03)."
        ),
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        networks = Network.objects.all()
        if not user.is_superuser:
            networks = networks.filter(pk__in=user.networks.all())
        self.fields["network"].queryset = networks
        if not self.is_bound:
            previous = timezone.localdate().replace(day=1) - timedelta(days=1)
            self.initial.setdefault("month", f"{previous:%Y-%m}")

    def clean_month(self) -> date:
        value = self.cleaned_data["month"].strip()
        try:
            year, month = (int(part) for part in value.split("-"))
            period_end = last_day_of(year, month)
        except ValueError:
            raise forms.ValidationError(
                _("Geef een maand in als JJJJ-MM, bijvoorbeeld 2025-03."), code="invalid_month"
            ) from None
        return period_end


class ItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, item: InvoiceItem) -> str:
        registration = item.registration
        return _("%(date)s – %(work_form)s – %(minutes)s min (+ %(prep)s min voorbereiding)") % {
            "date": f"{registration.date:%d/%m/%Y}",
            "work_form": registration.get_work_form_display(),
            "minutes": item.minutes,
            "prep": item.prep_minutes,
        }


class CreditNoteForm(forms.Form):
    item = ItemChoiceField(
        label=_("Registratie om te crediteren"),
        queryset=InvoiceItem.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reden"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, items: list[InvoiceItem], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = InvoiceItem.objects.filter(
            pk__in=[item.pk for item in items]
        ).select_related("registration")


class RateForm(forms.Form):
    effective_from = forms.DateField(
        label=_("Geldig vanaf"), widget=forms.DateInput(attrs={"type": "date"})
    )
    hourly_rate = forms.DecimalField(
        label=_("Uurtarief (€)"), max_digits=8, decimal_places=2, min_value=Decimal("0.01")
    )
