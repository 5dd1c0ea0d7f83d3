"""Backup and restore (portal/backup.py): an archive of `manage.py backup`, restored by
`manage.py restore` into a fresh PostgreSQL database, gives back the same invoices and the
same uploaded files; a database with data is not overwritten without --force, and a damaged
archive is refused before anything is restored.

The data must be committed for pg_dump to see it, hence transactional tests; the restore runs
in a subprocess because the settings (DATABASE_URL, MEDIA_ROOT) are read once per process.
"""

import io
import os
import subprocess
import sys
import tarfile
import uuid
from datetime import date
from pathlib import Path

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from tests.billing.invoice_pdf_helpers import (
    allocation_of,
    complete_network,
    complete_psychologist,
    issue_march_invoice,
)
from tests.factories import CooperationAgreementFactory, NetworkFactory, RegistrationFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
AGREEMENT_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n" + bytes(range(256))


@pytest.fixture
def billed():
    """A March invoice of one activity and a signed agreement uploaded under MEDIA_ROOT."""
    network = complete_network(NetworkFactory(code="PAKT", name="Het PAKT"))
    allocation = allocation_of(complete_psychologist(network), network)
    RegistrationFactory(allocation=allocation, date=date(2025, 3, 5), duration_minutes=90)
    invoice = issue_march_invoice(network)
    agreement = CooperationAgreementFactory(application=allocation.application, signed_pdf="")
    agreement.signed_pdf.save("overeenkomst.pdf", SimpleUploadedFile("o.pdf", AGREEMENT_BYTES))
    return {"invoice": invoice, "file": agreement.signed_pdf.name}


@pytest.fixture
def archive(billed, tmp_path):
    path = tmp_path / "backups" / "art8.tar.gz"
    call_command("backup", str(path), stdout=io.StringIO())
    return path


def server(dbname: str):
    db = connection.settings_dict
    return psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"] or "postgres",
        password=db["PASSWORD"] or None,
        dbname=dbname,
        autocommit=True,
    )


@pytest.fixture
def fresh_database():
    """The name of a new, empty PostgreSQL database, dropped after the test."""
    name = f"art8_restore_{uuid.uuid4().hex[:12]}"
    with server("postgres") as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with server("postgres") as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def restore_in_subprocess(archive: Path, dbname: str, media_root: Path, *extra: str):
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    url = f"postgres://{db['USER'] or 'postgres'}{password}@{db['HOST'] or '127.0.0.1'}"
    environment = {
        **os.environ,
        "DATABASE_URL": f"{url}:{db['PORT'] or 5432}/{dbname}",
        "MEDIA_ROOT": str(media_root),
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive), *extra],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_backup_restored_into_a_fresh_database_has_the_same_invoices_and_files(
    billed, archive, fresh_database, tmp_path
):
    media = tmp_path / "restored-media"
    media.mkdir()

    result = restore_in_subprocess(archive, fresh_database, media)

    assert result.returncode == 0, result.stderr
    assert "1 invoices" in result.stdout and "verified" in result.stdout
    with server(fresh_database) as restored:
        rows = restored.execute("SELECT number, amount FROM billing_invoice").fetchall()
        items = restored.execute("SELECT amount FROM billing_invoiceline ORDER BY id").fetchall()
        stored = restored.execute("SELECT signed_pdf FROM applications_cooperationagreement")
        assert stored.fetchone()[0] == billed["file"]
    invoice = billed["invoice"]
    assert rows == [(invoice.number, invoice.amount)]
    assert items == [(item.amount,) for item in invoice.lines.order_by("id")]
    assert (media / billed["file"]).read_bytes() == AGREEMENT_BYTES


def test_restore_refuses_a_database_that_is_not_empty_without_force(archive, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "empty-media"

    with pytest.raises(CommandError, match="is not empty.*--force"):
        call_command("restore", str(archive))


def test_restore_exits_non_zero_on_a_database_that_is_not_empty(archive, fresh_database, tmp_path):
    media = tmp_path / "restored-media"
    assert restore_in_subprocess(archive, fresh_database, media).returncode == 0

    again = restore_in_subprocess(archive, fresh_database, media)

    assert again.returncode != 0
    assert "is not empty" in again.stderr


def test_restore_with_force_replaces_the_data_of_a_restored_database(
    archive, fresh_database, tmp_path
):
    media = tmp_path / "restored-media"
    assert restore_in_subprocess(archive, fresh_database, media).returncode == 0

    again = restore_in_subprocess(archive, fresh_database, media, "--force")

    assert again.returncode == 0, again.stderr
    with server(fresh_database) as restored:
        assert restored.execute("SELECT count(*) FROM billing_invoice").fetchone() == (1,)


def rewrite(archive: Path, change) -> None:
    """The archive again, with `change(name, data)` giving each member's new bytes."""
    with tarfile.open(archive, "r:gz") as source:
        members = [(m, source.extractfile(m).read()) for m in source.getmembers() if m.isfile()]
    with tarfile.open(archive, "w:gz") as target:
        for member, data in members:
            new = change(member.name, data)
            member.size = len(new)
            target.addfile(member, io.BytesIO(new))


def test_restore_refuses_an_archive_whose_file_does_not_match_its_sha256(
    archive, billed, fresh_database, tmp_path
):
    rewrite(archive, lambda name, data: data[:-1] + b"!" if name.startswith("media/") else data)

    result = restore_in_subprocess(archive, fresh_database, tmp_path / "restored-media")

    assert result.returncode != 0
    assert f"{billed['file']} does not match its sha256" in result.stderr
    with server(fresh_database) as restored:
        tables = restored.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        assert tables.fetchone() == (0,)


def test_restore_refuses_a_truncated_archive(archive, fresh_database, tmp_path):
    archive.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])

    result = restore_in_subprocess(archive, fresh_database, tmp_path / "restored-media")

    assert result.returncode != 0
    assert "is not a readable backup archive" in result.stderr


def test_restore_reports_a_restored_database_that_differs_from_the_manifest(
    archive, fresh_database, tmp_path
):
    def more_invoices(name, data):
        return data.replace(b'"billing.invoice": 1,', b'"billing.invoice": 2,')

    rewrite(archive, more_invoices)

    result = restore_in_subprocess(archive, fresh_database, tmp_path / "restored-media")

    assert result.returncode != 0
    assert "billing.invoice: 2 rows in the archive, 1 restored" in result.stderr


def test_backup_keeps_only_the_newest_archives(billed, tmp_path, settings):
    settings.BACKUP_ROOT = tmp_path / "backups"
    settings.BACKUP_ROOT.mkdir()
    for stamp in ("20250101-020000", "20250102-020000", "20250103-020000"):
        (settings.BACKUP_ROOT / f"art8-{stamp}.tar.gz").write_bytes(b"old")

    call_command("backup", "--keep", "2", stdout=io.StringIO())

    kept = sorted(path.name for path in settings.BACKUP_ROOT.iterdir())
    assert len(kept) == 2
    assert kept[0] == "art8-20250103-020000.tar.gz"
