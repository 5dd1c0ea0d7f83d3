"""`make run` without any setup: SQLite, every migration, the demo data (the README's
first command). The suite runs on PostgreSQL, so this path is proved in a fresh process
against a SQLite file of its own."""

import sqlite3
import subprocess
import sys

import pytest

from tests.portal.test_settings_env import BASE_DIR, clean_env

DEMO_ENV = {
    "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    "LOG_LEVEL": "ERROR",
}


def manage(database, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=clean_env(DATABASE_URL=f"sqlite:///{database}", **DEMO_ENV),
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory):
    database = tmp_path_factory.mktemp("zero-setup") / "db.sqlite3"
    migrated = manage(database, "migrate", "--noinput")
    assert migrated.returncode == 0, migrated.stderr[-2000:]
    demo = manage(database, "demo")
    assert demo.returncode == 0, demo.stderr[-2000:]
    return database, demo.stdout


def test_every_migration_runs_on_sqlite_and_the_demo_loads(demo_database):
    _database, printed = demo_database

    assert "coord.pakt" in printed and "staff" in printed


def test_the_usage_kept_per_allocation_is_written_on_sqlite_too(demo_database):
    database, _printed = demo_database
    with sqlite3.connect(database) as db:
        kept = db.execute("SELECT SUM(minutes) FROM registrations_allocationusage").fetchone()
        summed = db.execute(
            "SELECT SUM(quota_minutes) FROM registrations_registration WHERE NOT is_credited"
        ).fetchone()

    assert kept == summed != (None,)
