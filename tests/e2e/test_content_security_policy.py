"""Under the strict Content-Security-Policy the htmx pages still work and the browser
reports no violation: the registration form's live preview, the application form's live
check, the findplace search and the psychologist suggestions of the invoice list."""

from django.utils import timezone

from portal.models import FindplaceKind
from tests.e2e.conftest import login, record_csp_violations
from tests.e2e.test_psychologist_journeys import fill_activity, psychologist
from tests.factories import (
    FindplaceFactory,
    NetworkFactory,
    PsychologistFactory,
    StaffFactory,
    UserFactory,
)
from tests.psychologist.psy_helpers import make_allocation


def test_registration_live_preview_swaps_without_a_violation(page):
    kpko = psychologist()
    allocation = make_allocation(kpko, 1)
    violations = record_csp_violations(page)
    login(page, kpko.user)

    response = page.goto(f"/registraties/nieuw/{allocation.pk}/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    fill_activity(page, duration="90")

    page.get_by_test_id("preview-left").filter(has_text="2 u 30 min").wait_for()
    assert page.evaluate("document.head.querySelectorAll('style').length") == 0
    assert violations == []


def test_findplace_search_and_live_check_swap_without_a_violation(page):
    kpko = psychologist()
    FindplaceFactory(
        network=kpko.networks.first(),
        name="Sint-Lucas Secundair",
        kind=FindplaceKind.SECONDARY_SCHOOL,
    )
    violations = record_csp_violations(page)
    login(page, kpko.user)

    response = page.goto("/aanvragen/oproep/1/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.get_by_label("Zoek op naam of gemeente").fill("Lucas")
    page.get_by_label("Sint-Lucas Secundair").check()
    page.get_by_role("group", name="terugkerend, vast aanbod").get_by_label("Ja").check()
    page.get_by_label("Functie 2").check()
    page.get_by_label("Gewenste startdatum").fill(timezone.localdate().isoformat())
    page.get_by_label("Gewenste startdatum").dispatch_event("change")

    page.locator('#application-refusals [data-code="education_not_open"]').wait_for()
    assert violations == []


def test_psychologist_suggestions_fill_the_list_without_a_violation(page):
    network = NetworkFactory(code="PAKT", name="Het PAKT")
    PsychologistFactory(
        networks=[network],
        riziv_number="71234567",
        user=UserFactory(first_name="Mieke", last_name="Wouters"),
    )
    violations = record_csp_violations(page)
    login(page, StaffFactory(networks=[network]))

    page.goto("/facturatie/facturen/")
    page.get_by_label("Psycholoog").press_sequentially("wout")

    page.locator('#psychologist-suggestions option[value="71234567"]').wait_for(state="attached")
    assert page.locator("#psychologist-suggestions option").inner_text() == "Mieke Wouters"
    assert violations == []
