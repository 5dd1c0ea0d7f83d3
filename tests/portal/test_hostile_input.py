"""Hostile input never gives a 5xx: every form field, filter, htmx endpoint and query
parameter of every page (tests/pages.py) of every demo login.

Each page's HTML is read like a browser would (tests/html_forms.py); then every field gets,
one at a time, each hostile value of its kind while the other fields hold what the page
filled in or a plausible value, so the hostile one reaches as deep as it can (the form,
then the service). A small hypothesis sample adds random text, numbers, dates and times.
A request that another page or login already makes (same path shape, method and fields)
is sent once. Every request runs in a savepoint that is rolled back, so each sees the
demo data as loaded. The test client re-raises a view's exception, so a crash is caught
here and reported with its request; all are listed at the end.
"""

from dataclasses import dataclass, field
from datetime import time
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from applications.models import Call
from applications.services import save_draft
from portal.models import Findplace
from registrations.services import register_activity
from tests import pages
from tests.html_forms import CHOICE_KINDS, Target, targets_of

# Sent to every field: empty, huge, NUL, right-to-left override with emoji, numbers
# below zero and beyond 64 bits, and a superscript digit (str.isdigit() says yes, int() no).
EVERY_FIELD = (
    "",
    "x" * 10_000,
    "abc\x00def",
    "\u202e\U0001f600 \u05e2\u05d1\u05e8\u05d9\u05ea",
    "-1",
    str(2**63),
    "\u00b2",
)
NUMBERS = ("1e999", "NaN", "0")
DATES = ("0001-01-01", "9999-12-31", "2025-02-30")
TIMES = ("25:61", "24:00")
MONTHS = ("99999-01", "0-1", "10000-1", "2025-13")
EMAILS = ("a" * 250 + "@example.org",)  # valid, and longer than a 254-character column
# What each kind of input also gets; a field whose kind the page does not say (a query
# parameter of a link) gets all of them.
BY_KIND = {"number": NUMBERS, "date": DATES, "time": TIMES, "month": MONTHS, "email": EMAILS}
EVERYTHING = (*NUMBERS, *DATES, *TIMES, *MONTHS, *EMAILS)
# A choice (select, radio, checkbox) is refused the same way for every value it does not
# offer: a few of them do.
CHOICES = ("", "x" * 10_000, "abc\x00def", str(2**63), "\u00b2")


def hostile_values(kind: str | None) -> tuple[str, ...]:
    if kind in CHOICE_KINDS:
        return CHOICES
    if kind is None:
        return (*EVERY_FIELD, *EVERYTHING)
    return (*EVERY_FIELD, *BY_KIND.get(kind, ()))


# Random input on top of the fixed list, kept small so the test stays fast.
HYPOTHESIS_EXAMPLES = 40
hostile_text = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.dates().map(str),
    st.times().map(lambda t: t.strftime("%H:%M")),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)


@dataclass
class Probe:
    """Sends requests as one login and keeps the ones that crashed."""

    client: Client
    username: str
    sent: int = 0
    crashes: list[str] = field(default_factory=list)

    def send(self, target: Target, data: dict, files=None, query=None) -> None:
        """One request to `target`: `data` as form fields (a GET puts them in the query
        string), `query` instead of the target's own query string."""
        query = target.query() if query is None else query
        headers = {"HX-Request": "true"} if target.htmx else {}
        if target.method == "get":
            query, data = query | data, {}
        url = f"{target.path}?{urlencode(query, doseq=True)}"
        self.sent += 1
        try:
            with transaction.atomic():
                if target.method == "post":
                    response = self.client.post(url, {**data, **(files or {})}, headers=headers)
                else:
                    response = self.client.get(url, headers=headers)
                transaction.set_rollback(True)
        except Exception as error:  # the test client re-raises what the view raised
            self._crash(target, url, data, repr(error))
            return
        if response.status_code >= 500:
            self._crash(target, url, data, str(response.status_code))

    def _crash(self, target: Target, url: str, data: dict, what: str) -> None:
        sent = {key: [str(v)[:20] for v in values] for key, values in data.items()}
        who = self.username or "anonymous"
        self.crashes.append(f"{what[:200]} <- {who} {target.method.upper()} {url} {sent}"[:600])

    def fuzz(self, target: Target, name: str, value: str) -> None:
        """`value` in one field (or query parameter) of `target`, the others plausible."""
        data = {key: values for key, values in plausible(target).items() if key != name}
        if name in target.query() and name not in target.fields:
            self.send(target, data, query=target.query() | {name: [value]})
        elif target.fields.get(name) == "file":
            for content in (value.encode(), b"%PDF-" + value.encode()):
                self.send(target, data, {name: SimpleUploadedFile("upload.pdf", content)})
        else:
            self.send(target, data | {name: [value]})


