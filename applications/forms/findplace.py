"""Sections about where the work happens: the network, the findplace (chosen or proposed)
and the psychologist's offer there (start date, structural offer, offer size, OverKophuis)."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from applications.engine import bounds
from applications.forms.fields import CodesField, DateInput, HoursField, YesNoField, raise_first
from applications.forms.section import Section
from applications.models import CareFunction
from portal import formatting
from portal.models import Findplace, FindplaceKind

OFFER = ("offer", _("Uw aanbod op de vindplaats"))


class NetworkSection(Section):
    """Which network: asked only of a psychologist with a convention with more than one."""

    fieldset = ("network", _("Netwerk"))

    network = forms.ModelChoiceField(label=_("Netwerk"), queryset=None, required=False)

    @classmethod
    def asked(cls, edition, *, network_count):
        return network_count > 1

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = self.psychologist.networks.all()


class FindplaceSection(Section):
    """An existing findplace of the psychologist's networks (found by the search)."""

    fieldset = ("findplace", _("Vindplaats"))
    refusal_fields = {
        "education_not_open": "findplace",
        "findplace_required": "findplace",
        "not_leisure_findplace": "findplace",
    }

    findplace = forms.ModelChoiceField(
        label=_("Vindplaats"),
        queryset=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Kies een vindplaats uit de zoekresultaten.")},
    )

    @classmethod
    def asked(cls, edition, *, network_count):
        return edition.requires_findplace

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["findplace"]
        field.queryset = Findplace.objects.filter(network__in=self.psychologist.networks.all())
        if self.edition.requires_leisure_findplace:
            field.help_text = _(
                "Enkel een vindplaats die structureel vrijetijds- en ontmoetingsmomenten "
                "organiseert: OverKophuis, lokaal dienstencentrum, jeugdhuis, buurthuis …"
            )

    def check(self, answers):
        proposed = answers.get("new_findplace") or {}
        if self.submitting and not (answers.get("findplace") or proposed.get("name")):
            self.add_error(
                "findplace",
                ValidationError(
                    _("Kies een bestaande vindplaats of stel er een voor."),
                    code="findplace_required",
                ),
            )


class NewFindplaceSection(Section):
    """A findplace the psychologist proposes (`services.propose_findplace` takes it as it is)."""

    fieldset = FindplaceSection.fieldset
    html_prefix = "new_findplace_"
    service_key = "new_findplace"

    name = forms.CharField(label=_("Naam"), max_length=160, required=False)
    kind = forms.ChoiceField(
        label=_("Soort vindplaats"),
        choices=[("", "---------"), *FindplaceKind.choices],
        required=False,
    )
    street = forms.CharField(label=_("Straat en nummer"), max_length=160, required=False)
    postal_code = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    municipality = forms.CharField(label=_("Gemeente"), max_length=80, required=False)

    @classmethod
    def asked(cls, edition, *, network_count):
        return edition.requires_findplace

    def initial_from(self, application):
        return {}

    def clean(self):
        data = super().clean()
        # Nothing typed: no proposal (the service then gets None).
        return data if any(data.values()) else {}

    def check(self, answers):
        if not self.cleaned_data:
            return
        if answers.get("findplace"):
            self.add_error(
                "name",
                ValidationError(
                    _("Kies een bestaande vindplaats óf stel een nieuwe voor, niet allebei."),
                    code="findplace_twice",
                ),
            )
            return
        for name in ("name", "kind", "municipality"):
            if not self.cleaned_data.get(name):
                self.add_error(
                    name,
                    ValidationError(
                        _("Vul dit in om een nieuwe vindplaats voor te stellen."), code="required"
                    ),
                )


