"""A local coordinator decides on a selection of the queue in real Chromium: three ticked,
one of them not approvable, and the result page says which and why; and the queue with
its new columns on a phone."""

from django.utils import timezone

from applications import services
from applications.models import ApplicationStatus
from tests.e2e.conftest import axe_violations, login
from tests.e2e.test_coordinator_journeys import setup_network, submitted
from tests.e2e.test_pages_on_a_phone import CELLS_OFF_SCREEN, PHONE
from tests.factories import ApplicationFactory, FindplaceFactory, PsychologistFactory

PARTNER_MISSING = "De partner heeft de samenwerking nog niet bevestigd."


def psychologist_named(network, first, last):
    return PsychologistFactory(networks=[network], user__first_name=first, user__last_name=last)


def submitted_unconfirmed(network, psychologist, findplace_name):
    """Submitted through the service; the partner has not answered yet."""
    application = ApplicationFactory(
        psychologist=psychologist,
        status=ApplicationStatus.DRAFT,
        start_date=timezone.localdate(),
        findplace=FindplaceFactory(network=network, name=findplace_name),
    )
    services.submit_application(application, actor=psychologist.user, absolute_url=str)
    return application


def three_waiting(network):
    anna = psychologist_named(network, "Anna", "Verhulst")
    bert = psychologist_named(network, "Bert", "Claes")
    chris = psychologist_named(network, "Chris", "Maes")
    applications = [
        submitted(network, anna, "Huisartsenpraktijk De Linde"),
        submitted_unconfirmed(network, bert, "Wijkgezondheidscentrum Rabot"),
        submitted(network, chris, "Buurthuis De Kring"),
    ]
    return applications, (anna, bert, chris)


def test_coordinator_bulk_approves_three_and_sees_the_one_that_could_not_be(page):
    network, coordinator = setup_network()
    applications, people = three_waiting(network)
    login(page, coordinator)

    page.goto("/coordinatie/")
    blocked = page.locator("tr[data-verdict='blocked']")
    assert blocked.count() == 1
    assert "Bert Claes" in blocked.inner_text()
    assert PARTNER_MISSING in blocked.inner_text()
    assert page.locator("tr[data-verdict='ready']").count() == 2
    assert axe_violations(page) == []

    for person in people:
        page.get_by_label(f"Kies de aanvraag van {person.name} (oproep 1)").check()
    page.get_by_label("Goedkeuren met de gevraagde uren").check()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Beslissen over de selectie").click()

    page.locator("#bulk-summary").wait_for()
    assert "2 gedaan, 1 niet gedaan." in page.locator("#bulk-summary").inner_text()
    not_done = page.locator("#not-done").inner_text()
    assert "Bert Claes" in not_done
    assert PARTNER_MISSING in not_done
    done = page.locator("#done").inner_text()
    assert "Anna Verhulst" in done and "Chris Maes" in done
    assert axe_violations(page) == []
    statuses = []
    for application in applications:
        application.refresh_from_db()
        statuses.append(application.status)
    assert statuses == ["approved", "submitted", "approved"]

    page.locator("#not-done").get_by_role("link", name="Bert Claes").click()
    page.get_by_text("Deze aanvraag voldoet niet aan alle voorwaarden van de oproep.").wait_for()


def test_refusing_a_selection_without_a_reason_shows_the_error_and_keeps_the_ticks(page):
    network, coordinator = setup_network()
    application = submitted(network, psychologist_named(network, "Anna", "Verhulst"), "Jeugdhuis")
    login(page, coordinator)

    page.goto("/coordinatie/")
    checkbox = page.get_by_label("Kies de aanvraag van Anna Verhulst (oproep 1)")
    checkbox.check()
    page.get_by_label("Afwijzen", exact=True).check()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Beslissen over de selectie").click()

    page.get_by_text("Geef een motivering op.").wait_for()
    assert checkbox.is_checked()
    application.refresh_from_db()
    assert application.status == "submitted"


def test_the_queue_is_readable_and_decidable_on_a_phone(phone_page):
    network, coordinator = setup_network()
    three_waiting(network)
    login(phone_page, coordinator)

    phone_page.goto("/coordinatie/")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE
    assert phone_page.evaluate(CELLS_OFF_SCREEN) == []
    assert axe_violations(phone_page) == []

    phone_page.get_by_role("button", name="Alle aanvragen op deze pagina aanvinken").click()
    boxes = phone_page.locator("input[name='applications']")
    assert boxes.count() == 3
    assert all(boxes.nth(i).is_checked() for i in range(3))
    phone_page.get_by_label("Goedkeuren met de gevraagde uren").check()
    phone_page.once("dialog", lambda dialog: dialog.accept())
    phone_page.get_by_role("button", name="Beslissen over de selectie").click()

    phone_page.locator("#bulk-summary").wait_for()
    assert PARTNER_MISSING in phone_page.locator("#not-done").inner_text()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE
