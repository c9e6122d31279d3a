"""`ctip import-plan FILE [--code NAP-2020-2024] [--act-date 2022-05-01] [--dry-run]`"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from ctip.plan import services
from ctip.plan.catalogue import importer


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--act-date: not a date (YYYY-MM-DD): {value}", returncode=2) from exc


class Command(BaseCommand):
    help = (
        "Load an action plan from its official document (DOCX or PDF): directions, sub-items, "
        "executors, deadlines and expected results. Loading it again changes nothing; an amended "
        "document becomes a new version of the plan. Atomic."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--code", help="plan code (default NAP-<first year>-<last year>)")
        parser.add_argument(
            "--act-date", type=_date, help="date of the approving or amending act, if not read"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would change; write nothing"
        )

    def handle(self, *args, **opts):
        services.sync_agencies()  # the reference list may have gained agencies
        try:
            summary = importer.import_plan(
                None,
                opts["file"],
                code=opts["code"],
                act_date=opts["act_date"],
                dry_run=opts["dry_run"],
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages), returncode=2) from exc
        for line in importer.summary_lines(summary):
            self.stdout.write(line)
