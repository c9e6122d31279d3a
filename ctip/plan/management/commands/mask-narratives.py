"""`ctip mask-narratives [--dry-run]`: recompute the masked names of every report narrative.

Narratives are masked when they are imported or edited, and again when a person they mention is
registered or renamed; run this after upgrading ctip (a better name detector) or restoring cases
from a backup, or on a schedule beside `ctip retention apply`.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from ctip.audit.services import record
from ctip.plan import services
from ctip.plan.models import ItemReport


class Command(BaseCommand):
    help = "Recompute the names masked in report narratives for readers without need-to-know."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count, change nothing")

    def handle(self, *args, dry_run, **options):
        with transaction.atomic():
            changed = services.remask_reports(ItemReport.objects.all())
            if dry_run:
                transaction.set_rollback(True)
            else:
                record(
                    None, "plan.report.remask", None, reports=changed, via="ctip mask-narratives"
                )
        verb = "would change" if dry_run else "changed"
        self.stdout.write(f"{verb} the masks of {changed} report(s)")
