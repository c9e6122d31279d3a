"""`ctip audit verify`: walk the hash chain; name every edited, deleted or reordered entry."""

from django.core.management.base import BaseCommand, CommandError

from ctip.audit.models import AuditEntry
from ctip.audit.services import verify


class Command(BaseCommand):
    help = "Verify the hash-chained audit log (exit status 1 when it was tampered with)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, **options):
        problems = verify()
        if problems:
            for p in problems:
                self.stderr.write(p.message)
            raise CommandError(
                f"audit log tampered: {len(problems)} problem(s); first: {problems[0].message}",
                returncode=1,
            )
        self.stdout.write(f"audit log intact: {AuditEntry.objects.count()} entries")
