"""Forms of the billing pages: start a run for a network and month, issue a credit note."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.engine import bounds, closing
from billing.models import InvoiceItem
from portal.fields import MonthField, MonthInput
from portal.models import Network, Role
from portal.permissions import followed_networks


class StartRunForm(forms.Form):
    network = forms.ModelChoiceField(
        label=_("Netwerk"), queryset=Network.objects.none(), empty_label=None
    )
    month = MonthField(
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
        networks = followed_networks(user, Role.NETWORK_STAFF)
        self.fields["network"].queryset = networks
        if not self.is_bound:
            # The last month closed in the first network (the usual case: one network).
            network = networks.first()
            closing_day = network.registration_closing_day if network else None
            month = closing.latest_closed_month(closing_day, timezone.localdate())
            self.initial.setdefault("month", f"{month:%Y-%m}")


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
        label=_("Uurtarief (€)"),
        max_digits=8,
        decimal_places=2,
        min_value=bounds.MIN_HOURLY_RATE,
        max_value=bounds.MAX_HOURLY_RATE,
    )

    # The field a refusal of services.rates.add_rate is about (others, such as a shared
    # rate asked by staff or a network they do not follow, go above the form).
    REFUSAL_FIELDS = {
        "rate_date_out_of_range": "effective_from",
        "rate_in_billed_period": "effective_from",
        "rate_exists": "effective_from",
        "rate_out_of_range": "hourly_rate",
    }

    def add_refusals(self, error: ValidationError) -> None:
        for item in error.error_list:
            self.add_error(self.REFUSAL_FIELDS.get(item.code), item)


class AcceptTermsForm(forms.Form):
    """The version of the self-billing terms the psychologist read (a hidden field): the
    service refuses a version that is no longer in force."""

    version = forms.CharField(max_length=20)
