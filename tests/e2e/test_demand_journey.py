"""A first-line actor's request for support, from the published offer to a match, in real
Chromium: the requester on a phone (375 px), the network's existing service and the
psychologists at desktop width; and a request the rules refuse before it is stored."""

import re

from django.utils import timezone
from post_office.models import Email

from demand.models import RequestState, SupportRequest
from portal.models import FindplaceKind, Network, Role, Theme
from tests import pages
from tests.demand.factories import register_psychologist
from tests.e2e.conftest import login
from tests.factories import CoordinatorFactory, UserFactory

PHONE = 375
REQUESTER = "praktijk.denberg@example.org"
CONFIRM_LINK = re.compile(r"https?://\S+/vraag/bevestig/[^/\s]+/")
FOLLOW_LINK = re.compile(r"https?://\S+/vraag/volg/[^/\s]+/")
FEEDBACK_LINK = re.compile(r"https?://\S+/vraag/feedback/[^/\s]+/")
DECLINE_REASON = "Mijn agenda zit vol tot de zomer."


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE


def ads_with_register():
    """The demo, with an existing service of GG ADS and two psychologists of its call-4
    register who work on emotion regulation."""
    pages.load_demo()
    ads = Network.objects.get(code="ADS")
    theme = Theme.objects.get(name="emotieregulatie")
    psychologists = [register_psychologist(ads, municipality=town) for town in ("Aalst", "Ninove")]
    for psychologist in psychologists:
        psychologist.themes.add(theme)
    service = UserFactory(roles=(Role.EXISTING_SERVICE,), networks=[ads])
    return service, psychologists


def fill_request(page, *, organisation, place_kind, postcode, municipality):
    page.get_by_label("Uw naam").fill("Dr. Sofie Van den Berg")
    page.get_by_label("Uw functie").fill("Huisarts")
    page.get_by_role("textbox", name="Organisatie").fill(organisation)
    page.get_by_label("E-mailadres").fill(REQUESTER)
    page.get_by_label("Postcode").fill(postcode)
    page.get_by_label("Gemeente").fill(municipality)
    page.get_by_label("Soort organisatie of plaats").select_option(place_kind)
    page.get_by_label("Uw vraag").fill(
        "Een workshop over emotieregulatie: hoe helpen we patiënten die overspoeld raken?"
    )
    page.get_by_label("Gewenste werkvorm").select_option("workshop")
    page.get_by_label("emotieregulatie", exact=True).check()
    page.get_by_label("Hoeveel eerstelijnsactoren nemen deel?").fill("8")
    page.get_by_role("group", name="rechtstreeks in contact").get_by_label("Ja").check()
    page.get_by_role("group", name="al in begeleiding").get_by_label("Nee").check()


def ask_for_support(page) -> None:
    """A GP practice in Aalst finds the offer of GG ADS and sends its request."""
    page.goto("/aanbod/")
    assert no_sideways_scroll(page)
    page.get_by_role("link", name="GG ADS").click()
    assert no_sideways_scroll(page)
    page.get_by_role("link", name="Ondersteuning vragen").first.click()
    assert no_sideways_scroll(page)
    fill_request(
        page,
        organisation="Huisartsenpraktijk Den Berg",
        place_kind=FindplaceKind.GP_PRACTICE,
        postcode="9300",
        municipality="Aalst",
    )
    page.get_by_role("button", name="Vraag versturen").click()
    page.get_by_role("heading", name="Bevestig uw vraag").wait_for()
    assert no_sideways_scroll(page)


def confirm_from_email(page) -> SupportRequest:
    """Open the link of the confirmation e-mail and confirm there."""
    email = Email.objects.get(to=[REQUESTER], subject__startswith="Bevestig uw vraag")
    link = CONFIRM_LINK.search(email.message).group(0)
    page.goto(link)
    assert no_sideways_scroll(page)
    page.get_by_role("button", name="Ik bevestig mijn vraag").click()
    page.get_by_text("Bedankt, uw vraag is bevestigd").wait_for()
    assert no_sideways_scroll(page)
    return SupportRequest.objects.get(email=REQUESTER)


def follow_from_email(page) -> None:
    """Open the follow link the requester got once the request was confirmed."""
    email = Email.objects.get(to=[REQUESTER], subject__startswith="Uw vraag om ondersteuning")
    page.goto(FOLLOW_LINK.search(email.message).group(0))
    page.get_by_role("heading", name="Uw vraag om ondersteuning").wait_for()
    assert no_sideways_scroll(page)


def propose(page, worker, psychologists) -> None:
    """The worker finds the request in the inbox and proposes the psychologists."""
    login(page, worker)
    page.goto("/vragen/")
    page.get_by_role("link", name="Huisartsenpraktijk Den Berg").click()
    page.get_by_role("link", name="Zoeken op thema, gemeente of taal").click()
    page.get_by_label("Thema's").select_option(label="emotieregulatie")
    page.get_by_role("button", name="Filteren").click()
    page.wait_for_load_state("networkidle")
    for psychologist in psychologists:
        page.get_by_label(psychologist.name, exact=True).check()
    page.get_by_label("Toelichting voor de psycholoog").fill("Een workshop voor 8 huisartsen.")
    page.get_by_role("button", name="De gekozen psychologen voorstellen").click()
    page.get_by_text("De gekozen psychologen zijn voorgesteld").wait_for()


def answer(page, psychologist, *, accept: bool, reason: str = "") -> None:
    """The psychologist opens their proposal and accepts it or declines with a reason."""
    page.context.clear_cookies()
    login(page, psychologist.user)
    page.goto("/voorstellen/")
    page.get_by_role("row", name="Aalst").get_by_role("link").click()
    if accept:
        page.get_by_role("button", name="Voorstel aanvaarden").click()
        page.get_by_text("U heeft het voorstel aanvaard").wait_for()
    else:
        page.get_by_label("Waarom gaat u niet in op dit voorstel?").fill(reason)
        page.get_by_role("button", name="Voorstel afwijzen").click()
        page.get_by_text("U heeft het voorstel afgewezen").wait_for()


