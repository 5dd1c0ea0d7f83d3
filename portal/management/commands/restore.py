"""`manage.py restore <archive>`: put a backup of `manage.py backup` back into the
configured database and MEDIA_ROOT, then check the result against the archive's manifest."""

import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from portal import backup


class Command(BaseCommand):
    help = (
        "Restore an archive of `manage.py backup` into the configured PostgreSQL database and "
        "MEDIA_ROOT, and verify row counts and the sha256 of every file against its manifest."
    )
    # The checks may read tables of a database that is about to be replaced or is empty.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace the data of a database or MEDIA_ROOT that is not empty",
        )

    def handle(self, *args, archive, force, **options):
        try:
            self.restore(archive, Path(settings.MEDIA_ROOT), force)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error

    def restore(self, archive: Path, media_root: Path, force: bool) -> None:
        backup.require_postgresql()
        if not archive.is_file():
            raise backup.BackupError(f"{archive} does not exist")
        if not force and not backup.database_is_empty():
            raise backup.BackupError(
                f"the database {connection.settings_dict['NAME']} is not empty: restore "
                "into an empty database, or give --force to replace its data with the archive's"
            )
        if not force and not backup.media_is_empty(media_root):
            raise backup.BackupError(
                f"MEDIA_ROOT {media_root} holds files: restore into an empty folder, or give "
                "--force to write the archive's files over them"
            )
        with tempfile.TemporaryDirectory() as work:
            manifest = backup.unpack(archive, Path(work))
            backup.restore_database(Path(work) / backup.DUMP)
            backup.restore_media(Path(work), media_root)
        problems = backup.verify(manifest, media_root)
        if problems:
            raise backup.BackupError(
                "restored, but it does not match the archive's manifest: " + "; ".join(problems)
            )
        self.stdout.write(
            f"Restored {archive} (made {manifest['created_at']} of database "
            f"{manifest['database']}) into {connection.settings_dict['NAME']}: "
            f"{manifest['invoices']} invoices, {sum(manifest['rows'].values())} rows, "
            f"{len(manifest['files'])} files under {media_root}; row counts and sha256 verified."
        )
        for app, name in manifest["migrations"].items():
            self.stdout.write(f"  {app}: {name}")
        if pending := backup.unapplied_migrations():
            self.stdout.write(
                f"The code has {len(pending)} migration(s) the archive lacks: run "
                "`python manage.py migrate` before starting the portal."
            )
