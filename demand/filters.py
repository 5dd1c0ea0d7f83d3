"""django-filter FilterSets of the demand side; scoping happens in demand.access."""

from datetime import timedelta

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.models import WorkForm
from demand.models import SupportRequest
from demand.selectors.working import INBOX_STATES
from portal.models import Language, Psychologist, Theme

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


class CandidateFilter(django_filters.FilterSet):
    """Narrows the register candidates of a request: themes, municipality, language."""

    themes = django_filters.ModelMultipleChoiceFilter(
        queryset=Theme.objects.all(), method="filter_themes", label=_("Thema's")
    )
    municipality = django_filters.CharFilter(
        field_name="municipality", lookup_expr="icontains", label=_("Gemeente"), max_length=80
    )
    language = django_filters.ChoiceFilter(
        choices=Language.choices,
        method="filter_language",
        label=_("Taal"),
        empty_label=_("Alle talen"),
    )

    class Meta:
        model = Psychologist
        fields: list[str] = []

    def filter_themes(self, queryset, name, value):
        # A theme on the profile or on an approved call-4 application.
        matching = Psychologist.objects.filter(
            Q(themes__in=value)
            | Q(
                allocations__edition__forms_register=True,
                allocations__application__themes__in=value,
            )
        )
        return queryset.filter(pk__in=matching.values("pk")) if value else queryset

    def filter_language(self, queryset, name, value):
        return queryset.filter(languages__contains=[value])