def open_request_page(page, worker, support_request) -> None:
    page.context.clear_cookies()
    login(page, worker)
    page.goto(f"/vragen/{support_request.pk}/")


def register_on_request(page, psychologist, support_request) -> None:
    """The psychologist registers the 2 h workshop for 8 GPs on the request it answers."""
    page.context.clear_cookies()
    login(page, psychologist.user)
    page.goto(f"/registraties/nieuw/{psychologist.allocations.get().pk}/")
    page.get_by_label("Datum").fill(timezone.localdate().isoformat())
    page.get_by_label("Beginuur").fill("14:00")
    page.get_by_label("Duur").fill("120")
    page.get_by_label("Werkvorm").select_option("workshop")
    page.get_by_label("Aantal aanwezigen").fill("8")
    page.get_by_label("Functie/rol van de aanwezigen").fill("huisartsen")
    page.get_by_label("Onderwerp").fill("Workshop emotieregulatie")
    page.get_by_label("Ondersteuningsvraag die deze activiteit beantwoordt").select_option(
        str(support_request.pk)
    )
    page.get_by_role("button", name="Registreren").click()
    page.get_by_text("Op deze toekenning blijft nog").wait_for()


def answer_feedback(page, support_request) -> None:
    """The requester answers the one feedback question from the e-mailed link."""
    mail = Email.objects.get(to=[support_request.email], message__contains="/vraag/feedback/")
    page.goto(FEEDBACK_LINK.search(mail.message).group(0))
    page.get_by_label("5 – heel nuttig").check()
    page.get_by_label("Opmerking (niet verplicht)").fill("Heel bruikbaar voor ons team.")
    page.get_by_role("button", name="Feedback versturen").click()
    page.get_by_role("heading", name="Bedankt").wait_for()
    assert no_sideways_scroll(page)


def funnel_totals(page, network) -> dict[str, str]:
    """The year's totals of the network's funnel on the coordinator's uptake page."""
    page.context.clear_cookies()
    login(page, CoordinatorFactory(networks=[network]))
    page.goto("/coordinatie/benutting/")
    cells = page.locator(f"#funnel-{network.pk} + div tfoot td")
    return {cell.get_attribute("data-label"): cell.inner_text() for cell in cells.all()}


def contact_mails(support_request, psychologist) -> tuple[Email, Email]:
    """The match e-mails: the psychologist's contact to the requester, the requester's
    to the psychologist."""
    return (
        Email.objects.get(to=[support_request.email], subject__contains="helpt u verder"),
        Email.objects.get(to=[psychologist.user.email], subject__contains="gekoppeld"),
    )


def test_a_gp_practice_in_aalst_gets_a_workshop_on_emotion_regulation(phone_page, page):
    service, (declining, accepting) = ads_with_register()

    ask_for_support(phone_page)
    support_request = confirm_from_email(phone_page)
    assert support_request.network.code == "ADS"

    propose(page, service, [declining, accepting])
    answer(page, declining, accept=False, reason=DECLINE_REASON)
    answer(page, accepting, accept=True)
    assert page.locator("#requester-contact").get_by_text(REQUESTER).is_visible()

    to_requester, to_psychologist = contact_mails(support_request, accepting)
    assert accepting.user.email in to_requester.message
    assert REQUESTER in to_psychologist.message
    assert not Email.objects.filter(to=[declining.user.email], message__contains=REQUESTER)
    open_request_page(page, service, support_request)
    assert page.locator("#request-state").inner_text() == str(RequestState.MATCHED.label)
    assert page.locator("#proposals").get_by_text(DECLINE_REASON).is_visible()

    follow_from_email(phone_page)
    assert phone_page.get_by_text(str(RequestState.MATCHED.label), exact=True).is_visible()
    assert phone_page.get_by_text(DECLINE_REASON).count() == 0  # for the network only

    register_on_request(page, accepting, support_request)
    support_request.refresh_from_db()
    assert support_request.state == RequestState.DONE
    answer_feedback(phone_page, support_request)
    support_request.refresh_from_db()
    assert support_request.feedback_score == 5

    totals = funnel_totals(page, support_request.network)
    assert (totals["Ontvangen"], totals["Gekoppeld"], totals["Uitgevoerd"]) == ("1", "1", "1")
    assert totals["Uren op vragen"] == "2 u"
    assert totals["Feedback (1–5)"].startswith("5")


def test_a_clb_request_is_refused_as_not_yet_open(phone_page):
    pages.load_demo()  # no demo network has opened its offer to schools and CLBs
    stored, mails = SupportRequest.objects.count(), Email.objects.count()
    phone_page.goto("/vraag/")

    fill_request(
        phone_page,
        organisation="Vrij CLB Waasland",
        place_kind=FindplaceKind.CLB,
        postcode="9100",
        municipality="Sint-Niklaas",
    )
    live = phone_page.locator("#request-refusals [data-code='education_not_open']")
    live.wait_for()
    assert "CLB's kunnen nog niet" in live.inner_text()

    phone_page.get_by_role("button", name="Vraag versturen").click()
    phone_page.wait_for_load_state("networkidle")
    assert phone_page.get_by_text("CLB's kunnen nog niet").first.is_visible()
    assert phone_page.get_by_role("heading", name="Bevestig uw vraag").count() == 0
    assert SupportRequest.objects.count() == stored
    assert Email.objects.count() == mails
    assert no_sideways_scroll(phone_page)
