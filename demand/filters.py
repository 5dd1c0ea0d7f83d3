"""django-filter FilterSets of the demand side; scoping happens in demand.access."""

from datetime import timedelta

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.models import WorkForm
from demand.models import SupportRequest
from demand.selectors import INBOX_STATES
from portal.models import Theme

MAX_AGE_DAYS = 3650


class InboxFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        choices=[(s.value, s.label) for s in INBOX_STATES],
        label=_("Status"),
        empty_label=_("Alle statussen"),
    )
    theme = django_filters.ModelChoiceFilter(
        queryset=Theme.objects.all(),
        field_name="themes",
        label=_("Thema"),
        empty_label=_("Alle thema's"),
    )
    work_form = django_filters.ChoiceFilter(
        choices=WorkForm.choices, label=_("Werkvorm"), empty_label=_("Alle werkvormen")
    )
    municipality = django_filters.CharFilter(
        field_name="municipality", lookup_expr="icontains", label=_("Gemeente"), max_length=80
    )
    min_age = django_filters.NumberFilter(
        method="filter_min_age",
        label=_("Minstens zoveel dagen bevestigd"),
        min_value=0,
        max_value=MAX_AGE_DAYS,
    )

    class Meta:
        model = SupportRequest
        fields: list[str] = []

    def filter_min_age(self, queryset, name, value):
        before = timezone.now() - timedelta(days=int(value))
        return queryset.filter(confirmed_at__lte=before)
