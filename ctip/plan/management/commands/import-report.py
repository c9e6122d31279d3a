"""`ctip import-report FILE --plan NAP-2020-2024 --agency DMX --period 2022 [--status …] [--dry-run]`"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from ctip.core.errors import one_line
from ctip.extraction import ExtractionError
from ctip.plan import services
from ctip.plan.models import Agency


class Command(BaseCommand):
    help = (
        "Import a legacy report (txt/docx/pdf): create missing plan items and this agency's "
        "item reports for the period. Idempotent and atomic. The file is read in a child "
        "process with the CTIP_EXTRACT_* limits."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--plan",
            required=True,
            help="plan code, e.g. NAP-2020-2024 (created if missing: the operator's command adds "
            "plans and sub-items; the web import of a focal point does not)",
        )
        parser.add_argument("--agency", required=True, help="agency abbreviation, e.g. DMX")
        parser.add_argument("--period", required=True, help="2022 or 2022-H1 (created if missing)")
        parser.add_argument("--status", default="submitted", choices=services.IMPORT_STATUSES)
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would change; write nothing"
        )

    def handle(self, *args, **opts):
        if not Agency.objects.exists():
            services.sync_agencies()
        try:
            summary = services.import_report(
                None,
                opts["file"],
                plan=opts["plan"],
                agency=opts["agency"],
                period=opts["period"],
                status=opts["status"],
                dry_run=opts["dry_run"],
                via="ctip import-report",
            )
        except (ValidationError, PermissionDenied, ExtractionError) as exc:
            raise CommandError(one_line(exc), returncode=2) from exc
        for line in summary.lines():
            self.stdout.write(line)
