"""A psychologist downloads everything the portal holds about them, and nobody else's."""

import io
import json
import zipfile
from datetime import date, time

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.models import AccessKind, AccessLogEntry, Theme
from tests.billing.invoice_pdf_helpers import (
    allocation_of,
    complete_network,
    complete_psychologist,
    issue_march_invoice,
)
from tests.factories import (
    CooperationAgreementFactory,
    CoordinatorFactory,
    NetworkFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db

ZIP_URL = reverse("privacy:my_data_zip")


@pytest.fixture
def network():
    return complete_network(NetworkFactory(code="PAKT", name="Het PAKT"))


def working(network, name: str, subject: str):
    first, last = name.split()
    psychologist = complete_psychologist(network, user={"first_name": first, "last_name": last})
    allocation = allocation_of(psychologist, network)
    RegistrationFactory(
        allocation=allocation,
        date=date(2025, 3, 5),
        start_time=time(9, 0),
        duration_minutes=60,
        quota_minutes=60,
        subject=subject,
    )
    return psychologist


@pytest.fixture
def an(network):
    return working(network, "An Peeters", "Intervisie over piekeren")


@pytest.fixture
def dirk(network):
    return working(network, "Dirk Claes", "Workshop over slapen")


def download(client, psychologist) -> zipfile.ZipFile:
    client.force_login(psychologist.user)
    response = client.get(ZIP_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.content))


def everything(archive: zipfile.ZipFile) -> str:
    return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())


def test_the_zip_holds_the_psychologists_own_profile_and_registrations(client, an, dirk):
    archive = download(client, an)
    (profile,) = json.loads(archive.read("profile.json"))
    assert profile["fields"]["riziv_number"] == an.riziv_number
    assert "Intervisie over piekeren" in archive.read("registrations.csv").decode("utf-8-sig")


def test_the_zip_holds_nobody_elses_data(client, an, dirk):
    text = everything(download(client, an))
    assert "Dirk" not in text and "Workshop over slapen" not in text
    assert dirk.riziv_number not in text


def test_the_zip_holds_the_invoices(client, an, network):
    issue_march_invoice(network)
    archive = download(client, an)
    invoices = json.loads(archive.read("invoices.json"))
    assert [item["fields"]["payee_name"] for item in invoices] == ["An Peeters"]
    assert "86,69" in archive.read("invoices.csv").decode("utf-8-sig")


def test_the_zip_never_holds_the_password_hash(client, an):
    (account,) = json.loads(download(client, an).read("account.json"))
    assert "password" not in account["fields"]
    assert account["fields"]["email"] == an.user.email


def test_the_zip_holds_the_signed_agreement_uploaded(client, an, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    application = an.allocations.get().application
    agreement = CooperationAgreementFactory(application=application)
    agreement.signed_pdf.save("overeenkomst.pdf", ContentFile(b"%PDF-1.4 signed"))
    archive = download(client, an)
    (name,) = [n for n in archive.namelist() if n.startswith("files/")]
    assert archive.read(name) == b"%PDF-1.4 signed"


def test_only_a_psychologist_gets_a_zip(client, network):
    client.force_login(CoordinatorFactory(networks=[network]))
    assert client.get(ZIP_URL).status_code == 403


def test_the_profile_links_to_the_download(client, an):
    client.force_login(an.user)
    assert reverse("privacy:my_data") in client.get(reverse("profile")).content.decode()


def test_the_zip_says_who_viewed_the_psychologists_data(client, an, network):
    AccessLogEntry.objects.create(
        user_label="Lotte (coord.pakt)",
        kind=AccessKind.APPLICATION,
        object_label="Aanvraag #1 van An Peeters",
        psychologist=an,
        path="/x/",
    )
    (entry,) = json.loads(download(client, an).read("who_viewed_my_data.json"))
    assert entry["fields"]["user_label"] == "Lotte (coord.pakt)"


def test_the_zip_lists_the_themes_of_each_application_and_of_the_profile(client, an):
    theme = Theme.objects.create(name="Slaap")
    an.applications.get().themes.add(theme)
    an.themes.add(theme)
    archive = download(client, an)
    (application,) = json.loads(archive.read("applications.json"))
    (profile,) = json.loads(archive.read("profile.json"))
    assert application["fields"]["themes"] == profile["fields"]["themes"] == [theme.pk]


def test_the_queries_of_the_zip_do_not_grow_with_the_applications_and_their_themes(
    client, an, network, django_assert_max_num_queries
):
    download(client, an)  # the first request of the process fills caches of its own
    with CaptureQueriesContext(connection) as one:
        download(client, an)
    theme = Theme.objects.create(name="Slaap")
    for _ in range(5):
        allocation_of(an, network).application.themes.add(theme)
    with django_assert_max_num_queries(len(one.captured_queries)):
        download(client, an)
