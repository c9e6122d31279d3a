"""`ctip remind [--dry-run] [--date YYYY-MM-DD] [--again]`: the daily reminder e-mails."""

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ctip.reminders.services import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail each user a digest of what falls due for them (counts and links only). "
        "--dry-run prints who would get what and sends nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="print, send nothing")
        parser.add_argument("--date", help="the day to remind for (default today)")
        parser.add_argument(
            "--again", action="store_true", help="also users already reminded that day"
        )

    def handle(self, *args, dry_run, date, again, **options):
        try:
            today = dt.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError(
                f"--date {date!r} is not a date like 2026-11-30", returncode=2
            ) from None
        try:
            outcomes = send_reminders(
                None, today=today, days=settings.CTIP_REMIND_DAYS, dry_run=dry_run, again=again
            )
        except OSError as exc:  # the SMTP server refused or could not be reached
            raise CommandError(f"could not send the reminders: {exc}", returncode=1) from None
        for o in outcomes:
            if o.digest.empty:
                continue
            verb = "would send" if dry_run else ("sent" if o.sent else "skipped")
            self.stdout.write(
                f"{verb} {o.username} ({o.language}): "
                f"{o.digest.overdue} overdue, {o.digest.soon} due soon"
            )
        total = sum(1 for o in outcomes if not o.digest.empty)
        done = "to send" if dry_run else "sent"
        self.stdout.write(f"{total} digests {done}, {len(outcomes) - total} users with nothing due")
