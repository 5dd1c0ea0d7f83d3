"""`python -m benchmarks.generate_load`: the load generator from the command line."""

import pytest

from benchmarks import generate_load
from registrations.models import Registration

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_generate_load_fills_the_database_and_says_what_it_loaded(capsys):
    assert generate_load.main(["--scale", "0.002", "--seed", "7"]) == 0

    out = capsys.readouterr().out
    assert "Loaded " in out
    assert f"{Registration.objects.count():,} registrations" in out


def test_generate_load_refuses_a_database_that_already_holds_load_data(capsys):
    generate_load.main(["--scale", "0.002"])
    capsys.readouterr()

    assert generate_load.main(["--scale", "0.002"]) == 1
    assert "Load data already present" in capsys.readouterr().err
