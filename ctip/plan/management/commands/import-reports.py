"""`ctip import-reports PATH… [--plan P] [--status …] [--dry-run]`: many report files at once."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ctip.plan import imports, services


class Command(BaseCommand):
    help = (
        "Import legacy report files (txt/docx/xlsx/pdf/scans) from files and folders. Agency, "
        "period and plan are read from each report's preamble unless given; earlier corrections "
        "to the same file are applied. Each file is atomic; a bad file is reported and skipped. "
        "Files that are not reports (README, gold files) are refused with a line. Ends with one "
        "table; the exit code is 1 when any report failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders")
        parser.add_argument("--plan", default="", help="plan code (else from each preamble)")
        parser.add_argument("--status", default="submitted", choices=services.IMPORT_STATUSES)
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would change; write nothing"
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, **opts):
        from tqdm import tqdm  # only the command draws a progress bar

        files, outcomes = imports.report_files(opts["paths"])
        done = imports.import_files(
            files, plan=opts["plan"], status=opts["status"], dry_run=opts["dry_run"]
        )
        bar = tqdm(
            done, total=len(files), unit="file", disable=opts["no_progress"], file=sys.stderr
        )
        outcomes.extend(bar)
        self.stdout.write(render_table(sorted(outcomes, key=lambda o: o.file)))
        failed = [o for o in outcomes if o.failed]
        if failed:
            raise CommandError(
                _("%(n)s of %(t)s files failed.") % {"n": len(failed), "t": len(outcomes)},
                returncode=1,
            )


def render_table(outcomes: list) -> str:
    """One aligned text table: file, agency, period, sub-items found/matched/flagged/added,
    facts, status."""
    head = [
        _("file"),
        _("agency"),
        _("period"),
        _("found"),
        _("matched"),
        _("flagged"),
        _("added"),
        _("facts"),
        _("status"),
    ]
    rows = [head] + [
        [
            o.file,
            o.agency,
            o.period,
            *(str(n) if o.ok else "" for n in (o.found, o.matched, o.flagged, o.added, o.facts)),
            o.status,
        ]
        for o in outcomes
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(len(head) - 1)]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(r[:-1], widths, strict=True)) + "  " + r[-1]
        for r in rows
    )
