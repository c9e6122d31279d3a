"""`ctip backup FILE`: an encrypted, consistent snapshot of the database and uploaded files."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from ctip.core.backup import BackupError, create_backup, read_passphrase


class Command(BaseCommand):
    help = (
        "Write an encrypted backup (database + uploaded files) to FILE. The passphrase comes "
        "from CTIP_BACKUP_PASSPHRASE or --passphrase-file. Field keys are not included: keep "
        "them separately."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--passphrase-file", help="read the passphrase from this file")

    def handle(self, *args, file, passphrase_file=None, **options):
        try:
            passphrase = read_passphrase(passphrase_file, settings.CTIP_BACKUP_PASSPHRASE)
            manifest = create_backup(
                Path(file), passphrase, connection=connection, media_root=Path(settings.MEDIA_ROOT)
            )
        except BackupError as exc:
            raise CommandError(str(exc), returncode=2) from None
        self.stdout.write(
            f"backup written to {file} ({manifest['vendor']} database, "
            f"{manifest['uploads']} uploaded files). The personal-data keys are not "
            "in it: keep them separately."
        )
