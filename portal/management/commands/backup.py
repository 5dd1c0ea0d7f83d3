"""`manage.py backup`: the database and the uploads in one archive with a manifest
(portal/backup.py says what it holds and why pg_dump is wrapped rather than a library)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from portal import backup


class Command(BaseCommand):
    help = (
        "Write one archive with a pg_dump of the database, the uploads under MEDIA_ROOT and "
        "a manifest (migrations, row counts, sha256 of every file). PostgreSQL only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "output",
            nargs="?",
            type=Path,
            help="the archive to write (default: BACKUP_ROOT/art8-YYYYmmdd-HHMMSS.tar.gz)",
        )
        parser.add_argument(
            "--keep",
            type=int,
            metavar="N",
            help="afterwards delete all but the N newest art8-*.tar.gz archives of its folder",
        )

    def handle(self, *args, output, keep, **options):
        if keep is not None and keep < 1:
            raise CommandError("--keep must be at least 1")
        target = output or Path(settings.BACKUP_ROOT) / backup.archive_name(timezone.now())
        try:
            manifest = backup.write_backup(target, Path(settings.MEDIA_ROOT))
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backup written to {target} ({target.stat().st_size} bytes): database "
            f"{manifest['database']}, {manifest['invoices']} invoices, "
            f"{sum(manifest['rows'].values())} rows, {len(manifest['files'])} uploaded files."
        )
        if keep is not None:
            for removed in backup.prune(target.parent, keep):
                self.stdout.write(f"Removed the older archive {removed}.")
