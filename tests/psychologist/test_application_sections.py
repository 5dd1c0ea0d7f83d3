"""The application form is built from sections the call asks for; each cleans to the model's values."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from applications.forms import ApplicationForm
from applications.forms.fields import CodesField, HoursField
from applications.forms.findplace import OfferSizeSection, StructuralOfferSection
from applications.forms.partner import AgreementSection
from applications.models import ApplicationStatus
from tests.factories import ApplicationFactory, NetworkFactory, PsychologistFactory, edition

pytestmark = pytest.mark.django_db


def section_names(form) -> list[str]:
    return [type(section).__name__ for section in form.sections]


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (
            1,
            [
                "FindplaceSection",
                "NewFindplaceSection",
                "StartBonusSection",
                "StructuralOfferSection",
                "FindplaceContactSection",
                "RequestSection",
            ],
        ),
        (
            2,
            [
                "FindplaceSection",
                "NewFindplaceSection",
                "OfferSizeSection",
                "OverkophuisSection",
                "FindplaceContactSection",
                "ChosenHoursRequestSection",
            ],
        ),
        (
            3,
            [
                "PartnerSection",
                "AgreementSection",
                "PortfolioSection",
                "ExclusionsSection",
                "RequestSection",
            ],
        ),
        (4, ["PortfolioSection", "ExclusionsSection", "RequestSection"]),
    ],
)
def test_each_call_asks_the_sections_its_rules_name(psychologist, number, expected):
    assert (
        section_names(ApplicationForm(edition=edition(number), psychologist=psychologist))
        == expected
    )


def test_only_a_psychologist_of_two_networks_is_asked_the_network(psychologist, network):
    two = PsychologistFactory(networks=[network, NetworkFactory(code="ADS")])
    assert "NetworkSection" not in section_names(
        ApplicationForm(edition=edition(4), psychologist=psychologist)
    )
    assert (
        section_names(ApplicationForm(edition=edition(4), psychologist=two))[0] == "NetworkSection"
    )


def section(cls, number, data, **kwargs):
    return cls(
        data,
        edition=edition(number),
        psychologist=PsychologistFactory(),
        application=kwargs.pop("application", None),
        submitting=kwargs.pop("submitting", False),
    )


def test_the_agreement_section_cleans_to_the_agreement_as_stored():
    today = timezone.localdate()
    agreement = section(
        AgreementSection,
        3,
        {
            "agreement_minimum_hours": "20.5",
            "agreement_periodicity": "Maandelijks",
            "agreement_work_forms": ["workshop", "advice"],
            "agreement_contact_arrangement": "Telefonisch",
            "agreement_evaluation_arrangement": "Jaarlijks gesprek",
            "agreement_next_evaluation_date": (today + timedelta(days=100)).isoformat(),
        },
    )
    assert agreement.is_valid(), agreement.errors
    assert agreement.cleaned_data == {
        "minimum_minutes": 1230,
        "periodicity": "Maandelijks",
        "work_forms": "workshop,advice",
        "contact_arrangement": "Telefonisch",
        "evaluation_arrangement": "Jaarlijks gesprek",
        "next_evaluation_date": today + timedelta(days=100),
        "signed_pdf": None,
    }


def test_the_offer_size_is_cleaned_to_minutes_and_an_empty_count_to_zero():
    offer = section(OfferSizeSection, 2, {"weekly_individual_hours": "4.5"})
    assert offer.is_valid(), offer.errors
    assert offer.cleaned_data == {"weekly_individual_minutes": 270, "group_trajectories": 0}


def test_care_functions_are_stored_in_order_and_an_open_question_of_a_draft_as_no():
    offer = section(StructuralOfferSection, 1, {"care_functions": ["3", "1"]})
    assert offer.is_valid(), offer.errors
    assert offer.cleaned_data == {"structural_offer": False, "care_functions": "1,3"}


def test_an_open_question_is_refused_when_submitting():
    offer = section(StructuralOfferSection, 1, {}, submitting=True)
    assert [e.code for e in offer.errors.as_data()["structural_offer"]] == ["required"]


def test_the_form_hands_the_sections_data_to_the_service_as_it_is(psychologist, findplace, today):
    form = ApplicationForm(
        {
            "findplace": findplace.pk,
            "weekly_individual_hours": "4",
            "group_trajectories": "3",
            "requested_hours": "12.25",
            "start_date": today.isoformat(),
        },
        edition=edition(2),
        psychologist=psychologist,
    )
    assert form.is_valid(), form.errors
    assert form.service_data() == {
        "findplace": findplace,
        "new_findplace": None,
        "weekly_individual_minutes": 240,
        "group_trajectories": 3,
        "overkophuis_exception": False,
        "partner_name": "",
        "partner_email": "",
        "start_date": today,
        "requested_minutes": 735,
        "motivation": "",
    }


def test_a_stored_application_is_shown_as_typed(psychologist):
    application = ApplicationFactory(
        psychologist=psychologist,
        edition=edition(2),
        status=ApplicationStatus.DRAFT,
        weekly_individual_minutes=270,
        requested_minutes=90 * 60,
    )
    form = ApplicationForm(edition=edition(2), psychologist=psychologist, application=application)
    assert form["weekly_individual_hours"].value() == "4.5"
    assert form["requested_hours"].value() == "90"
    assert form["findplace"].value() == application.findplace_id


@pytest.mark.parametrize(("typed", "minutes"), [("0.25", 15), ("1.5", 90), ("48", 2880), ("", 0)])
def test_hours_are_typed_per_quarter_up_to_the_most_and_cleaned_to_minutes(typed, minutes):
    assert HoursField("Uren", max_hours=48, required=False).clean(typed) == minutes


@pytest.mark.parametrize("typed", ["48.25", "0.24", "-1", "veel"])
def test_hours_over_the_most_under_a_quarter_or_not_a_number_are_refused(typed):
    with pytest.raises(ValidationError):
        HoursField("Uren", max_hours=48, required=False).clean(typed)


def test_codes_are_shown_as_boxes_and_stored_comma_separated():
    field = CodesField(choices=[("a", "A"), ("b", "B")])
    assert field.prepare_value("b,a") == ["b", "a"]
    assert field.clean(["b", "a"]) == "b,a"
    assert CodesField(choices=[("a", "A"), ("b", "B")], sort=True).clean(["b", "a"]) == "a,b"
    assert HoursField("Uren", max_hours=48).prepare_value(Decimal("1.5")) == Decimal("1.5")
