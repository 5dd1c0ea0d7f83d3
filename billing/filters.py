"""Filters of the invoice list: period (month), network, psychologist, kind, credited and
payment state (the queryset comes annotated by `billing.payment_selectors.with_payment_state`).
The psychologist is typed (name or RIZIV number, with suggestions), never a dropdown of all.
"""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from billing.models import Invoice, InvoiceKind
from billing.payment_state import PaymentState
from portal.fields import MonthField
from portal.models import Network, Role
from portal.permissions import followed_networks
from portal.psychologist_search import matching, suggest_attrs


class MonthFilter(django_filters.Filter):
    field_class = MonthField


class InvoiceFilter(django_filters.FilterSet):
    period = MonthFilter(label=_("Periode (maand)"), method="filter_period")
    network = django_filters.ModelChoiceFilter(
        label=_("Netwerk"), queryset=Network.objects.none(), empty_label=_("Alle netwerken")
    )
    psychologist = django_filters.CharFilter(
        label=_("Psycholoog"),
        method="filter_psychologist",
        max_length=80,
        help_text=_("Een deel van de naam of het RIZIV-nummer."),
        widget=forms.TextInput(attrs=suggest_attrs(reverse_lazy("psychologist_suggestions"))),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Soort"), choices=InvoiceKind.choices, empty_label=_("Facturen en creditnota's")
    )
    credited = django_filters.BooleanFilter(
        label=_("Gecrediteerd"),
        method="filter_credited",
        widget=forms.Select(
            choices=[
                ("", _("Alle")),
                ("true", _("Met creditnota")),
                ("false", _("Zonder creditnota")),
            ]
        ),
    )

    payment_state = django_filters.ChoiceFilter(
        label=_("Betaling"),
        choices=[*PaymentState.choices, ("overdue", _("vervallen (te betalen)"))],
        empty_label=_("Alle"),
        method="filter_payment_state",
    )

    class Meta:
        model = Invoice
        fields = ["period", "network", "psychologist", "kind", "credited", "payment_state"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        networks = followed_networks(user, Role.NETWORK_STAFF)
        self.filters["network"].queryset = networks

    def filter_period(self, queryset, name, value):
        """`value` is the month's last day (MonthField)."""
        return queryset.filter(period_end__range=(value.replace(day=1), value))

    def filter_psychologist(self, queryset, name, value):
        return queryset.filter(matching(value, "psychologist__"))

    def filter_credited(self, queryset, name, value):
        if value is None:
            return queryset
        credited = Exists(Invoice.objects.filter(credited_invoice=OuterRef("pk")))
        return queryset.filter(credited) if value else queryset.exclude(credited)

    def filter_payment_state(self, queryset, name, value):
        if value == "overdue":
            return queryset.filter(is_overdue=True)
        return queryset.filter(payment_state=value)
