"""axe-core on every catalogued page (tests/pages.py), once per role: the WCAG 2.1 A and AA
rules axe can check automatically, on the demo data. htmx fragments are checked inside the
page they are swapped into."""

import pytest

from demo.management.commands.demo import DEMO_PASSWORD
from tests import pages
from tests.e2e.conftest import axe_violations, login

RULES = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice")
ROLES = {
    "psychologist": pages.PSYCHOLOGIST,
    "coordinator": pages.COORDINATOR,
    "network staff": pages.STAFF,
    "existing service": pages.EXISTING_SERVICE,
    "anonymous": pages.ANONYMOUS,
}


@pytest.mark.parametrize("username", ROLES.values(), ids=ROLES.keys())
def test_every_catalogued_page_passes_axe_for_each_role(page, username):
    pages.load_demo()
    if username:
        login(page, pages.user(username), password=DEMO_PASSWORD)
    problems = {}
    for entry in pages.pages_of(username):
        if not entry.html or entry.fragment:
            continue
        page.goto(entry.url)
        page.wait_for_load_state("networkidle")
        violations = axe_violations(page, tags=RULES)
        if violations:
            problems[entry.url] = sorted(
                f"{v['id']}: {node['target']}" for v in violations for node in v["nodes"]
            )
    assert problems == {}
