"""Filters of "My registrations": allocation, call, work form, period and billed."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from applications.access import own_allocations
from applications.models import Allocation, Call, WorkForm
from registrations.models import Registration


def _own_allocations(request):
    """The choices of the allocation filter: the signed-in psychologist's own."""
    psychologist = getattr(request.user, "psychologist", None) if request else None
    if psychologist is None:
        return Allocation.objects.none()
    return own_allocations(psychologist).select_related("psychologist__user")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class RegistrationFilter(django_filters.FilterSet):
    allocation = django_filters.ModelChoiceFilter(
        label=_("Toekenning"), queryset=_own_allocations, empty_label=_("Alle toekenningen")
    )
    call = django_filters.ModelChoiceFilter(
        label=_("Oproep"),
        field_name="allocation__call",
        queryset=Call.objects.order_by("number"),
        empty_label=_("Alle oproepen"),
    )
    work_form = django_filters.ChoiceFilter(
        label=_("Werkvorm"), choices=WorkForm.choices, empty_label=_("Alle werkvormen")
    )
    date_from = django_filters.DateFilter(
        label=_("Vanaf"), field_name="date", lookup_expr="gte", widget=DateInput()
    )
    date_to = django_filters.DateFilter(
        label=_("Tot en met"), field_name="date", lookup_expr="lte", widget=DateInput()
    )
    is_billed = django_filters.BooleanFilter(
        label=_("Gefactureerd"),
        widget=forms.Select(choices=[("", _("Alle")), ("true", _("Ja")), ("false", _("Nee"))]),
    )

    class Meta:
        model = Registration
        fields = ["allocation", "call", "work_form", "date_from", "date_to", "is_billed"]
