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
