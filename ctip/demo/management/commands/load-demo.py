"""`ctip load-demo [--national-job]`: the demo data set written for ctip (synthetic; no real
people); with --national-job, a national report job queued for the demo coordinator too."""

from django.core.management.base import BaseCommand
from django.db import transaction

from ctip.accounts.models import User
from ctip.demo import cases, people, plan, records
from ctip.plan.models import ActionPlan
from ctip.reports.jobs import start_report_job

# Each module's `load(stdout) -> list[str]` (lines to print), in dependency order.
DEMO_MODULES = [people, plan, records, cases]
DEMO_COORDINATOR = "koordinator"


class Command(BaseCommand):
    help = "Load the synthetic demo data set (idempotent) and print a login for each role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--national-job",
            action="store_true",
            help="also queue a national report (PDF) for the demo coordinator, to watch on /jobs/",
        )
        parser.add_argument(
            "--base-url",
            default="",
            help="printed before the job's path, e.g. http://127.0.0.1:8000",
        )

    def handle(self, *args, **options):
        lines: list[str] = []
        with transaction.atomic():
            for module in DEMO_MODULES:
                lines += module.load(self.stdout) or []
        if options["national_job"]:
            lines.append(national_job_line(options["base_url"]))
        for line in lines:
            self.stdout.write(line)


def national_job_line(base_url: str) -> str:
    """Queue the demo plan's national report of its last period for the demo coordinator."""
    coordinator = User.objects.get(username=DEMO_COORDINATOR)
    demo_plan = ActionPlan.objects.get(code=plan.PLAN)
    period = demo_plan.periods.order_by("-year", "-half").first()
    job = start_report_job(
        coordinator,
        plan=demo_plan,
        period=period,
        agency=None,
        fmt="pdf",
        lang="az",
        include_submitted=True,
        annex=True,
    )
    return (
        f"National report job of {DEMO_COORDINATOR} ({demo_plan.code} {period.code}, PDF): "
        f"{base_url.rstrip('/')}/jobs/{job.pk}/"
    )
