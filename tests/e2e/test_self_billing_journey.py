"""A psychologist reads their network's self-billing terms from the overview, accepts them,
and sees when and which version they accepted."""

from billing.models import SelfBillingAcceptance
from billing.self_billing import SELF_BILLING_TERMS_VERSION
from tests.e2e.conftest import axe_violations, login
from tests.factories import NetworkFactory, PsychologistFactory


def test_psychologist_accepts_the_self_billing_terms_from_the_overview(page):
    network = NetworkFactory(code="PAKT", name="Het PAKT")
    psychologist = PsychologistFactory(networks=[network], self_billing=False)
    login(page, psychologist.user)

    page.goto("/mijn/")
    page.get_by_role("link", name="Lees en aanvaard de voorwaarden van Het PAKT").click()
    page.get_by_role("heading", name="Autofacturatie", exact=True).wait_for()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Ik aanvaard de voorwaarden van Het PAKT").click()

    page.get_by_text("U aanvaardde de voorwaarden voor autofacturatie van Het PAKT.").wait_for()
    page.get_by_text(f"(versie {SELF_BILLING_TERMS_VERSION})").first.wait_for()
    acceptance = SelfBillingAcceptance.objects.get()
    assert (acceptance.psychologist_id, acceptance.network_id) == (psychologist.pk, network.pk)