class StartBonusSection(Section):
    """The psychologist's start date at the findplace, which decides the start bonus."""

    fieldset = OFFER
    refusal_fields = {"findplace_start_out_of_range": "findplace_start_date"}

    findplace_start_date = forms.DateField(
        label=_("Startdatum van uw aanbod op de vindplaats"), required=False, widget=DateInput()
    )

    @classmethod
    def asked(cls, edition, *, network_count):
        return edition.requires_findplace and bool(edition.start_bonus_minutes)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        edition = self.edition
        self.fields["findplace_start_date"].help_text = ngettext_lazy(
            "Start u in de periode van deze aanvraag op deze vindplaats, dan krijgt u "
            "%(bonus)s extra, te gebruiken in de eerste %(months)d maand.",
            "Start u in de periode van deze aanvraag op deze vindplaats, dan krijgt u "
            "%(bonus)s extra, te gebruiken in de eerste %(months)d maanden.",
            edition.start_bonus_months,
        ) % {
            "bonus": formatting.hours(edition.start_bonus_minutes),
            "months": edition.start_bonus_months,
        }

    def clean_findplace_start_date(self):
        day = self.cleaned_data["findplace_start_date"]
        raise_first(bounds.findplace_start_refusals(day, timezone.localdate()))
        return day


class StructuralOfferSection(Section):
    """Call 1: a recurring, fixed offer of the psychologist at the findplace."""

    fieldset = OFFER
    required_on_submit = ("structural_offer",)
    refusal_fields = {"no_structural_offer": "structural_offer"}

    structural_offer = YesNoField(
        label=_(
            "Is er op de vindplaats een terugkerend, vast aanbod van u in een of meer van de "
            "drie zorgfuncties?"
        )
    )
    care_functions = CodesField(
        label=_("Zorgfuncties van dat aanbod"), choices=CareFunction.choices, sort=True
    )

    @classmethod
    def asked(cls, edition, *, network_count):
        return edition.requires_structural_offer


class OfferSizeSection(Section):
    """Call 2: the individual sessions per week and group trajectories at the findplace."""

    fieldset = OFFER
    html_names = {"weekly_individual_minutes": "weekly_individual_hours"}
    refusal_fields = {
        "offer_too_small": "weekly_individual_minutes",
        "weekly_hours_out_of_range": "weekly_individual_minutes",
        "group_trajectories_out_of_range": "group_trajectories",
    }

    weekly_individual_minutes = HoursField(
        _("Uren individuele sessies per week op deze vindplaats"),
        max_hours=bounds.MAX_WEEKLY_INDIVIDUAL_MINUTES // 60,
        min_hours=Decimal(0),
        required=False,
    )
    group_trajectories = forms.IntegerField(
        label=_("Groepstrajecten per jaar op deze vindplaats"),
        min_value=0,
        max_value=bounds.MAX_GROUP_TRAJECTORIES,
        required=False,
    )

    @classmethod
    def asked(cls, edition, *, network_count):
        return bool(edition.min_weekly_individual_minutes or edition.min_group_trajectories)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        edition = self.edition
        self.fields["weekly_individual_minutes"].help_text = ngettext_lazy(
            "U komt in aanmerking vanaf %(hours)s individuele sessies per week en/of "
            "%(groups)d groepstraject per jaar.",
            "U komt in aanmerking vanaf %(hours)s individuele sessies per week en/of "
            "%(groups)d groepstrajecten per jaar.",
            edition.min_group_trajectories,
        ) % {
            "hours": formatting.hours(edition.min_weekly_individual_minutes),
            "groups": edition.min_group_trajectories,
        }

    def clean_group_trajectories(self):
        return self.cleaned_data["group_trajectories"] or 0


class OverkophuisSection(Section):
    """Call 2: asking the OverKophuis exception (more hours, for one psychologist alone)."""

    fieldset = OFFER

    overkophuis_exception = forms.BooleanField(required=False)

    @classmethod
    def asked(cls, edition, *, network_count):
        return bool(edition.exception_quota_minutes)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["overkophuis_exception"].label = _(
            "Ik vraag de uitzondering voor een OverKophuis aan (tot %(hours)s per 12 maanden, "
            "voor één psycholoog)"
        ) % {"hours": formatting.hours(self.edition.exception_quota_minutes)}
