"""`ctip retention apply [--dry-run]`: anonymize closed cases, and intakes closed without a case,
whose retention period has ended."""

from django.core.management.base import BaseCommand

from ctip.cases import services


class Command(BaseCommand):
    help = (
        "Anonymize closed cases and intakes closed without a case past their retention period "
        "(statistics stay, personal data goes)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["apply"])
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dry_run, **options):
        result = services.apply_retention(None, dry_run=dry_run)
        verb = "would anonymize" if dry_run else "anonymized"
        self.stdout.write(
            f"{verb} {len(result.cases)} case(s) and {result.intakes} intake(s) closed without "
            f"a case (retention {services.retention_days()} days after closing)"
            + (": " + ", ".join(result.cases) if result.cases else "")
        )
