"""`ctip jobs cleanup`: mark failed the jobs of dead workers, remove results older than
CTIP_JOB_RESULT_DAYS (files and rows) and what jobs left behind (orphaned staged uploads older
than CTIP_UPLOAD_RETENTION_HOURS). For a daily timer."""

from django.core.management.base import BaseCommand

from ctip.jobs.services import clean_leftovers, cleanup_jobs, fail_stale_jobs


class Command(BaseCommand):
    help = "Background jobs: 'cleanup' removes old results; 'stale' fails jobs of dead workers."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["cleanup", "stale"])

    def handle(self, *args, action, **options):
        if action == "stale":
            self.stdout.write(f"{fail_stale_jobs()} stale job(s) marked failed")
        else:
            self.stdout.write(f"{cleanup_jobs()} old job(s) removed")
            for what, count in clean_leftovers().items():
                self.stdout.write(f"{count} {what} removed")
