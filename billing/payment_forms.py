"""Forms of the payment pages: the date an invoice was paid, and the invoices ticked on the
invoice list for "Markeer als betaald".

They parse; whether an invoice may be marked paid on that date is the service's
(`billing.services.payments`), which reports refusals per invoice.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# More than a page of the list can show: a larger post is not from the list.
MAX_BULK = 200


class PaidOnForm(forms.Form):
    paid_on = forms.DateField(
        label=_("Betaald op"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("De datum van de overschrijving op het rekeninguittreksel."),
        error_messages={
            "invalid": _("Geef een datum in als JJJJ-MM-DD, bijvoorbeeld 2025-04-30."),
            "required": _("Geef de datum van de betaling in."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("paid_on", timezone.localdate())


class BulkPaymentForm(PaidOnForm):
    """The ticked invoices (checkboxes in the list's rows, `form="bulk-pay"`)."""

    invoices = forms.ModelMultipleChoiceField(
        label=_("Facturen"),
        queryset=None,
        widget=forms.MultipleHiddenInput,
        error_messages={
            "required": _("Vink eerst de facturen aan die betaald zijn."),
            "invalid_choice": _("Een van de aangevinkte facturen bestaat niet (meer)."),
            "invalid_pk_value": _("Een van de aangevinkte facturen bestaat niet (meer)."),
        },
    )

    def __init__(self, invoices, *args, **kwargs):
        """`invoices`: the invoices the user may see (`billing.access.invoices_for_staff`)."""
        super().__init__(*args, **kwargs)
        self.fields["invoices"].queryset = invoices

    def clean_invoices(self):
        chosen = self.cleaned_data["invoices"]
        if len(chosen) > MAX_BULK:
            raise forms.ValidationError(
                _("Markeer hoogstens %(count)s facturen tegelijk.") % {"count": MAX_BULK},
                code="too_many_invoices",
            )
        return chosen

    def selected(self) -> set[str]:
        """The ids ticked in the post, as text (to tick them again after an error)."""
        return set(self.data.getlist("invoices")) if self.is_bound else set()
