"""Backup and restore of the portal as one archive: a `pg_dump` of the database, the uploads
under MEDIA_ROOT and a manifest that says what the two hold, so a restore can prove itself.

`pg_dump` is wrapped here instead of using django-dbbackup: that library writes the database
and the media as two separate backups without a shared manifest or a check after restoring,
and for PostgreSQL it shells out to the same `pg_dump`/`pg_restore`. What an operator needs
is one file to keep, and a restore that says whether it found every invoice and file again.
The management commands `backup` and `restore` are thin shells around these functions.
"""

import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from datetime import datetime
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from portal.cache_versions import DIRECTORY

FORMAT = 1
MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA = "media"
ARCHIVE_GLOB = "art8-*.tar.gz"
MANIFEST_KEYS = ("created_at", "database", "migrations", "rows", "invoices", "dump", "files")
CHUNK = 1024 * 1024


class BackupError(Exception):
    """What the operator must read: a refusal, a failing tool or a damaged archive."""


# --- The database -------------------------------------------------------------------------


def require_postgresql() -> None:
    if connection.vendor != "postgresql":
        raise BackupError(
            f"backup and restore need PostgreSQL; the configured database is {connection.vendor}. "
            "The SQLite development database is one file: copy it while the portal is stopped."
        )


def tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} is not on PATH: install the PostgreSQL client (postgresql-client)"
        )
    return found


def pg_environment() -> dict[str, str]:
    """The connection of the configured database for pg_dump/pg_restore, as libpq variables:
    the password travels in PGPASSWORD, never on a command line that `ps` shows."""
    db = connection.settings_dict
    values = {
        "PGDATABASE": db["NAME"],
        "PGHOST": db.get("HOST") or "",
        "PGPORT": str(db.get("PORT") or ""),
        "PGUSER": db.get("USER") or "",
        "PGPASSWORD": db.get("PASSWORD") or "",
        "PGSSLMODE": (db.get("OPTIONS") or {}).get("sslmode", ""),
    }
    return {**os.environ, **{key: value for key, value in values.items() if value}}


def run(command: list[str]) -> None:
    result = subprocess.run(command, env=pg_environment(), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


def restore_database(dump: Path) -> None:
    """One transaction: a restore that fails half-way leaves the database as it was.

    The restored data versions of the psychologists go back, so the pages cached under
    them are set aside with a new directory version."""
    connection.close()
    run(
        [
            tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            connection.settings_dict["NAME"],
            str(dump),
        ]
    )
    DIRECTORY.change()


def database_is_empty() -> bool:
    return not connection.introspection.table_names()


def latest_migrations() -> dict[str, str]:
    """The latest applied migration of each app (names start with their number)."""
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(name, latest.get(app, name))
    return dict(sorted(latest.items()))


def unapplied_migrations() -> list[str]:
    loader = MigrationLoader(connection)
    leaves = loader.graph.leaf_nodes()
    plan = {node for leaf in leaves for node in loader.graph.forwards_plan(leaf)}
    return sorted(f"{app}.{name}" for app, name in plan - set(loader.applied_migrations))


def row_counts() -> dict[str, int]:
    """Rows of every table of the project's models, many-to-many tables included; a model
    whose table is not there (the code is newer than the data) has no count."""
    tables = set(connection.introspection.table_names())
    models = apps.get_models(include_auto_created=True)
    return {
        model._meta.label_lower: model._base_manager.count()
        for model in sorted(models, key=lambda m: m._meta.label_lower)
        if model._meta.managed and not model._meta.proxy and model._meta.db_table in tables
    }


# --- The uploads --------------------------------------------------------------------------


def sha256_of(stream) -> str:
    digest = hashlib.sha256()
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def file_digest(path: Path) -> dict:
    with path.open("rb") as stream:
        return {"sha256": sha256_of(stream), "bytes": path.stat().st_size}


def media_files(root: Path) -> dict[str, Path]:
    """Every regular file under MEDIA_ROOT by its path relative to it (POSIX form)."""
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): path
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


# --- The archive --------------------------------------------------------------------------


def archive_name(now: datetime) -> str:
    return f"art8-{timezone.localtime(now):%Y%m%d-%H%M%S}.tar.gz"