def plausible(target: Target) -> dict[str, list[str]]:
    """What the page filled in, and a value of the right kind in each empty field, so a
    hostile value in one field gets past the others to the rules behind the form."""
    today = timezone.localdate()
    filler = {
        "date": today.isoformat(),
        "time": "10:00",
        "month": f"{today:%Y-%m}",
        "number": "1",
        "email": "iemand@example.org",
    }
    data = {}
    for name, kind in target.fields.items():
        values = [value for value in target.defaults.get(name, []) if value]
        if not values and kind in CHOICE_KINDS:
            values = [value for value in target.options.get(name, []) if value][:1]
        elif not values and kind not in ("submit", "file"):
            values = [filler.get(kind, "x")]
        if values:
            data[name] = values
    return data


def targets_for(client: Client, username: str) -> list[Target]:
    """Every form, htmx request and query link of the login's pages, and the pages'
    own query strings."""
    targets = []
    for page in pages.pages_of(username):
        if not page.html:
            continue
        html = client.get(page.url).content.decode()
        targets += [t for t in targets_of(page.url, html) if t.path != reverse("logout")]
        targets.append(Target(page.url, "get"))
    return targets


def names_of(target: Target) -> list[str]:
    return list(dict.fromkeys([*target.fields, *target.query()]))


def add_pages_with_more_fields(psychologist) -> None:
    """Two pages the demo lacks: the edit form of an unbilled registration (the demo bills
    every registration of last month) and a draft whose chosen findplace is on the form."""
    add_unbilled_registration(psychologist)
    call = Call.objects.get(code="1")
    findplace = Findplace.objects.filter(network__in=psychologist.networks.all()).last()
    save_draft(
        psychologist,
        call,
        {
            "findplace": findplace,
            "start_date": timezone.localdate(),
            "requested_minutes": call.editions.get().quota_minutes,
            "structural_offer": True,
        },
    )


def add_unbilled_registration(psychologist) -> None:
    allocation = psychologist.allocations.filter(is_active=True, call__number=1).first()
    register_activity(
        psychologist,
        allocation.pk,
        {
            "date": timezone.localdate(),
            "start_time": time(8, 0),
            "duration_minutes": 15,
            "work_form": "consultation",
            "attendees": 3,
            "attendee_roles": "huisartsen",
            "subject": "Overleg",
        },
    )


@pytest.mark.django_db
def test_no_hostile_value_in_any_field_gives_a_server_error():
    pages.load_demo()
    add_pages_with_more_fields(pages.user(pages.PSYCHOLOGIST).psychologist)
    probes, fuzzable, seen = [], [], set()
    for username in [*pages.LOGINS, pages.ANONYMOUS]:
        client = Client()
        if username:
            client.force_login(pages.user(username))
        probe = Probe(client, username)
        probes.append(probe)
        # A request like one of another page or login is sent once; a field of the same
        # name on a request to the same path shape (the application form of each call)
        # is fuzzed once.
        for target in targets_for(client, username):
            if target.signature() in seen:
                continue
            seen.add(target.signature())
            probe.send(target, target.defaults)
            for name in names_of(target):
                key = (target.signature()[:3], name)
                if key in seen:
                    continue
                seen.add(key)
                fuzzable.append((probe, target, name))
                for value in hostile_values(target.fields.get(name)):
                    probe.fuzz(target, name, value)

    @settings(
        max_examples=HYPOTHESIS_EXAMPLES,
        database=None,
        deadline=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.sampled_from(fuzzable), hostile_text)
    def random_value(probe_target_and_name, value):
        probe, target, name = probe_target_and_name
        probe.fuzz(target, name, value)

    random_value()
    crashes = [crash for probe in probes for crash in probe.crashes]
    sent = sum(probe.sent for probe in probes)
    assert not crashes, f"{len(crashes)} of {sent} requests crashed:\n" + "\n".join(crashes)
