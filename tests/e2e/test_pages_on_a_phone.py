"""Every page of the demo as people meet it on a phone (375 px wide), and the small
behaviours the pages share: folded list filters, confirmations of what cannot be undone,
a findplace search that logs no errors."""

from demo.management.commands.demo import DEMO_PASSWORD
from tests import pages
from tests.e2e.conftest import login
from tests.e2e.test_coordinator_journeys import setup_network, submitted
from tests.factories import PsychologistFactory

PHONE = 375
SCREEN_HEIGHT = 800

# Table cells that do not fit in the 375 px (a column one has to scroll sideways to).
CELLS_OFF_SCREEN = """() => [...document.querySelectorAll("td, th")]
  .filter((cell) => {
    const box = cell.getBoundingClientRect();
    return box.width > 0 && (box.right > window.innerWidth + 0.5 || box.left < -0.5);
  })
  .map((cell) => cell.textContent.trim().slice(0, 40))"""


def test_no_page_scrolls_sideways_on_a_phone_and_every_column_is_on_screen(phone_page):
    pages.load_demo()
    problems = {}
    for username in [*pages.LOGINS, pages.ANONYMOUS]:
        phone_page.context.clear_cookies()
        if username:
            login(phone_page, pages.user(username), DEMO_PASSWORD)
        for page in pages.pages_of(username):
            if not page.html:
                continue
            phone_page.goto(page.url)
            phone_page.wait_for_load_state("networkidle")
            width = phone_page.evaluate("document.documentElement.scrollWidth")
            off_screen = phone_page.evaluate(CELLS_OFF_SCREEN)
            if width > PHONE or off_screen:
                problems[f"{username or 'anonymous'} {page.url}"] = (width, off_screen[:3])
    assert problems == {}


def test_the_status_of_every_application_in_the_queue_is_on_screen(phone_page):
    network, coordinator = setup_network()
    for name in ("Huisartsenpraktijk De Linde", "Wijkgezondheidscentrum Rabot"):
        submitted(network, PsychologistFactory(networks=[network]), name)
    login(phone_page, coordinator)

    phone_page.goto("/coordinatie/")

    badges = phone_page.locator("table tbody tr td[data-label='Status'] .badge")
    assert badges.count() == 2
    for index in range(2):
        box = badges.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE


def test_list_filters_are_folded_on_a_phone_so_the_list_starts_on_the_first_screen(phone_page):
    network, coordinator = setup_network()
    submitted(network, PsychologistFactory(networks=[network]), "Huisartsenpraktijk De Linde")
    login(phone_page, coordinator)
    filter_button = phone_page.get_by_role("button", name="Filteren")

    phone_page.goto("/coordinatie/")
    assert not filter_button.is_visible()
    assert phone_page.locator("table tbody tr").first.bounding_box()["y"] < SCREEN_HEIGHT
    phone_page.get_by_role("button", name="Filters").click()
    filter_button.wait_for()

    phone_page.goto("/coordinatie/?psychologist=Peeters")
    assert filter_button.is_visible()  # open while a filter is set

    phone_page.set_viewport_size({"width": 1280, "height": 800})
    phone_page.goto("/coordinatie/")
    assert filter_button.is_visible()  # never folded on a wide screen


def test_cancelling_the_confirmation_does_not_reject(page):
    network, coordinator = setup_network()
    application = submitted(network, PsychologistFactory(networks=[network]), "Buurthuis")
    login(page, coordinator)
    questions = []

    def cancel(dialog):
        questions.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", cancel)
    page.goto(f"/coordinatie/aanvraag/{application.pk}/")
    page.get_by_label("Reden van de afwijzing").fill("Geen structureel aanbod.")
    page.locator("#reject-form").get_by_role("button", name="Afwijzen").click()

    page.wait_for_timeout(500)
    assert questions and questions[0].startswith("Deze aanvraag afwijzen?")
    application.refresh_from_db()
    assert application.status == "submitted"


def test_searching_a_findplace_logs_no_htmx_error(page):
    psychologist = PsychologistFactory()
    login(page, psychologist.user)
    console = []
    page.on("console", lambda message: console.append(message.text))

    page.goto("/aanvragen/oproep/1/")
    with page.expect_response(lambda response: "/aanvragen/vindplaatsen/" in response.url):
        page.get_by_label("Zoek op naam of gemeente").fill("huis")

    assert [line for line in console if "returned no matches" in line] == []