def write_backup(target: Path, media_root: Path) -> dict:
    """Dump the database, then copy the uploads (in this order: a row in the dump never
    names a file the archive lacks), and write the archive under a temporary name first,
    so a failed backup never looks like a good one. Returns the manifest."""
    require_postgresql()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DUMP
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "database": connection.settings_dict["NAME"],
            "server_version": connection.pg_version,
            **dump_with_state(dump),
        }
        files = media_files(media_root)
        manifest["invoices"] = manifest["rows"].get("billing.invoice", 0)
        manifest["dump"] = file_digest(dump)
        manifest["files"] = {name: file_digest(path) for name, path in files.items()}
        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
            add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
            archive.add(dump, arcname=DUMP)
            for name, path in files.items():
                archive.add(path, arcname=f"{MEDIA}/{name}")
        partial.replace(target)
    return manifest


def dump_with_state(dump: Path) -> dict:
    """pg_dump and the manifest's counts read one snapshot: the transaction exports it and
    pg_dump reuses it, so writes during the backup never make the manifest disagree."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        state = {"migrations": latest_migrations(), "rows": row_counts()}
        run([tool("pg_dump"), "--format=custom", f"--snapshot={snapshot}", "--file", str(dump)])
    return state


def add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), int(timezone.now().timestamp()), 0o644
    archive.addfile(info, io.BytesIO(data))


def prune(directory: Path, keep: int) -> list[Path]:
    """Delete all but the `keep` newest archives of `directory` (the names sort by time)."""
    archives = sorted(directory.glob(ARCHIVE_GLOB))
    removed = archives[: max(len(archives) - keep, 0)]
    for path in removed:
        path.unlink()
    return removed


def unpack(archive_path: Path, work: Path) -> dict:
    """Extract the archive into `work` and check every member against the manifest before
    anything is restored: a damaged archive is refused with the database untouched."""
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(work, filter="data")
    except (OSError, EOFError, tarfile.TarError) as error:
        raise BackupError(f"{archive_path} is not a readable backup archive: {error}") from error
    try:
        manifest = json.loads((work / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{archive_path} has no readable {MANIFEST}: {error}") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{archive_path}: not a manifest of this archive format ({FORMAT})")
    if lacking := [key for key in MANIFEST_KEYS if key not in manifest]:
        raise BackupError(f"{archive_path}: the manifest lacks {', '.join(lacking)}")
    problems = mismatches({DUMP: manifest["dump"]}, {DUMP: work / DUMP})
    problems += mismatches(manifest["files"], media_files(work / MEDIA))
    if problems:
        raise BackupError(f"{archive_path} is damaged: " + "; ".join(problems))
    return manifest


def mismatches(expected: dict[str, dict], found: dict[str, Path]) -> list[str]:
    """What differs between the manifest's files and the files found, by name."""
    problems = []
    for name, digest in sorted(expected.items()):
        path = found.get(name)
        if path is None or not path.is_file():
            problems.append(f"{name} is missing")
        elif file_digest(path)["sha256"] != digest["sha256"]:
            problems.append(f"{name} does not match its sha256")
    problems += [f"{name} is not in the manifest" for name in sorted(set(found) - set(expected))]
    return problems


def media_is_empty(media_root: Path) -> bool:
    return not media_files(media_root)


def restore_media(work: Path, media_root: Path) -> None:
    for name in media_files(work / MEDIA):
        destination = media_root / PurePosixPath(name)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(work / MEDIA / name, destination)


def verify(manifest: dict, media_root: Path) -> list[str]:
    """What the restored database and uploads lack compared with the manifest."""
    connection.close()
    rows = row_counts()
    problems = [
        f"{label}: {count} rows in the archive, {rows.get(label)} restored"
        for label, count in manifest["rows"].items()
        if rows.get(label) != count
    ]
    if (migrations := latest_migrations()) != manifest["migrations"]:
        problems.append(f"migrations {migrations} differ from the archive's")
    restored = {name: media_root / PurePosixPath(name) for name in manifest["files"]}
    return problems + mismatches(manifest["files"], restored)
