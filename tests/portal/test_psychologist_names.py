"""Psychologist.objects.names(): the names of thousands of psychologists as str() gives
them, read as plain values (the uptake in detail of all networks labels 6,000)."""

import pytest

from portal.models import Psychologist
from tests.factories import PsychologistFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("first", "last", "shown"),
    [
        ("An", "Peeters", "An Peeters"),
        ("An", "", "An"),
        ("", "Peeters", "Peeters"),
        ("", "", "an.p"),
    ],
)
def test_names_are_the_names_str_gives(first, last, shown):
    psychologist = PsychologistFactory(
        user__first_name=first, user__last_name=last, user__username="an.p"
    )
    assert Psychologist.objects.names() == {psychologist.pk: shown}
    assert str(psychologist) == shown


def test_names_take_one_query_whatever_their_number(django_assert_num_queries):
    PsychologistFactory.create_batch(5)
    with django_assert_num_queries(1):
        assert len(Psychologist.objects.names()) == 5


def test_by_name_orders_as_python_sorts_their_names_ignoring_case():
    names = [("bert", "Maes"), ("Émile", "Claes"), ("", ""), ("An", "Peeters"), ("an", "de Wit")]
    for number, (first, last) in enumerate(names):
        PsychologistFactory(
            user__first_name=first, user__last_name=last, user__username=f"zz{number}"
        )
    expected = sorted(Psychologist.objects.names().items(), key=lambda item: item[1].lower())
    ordered = list(Psychologist.objects.by_name().values_list("pk", flat=True))
    assert ordered == [pk for pk, _name in expected]


def test_by_name_breaks_a_tie_of_equal_names_by_their_number():
    first, second = PsychologistFactory.create_batch(
        2, user__first_name="An", user__last_name="Peeters"
    )
    ordered = list(Psychologist.objects.by_name().values_list("pk", flat=True))
    assert ordered == sorted([first.pk, second.pk])
