"""`ctip keys generate` prints a new field key; `ctip keys rotate` re-seals everything under the
newest key of CTIP_FIELD_KEYS; `ctip keys status` counts rows still under older keys.

Safe flow: generate → put the new key FIRST in CTIP_FIELD_KEYS ("new,old") → restart →
rotate → check `status` shows nothing stale → remove the old key.
"""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from ctip.cases import crypto, services


class Command(BaseCommand):
    help = "Field-encryption keys: generate, rotate (re-encrypt under the newest key), status."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["generate", "rotate", "status"])
        parser.add_argument("--dry-run", action="store_true", help="rotate: only count rows")

    def handle(self, *args, action, dry_run, **options):
        if action == "generate":
            key = crypto.generate_key()
            self.stdout.write(key)
            self.stderr.write(
                'Put this key FIRST in CTIP_FIELD_KEYS (e.g. CTIP_FIELD_KEYS="<new>,<old>", or as the '
                "first line of field.keys in the data directory), restart, then run `ctip keys rotate`. "
                "Remove the old key only after `ctip keys status` reports nothing stale."
            )
            return
        try:
            ring = crypto.keyring()
        except crypto.KeyError_ as exc:
            raise CommandError(str(exc), returncode=2) from exc
        if action == "status":
            counts = services.rotate_keys(dry_run=True)
            self.stdout.write(f"current key {ring[0][0]}; {len(ring) - 1} older key(s) configured")
            for label, n in counts.items():
                self.stdout.write(f"{label}: {n} row(s) under an older key")
            return
        if len(ring) == 1 and not dry_run:
            self.stdout.write(
                "Only one key is configured: rows under other keys cannot be opened. "
                "Run `ctip keys generate` first."
            )
        try:
            counts = services.rotate_keys(
                dry_run=dry_run,
                progress=lambda total: tqdm(
                    total=total, unit="row", disable=total == 0, file=self.stderr
                ),
            )
        except crypto.DecryptionError as exc:
            raise CommandError(f"rotation stopped, nothing changed: {exc}", returncode=2) from exc
        total = sum(counts.values())
        verb = "would re-encrypt" if dry_run else "re-encrypted"
        self.stdout.write(
            f"{verb} {total} row(s) under key {ring[0][0]}: "
            + ", ".join(f"{k} {v}" for k, v in counts.items())
        )
        if not dry_run:
            self.stdout.write("Older keys can now be removed from CTIP_FIELD_KEYS.")
