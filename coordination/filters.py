"""django-filter FilterSets of the coordinator lists: the review queue and the call-4 register.

They only filter and sort; scoping to the user's networks happens in applications.access.
"""

from datetime import timedelta

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.models import Application, ApplicationStatus, Call
from coordination.selectors.queue import (
    PARTNER_STATES,
    QUEUE_STATUSES,
    READY,
    VERDICTS,
    QueueRows,
)
from demand.services.hours import linking_calls
from portal.models import FindplaceKind, Network, Psychologist, Theme
from registrations.models import Registration

DATE_WIDGET = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})

OLDEST, NEWEST = "oldest", "newest"
MAX_DAYS_WAITING = 3650


class DaysFilter(django_filters.NumberFilter):
    """A whole number of days (the number filter's decimals would take "1e999")."""

    field_class = forms.IntegerField


class QueueFilter(django_filters.FilterSet):
    call = django_filters.ModelChoiceFilter(
        queryset=Call.objects.order_by("number"), label=_("Oproep"), empty_label=_("Alle oproepen")
    )
    status = django_filters.ChoiceFilter(
        choices=[(s.value, s.label) for s in QUEUE_STATUSES],
        label=_("Status"),
        empty_label=_("Alle statussen"),
    )
    findplace_kind = django_filters.ChoiceFilter(
        field_name="findplace__kind",
        choices=FindplaceKind.choices,
        label=_("Soort vindplaats"),
        empty_label=_("Alle soorten"),
    )
    municipality = django_filters.CharFilter(method="filter_municipality", label=_("Gemeente"))
    psychologist = django_filters.CharFilter(method="filter_psychologist", label=_("Psycholoog"))
    submitted_from = django_filters.DateFilter(
        field_name="submitted_at",
        lookup_expr="date__gte",
        label=_("Ingediend vanaf"),
        widget=DATE_WIDGET,
    )
    submitted_to = django_filters.DateFilter(
        field_name="submitted_at",
        lookup_expr="date__lte",
        label=_("Ingediend tot en met"),
        widget=DATE_WIDGET,
    )
    verdict = django_filters.ChoiceFilter(
        choices=VERDICTS,
        method="filter_verdict",
        label=_("Toetsing"),
        empty_label=_("Alle"),
    )
    partner_state = django_filters.ChoiceFilter(
        choices=PARTNER_STATES, label=_("Partner"), empty_label=_("Alle")
    )
    min_days_waiting = DaysFilter(
        method="filter_min_days_waiting",
        label=_("Wacht minstens (dagen)"),
        min_value=0,
        max_value=MAX_DAYS_WAITING,
    )
    sort = django_filters.ChoiceFilter(
        choices=[
            (READY, _("Klaar om te beslissen eerst")),
            (OLDEST, _("Langst wachtend eerst")),
            (NEWEST, _("Nieuwste eerst")),
        ],
        method="sort_by",
        label=_("Volgorde"),
        empty_label=None,
    )

    class Meta:
        model = Application
        fields: list[str] = []

    def queue(self) -> QueueRows:
        """The filtered queue in the order chosen (by default the ready ones first, then the
        oldest), with the engine's verdict on each waiting application."""
        rows = self.qs
        chosen = getattr(self.form, "cleaned_data", {})
        return QueueRows(
            rows,
            ready_first=chosen.get("sort") in (None, "", READY),
            verdict=chosen.get("verdict") or None,
        )

    def filter_verdict(self, queryset, name, value):
        # Only a waiting application has a verdict; QueueRows keeps the ones that match.
        return queryset.filter(status=ApplicationStatus.SUBMITTED)

    def filter_min_days_waiting(self, queryset, name, value):
        latest = timezone.localdate() - timedelta(days=value)
        return queryset.filter(status=ApplicationStatus.SUBMITTED, submitted_at__date__lte=latest)

    def filter_municipality(self, queryset, name, value):
        # Calls 3 and 4 have no findplace: then the psychologist's municipality counts.
        return queryset.filter(
            Q(findplace__municipality__icontains=value)
            | Q(findplace__isnull=True, psychologist__municipality__icontains=value)
        )

    def filter_psychologist(self, queryset, name, value):
        for term in value.split():
            queryset = queryset.filter(
                Q(psychologist__user__first_name__icontains=term)
                | Q(psychologist__user__last_name__icontains=term)
                | Q(psychologist__user__username__icontains=term)
            )
        return queryset

    def sort_by(self, queryset, name, value):
        if value == NEWEST:
            return queryset.order_by("-submitted_at", "-pk")
        return queryset.order_by("submitted_at", "pk")


class RegisterFilter(django_filters.FilterSet):
    theme = django_filters.ModelChoiceFilter(
        queryset=Theme.objects.all(),
        method="filter_theme",
        label=_("Thema"),
        empty_label=_("Alle thema's"),
    )
    municipality = django_filters.CharFilter(
        field_name="municipality", lookup_expr="icontains", label=_("Gemeente")
    )
    network = django_filters.ModelChoiceFilter(
        queryset=Network.objects.all(),
        method="filter_network",
        label=_("Netwerk"),
        empty_label=_("Alle netwerken"),
    )

    class Meta:
        model = Psychologist
        fields: list[str] = []

    def filter_theme(self, queryset, name, value):
        # A theme on the profile or on an approved call-4 application.
        matching = Psychologist.objects.filter(
            Q(themes=value)
            | Q(
                allocations__edition__forms_register=True,
                allocations__application__themes=value,
            )
        )
        return queryset.filter(pk__in=matching.values("pk"))

    def filter_network(self, queryset, name, value):
        return queryset.filter(pk__in=value.psychologists.values("pk"))


class NetworkActivityFilter(django_filters.FilterSet):
    """The call-3 and call-4 activities a network's existing services see."""

    date_from = django_filters.DateFilter(
        field_name="date", lookup_expr="gte", label=_("Vanaf"), widget=DATE_WIDGET
    )
    date_to = django_filters.DateFilter(
        field_name="date", lookup_expr="lte", label=_("Tot en met"), widget=DATE_WIDGET
    )
    call = django_filters.ModelChoiceFilter(
        field_name="allocation__call",
        queryset=Call.objects.filter(linking_calls(prefix="")).order_by("number"),
        label=_("Oproep"),
        empty_label=_("Oproep 3 en 4"),
    )
    psychologist = django_filters.CharFilter(method="filter_psychologist", label=_("Psycholoog"))

    class Meta:
        model = Registration
        fields: list[str] = []

    def filter_psychologist(self, queryset, name, value):
        for term in value.split():
            queryset = queryset.filter(
                Q(psychologist__user__first_name__icontains=term)
                | Q(psychologist__user__last_name__icontains=term)
            )
        return queryset
