"""A strict Content-Security-Policy on every page, and no page needs 'unsafe-inline': no
inline <script>, no <style>, no style attribute, no on* handler (tests/pages.py catalogue)."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests import pages

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def directives(header: str) -> dict[str, str]:
    parts = (part.strip().split(None, 1) for part in header.split(";") if part.strip())
    return dict(parts)


class InlineFinder(HTMLParser):
    """Collects what a strict policy would block: inline scripts, <style>, style=, on*=."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        names = {name for name, _value in attrs}
        if tag == "script" and "src" not in names:
            self.found.append(f"<script> without src at line {self.getpos()[0]}")
        if tag == "style":
            self.found.append(f"<style> at line {self.getpos()[0]}")
        for name in names:
            if name == "style" or name.startswith("on"):
                self.found.append(f"{name}= on <{tag}> at line {self.getpos()[0]}")

    handle_startendtag = handle_starttag


def inline_content(html: str) -> list[str]:
    finder = InlineFinder()
    finder.feed(html)
    return finder.found


def test_the_finder_sees_each_kind_of_inline_content():
    html = '<script>x()</script><style>p{}</style><p style="x" onclick="y()"><img onerror=z>'

    assert len(inline_content(html)) == 5


@pytest.mark.django_db
def test_the_policy_is_strict(client):
    header = client.get(reverse("login"))["Content-Security-Policy"]

    assert directives(header) == POLICY


@pytest.mark.django_db
@pytest.mark.parametrize("username", [*pages.LOGINS, pages.ANONYMOUS])
def test_every_page_has_the_policy_and_nothing_inline(client, username):
    pages.load_demo()
    if username:
        client.force_login(pages.user(username))
    problems = {}
    for page in pages.pages_of(username):
        response = client.get(page.url)
        if directives(response.get("Content-Security-Policy", "")) != POLICY:
            problems[page.url] = ["no strict Content-Security-Policy header"]
        elif page.html and (found := inline_content(response.content.decode())):
            problems[page.url] = found
    assert problems == {}
