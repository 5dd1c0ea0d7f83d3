"""A second region end to end (issue: every network of Belgium): a Brussels network that
works in French, onboarded with one command, with a call of its own (6 h per psychologist
per findplace, no start bonus, consultations of 30 min to 2 h), walked from applying to the
French invoice PDF, while the Oost-Vlaanderen calls stay as they were."""

import io
from datetime import date, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone, translation
from pypdf import PdfReader

from applications import services
from applications.engine.closing import latest_closed_month
from applications.models import Call
from applications.services import edition_changes
from billing import pdf
from billing.services.runs import run_billing
from portal.dates import add_months
from portal.models import Network, User
from registrations.services import register_activity
from tests.factories import (
    FindplaceFactory,
    NetworkFactory,
    PsychologistFactory,
    call,
    edition,
)

pytestmark = pytest.mark.django_db
HOUR = 60


@pytest.fixture
def brussels():
    call_command(
        "onboard_network",
        code="BRU",
        name="Réseau Bruxelles",
        languages="fr-be,nl-be",
        postcodes="1000-1299",
        staff="staff@bru.example.org",
        coordinators="coord@bru.example.org",
        stdout=io.StringIO(),
    )
    return Network.objects.get(code="BRU")


@pytest.fixture
def brussels_call(brussels):
    values, forms = edition_changes.values_of(edition(1))
    values.update(
        valid_from=date(2025, 1, 1),
        valid_until=None,
        quota_minutes=6 * HOUR,
        start_bonus_minutes=0,
        start_bonus_months=0,
        requires_partner_confirmation=False,
        notes="Édition bruxelloise",
    )
    forms[0].update(min_minutes=30, max_minutes=2 * HOUR)
    staff = User.objects.get(username="staff@bru.example.org")
    with translation.override("fr-be"):
        return edition_changes.create_call(
            brussels,
            number=1,
            code="bru-1",
            name="Concertation avec un lieu de rencontre",
            description="",
            values=values,
            work_forms=forms,
            actor=staff,
        )


@pytest.fixture
def allocation(brussels, brussels_call):
    psychologist = PsychologistFactory(networks=[brussels], user__language="fr-be")
    findplace = FindplaceFactory(network=brussels, municipality="Bruxelles")
    start = timezone.localdate() - timedelta(days=60)
    application = services.save_draft(
        psychologist,
        brussels_call.call,
        {"findplace": findplace, "start_date": start, "structural_offer": True},
    )
    services.submit_application(application, actor=psychologist.user, absolute_url=str)
    coordinator = User.objects.get(username="coord@bru.example.org")
    return services.approve_application(application, actor=coordinator, granted_minutes=6 * HOUR)


def activity(allocation, minutes, day=None):
    return {
        "date": day or allocation.window_start + timedelta(days=1),
        "start_time": time(10, 0),
        "duration_minutes": minutes,
        "work_form": "consultation",
        "attendees": 2,
        "attendee_roles": "maatschappelijk werker",
        "subject": "Afspraken",
        "place": "Bruxelles",
    }


def test_the_onboarded_network_works_in_french_with_its_people_and_postcodes(brussels):
    assert set(brussels.languages) == {"fr-be", "nl-be"}
    assert brussels.covers("1050")
    assert User.objects.get(username="coord@bru.example.org").language == "fr-be"
    assert not User.objects.get(username="staff@bru.example.org").has_usable_password()


def test_the_brussels_call_grants_6_hours_without_a_start_bonus(allocation):
    assert (allocation.granted_minutes, allocation.bonus_minutes) == (6 * HOUR, 0)
    assert allocation.edition.call.code == "bru-1"


def test_a_too_long_consultation_is_refused_in_french(allocation):
    with translation.override("fr-be"), pytest.raises(ValidationError) as excinfo:
        register_activity(
            allocation.psychologist, allocation.pk, activity(allocation, 2 * HOUR + 1)
        )
    assert "dure au plus 2 h" in " ".join(excinfo.value.messages)


def test_the_brussels_invoice_pdf_is_in_french(allocation):
    data = activity(allocation, 2 * HOUR)
    # Registered on its day, while its month was open (docs/month-closing.md).
    register_activity(allocation.psychologist, allocation.pk, data, today=data["date"])
    closed = latest_closed_month(allocation.network.registration_closing_day, timezone.localdate())
    run = run_billing(allocation.network, add_months(closed, 1) - timedelta(days=1))
    invoice = run.invoices.get()
    text = "\n".join(
        page.extract_text() for page in PdfReader(io.BytesIO(pdf.invoice_pdf(invoice))).pages
    )
    assert f"Facture {invoice.number}" in text


def test_the_oost_vlaanderen_calls_are_untouched_by_brussels(brussels_call):
    pakt = NetworkFactory(code="PAKT", name="Het PAKT")
    assert (edition(1).quota_minutes, edition(1).start_bonus_minutes) == (4 * HOUR, 2 * HOUR)
    assert brussels_call.call not in pakt.calls.all()
    assert list(Call.objects.filter(networks__code="BRU")) == [brussels_call.call]
    assert call(1).networks.filter(code="BRU").count() == 0


def test_the_uptake_of_brussels_counts_per_call_of_its_own(allocation):
    from coordination.selectors.uptake import uptake

    coordinator = User.objects.get(username="coord@bru.example.org")
    (figures,) = uptake(coordinator, timezone.localdate().year)
    assert list(figures.by_call) == [allocation.call]
    assert figures.by_call[allocation.call].granted == 6 * HOUR
