"""`ctip worker`: run background jobs (django-tasks' database worker, after failing the jobs of
workers that died). Run one or more, on this machine or others sharing the PostgreSQL queue."""

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from ctip.jobs.services import fail_stale_jobs


class Command(DbWorkerCommand):
    help = "Run background jobs (reports, imports) from the database queue; stop with Ctrl-C."

    def handle(self, *args, **options):
        stale = fail_stale_jobs()
        if stale and options.get("verbosity", 1):
            self.stdout.write(f"{stale} job(s) left running by a stopped worker marked failed")
        return super().handle(*args, **options)
