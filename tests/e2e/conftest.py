"""Browser journeys in real headless Chromium (Debian's), driven by Playwright.

Every test here is marked `e2e` and runs against pytest-django's live server.
"""

import os

import pytest
from django.templatetags.static import static

from tests.conftest import chromium_path
from tests.factories import PASSWORD

# Playwright's sync API keeps an event loop in this thread; the ORM calls the tests
# make between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, settings, transactional_db):
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    context = browser.new_context(locale="nl-BE", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server, settings, transactional_db):
    """A page 375 px wide, as on a phone."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    context = browser.new_context(
        locale="nl-BE", base_url=live_server.url, viewport={"width": 375, "height": 800}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def login(page, user, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_load_state("networkidle")


def axe_violations(page, rules=("label", "color-contrast"), tags=None) -> list[dict]:
    """Run axe-core (shipped as a static file) on the current page for the given rules, or
    for every rule of the given tags (e.g. "wcag2aa").

    Loaded by its URL, as the portal's own script: the Content-Security-Policy blocks the
    inline copy Playwright would otherwise inject."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=static("vendor/axe-core/axe.min.js"))
    run_only = (
        {"type": "tag", "values": list(tags)} if tags else {"type": "rule", "values": list(rules)}
    )
    result = page.evaluate("async (runOnly) => await axe.run(document, {runOnly})", run_only)
    return result["violations"]


def record_csp_violations(page) -> list[str]:
    """Every Content-Security-Policy violation the page reports from now on: the browser's
    console errors and the `securitypolicyviolation` events (the list fills as it runs)."""
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.expose_function("reportCspViolation", lambda text: violations.append(text))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', (e) =>"
        " window.reportCspViolation(e.violatedDirective + ' ' + e.blockedURI));"
    )
    return violations
