"""`ctip keys generate|new-field-key|rotate|status`: the installation's keys.

generate       a new installation only: write the missing key files (field keys, blind-index key,
               audit key) into the data directory. Refuses when stored data depends on a missing
               key — restore that key from the key backup instead (docs/operations.md, Keys).
new-field-key  print a new field key, for rotation.
rotate         re-seal everything under the newest key of the field keys.
status         count rows still under older keys.

Safe rotation: new-field-key → put the new key FIRST in CTIP_FIELD_KEYS ("new,old") or as the
first line of field.keys → restart → rotate → `status` shows nothing stale → remove the old key.
"""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from ctip.cases import crypto, services
from ctip.core import keys


class Command(BaseCommand):
    help = "Keys: generate (new installation), new-field-key, rotate (re-encrypt), status."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["generate", "new-field-key", "rotate", "status"])
        parser.add_argument("--dry-run", action="store_true", help="rotate: only count rows")

    def handle(self, *args, action, dry_run, **options):
        if action == "generate":
            return self._generate()
        if action == "new-field-key":
            self.stdout.write(crypto.generate_key())
            self.stderr.write(
                'Put this key FIRST in CTIP_FIELD_KEYS (e.g. CTIP_FIELD_KEYS="<new>,<old>", or as '
                "the first line of field.keys in the data directory), restart, then run `ctip keys "
                "rotate`. Remove the old key only after `ctip keys status` reports nothing stale. "
                "Back the new key up first."
            )
            return
        try:
            ring = crypto.keyring()
        except (crypto.KeyError_, keys.KeyConfigError) as exc:
            raise CommandError(str(exc), returncode=2) from exc
        if action == "status":
            counts = services.rotate_keys(dry_run=True)
            self.stdout.write(f"current key {ring[0][0]}; {len(ring) - 1} older key(s) configured")
            for label, n in counts.items():
                self.stdout.write(f"{label}: {n} row(s) under an older key")
            return
        self._rotate(ring, dry_run)

    def _generate(self):
        if not keys.missing():
            raise CommandError(
                "every key is already there (files in the data directory or environment "
                "variables); nothing was written",
                returncode=2,
            )
        try:
            written = keys.generate_for_new_installation()
        except keys.KeyConfigError as exc:
            raise CommandError(str(exc), returncode=2) from None
        for path in written:
            self.stdout.write(f"wrote {path}")
        self.stderr.write(
            "Back these files up now, apart from the database backups (docs/operations.md, Keys): "
            "without them the personal data, name search and audit log cannot be read or checked."
        )

    def _rotate(self, ring, dry_run):
        if len(ring) == 1 and not dry_run:
            self.stdout.write(
                "Only one key is configured: rows under other keys cannot be opened. "
                "Run `ctip keys new-field-key` first."
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
