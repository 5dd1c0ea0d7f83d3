"""Sections about the request itself: the portfolio and themes (calls 3 and 4), the
exclusions, and the start date, hours and motivation every call asks."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.engine import admission, bounds
from applications.forms.fields import DateInput, HoursField, YesNoField, raise_first
from applications.forms.section import Section
from portal import formatting
from portal.models import Theme

EXCLUSION_QUESTIONS = {
    "employed_by_requester": _(
        "Bent u in loondienst van de organisatie die de ondersteuning vraagt?"
    ),
    "regular_mission": _(
        "Maakt deze ondersteuning al deel uit van de reguliere opdracht van de organisatie "
        "die ze aanbiedt?"
    ),
    "funded_otherwise": _("Wordt deze ondersteuning al op een andere wijze gefinancierd?"),
    "target_not_in_contact": _(
        "Is de ondersteuning voor medewerkers die niet rechtstreeks in contact komen met de "
        "doelgroep (bv. keukenpersoneel)?"
    ),
    "clients_in_care": _("Gaat het over concrete cliënten die bij u in lopende begeleiding zijn?"),
}


class PortfolioSection(Section):
    """Calls 3 and 4: the psychologist's expertise and the themes they can teach."""

    fieldset = ("portfolio", _("Portfolio en thema's"))
    refusal_fields = {"portfolio_required": "portfolio"}

    portfolio = forms.CharField(
        label=_("Portfolio: uw expertise en ervaring met ondersteunende opdrachten"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's waarover u intervisie of vorming kunt geven"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    @classmethod
    def asked(cls, edition, *, network_count):
        return edition.requires_portfolio

    def initial_from(self, application):
        return {"portfolio": application.portfolio, "themes": list(application.themes.all())}

    def check(self, answers):
        # What the portfolio must hold is the engine's (admission.py).
        if self.submitting:
            portfolio = self.cleaned_data.get("portfolio", "")
            self.show_refusals(admission.portfolio_refusals(self.rules, portfolio))


class ExclusionsSection(Section):
    """Calls 3 and 4: the situations the call text excludes, each an explicit yes or no."""

    fieldset = ("exclusions", _("Uitsluitingen"))
    required_on_submit = tuple(EXCLUSION_QUESTIONS)
    refusal_fields = {name: name for name in EXCLUSION_QUESTIONS}

    employed_by_requester = YesNoField(label=EXCLUSION_QUESTIONS["employed_by_requester"])
    regular_mission = YesNoField(label=EXCLUSION_QUESTIONS["regular_mission"])
    funded_otherwise = YesNoField(label=EXCLUSION_QUESTIONS["funded_otherwise"])
    target_not_in_contact = YesNoField(label=EXCLUSION_QUESTIONS["target_not_in_contact"])
    clients_in_care = YesNoField(label=EXCLUSION_QUESTIONS["clients_in_care"])

    @classmethod
    def asked(cls, edition, *, network_count):
        return edition.exclusions_apply


class RequestSection(Section):
    """Every call: when to start and why; the hours are the call's quota."""

    fieldset = ("request", _("Uw aanvraag"))
    html_names = {"requested_minutes": "requested_hours"}
    refusal_fields = {
        "start_out_of_range": "start_date",
        "requested_out_of_range": "requested_minutes",
    }

    start_date = forms.DateField(label=_("Gewenste startdatum"), widget=DateInput())
    motivation = forms.CharField(
        label=_("Motivatie"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    @classmethod
    def asked(cls, edition, *, network_count):
        return not edition.hours_chosen_by_applicant

    def clean_start_date(self):
        start = self.cleaned_data["start_date"]
        raise_first(bounds.start_date_refusals(start, timezone.localdate()))
        return start


class ChosenHoursRequestSection(RequestSection):
    """A call whose applicant chooses the hours, up to the most the call can grant."""

    field_order = ["start_date", "requested_minutes", "motivation"]

    @classmethod
    def asked(cls, edition, *, network_count):
        return edition.hours_chosen_by_applicant

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        most = max(self.edition.quota_minutes, self.edition.exception_quota_minutes)
        self.fields["requested_minutes"] = HoursField(
            _("Gevraagd aantal uren per 12 maanden"),
            max_hours=most // 60,
            required=True,
            help_text=_("Hoogstens %(hours)s.") % {"hours": formatting.hours(most)},
        )
        self.order_fields(self.field_order)

    def initial_from(self, application):
        return {
            **super().initial_from(application),
            "requested_minutes": application.requested_minutes,
        }
