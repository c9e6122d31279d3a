"""`ctip restore FILE`: bring an encrypted backup back into an empty installation."""

import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection

from ctip.core.backup import (
    BackupError,
    read_passphrase,
    restore_database,
    restore_uploads,
    unpack_backup,
)


def installation_in_use() -> str | None:
    """Why this installation is not empty (users, audit entries or uploaded files), or None."""
    media = Path(settings.MEDIA_ROOT)
    if media.is_dir() and any(p.is_file() for p in media.rglob("*")):
        return f"{media} holds uploaded files"
    try:
        if apps.get_model("accounts", "User").objects.exists():
            return "the database has users"
        if apps.get_model("audit", "AuditEntry").objects.exists():
            return "the database has audit entries"
    except DatabaseError:
        return None  # tables not created yet: an empty database
    return None


def keep_current_sqlite_file() -> None:
    """--force: keep a copy of the database being replaced beside it (`….before-restore-<time>`)."""
    current = Path(connection.settings_dict["NAME"])
    if current.exists():
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        connection.close()
        source = sqlite3.connect(current, timeout=60)
        copy = sqlite3.connect(f"{current}.before-restore-{stamp}")
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()


class Command(BaseCommand):
    help = (
        "Restore a backup made by `ctip backup` into an empty installation (or over a used one "
        "with --force). The file is decrypted and verified before anything is changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--passphrase-file", help="read the passphrase from this file")
        parser.add_argument(
            "--force", action="store_true", help="replace a database and uploads that are in use"
        )

    def handle(self, *args, file, passphrase_file=None, force=False, **options):
        if not Path(file).is_file():
            raise CommandError(f"{file}: no such file", returncode=2)
        try:
            passphrase = read_passphrase(passphrase_file, settings.CTIP_BACKUP_PASSPHRASE)
        except BackupError as exc:
            raise CommandError(str(exc), returncode=2) from None
        reason = installation_in_use()
        if reason and not force:
            raise CommandError(
                f"this installation is not empty ({reason}); restore into a fresh "
                "one, or pass --force to replace it",
                returncode=2,
            )
        data_dir = Path(settings.DATA_DIR)
        # Decrypted into an unnamed file: a restore killed half-way leaves no plaintext copy.
        with tempfile.TemporaryFile(dir=data_dir) as plain:
            try:
                manifest, tar = unpack_backup(Path(file), passphrase, plain)
                if force and connection.vendor == "sqlite":
                    keep_current_sqlite_file()
                restore_database(tar, manifest, connection, data_dir)
                count = restore_uploads(tar, Path(settings.MEDIA_ROOT), keep_old=force)
            except BackupError as exc:
                raise CommandError(str(exc), returncode=2) from None
        self.stdout.write(
            f"restored the {manifest['vendor']} database and {count} uploaded files "
            f"from a backup made {manifest['created']}. Run `ctip migrate` if this "
            "version of ctip is newer than the backup. Unless this is the installation the "
            "backup came from, put its keys (field.keys, blind-index.key, audit.key or their "
            "CTIP_* variables) back from your key backup: other keys do not open the restored "
            "data."
        )
