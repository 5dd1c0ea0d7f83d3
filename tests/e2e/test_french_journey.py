"""A psychologist of a French-speaking network, on a phone: switches to French, applies
under a call named in French, is refused in French, and reads the overview in French."""

from django.utils import timezone

from applications.models import Application, ApplicationStatus
from portal.models import FindplaceKind
from tests.e2e.conftest import axe_violations, login
from tests.factories import FindplaceFactory, NetworkFactory, PsychologistFactory

FRENCH_CALL_1 = "Appel 1: Démarrage et concertation avec un lieu de rencontre"
EDUCATION_NOT_OPEN = "ne sont pas encore ouvertes"
WCAG = ("wcag2a", "wcag2aa")


def test_a_psychologist_applies_and_is_refused_in_french_on_a_phone(phone_page):
    page = phone_page
    network = NetworkFactory(code="PAKT", name="Het PAKT")
    kpko = PsychologistFactory(networks=[network])
    FindplaceFactory(
        network=network, name="Sint-Barbaracollege", kind=FindplaceKind.SECONDARY_SCHOOL
    )
    login(page, kpko.user)

    page.get_by_role("button", name="français").click()
    page.get_by_role("heading", name="Mon aperçu").wait_for()
    kpko.user.refresh_from_db()
    assert kpko.user.language == "fr-be"

    page.goto("/aanvragen/")
    assert page.locator("html").get_attribute("lang") == "fr-be"
    assert page.get_by_role("heading", name=FRENCH_CALL_1).is_visible()
    assert axe_violations(page, tags=WCAG) == []

    page.goto("/aanvragen/oproep/1/")
    page.get_by_label("Rechercher par nom ou par commune").fill("Barbara")
    page.get_by_label("Sint-Barbaracollege").check()
    offer = page.get_by_role("group", name="offre fixe et récurrente")
    offer.get_by_label("Oui").check()
    page.get_by_label("Fonction 2").check()
    page.get_by_label("Nom de votre personne de contact").fill("Mme Dupont")
    page.get_by_label("Adresse e-mail de cette personne de contact").fill("dupont@example.org")
    page.get_by_label("Date de début souhaitée").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Introduire").click()

    page.get_by_text(EDUCATION_NOT_OPEN).first.wait_for()
    assert Application.objects.get().status == ApplicationStatus.DRAFT
    assert axe_violations(page, tags=WCAG) == []

    page.goto("/mijn/")
    refusals = page.get_by_test_id("draft-refusals")
    assert EDUCATION_NOT_OPEN in refusals.inner_text()
    assert page.get_by_role("link", name=FRENCH_CALL_1).first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert axe_violations(page, tags=WCAG) == []
